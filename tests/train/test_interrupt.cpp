#include "gan/train/interrupt.h"

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "gan/train/trainer.h"

namespace {

// The request cannot be taken back, so each case raises its signals in a child process and reports
// through the exit status: the flag is set in the child only.
int status_of_child(const std::function<void()>& body) {
  pid_t pid = fork();
  if (pid == 0) {
    body();
    _exit(99);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("SIGINT and SIGTERM set the interrupt request instead of ending the process", "[train][reliability]") {
  for (int signal_number : {SIGINT, SIGTERM}) {
    int status = status_of_child([signal_number] {
      gan::install_interrupt_handler();
      bool before = gan::interrupt_requested();
      raise(signal_number);
      _exit(!before && gan::interrupt_requested() ? 0 : 1);
    });
    INFO("signal " << signal_number);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
}

TEST_CASE("a second SIGINT ends the process at once with exit code 130", "[train][reliability]") {
  int status = status_of_child([] {
    gan::install_interrupt_handler();
    raise(SIGINT);
    raise(SIGINT);
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == gan::kExitInterrupted);
}
