#include "gan/train/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include "gan/train/trainer.h"

namespace gan {

namespace {

volatile sig_atomic_t interrupt_flag = 0;

// Only async-signal-safe work here: set the flag, or leave at once on the second signal.
void on_interrupt(int) {
  if (interrupt_flag) _exit(kExitInterrupted);
  interrupt_flag = 1;
}

}  // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  // Restart interrupted reads and writes: the flag is polled between steps, and a checkpoint
  // write must not fail with EINTR because Ctrl-C arrived during it.
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() { return interrupt_flag != 0; }

}  // namespace gan
