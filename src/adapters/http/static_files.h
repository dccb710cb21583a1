#pragma once

#include <filesystem>
#include <string_view>

#include "adapters/http/http_message.h"

namespace commesso::http {

// Serves the built clerk console (web/dist) from a directory, for the paths the API does not
// own. A path resolves only to a regular file inside the root: no "..", no NUL, no
// backslash, and no symbolic link that leads out of it. Hashed files under /assets/ are
// cached for a year (`immutable`) and 404 when missing; any other GET that names no file
// answers index.html (the console routes in the browser), which is never cached without
// revalidation. Every answer carries a strict Content-Security-Policy (no inline script) and
// the other security headers. HEAD answers the GET's headers; other methods get 405.
// Reads files on every request (the console is a few small files). Thread-safe.
class StaticFiles {
 public:
  // `root` is borrowed as a path, not opened: an empty or missing directory answers 404
  // problems that say the console is not built.
  explicit StaticFiles(std::filesystem::path root);

  // Whether `path` (the request target's path, without query) belongs to the console, not
  // to the API: everything but /api, /api/... and /healthz.
  static bool Serves(std::string_view path);

  HttpResponse Serve(const HttpRequest& request) const;

 private:
  std::filesystem::path root_;
};

}  // namespace commesso::http
