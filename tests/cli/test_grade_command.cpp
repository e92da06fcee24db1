// gan grade, run as a program on the full tree: full marks, Gradescope's layout, and clear errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "gan/io/atomic_file.h"
#include "gan/io/json.h"
#include "run_gan.h"

TEST_CASE("gan grade gives the full tree full marks, in Gradescope's results.json layout", "[cli][smoke]") {
  GanRun run = run_gan("grade-json", "grade --json");
  INFO("stderr: " << run.err << "\nstdout: " << run.out);
  REQUIRE(run.exit_code == 0);
  gan::JsonValue results = gan::parse_json(run.out, "gan grade --json");
  CHECK(results.at("execution_time").as_number() >= 0);
  const auto& tests = results.at("tests").items();
  REQUIRE(tests.size() == 13);  // 12 tasks and the training run of tests/teach/points.json
  double max_score = 0;
  for (const gan::JsonValue& test : tests) {
    INFO(test.at("number").as_string() << " " << test.at("name").as_string() << ": " << test.at("output").as_string());
    CHECK(test.at("score").as_number() == test.at("max_score").as_number());
    CHECK(test.at("output").as_string().rfind("pass", 0) == 0);
    max_score += test.at("max_score").as_number();
  }
  CHECK(results.at("score").as_number() == max_score);
  CHECK(max_score == 100);
}

TEST_CASE("gan grade --tasks grades the tasks named, as a table", "[cli][smoke]") {
  GanRun run = run_gan("grade-table", "grade --tasks 1.1,5.2");
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("1.1   sigmoid backward") != std::string::npos);
  CHECK(run.out.find("5.2   SSIM") != std::string::npos);
  CHECK(run.out.find("2.1") == std::string::npos);
  CHECK(run.out.find("score 10/10") != std::string::npos);
}

TEST_CASE("gan grade names an unknown task, a bad points file and a missing test program", "[cli]") {
  GanRun unknown = run_gan("grade-unknown", "grade --tasks 1.1,9.9");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown task '9.9'; tasks in") != std::string::npos);

  GanRun missing_points = run_gan("grade-no-points", "grade --points " + cli_scratch("no-such-points.json"));
  CHECK(missing_points.exit_code == 1);
  CHECK(missing_points.err.find("cannot read points file") != std::string::npos);

  const std::string bad = cli_scratch("bad-points.json");
  gan::write_file_atomically(bad, R"({"test_programs": ["test_ops"], "tasks": [{"number": "one", "name": "x", "points": 1}]})");
  GanRun bad_points = run_gan("grade-bad-points", "grade --points " + bad);
  CHECK(bad_points.exit_code == 1);
  CHECK(bad_points.err.find(".tasks[0].number must look like 2.3, got 'one'") != std::string::npos);

  GanRun no_programs = run_gan("grade-no-programs", "grade --tasks 1.1 --tests " + cli_scratch("no-such-folder"));
  CHECK(no_programs.exit_code == 1);
  CHECK(no_programs.err.find("test program") != std::string::npos);
  CHECK(no_programs.err.find("test_ops is missing") != std::string::npos);
}

TEST_CASE("gan grade stops a test program that runs past --time-limit and fails its task", "[cli]") {
  // A stand-in for a student's test program whose task loops forever: it lists one test for the
  // tag, then hangs when asked to run it.
  const std::string folder = cli_scratch("grade-hanging");
  std::filesystem::create_directories(folder);
  const std::string program = folder + "/test_ops";
  gan::write_file_atomically(program, "#!/bin/sh\n"
                                      "case \"$1\" in --list-test-names-only) echo 'sigmoid backward';; *) sleep 60;; esac\n");
  std::filesystem::permissions(program, std::filesystem::perms::owner_all);
  const std::string points = cli_scratch("grade-hanging-points.json");
  gan::write_file_atomically(points, R"({"test_programs": ["test_ops"],
    "tasks": [{"number": "1.1", "name": "sigmoid backward", "points": 5}],
    "training": {"number": "6.1", "name": "a short run", "points": 1, "needs": ["1.1"]}})");
  GanRun run = run_gan("grade-hanging", "grade --tasks 1.1 --time-limit 1 --points " + points + " --tests " + folder);
  INFO("stderr: " << run.err << "\nstdout: " << run.out);
  CHECK(run.exit_code == 0);  // grading finished; the task failed
  CHECK(run.out.find("test_ops: stopped after the time limit of 1 s (--time-limit): a loop that never ends?") !=
        std::string::npos);
  CHECK(run.out.find("score 0/5") != std::string::npos);
}
