#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "adapters/http/http_message.h"
#include "app/ports/kept_answer.h"

namespace commesso::http {

// The bytes kept with an idempotency key for `response`: its status, headers and body.
std::string KeepResponse(const HttpResponse& response);

// The response `kept` holds, marked `Idempotent-Replayed: true`: what a replay answers.
// Throws InvariantError when `kept` is not what KeepResponse makes (a damaged database).
HttpResponse ReplayOf(std::string_view kept);

// The answer of a route that creates a T with an Idempotency-Key (docs/decisions/0017).
// `render` makes it from the T as the store wrote it; the store calls it once, in the
// transaction that writes the T, and keeps its bytes with the key. A replay answers the kept
// bytes, whatever became of the T since; a key recorded without them (before answers were
// kept) answers the T as it is now, marked as a replay. One request's; not copyable, because
// the store calls back into it.
template <typename T>
class KeyedResponse {
 public:
  using Renderer = std::function<HttpResponse(const T&)>;

  explicit KeyedResponse(Renderer render)
      : render_(std::move(render)), kept_([this](const T& created) {
          first_ = render_(created);
          return KeepResponse(*first_);
        }) {}
  KeyedResponse(const KeyedResponse&) = delete;
  KeyedResponse& operator=(const KeyedResponse&) = delete;

  // For the store's write.
  KeptAnswer<T>* kept() { return &kept_; }

  // The answer once the store has succeeded with `resource` (the T as written, or for a replay
  // as it is now): the one rendered in the store's transaction, or for a replay the kept one.
  // Throws InvariantError when the kept bytes cannot be read.
  HttpResponse For(const T& resource) {
    if (kept_.replayed() && kept_.kept()) return ReplayOf(*kept_.kept());
    if (kept_.replayed()) {
      HttpResponse again = render_(resource);
      again.headers.emplace_back("Idempotent-Replayed", "true");
      return again;
    }
    if (first_) return *std::move(first_);
    return render_(resource);
  }

 private:
  Renderer render_;
  std::optional<HttpResponse> first_{};  // Rendered by the store on its writer thread.
  KeptAnswer<T> kept_;
};

}  // namespace commesso::http
