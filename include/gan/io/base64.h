// Base64 (RFC 4648, Sec. 4): bytes as text of 64 safe characters, 4 characters per 3 bytes, '='
// padding the last group. The report (report/report.h) embeds its PNG pictures with it as
// data URIs, "data:image/png;base64,iVBORw0K...", so that one HTML file holds everything.
//
//   base64_encode("Man") == "TWFu";  base64_encode("M") == "TQ==";
#pragma once

#include <string>

namespace gan {

std::string base64_encode(const std::string& bytes);

}  // namespace gan
