#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adapters/http/rate_limiter.h"
#include "app/business.h"
#include "app/ports/card_payments.h"
#include "app/ports/catalog.h"
#include "app/ports/clock.h"
#include "app/ports/complaint_store.h"
#include "app/ports/credentials.h"
#include "app/ports/customer_store.h"
#include "app/ports/delivery_store.h"
#include "app/ports/document_store.h"
#include "app/ports/draft_store.h"
#include "app/ports/fulfillment_store.h"
#include "app/ports/identity_store.h"
#include "app/ports/order_store.h"
#include "app/ports/outbound_urls.h"
#include "app/ports/outbox_signal.h"
#include "app/ports/phone_numbers.h"
#include "app/ports/webhook_store.h"
#include "core/fulfillment.h"
#include "core/identity.h"
#include "core/result.h"
#include "core/zone_rules.h"

namespace commesso::http {

// Requests per second per API key and per client address ([limits]; docs/security.md). The
// defaults limit nothing; the configuration's are those of `commesso serve`.
struct RateLimits {
  Rate per_key{};
  Rate per_address{};
  bool exempt_loopback = true;  // Loopback peers (a local proxy, the bench) skip per_address.
};

// Sign-in, sessions, origin checks and rate limits ([security], [server] and [limits] in the
// configuration; docs/security.md).
struct AccessOptions {
  SessionLimits sessions{};
  // Failed sign-ins in a row for one user name from one address before each further one makes
  // that pair wait (1 s, doubling); an address across names has four times as many (LoginThrottle).
  int login_max_failures = 5;
  std::chrono::seconds login_longest_wait{300};
  bool secure_cookies = false;  // Mark the session cookie Secure: the public origin is https.
  // The only Origin a change made with the session cookie may come from; empty: the request's
  // Host over http or https (origin_check.h).
  std::string public_origin{};
  RateLimits limits{};
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;         // 0: an ephemeral port (tests).
  std::size_t body_limit = 1 << 20;  // Bytes; larger bodies get 413.
  int io_threads = 2;
  // Blocking use-case calls run here, never on io threads. A placement waiting for its commit
  // holds none of them (decision 0023).
  int worker_threads = 8;
  AccessOptions access{};
  // The built console (web/dist) served for every path outside /api and /healthz; empty
  // or missing: those paths answer 404 (static_files.h).
  std::string web_root{};
  // IP addresses of the proxies in front ("127.0.0.1" for a TLS proxy on the same host). A
  // request from one of them is taken to come from the last address of its X-Forwarded-For
  // that is not itself a trusted proxy; from anyone else, the header is ignored. That address
  // is what rate limits and sign-in throttling count.
  std::vector<std::string> trusted_proxies{};
};

// What the API serves from. Borrowed: everything must outlive the Server.
struct Services {
  const Business& business;
  Catalog& catalog;
  CustomerStore& customers;
  OrderStore& orders;
  DocumentStore& documents;
  const PhoneNumbers& phones;
  const Clock& clock;
  const ZoneDirectory& zones;  // The business's and every fulfillment department's.
  DraftStore& drafts;
  CardPayments& cards;
  IdentityStore& identities;
  const Credentials& credentials;
  DeliveryStore& deliveries;      // Receipt e-mails.
  OutboxSignal& outbox;           // Woken after a placement or a re-send is committed.
  WebhookStore& webhooks;         // Subscriptions and their delivery log.
  FulfillmentStore& fulfillment;  // Department tasks and holds.
  // Where webhooks may go: judges their URLs before they are stored.
  const OutboundUrls& outbound_urls;
  ComplaintStore& complaints;  // Complaints and their histories.
};

// The JSON API over HTTP/1.1 with keep-alive. Thread-safe; Stop() drains in-flight requests.
// Requests are read on `io_threads` threads and handled on a pool of `worker_threads`
// threads (most use cases block until the store's group commit is durable; a placement hands
// its order to the writer and its answer is made on an io thread once it is durable); each
// response is written back on its connection's strand. Every read and write has a 30 s timeout.
class Server {
 public:
  // Binds and starts serving; kUnavailable (with the OS reason) when the address cannot be
  // bound; kInvalidInput (fields "io_threads", "worker_threads", "body_limit", "access",
  // "trusted_proxies") when the options cannot work.
  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options, Services services);
  ~Server();  // Stops.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (the ephemeral one when options.port was 0).
  std::uint16_t port() const;

  // Closes the listener, lets in-flight requests finish (their connections then close; idle
  // ones close at once), joins threads. Idempotent; a concurrent call waits for the first.
  // Must not be called from a request handler.
  void Stop();

  // Blocks until Stop() was called (from another thread or a signal watcher) and finished.
  void Wait();

  // Start's way in: public only for std::make_unique; Network is private to server.cc.
  struct Network;
  explicit Server(std::unique_ptr<Network> network);

 private:
  std::unique_ptr<Network> network_;
};

}  // namespace commesso::http
