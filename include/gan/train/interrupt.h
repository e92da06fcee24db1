// A clean stop on Ctrl-C: SIGINT or SIGTERM asks the training loop to finish its current step,
// write a checkpoint and exit with kExitInterrupted (train/trainer.h). A second signal while that
// happens ends the process at once with the same code; the checkpoint it may cut short is written
// to a temporary name and renamed (io/atomic_file.h), so the previous one stays whole.
//
//   install_interrupt_handler();            // once, in the program's main path
//   for (...) { step(); if (interrupt_requested()) { save(); return kExitInterrupted; } }
//
// The request is process state by nature: a signal is delivered to the process, not to an object,
// and a handler can reach nothing but a global volatile sig_atomic_t. It is the one global here
// besides the seeded Rng, and it only ever goes from "no" to "yes".
#pragma once

namespace gan {

// Routes SIGINT and SIGTERM to the request flag. Calling it again changes nothing.
void install_interrupt_handler();

// True once SIGINT or SIGTERM arrived after install_interrupt_handler().
bool interrupt_requested();

}  // namespace gan
