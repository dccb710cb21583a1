#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace commesso {

// Judges the URLs Commesso itself sends requests to (webhook endpoints, any future callback)
// before they are stored, so an administrator hears at once that a URL will never be called.
// docs/security.md ("Outbound requests") gives the policy. The sender checks again at connect
// time: a name that resolves elsewhere later is refused then. Thread-safe.
class OutboundUrls {
 public:
  virtual ~OutboundUrls() = default;

  // Why Commesso will not send to `url`, as one phrase for the field ("leads to 10.0.0.7, a
  // private address: …"), or nothing when it may. May resolve the URL's host name, and so
  // block for as long as the system's resolver takes.
  virtual std::optional<std::string> Problem(std::string_view url) const = 0;
};

}  // namespace commesso
