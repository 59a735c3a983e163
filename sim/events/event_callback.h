#pragma once
// EventCallback: a move-only `void()` callable with fixed inline storage, so that scheduling an
// event never allocates. Lambdas capturing up to kInlineBytes (48 bytes: six pointers) fit; a
// larger capture is a compile error (capture a pointer to a struct instead) rather than a hidden
// heap allocation on the simulator's hot path.
//
// Costs: calling is one indirect call. Move and destruction are one indirect call each, except for
// trivially copyable callables (the usual `[this, id]` lambda), which are moved by copying the
// inline bytes and need no destruction: the queue moves every callback twice, and those calls
// were a visible share of a simulated request. sizeof(EventCallback) == 64, one cache line.

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace cdnsim::sim {

class EventCallback {
 public:
  static constexpr std::size_t kInlineBytes = 48;
  static constexpr std::size_t kAlign = alignof(std::max_align_t);

  EventCallback() noexcept = default;

  template <class F>
    requires(!std::is_same_v<std::decay_t<F>, EventCallback> &&
             std::is_invocable_r_v<void, std::decay_t<F>&>)
  EventCallback(F&& f) {  // NOLINT(google-explicit-constructor): lambdas convert implicitly
    using Fn = std::decay_t<F>;
    static_assert(sizeof(Fn) <= kInlineBytes,
                  "event callback captures more than 48 bytes: capture a pointer instead");
    static_assert(alignof(Fn) <= kAlign, "event callback is over-aligned");
    static_assert(std::is_nothrow_move_constructible_v<Fn>,
                  "event callback must be nothrow-move-constructible");
    ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
    ops_ = &kOps<Fn>;
  }

  EventCallback(EventCallback&& other) noexcept { takeFrom(other); }
  EventCallback& operator=(EventCallback&& other) noexcept {
    if (this != &other) {
      reset();
      takeFrom(other);
    }
    return *this;
  }
  EventCallback(const EventCallback&) = delete;
  EventCallback& operator=(const EventCallback&) = delete;
  ~EventCallback() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }

  // Precondition: not empty.
  void operator()() { ops_->invoke(storage_); }

  void reset() noexcept {
    if (ops_ != nullptr) {
      if (ops_->destroy != nullptr) ops_->destroy(storage_);
      ops_ = nullptr;
    }
  }

 private:
  struct Ops {
    void (*invoke)(void* self);
    // Move-constructs into `to` and destroys `from`; null: copy the inline bytes.
    void (*relocate)(void* from, void* to) noexcept;
    // Null: nothing to destroy.
    void (*destroy)(void* self) noexcept;
  };

  template <class Fn>
  static constexpr bool kTrivial =
      std::is_trivially_copyable_v<Fn> && std::is_trivially_destructible_v<Fn>;

  template <class Fn>
  static constexpr Ops kOps = {
      [](void* self) { (*static_cast<Fn*>(self))(); },
      kTrivial<Fn> ? nullptr
                   : +[](void* from, void* to) noexcept {
                       Fn* source = static_cast<Fn*>(from);
                       ::new (to) Fn(std::move(*source));
                       source->~Fn();
                     },
      kTrivial<Fn> ? nullptr : +[](void* self) noexcept { static_cast<Fn*>(self)->~Fn(); },
  };

  void takeFrom(EventCallback& other) noexcept {
    if (other.ops_ != nullptr) {
      if (other.ops_->relocate != nullptr) {
        other.ops_->relocate(other.storage_, storage_);
      } else {
        std::memcpy(storage_, other.storage_, kInlineBytes);
      }
      ops_ = other.ops_;
      other.ops_ = nullptr;
    }
  }

  alignas(kAlign) std::byte storage_[kInlineBytes];
  const Ops* ops_ = nullptr;
};

static_assert(sizeof(EventCallback) == 64, "EventCallback should stay one cache line");

}  // namespace cdnsim::sim
