#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <utility>
#include <vector>

namespace commesso {

// A sequence that keeps up to N elements inside itself and goes to the heap only when it
// grows past them. For short lists that are made by the thousand, such as the tax traces of
// a priced line (one VAT; a US city has three components), where one heap allocation per
// line showed in pricing's profile (docs/decisions/0024-interned-codes.md). A value like
// std::vector: contiguous, copyable, comparable. T must be default-constructible: the N
// inline elements always exist, and those not in use hold T{}. Core may use only the
// standard library, which has no such container (Boost's small_vector is the model).
template <typename T, std::size_t N>
class SmallVector {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = T*;
  using const_iterator = const T*;

  SmallVector() = default;
  SmallVector(std::initializer_list<T> items) {
    reserve(items.size());
    for (const T& item : items) push_back(item);
  }
  SmallVector(const SmallVector&) = default;
  SmallVector& operator=(const SmallVector&) = default;
  // A moved-from SmallVector is empty, like a moved-from std::vector in practice.
  SmallVector(SmallVector&& other) noexcept
      : inline_(std::move(other.inline_)),
        heap_(std::move(other.heap_)),
        size_(std::exchange(other.size_, 0)) {}
  SmallVector& operator=(SmallVector&& other) noexcept {
    inline_ = std::move(other.inline_);
    heap_ = std::move(other.heap_);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  ~SmallVector() = default;

  T* data() { return size_ <= N ? inline_.data() : heap_.data(); }
  const T* data() const { return size_ <= N ? inline_.data() : heap_.data(); }
  iterator begin() { return data(); }
  iterator end() { return data() + size_; }
  const_iterator begin() const { return data(); }
  const_iterator end() const { return data() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t index) { return data()[index]; }
  const T& operator[](std::size_t index) const { return data()[index]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size_ - 1]; }
  const T& back() const { return data()[size_ - 1]; }

  // Room for `capacity` elements without another allocation.
  void reserve(std::size_t capacity) {
    if (capacity > N) heap_.reserve(capacity);
  }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ < N) {
      inline_[size_] = T(std::forward<Args>(args)...);
      return inline_[size_++];
    }
    // Made before the inline elements move, in case `args` refers to one of them.
    T item(std::forward<Args>(args)...);
    if (size_ == N) {
      heap_.reserve(std::max(heap_.capacity(), 2 * N + 1));
      heap_.assign(std::make_move_iterator(inline_.begin()),
                   std::make_move_iterator(inline_.end()));
      inline_.fill(T{});
    }
    ++size_;
    return heap_.emplace_back(std::move(item));
  }
  void push_back(const T& item) { emplace_back(item); }
  void push_back(T&& item) { emplace_back(std::move(item)); }

  void clear() {
    inline_.fill(T{});
    heap_.clear();
    size_ = 0;
  }

  friend bool operator==(const SmallVector& a, const SmallVector& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  std::array<T, N> inline_{};  // The elements while there are at most N.
  std::vector<T> heap_;        // All the elements once there are more than N; else empty.
  std::size_t size_ = 0;
};

}  // namespace commesso
