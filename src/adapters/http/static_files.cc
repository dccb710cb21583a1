// The console's files. Resolution is the security-relevant part: the decoded path is split
// into segments and refused when any segment is empty-but-inner, ".", ".." or contains a
// byte a file name of ours never has (NUL, backslash); the joined path is then made
// canonical (following symbolic links) and must still lie inside the canonical root, so a
// link pointing out of web/dist serves nothing. Anything that fails resolution is treated
// as "no such file": under /assets/ a 404 problem, elsewhere the index.html fallback.

#include "adapters/http/static_files.h"

#include <array>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "adapters/http/problem.h"
#include "adapters/http/query_string.h"

namespace commesso::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAssetsPrefix = "/assets/";

// No inline script or style, no plugins, no framing; the console talks only to its origin.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

struct ContentType {
  std::string_view extension;
  std::string_view type;
};

constexpr std::array kContentTypes = {
    ContentType{".html", "text/html; charset=utf-8"},
    ContentType{".js", "text/javascript; charset=utf-8"},
    ContentType{".mjs", "text/javascript; charset=utf-8"},
    ContentType{".css", "text/css; charset=utf-8"},
    ContentType{".json", "application/json"},
    ContentType{".map", "application/json"},
    ContentType{".webmanifest", "application/manifest+json"},
    ContentType{".svg", "image/svg+xml"},
    ContentType{".png", "image/png"},
    ContentType{".ico", "image/x-icon"},
    ContentType{".woff2", "font/woff2"},
    ContentType{".txt", "text/plain; charset=utf-8"},
};

std::string_view ContentTypeOf(const fs::path& file) {
  const std::string extension = file.extension().string();
  for (const ContentType& known : kContentTypes) {
    if (extension == known.extension) return known.type;
  }
  return "application/octet-stream";
}

void AddSecurityHeaders(Headers& headers) {
  headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
  headers.emplace_back("X-Content-Type-Options", "nosniff");
  headers.emplace_back("Referrer-Policy", "no-referrer");
  headers.emplace_back("X-Frame-Options", "DENY");
}

HttpResponse WithSecurityHeaders(HttpResponse response) {
  AddSecurityHeaders(response.headers);
  return response;
}

// The relative path `decoded` names ("assets/index-1a2b.js"), or nothing when a segment is
// one a request must never use.
std::optional<fs::path> RelativePath(std::string_view decoded) {
  fs::path relative;
  std::string_view rest = decoded.substr(1);  // Past the leading '/'.
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    const bool last = slash == std::string_view::npos;
    if (segment.empty() && !last) return std::nullopt;  // "//"
    if (segment == "." || segment == "..") return std::nullopt;
    if (segment.find('\0') != std::string_view::npos) return std::nullopt;
    if (segment.find('\\') != std::string_view::npos) return std::nullopt;
    if (!segment.empty()) relative /= std::string(segment);
    if (last) break;
    rest.remove_prefix(slash + 1);
  }
  return relative;
}

// Whether canonical `inner` is `root` or below it, compared segment by segment.
bool Inside(const fs::path& root, const fs::path& inner) {
  auto root_part = root.begin();
  auto inner_part = inner.begin();
  for (; root_part != root.end(); ++root_part, ++inner_part) {
    if (inner_part == inner.end() || *root_part != *inner_part) return false;
  }
  return true;
}

// The regular file that `relative` names inside `root`, links resolved; nothing otherwise.
std::optional<fs::path> Resolve(const fs::path& root, const fs::path& relative) {
  std::error_code error;
  const fs::path canonical_root = fs::canonical(root, error);
  if (error) return std::nullopt;
  const fs::path file = fs::canonical(canonical_root / relative, error);
  if (error || !Inside(canonical_root, file)) return std::nullopt;
  if (!fs::is_regular_file(file, error) || error) return std::nullopt;
  return file;
}

std::optional<std::string> ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return std::nullopt;
  return content;
}

enum class Caching {
  kImmutable,   // Hashed asset names: the name changes when the content does.
  kRevalidate,  // index.html and unhashed files: always ask again.
};

HttpResponse FileResponse(const fs::path& file, std::string content, Caching caching) {
  HttpResponse response{.status = 200, .headers = {}, .body = std::move(content)};
  response.headers.emplace_back("Content-Type", std::string(ContentTypeOf(file)));
  response.headers.emplace_back("Cache-Control", caching == Caching::kImmutable
                                                     ? "public, max-age=31536000, immutable"
                                                     : "no-cache");
  AddSecurityHeaders(response.headers);
  return response;
}

HttpResponse NotFound(std::string_view detail) {
  return WithSecurityHeaders(ProblemResponse(404, "not_found", "Not found", detail));
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

bool StaticFiles::Serves(std::string_view path) {
  if (path == "/api" || path.starts_with("/api/")) return false;
  return path != "/healthz";
}

HttpResponse StaticFiles::Serve(const HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse response = WithSecurityHeaders(ProblemResponse(
        405, "method_not_allowed", "Method not allowed", "The console's files allow GET, HEAD."));
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  const std::string_view target = request.target;
  const std::string_view raw_path = target.substr(0, target.find('?'));
  const std::optional<std::string> decoded = PercentDecode(raw_path, PlusMeans::kPlus);
  const bool asset = raw_path.starts_with(kAssetsPrefix);

  std::optional<fs::path> relative;
  if (decoded && decoded->starts_with('/')) relative = RelativePath(*decoded);
  std::optional<fs::path> file;
  if (relative && !relative->empty()) file = Resolve(root_, *relative);
  if (file) {
    std::optional<std::string> content = ReadAll(*file);
    if (content) {
      return FileResponse(*file, *std::move(content),
                          asset ? Caching::kImmutable : Caching::kRevalidate);
    }
  }
  if (asset) return NotFound("There is no console asset at this path.");

  // Any other path is a place in the console: the console's router shows it.
  const std::optional<fs::path> index = Resolve(root_, "index.html");
  std::optional<std::string> content;
  if (index) content = ReadAll(*index);
  if (!content) {
    return NotFound("The console is not built: run `make build` (it writes web/dist).");
  }
  return FileResponse(*index, *std::move(content), Caching::kRevalidate);
}

}  // namespace commesso::http
