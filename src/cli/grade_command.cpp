// gan grade [--json] [--tasks 1.1,2.3] [--points FILE] [--tests DIR]: scores the tasks of assignment
// mode (docs/teaching.md) in the tree this program was built from. Each task passes when, in order,
//   1. every test tagged [task x.y] in the test programs passes (run as child processes, so that a
//      crash in a student's code fails the task instead of the grader);
//   2. `gan gradcheck OP` passes for each op the points file lists for it;
// and the training row passes when a short seeded MLP GAN run gives plausible numbers. A task's
// message names its first failing check, with expected and actual values. Points come from the
// points file (default tests/teach/points.json); nothing depends on the machine, the clock or the
// thread count, so a submission gets the same grade everywhere.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "command_line.h"
#include "commands.h"
#include "gan/data/batches.h"
#include "gan/data/dataset.h"
#include "gan/io/json.h"
#include "gan/models/gan_models.h"
#include "gan/optim/adam.h"
#include "gan/train/training_step.h"

namespace gan::cli {

namespace {

struct Task {
  std::string number;                  // "2.3"
  std::string name;                    // "batch-norm backward"
  double points = 0;
  std::vector<std::string> gradcheck;  // ops for `gan gradcheck`
};

// The short training run: its row, and the tasks whose code it runs.
struct TrainingRow {
  Task row;
  std::vector<std::string> needs;
};

struct PointsFile {
  std::vector<std::string> test_programs;  // test_ops, ...: Catch2 programs holding [task x.y] tests
  std::vector<Task> tasks;
  TrainingRow training;
};

struct Outcome {
  std::string status;  // "pass", "fail", or "skipped" (training, when a task it needs failed)
  std::string message;
};

// ---- The points file ----

std::runtime_error points_error(const std::string& path, const std::string& what) {
  return std::runtime_error("points file " + path + ": " + what + " (docs/teaching.md describes the layout)");
}

const JsonValue& member(const std::string& path, const JsonValue& object, const std::string& where,
                        const std::string& key, const char* type) {
  const JsonValue* value = object.find(key);
  if (!value || std::string(value->type_name()) != type) {
    throw points_error(path, where + "." + key + " must be " + (type[0] == 'a' || type[0] == 'o' ? "an " : "a ") + type);
  }
  return *value;
}

std::vector<std::string> strings(const std::string& path, const JsonValue& array, const std::string& where) {
  std::vector<std::string> out;
  for (const JsonValue& item : array.items()) {
    if (std::string(item.type_name()) != "string") throw points_error(path, where + " must hold strings");
    out.push_back(item.as_string());
  }
  return out;
}

bool is_task_number(const std::string& s) {  // digits '.' digits
  size_t dot = s.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i != dot && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

Task parse_task(const std::string& path, const JsonValue& entry, const std::string& where) {
  if (std::string(entry.type_name()) != "object") throw points_error(path, where + " must be an object");
  Task task;
  task.number = member(path, entry, where, "number", "string").as_string();
  if (!is_task_number(task.number)) throw points_error(path, where + ".number must look like 2.3, got '" + task.number + "'");
  task.name = member(path, entry, where, "name", "string").as_string();
  task.points = member(path, entry, where, "points", "number").as_number();
  if (!(task.points >= 0) || !std::isfinite(task.points)) throw points_error(path, where + ".points must be >= 0");
  if (entry.find("gradcheck")) {
    task.gradcheck = strings(path, member(path, entry, where, "gradcheck", "array"), where + ".gradcheck");
  }
  return task;
}

PointsFile read_points(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read points file " + path + " (pass --points FILE)");
  std::stringstream text;
  text << in.rdbuf();
  JsonValue root = parse_json(text.str(), path);
  if (std::string(root.type_name()) != "object") throw points_error(path, "the top level must be an object");
  PointsFile points;
  points.test_programs = strings(path, member(path, root, "", "test_programs", "array"), ".test_programs");
  if (points.test_programs.empty()) throw points_error(path, ".test_programs must name at least one program");
  std::set<std::string> seen;
  const JsonValue& tasks = member(path, root, "", "tasks", "array");
  for (size_t i = 0; i < tasks.items().size(); ++i) {
    Task task = parse_task(path, tasks.items()[i], ".tasks[" + std::to_string(i) + "]");
    if (!seen.insert(task.number).second) throw points_error(path, "task " + task.number + " is listed twice");
    points.tasks.push_back(task);
  }
  if (points.tasks.empty()) throw points_error(path, ".tasks must list at least one task");
  const JsonValue& training = member(path, root, "", "training", "object");
  points.training.row = parse_task(path, training, ".training");
  if (!seen.insert(points.training.row.number).second) {
    throw points_error(path, "the training row's number " + points.training.row.number + " is also a task's");
  }
  points.training.needs = strings(path, member(path, training, ".training", "needs", "array"), ".training.needs");
  for (const std::string& need : points.training.needs) {
    if (!seen.count(need)) throw points_error(path, ".training.needs names " + need + ", which is not a task");
  }
  return points;
}

// ---- Child processes ----

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A child that ran past its time limit: coreutils' timeout exits 124 after its TERM, 137 after
// the KILL it sends 5 s later to a child that ignored the TERM.
constexpr int kTimedOut = 124, kKilled = 137;

// Runs `command` through the shell, stopped after `seconds` (a student's endless loop must not
// hang the grader), with stderr joined to stdout; returns the exit code (-1 when killed by a
// signal) and fills `output`.
int run_command(const std::string& command, std::string& output, int seconds) {
  output.clear();
  const std::string limited = "timeout -k 5 " + std::to_string(seconds) + " " + command;
  FILE* pipe = popen((limited + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot start: " + command);
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string program_folder() {
  char path[4096];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) throw std::runtime_error("cannot find the gan program's folder; pass --tests DIR");
  std::string exe(path, static_cast<size_t>(n));
  return exe.substr(0, exe.rfind('/'));
}

std::string self_path() { return program_folder() + "/gan"; }

// The first line of `text` holding `key`, without the folders of a source path before it.
std::string first_line_with(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(key) == std::string::npos) continue;
    size_t source = line.find(".cpp:");
    if (source != std::string::npos) {
      size_t slash = line.rfind('/', source);
      if (slash != std::string::npos) line = line.substr(slash + 1);
    }
    return line;
  }
  return "";
}

// ---- The checks ----

// 1. The Catch2 tests tagged [task x.y], program by program, in the points file's order.
Outcome run_task_tests(const Task& task, const PointsFile& points, const std::string& tests_dir, int seconds) {
  const std::string tag = "[task " + task.number + "]";
  int programs_with_tests = 0;
  for (const std::string& program : points.test_programs) {
    const std::string path = tests_dir + "/" + program;
    if (access(path.c_str(), X_OK) != 0) {
      throw std::runtime_error("test program " + path + " is missing: build it (cmake --build BUILD --target " +
                               program + ") or pass --tests DIR");
    }
    std::string listing;
    run_command(quoted(path) + " --list-test-names-only " + quoted(tag), listing, seconds);
    if (listing.find_first_not_of(" \n") == std::string::npos) continue;
    ++programs_with_tests;
    std::string output;
    int code = run_command("env OMP_WAIT_POLICY=passive " + quoted(path) + " " + quoted(tag) +
                           " --reporter compact --use-colour no", output, seconds);
    if (code == 0) continue;
    if (code == kTimedOut || code == kKilled) {
      return {"fail", program + ": stopped after the time limit of " + std::to_string(seconds) +
                          " s (--time-limit): a loop that never ends?"};
    }
    std::string line = first_line_with(output, "failed:");
    if (line.empty()) line = code < 0 ? "the test program crashed" : "exit code " + std::to_string(code);
    return {"fail", program + ": " + line};
  }
  if (programs_with_tests == 0) {
    throw std::runtime_error("no test tagged " + tag + " in the test programs (" + tests_dir +
                             "); the points file names task " + task.number);
  }
  return {"pass", ""};
}

// 2. `gan gradcheck OP...` on the task's ops, in one child process.
Outcome run_gradchecks(const Task& task, int seconds) {
  if (task.gradcheck.empty()) return {"pass", ""};
  std::string command = "env OMP_WAIT_POLICY=passive " + quoted(self_path()) + " gradcheck";
  for (const std::string& op : task.gradcheck) command += " " + quoted(op);
  std::string output;
  const int code = run_command(command, output, seconds);
  if (code == 0) return {"pass", ""};
  if (code == kTimedOut || code == kKilled) {
    return {"fail", "gradcheck: stopped after the time limit of " + std::to_string(seconds) +
                        " s (--time-limit): a loop that never ends?"};
  }
  if (code == 2) {
    output.erase(output.find_last_not_of(" \n") + 1);
    throw std::runtime_error("the points file's gradcheck ops for task " + task.number + ": " + output);
  }
  // The first failing row of the table (op, shapes, max abs err, rel err, entries, FAIL), or the
  // error that stopped the check.
  std::string line = first_line_with(output, "FAIL");
  if (line.empty()) line = first_line_with(output, "error:");
  if (line.empty()) line = code < 0 ? "gan gradcheck crashed" : "exit code " + std::to_string(code);
  std::string squeezed;
  for (char c : line) {
    if (c != ' ' || (!squeezed.empty() && squeezed.back() != ' ')) squeezed += c;
  }
  if (line.find("FAIL") != std::string::npos) squeezed += " (op, shapes, max abs err, rel err, entries)";
  return {"fail", "gradcheck: " + squeezed};
}

// 3. A short seeded run of the MLP GAN on the shipped MNIST, judged by its numbers: over the last
// kWindow of kSteps steps of batch kBatch, mean D(x) and mean D(G(z)) must lie in [0.01, 0.99]
// (neither side has collapsed) with D(x) > D(G(z)) (D tells real from fake), and G's samples
// for a fixed z must have moved by a mean |change| of at least 0.01 (G learns). Measured on the
// full tree: D(x) 0.6314, D(G(z)) 0.573, change 0.5173 (the same bits on every machine).
constexpr int kSteps = 40, kBatch = 32, kWindow = 10;

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

Outcome run_training() {
  Dataset data = load_dataset("mnist", GAN_SOURCE_DIR "/data");
  ModelSettings settings;
  settings.architecture = "mlp";
  Rng rng(1);
  GanModels models = make_gan(settings, rng);
  Adam d_optimizer(models.discriminator->parameters(), AdamSettings{});
  Adam g_optimizer(models.generator->parameters(), AdamSettings{});
  const Objective objective = objective_named("nonsaturating");
  Tensor z({8, settings.z_dim});
  for (float& v : z.data) v = rng.normal();
  auto samples = [&] {
    NoGradGuard no_grad;
    models.generator->set_training(false);
    Tensor x = models.generator->forward(Variable(z), {}).value();
    models.generator->set_training(true);
    return x;
  };
  const Tensor before = samples();
  std::vector<int> order(kSteps * kBatch);
  for (int i = 0; i < kSteps * kBatch; ++i) order[i] = i;
  double d_real = 0, d_fake = 0;
  Rng noise(2);
  for (int step = 0; step < kSteps; ++step) {
    Tensor real = gather_images(data.images, order, step * kBatch, kBatch);
    StepStatistics s = training_step(models, d_optimizer, g_optimizer, objective, real, {}, noise, StepSettings{});
    if (!s.non_finite.empty()) {
      return {"fail", "step " + std::to_string(step + 1) + ": " + s.non_finite + " is not finite"};
    }
    if (step >= kSteps - kWindow) {
      d_real += s.d_real / kWindow;
      d_fake += s.d_fake / kWindow;
    }
  }
  const Tensor after = samples();
  double change = 0;
  for (size_t i = 0; i < after.data.size(); ++i) change += std::fabs(after.data[i] - before.data[i]) / after.data.size();
  const std::string run = "after " + std::to_string(kSteps) + " steps, ";
  if (!(d_real >= 0.01 && d_real <= 0.99)) return {"fail", run + "mean D(x): expected in [0.01, 0.99], got " + number(d_real)};
  if (!(d_fake >= 0.01 && d_fake <= 0.99)) return {"fail", run + "mean D(G(z)): expected in [0.01, 0.99], got " + number(d_fake)};
  if (!(d_real > d_fake)) {
    return {"fail", run + "mean D(x) > mean D(G(z)): expected, got " + number(d_real) + " <= " + number(d_fake)};
  }
  if (!(change >= 0.01)) return {"fail", run + "mean |G(z) change|: expected >= 0.01, got " + number(change)};
  return {"pass", run + "D(x) " + number(d_real) + ", D(G(z)) " + number(d_fake) + ", G(z) moved " + number(change)};
}

Outcome grade_task(const Task& task, const PointsFile& points, const std::string& tests_dir, int seconds) {
  Outcome outcome = run_task_tests(task, points, tests_dir, seconds);
  if (outcome.status == "pass") outcome = run_gradchecks(task, seconds);
  return outcome;
}

// ---- Output ----

std::string points_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

int grade_command(const Arguments& arguments) {
  CommandLine args("gan grade", "Score the tasks of assignment mode: their tests, gradient checks and a short training run.",
                   arguments);
  bool json = args.flag("--json", "print Gradescope's results.json instead of the table");
  std::string task_list = args.option("--tasks", "", "comma-separated task numbers to grade (default: all)");
  std::string points_path = args.option("--points", GAN_SOURCE_DIR "/tests/teach/points.json", "the points file");
  std::string tests_dir = args.option("--tests", "", "folder of the test programs (default: the gan program's folder)");
  const int time_limit = static_cast<int>(args.option_int(
      "--time-limit", 300, "seconds each test program or gradient check may run before it fails the task", 1, 86400));
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  const auto start = std::chrono::steady_clock::now();
  PointsFile points = read_points(points_path);
  if (tests_dir.empty()) tests_dir = program_folder();

  std::vector<const Task*> selected;
  bool training_selected = task_list.empty();
  std::stringstream list(task_list);
  std::string number;
  while (!task_list.empty() && std::getline(list, number, ',')) {
    const Task* found = nullptr;
    for (const Task& task : points.tasks) found = task.number == number ? &task : found;
    if (number == points.training.row.number) {
      training_selected = true;
      continue;
    }
    if (!found) {
      std::string known;
      for (const Task& task : points.tasks) known += " " + task.number;
      throw UsageError("gan grade: unknown task '" + number + "'; tasks in " + points_path + ":" + known + " " +
                       points.training.row.number);
    }
    selected.push_back(found);
  }
  if (task_list.empty()) {
    for (const Task& task : points.tasks) selected.push_back(&task);
  }

  std::vector<std::pair<const Task*, Outcome>> rows;
  std::map<std::string, std::string> status_of;
  for (const Task* task : selected) {
    rows.emplace_back(task, grade_task(*task, points, tests_dir, time_limit));
    status_of[task->number] = rows.back().second.status;
  }
  if (training_selected) {
    Outcome outcome{"pass", ""};
    for (const std::string& need : points.training.needs) {  // grade what was not graded above
      if (!status_of.count(need)) {
        for (const Task& task : points.tasks) {
          if (task.number == need) status_of[need] = grade_task(task, points, tests_dir, time_limit).status;
        }
      }
      if (status_of[need] != "pass" && outcome.status == "pass") {
        outcome = {"skipped", "not run: it needs task " + need + ", which fails"};
      }
    }
    if (outcome.status == "pass") {
      try {
        outcome = run_training();
      } catch (const std::exception& error) {
        outcome = {"fail", std::string("the run threw: ") + error.what()};
      }
    }
    rows.emplace_back(&points.training.row, outcome);
  }

  double score = 0, max_score = 0;
  for (const auto& [task, outcome] : rows) {
    max_score += task->points;
    if (outcome.status == "pass") score += task->points;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (json) {
    JsonValue tests = JsonValue::array();
    for (const auto& [task, outcome] : rows) {
      JsonValue entry = JsonValue::object();
      entry.set("name", task->name);
      entry.set("number", task->number);
      entry.set("score", outcome.status == "pass" ? task->points : 0.0);
      entry.set("max_score", task->points);
      entry.set("output", outcome.status + (outcome.message.empty() ? "" : ": " + outcome.message));
      tests.push_back(entry);
    }
    JsonValue results = JsonValue::object();
    results.set("score", score);
    results.set("execution_time", std::round(seconds));
    results.set("tests", tests);
    std::printf("%s\n", to_json(results, 2).c_str());
  } else {
    std::printf("%-5s %-44s %7s  %-7s  %s\n", "task", "name", "points", "result", "message");
    for (const auto& [task, outcome] : rows) {
      const std::string earned = points_text(outcome.status == "pass" ? task->points : 0) + "/" + points_text(task->points);
      std::printf("%-5s %-44s %7s  %-7s  %s\n", task->number.c_str(), task->name.c_str(), earned.c_str(),
                  outcome.status.c_str(), outcome.message.c_str());
    }
    std::printf("score %s/%s\n", points_text(score).c_str(), points_text(max_score).c_str());
  }
  return 0;
}

}  // namespace gan::cli
