#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>

#include "../test_files.h"
#include "gan/io/atomic_file.h"
#include "gan/io/csv.h"
#include "gan/tensor/rng.h"

using gan::CsvWriter;
using gan::format_float;

TEST_CASE("CsvWriter writes the header and quotes only the cells that need it", "[io]") {
  const std::string path = scratch_path("io", "quoting.csv");
  CsvWriter csv(path, {"epoch", "note"});
  CHECK(gan::read_file(path) == "epoch,note\n");
  csv.write_row({"1", "plain"});
  CHECK(gan::read_file(path) == "epoch,note\n1,plain\n");  // on disk at once, before any close
  csv.write_row({"2", "a,b"});
  csv.write_row({"3", "say \"hi\""});
  csv.write_row({"4", "two\nlines"});
  csv.write_row({"5", ""});
  CHECK(gan::read_file(path) == "epoch,note\n1,plain\n2,\"a,b\"\n3,\"say \"\"hi\"\"\"\n4,\"two\nlines\"\n5,\n");
  CHECK_THROWS_WITH(csv.write_row({"6"}), "CsvWriter::write_row: " + path + " has 2 columns, got a row of 1 cells");
}

TEST_CASE("CsvWriter::resume keeps the rows up to the checkpoint and continues after them", "[io]") {
  const std::string path = scratch_path("io", "resume.csv");
  // Epochs 1 to 3 were logged, then the run was killed in the middle of a row of epoch 4; the
  // checkpoint holds epoch 2.
  gan::write_file_atomically(path, "epoch,loss\n1,0.5\n2,\"x,y\"\n2,0.25\n3,0.125\n4,0.0");
  {
    CsvWriter csv = CsvWriter::resume(path, {"epoch", "loss"}, "epoch", 2);
    CHECK(gan::read_file(path) == "epoch,loss\n1,0.5\n2,\"x,y\"\n2,0.25\n");
    csv.write_row({"3", "0.75"});
  }
  CHECK(gan::read_file(path) == "epoch,loss\n1,0.5\n2,\"x,y\"\n2,0.25\n3,0.75\n");
}

TEST_CASE("CsvWriter::resume can key the rows on another column, such as the step", "[io]") {
  const std::string path = scratch_path("io", "resume_by_step.csv");
  // A run interrupted after step 3 (inside epoch 2), resumed, then killed after writing step 5.
  gan::write_file_atomically(path, "epoch,step\n1,1\n1,2\n2,3\n2,4\n2,5\n");
  CsvWriter::resume(path, {"epoch", "step"}, "step", 3);
  CHECK(gan::read_file(path) == "epoch,step\n1,1\n1,2\n2,3\n");
  CHECK_THROWS_WITH(CsvWriter::resume(path, {"epoch", "step"}, "batch", 3),
                    "CsvWriter::resume: " + path + ": the key column 'batch' is not in the header");
}

TEST_CASE("CsvWriter::resume names the file and what does not match", "[io]") {
  const std::string path = scratch_path("io", "resume_errors.csv");
  gan::write_file_atomically(path, "epoch,d_loss\n1,0.5\n");
  CHECK_THROWS_WITH(CsvWriter::resume(path, {"epoch", "d_loss", "g_loss"}, "epoch", 1),
                    path + ": line 1: expected the header epoch,d_loss,g_loss, found the header epoch,d_loss");
  gan::write_file_atomically(path, "");
  CHECK_THROWS_WITH(CsvWriter::resume(path, {"epoch"}, "epoch", 1),
                    path + ": line 1: expected the header epoch, found no header");
  gan::write_file_atomically(path, "epoch,d_loss\n1,0.5\nnext,0.4\n");
  CHECK_THROWS_WITH(CsvWriter::resume(path, {"epoch", "d_loss"}, "epoch", 1),
                    path + ": row 3: epoch must be an integer, got 'next'");
  const std::string missing = scratch_path("io", "no_such.csv");
  CHECK_THROWS_WITH(CsvWriter::resume(missing, {"epoch"}, "epoch", 1), missing + ": cannot read: No such file or directory");
}

TEST_CASE("format_float prints the shortest text that reads back exactly", "[io][golden]") {
  CHECK(format_float(0.1f) == "0.1");  // a float: "0.1", not the widened 0.100000001490116...
  CHECK(format_float(0.1) == "0.1");
  CHECK(format_float(1.0 / 3.0) == "0.3333333333333333");
  CHECK(format_float(1.0f / 3.0f) == "0.33333334");
  CHECK(format_float(2e-4f) == "0.0002");
  CHECK(format_float(5.0) == "5");
  CHECK(format_float(-1234567.0) == "-1234567");
  CHECK(format_float(1e10) == "10000000000");  // whole numbers as integers, up to 2^53
  CHECK(format_float(9007199254740992.0) == "9007199254740992");
  CHECK(format_float(1e20) == "1e+20");
  CHECK(format_float(1e-7) == "1e-07");
  CHECK(format_float(-0.0) == "-0");
  CHECK(format_float(1e300) == "1e+300");  // beyond float range: printed as a double
  CHECK(format_float(std::nan("")) == "nan");
  CHECK(format_float(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(format_float(-std::numeric_limits<double>::infinity()) == "-inf");

  gan::Rng rng(7);
  for (int i = 0; i < 2000; ++i) {
    float f = rng.normal() * std::pow(10.0f, static_cast<float>(rng.uniform_int(20) - 10));
    CHECK(std::strtof(format_float(f).c_str(), nullptr) == f);
    double d = static_cast<double>(f) * (1.0 + 1e-12);  // not a float any more
    CHECK(std::strtod(format_float(d).c_str(), nullptr) == d);
  }
}

TEST_CASE("read_csv reads back what CsvWriter wrote, and names the file and line of a bad row", "[io]") {
  const std::string path = scratch_path("io", "read_back.csv");
  {
    CsvWriter csv(path, {"epoch", "note"});
    csv.write_row({"1", "a,b"});
    csv.write_row({"2", ""});
  }
  gan::CsvTable table = gan::read_csv(path);
  CHECK(table.header == std::vector<std::string>{"epoch", "note"});
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0] == std::vector<std::string>{"1", "a,b"});
  CHECK(table.rows[1] == std::vector<std::string>{"2", ""});
  CHECK(table.column("note", path) == 1);
  CHECK_THROWS_WITH(table.column("fid", path), path + ": expected a column 'fid', found the columns epoch, note");

  gan::write_file_atomically(path, "epoch,note\n1,x\n2,y,z\n3,cut off");  // the last line has no '\n'
  CHECK_THROWS_WITH(gan::read_csv(path), path + ": line 3: expected 2 cells as in the header, found 3");
  gan::write_file_atomically(path, "epoch,note\n1,x\n3,cut off");
  CHECK(gan::read_csv(path).rows.size() == 1);
  gan::write_file_atomically(path, "");
  CHECK_THROWS_WITH(gan::read_csv(path), path + ": expected a CSV header line, found an empty file");
}
