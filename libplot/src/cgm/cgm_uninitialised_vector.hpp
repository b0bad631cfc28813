// Internal: vectors whose resize leaves new elements as they are, not
// zeroed, for the world-record writer's buffers, which are sized first and
// written over at once (zeroing them cost as much as a pass of the coder).
#pragma once

#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace pargist::cgm::world_record {

template <class T>
struct Uninitialised : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = Uninitialised<U>;
  };
  Uninitialised() = default;
  template <class U>
  Uninitialised(const Uninitialised<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <class T>
using UninitialisedVector = std::vector<T, Uninitialised<T>>;

}  // namespace pargist::cgm::world_record
