// CacheLineAllocator: memory that starts on a 64-byte boundary, a cache line and an AVX-512
// register. malloc gives 16 bytes, so without it every other 32-byte load of a row could straddle
// two cache lines; aligned rows made the MLP's products about 5 % faster with AVX2
// (docs/performance.md). Tensor storage (tensor.h) uses it through std::vector, and scratch
// buffers through CacheLineArray below.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <utility>

namespace gan {

template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};
  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(size_t count) { return static_cast<T*>(::operator new(count * sizeof(T), kAlignment)); }
  void deallocate(T* p, size_t) { ::operator delete(p, kAlignment); }
  // A vector of n values made without a value to copy is left uninitialised, as `new float[n]` is
  // (Tensor::uninitialized); a vector(n, value) still copies the value into each.
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const { return true; }
  template <class U>
  bool operator!=(const CacheLineAllocator<U>&) const { return false; }
};

// Scratch that a kernel overwrites in full before it reads it: the GEMM's packed blocks, a
// convolution's padded image, its columns and its channel-major products. Left uninitialised, as
// `new float[n]` is: zero-filling them would be one more pass over up to 13 MB per buffer at
// DCGAN's sizes.
//   CacheLineArray<Scalar> cols = uninitialized_array<Scalar>(rows * columns);
template <class T>
struct CacheLineDeleter {
  size_t count = 0;
  void operator()(T* p) const { CacheLineAllocator<T>().deallocate(p, count); }
};

template <class T>
using CacheLineArray = std::unique_ptr<T[], CacheLineDeleter<T>>;

template <class T>
CacheLineArray<T> uninitialized_array(size_t count) {
  return CacheLineArray<T>(CacheLineAllocator<T>().allocate(count), CacheLineDeleter<T>{count});
}

// How a process that runs training steps sets up malloc: gan's main, and the benchmarks that time
// its layers. A step allocates and frees the same large buffers every time. By default glibc serves
// blocks over 128 KiB with mmap and hands them back to the system on free, so every step
// page-faults them in again (measured: DCGAN training at 285 images/s with the default, 366 with
// these settings; one of D's convolutions timed alone, 2.4 ms against 0.8). So freed memory is
// kept in the process. And one heap serves all threads: by default glibc gives each thread that
// allocates its own arena, and with nothing trimmed, what the OpenMP workers' arenas keep adds up
// (the demo peaked at 209 MB on 2 threads after 5 epochs, and at 155 MB with one arena, as on 1
// thread). The workers allocate little (the kernels work in buffers the calling thread made), so
// sharing the lock costs no speed that could be measured (docs/performance.md). The numbers
// computed do not change.
void keep_freed_memory();

}  // namespace gan
