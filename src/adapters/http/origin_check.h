#pragma once

#include <optional>
#include <string_view>

#include "adapters/http/http_message.h"
#include "core/result.h"

namespace commesso::http {

// Whether a browser says that `request` comes from another site (docs/security.md, "Origin
// checks"): the header at fault with what is wrong with it, or nothing when the request may
// go on. `Sec-Fetch-Site: cross-site` or `same-site` is refused; so is an `Origin` other than
// the server's own, which is `public_origin` when set ("https://orders.example.com"), else the
// request's Host over http or https. Compared without regard to case. A request with neither
// header is not from a browser that would tell, and may go on. For changes authenticated by
// the session cookie: API keys are never sent by a browser on its own.
std::optional<FieldError> CrossSiteProblem(const HttpRequest& request,
                                           std::string_view public_origin);

}  // namespace commesso::http
