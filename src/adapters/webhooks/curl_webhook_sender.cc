#include "adapters/webhooks/curl_webhook_sender.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <utility>

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sys/socket.h>

#include "adapters/json/iso_time.h"
#include "adapters/json/read_json.h"

namespace commesso::webhooks {
namespace {

// How much of an answer's body is kept for the delivery log.
constexpr std::size_t kSnippetBytes = 512;

std::size_t OnWrite(char* data, std::size_t size, std::size_t count, void* user) {
  auto& snippet = *static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (snippet.size() < kSnippetBytes) {
    snippet.append(data, std::min(bytes, kSnippetBytes - snippet.size()));
  }
  return bytes;  // The rest is read and dropped, so the connection stays usable.
}

// Cuts `text` back to whole UTF-8 characters, so the log never holds half of one.
std::string WholeCharacters(std::string text) {
  std::size_t end = text.size();
  std::size_t back = 0;
  while (end > 0 && back < 4 && (static_cast<unsigned char>(text[end - 1]) & 0xC0) == 0x80) {
    --end;
    ++back;
  }
  if (end > 0 && static_cast<unsigned char>(text[end - 1]) >= 0xC0) {
    const auto lead = static_cast<unsigned char>(text[end - 1]);
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (back + 1 < length) text.resize(end - 1);
  }
  return text;
}

// What the socket callback judges with, and the first refusal it made.
struct Connecting {
  const OutboundUrlPolicy& policy;
  std::string scheme;
  std::string refusal{};  // Empty while no address was refused.
};

// CURLOPT_OPENSOCKETFUNCTION: opens the socket only for an address the policy allows, so
// the address judged is the one connected to, whatever a name resolved to earlier.
curl_socket_t OnOpenSocket(void* data, curlsocktype purpose, curl_sockaddr* address) {
  auto& connecting = *static_cast<Connecting*>(data);
  std::optional<std::string> problem = "is not an IP connection";
  if (purpose == CURLSOCKTYPE_IPCXN) {
    sockaddr_storage storage{};
    std::memcpy(&storage, &address->addr, std::min<std::size_t>(address->addrlen, sizeof storage));
    if (std::optional<IpAddress> ip = AddressOf(reinterpret_cast<const sockaddr&>(storage))) {
      problem = connecting.policy.AddressProblem(*ip, connecting.scheme);
    }
  }
  if (problem) {
    if (connecting.refusal.empty()) connecting.refusal = *problem;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

}  // namespace

Result<std::string> WebhookBody(const WebhookRequest& request) {
  auto data = json::ReadJson(request.payload);
  if (!data || !data->is_object()) {
    return Fail(Error{.code = ErrorCode::kInvalidInput,
                      .message = "The event's payload is not a JSON object.",
                      .fields = {{"payload", "must be a JSON object"}}});
  }
  const nlohmann::json body{{"id", request.delivery_key},
                            {"event", request.event},
                            {"created_at", json::FormatTimestamp(request.created_at)},
                            {"data", *std::move(data)}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string SignatureHeader(std::string_view secret, long long unix_seconds,
                            std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(t.data()), t.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return "t=" + t + ",v1=" + std::string(hex.data());
}

CurlWebhookSender::CurlWebhookSender(SenderOptions options)
    : options_(options), policy_(options.outbound), handle_(curl_easy_init()) {}

CurlWebhookSender::~CurlWebhookSender() {
  if (handle_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(handle_));
}

Result<WebhookResponse> CurlWebhookSender::Post(const WebhookRequest& request) {
  auto body = WebhookBody(request);
  if (!body) return Fail(body.error());
  const long long seconds =
      std::chrono::duration_cast<std::chrono::seconds>(request.sent_at.time_since_epoch()).count();
  const std::string signature = SignatureHeader(request.secret, seconds, *body);
  Result<UrlParts> parts = PartsOf(request.url);
  if (!parts) return Fail(ErrorCode::kRejected, "refused: the URL cannot be read by libcurl");
  if (std::optional<std::string> problem = policy_.SchemeProblem(parts->scheme)) {
    return Fail(ErrorCode::kRejected, "refused: the URL " + *problem);
  }
  Connecting connecting{.policy = policy_, .scheme = parts->scheme};

  std::lock_guard lock(mutex_);
  if (handle_ == nullptr) handle_ = curl_easy_init();
  if (handle_ == nullptr) return Fail(ErrorCode::kInternal, "libcurl cannot make a handle.");
  CURL* curl = static_cast<CURL*>(handle_);
  curl_easy_reset(curl);  // Keeps the open connection for reuse.

  curl_slist* headers = nullptr;
  for (const std::string& header :
       {std::string("Content-Type: application/json"), "Commesso-Signature: " + signature,
        "Commesso-Event: " + request.event, "Commesso-Delivery: " + request.delivery_key,
        std::string("Expect:")}) {  // No "100-continue" round trip.
    headers = curl_slist_append(headers, header.c_str());
  }
  std::string snippet;
  char detail[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR,
                   options_.outbound.allow_http_loopback ? "http,https" : "https");
  curl_easy_setopt(curl, CURLOPT_PROXY, "");  // Not even from the environment.
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &connecting);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(options_.connect_timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "commesso-webhooks/1");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &OnWrite);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &snippet);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);

  const CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  // The buffers above die with this call: no option may point at them afterwards.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, nullptr);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, nullptr);
  curl_slist_free_all(headers);
  // Refused addresses matter when no other address of the host answered.
  if (code != CURLE_OK && !connecting.refusal.empty()) {
    curl_easy_cleanup(curl);
    handle_ = nullptr;
    return Fail(ErrorCode::kRejected, "refused: the host " + connecting.refusal);
  }
  if (code != CURLE_OK) {
    // Start the next request on a new connection, in a known state.
    curl_easy_cleanup(curl);
    handle_ = nullptr;
    std::string why = curl_easy_strerror(code);
    if (detail[0] != '\0') why += ": " + std::string(detail);
    return Fail(ErrorCode::kUnavailable, why);
  }
  return WebhookResponse{.status = static_cast<int>(status),
                         .snippet = WholeCharacters(std::move(snippet))};
}

}  // namespace commesso::webhooks
