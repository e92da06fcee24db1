#include "gan/train/progress.h"

#include <cstdio>

namespace gan {

Progress::Progress(bool terminal) : terminal_(terminal) {}

void Progress::update(int epoch, int epochs, int step, int steps, double d_loss, double g_loss) {
  auto now = std::chrono::steady_clock::now();
  if (epoch != last_epoch_) {
    epoch_start_ = now;
    last_epoch_ = epoch;
  }
  if (!terminal_) return;
  constexpr int kWidth = 24;
  double elapsed = std::chrono::duration<double>(now - epoch_start_).count();
  double steps_per_second = elapsed > 0 ? step / elapsed : 0.0;
  double remaining = steps_per_second > 0 ? (steps - step) / steps_per_second : 0.0;
  int filled = step * kWidth / steps;
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '=' : (i == filled ? '>' : ' ');
  bar[kWidth] = '\0';
  std::fprintf(stderr, "\repoch %d/%d [%s] %d/%d  %.1f steps/s  ETA %d:%02d  d_loss %.3f  g_loss %.3f ", epoch,
               epochs, bar, step, steps, steps_per_second, static_cast<int>(remaining) / 60,
               static_cast<int>(remaining) % 60, d_loss, g_loss);
  std::fflush(stderr);
}

void Progress::finish_epoch(int epoch, int epochs, double seconds, double images_per_second, double d_loss,
                            double g_loss, double d_real, double d_fake, const std::string& note) {
  if (terminal_) std::fprintf(stderr, "\r%100s\r", "");
  std::printf("epoch %d/%d  %.1f s  %.0f images/s  d_loss %.4f  g_loss %.4f  D(x) %.3f  D(G(z)) %.3f%s\n", epoch,
              epochs, seconds, images_per_second, d_loss, g_loss, d_real, d_fake, note.c_str());
  std::fflush(stdout);
}

}  // namespace gan
