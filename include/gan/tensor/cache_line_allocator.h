// CacheLineAllocator: memory that starts on a 64-byte boundary, a cache line and an AVX-512
// register. malloc gives 16 bytes, so without it every other 32-byte load of a row could straddle
// two cache lines; aligned rows made the MLP's products about 5 % faster with AVX2
// (docs/performance.md). Tensor storage (tensor.h) and the GEMM's packed blocks (gemm.cpp) use it.
#pragma once

#include <cstddef>
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

}  // namespace gan
