#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace commesso {

// The answer to a request that creates a T, kept with the request's idempotency key so that a
// replay answers the first answer's bytes whatever happened to the resource since
// (docs/decisions/0017). The caller (the HTTP API) says how to render it from the resource as
// the store wrote it; the store renders it in the transaction that writes the resource, keeps
// the bytes with the key, opaque, and on a replay hands back what it kept. One request's: not
// thread-safe, but the store may use it on its writer thread while the caller waits.
template <typename T>
class KeptAnswer {
 public:
  using Renderer = std::function<std::string(const T&)>;

  explicit KeptAnswer(Renderer render) : render_(std::move(render)) {}

  // For the store, in the transaction that creates `created`: the bytes to keep with the key.
  std::string Render(const T& created) const { return render_(created); }

  // For the store: the key came with this same request before, and `kept` is what was kept
  // with it then (nothing for a key recorded before answers were kept, or without one).
  void Replayed(std::optional<std::string> kept) {
    replayed_ = true;
    kept_ = std::move(kept);
  }

  // For the caller, once the store answered: whether the request was a replay, and the bytes
  // kept with its key, if any.
  bool replayed() const { return replayed_; }
  const std::optional<std::string>& kept() const { return kept_; }

 private:
  Renderer render_;
  bool replayed_ = false;
  std::optional<std::string> kept_{};
};

}  // namespace commesso
