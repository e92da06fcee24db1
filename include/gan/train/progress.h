// Progress: what a run prints while it trains. On a terminal, one line redrawn in place with a bar,
// the speed, the time left in the epoch and the latest losses; otherwise (a log file, CI) one plain
// line per epoch, so logs stay readable.
#pragma once

#include <chrono>
#include <string>

namespace gan {

class Progress {
 public:
  explicit Progress(bool terminal);
  void update(int epoch, int epochs, int step, int steps, double d_loss, double g_loss);
  // note: appended to the epoch's line as it is (the collapse alarm's words), or "".
  void finish_epoch(int epoch, int epochs, double seconds, double images_per_second, double d_loss, double g_loss,
                    double d_real, double d_fake, const std::string& note);

 private:
  bool terminal_;
  std::chrono::steady_clock::time_point epoch_start_;
  int last_epoch_ = -1;
};

}  // namespace gan
