#pragma once

#include <memory>
#include <string>

#include "adapters/clock/date_zone_rules.h"
#include "adapters/clock/system_clock.h"
#include "adapters/config/config.h"
#include "adapters/http/server.h"
#include "adapters/payments/test_card_processor.h"
#include "adapters/phone/libphonenumber_phone_numbers.h"
#include "adapters/render/receipt_renderings.h"
#include "adapters/smtp/smtp_mail_transport.h"
#include "adapters/sodium/sodium_credentials.h"
#include "adapters/sqlite/database.h"
#include "adapters/sqlite/sqlite_catalog.h"
#include "adapters/sqlite/sqlite_complaint_store.h"
#include "adapters/sqlite/sqlite_customer_store.h"
#include "adapters/sqlite/sqlite_delivery_store.h"
#include "adapters/sqlite/sqlite_document_store.h"
#include "adapters/sqlite/sqlite_draft_store.h"
#include "adapters/sqlite/sqlite_fulfillment_store.h"
#include "adapters/sqlite/sqlite_identity_store.h"
#include "adapters/sqlite/sqlite_order_store.h"
#include "adapters/sqlite/sqlite_webhook_store.h"
#include "adapters/webhooks/curl_webhook_sender.h"
#include "adapters/webhooks/outbound_url_policy.h"
#include "app/fulfillment_scheduler.h"
#include "app/outbox_worker.h"
#include "app/place_order.h"
#include "app/quote_order.h"
#include "app/receipt_mailer.h"
#include "app/webhook_dispatcher.h"
#include "core/result.h"

namespace commesso {

// The options every subcommand that reads the database takes.
struct CommonOptions {
  std::string config_path;  // --config; empty: $COMMESSO_CONFIG, else the built-in demo.
  std::string database;     // --db; empty: server.database from the configuration.
};

// What the stores print on the documents they issue: the seller of `business` and its
// language for customers who have none.
sqlite::DocumentSettings DocumentSettingsOf(const Business& business);

// The configuration of this run: the file named by --config, else by $COMMESSO_CONFIG, else
// config::Defaults(); then --db over server.database. kNotFound when a named file cannot be
// read, kInvalidInput with every problem of it.
Result<config::Config> LoadConfig(const CommonOptions& options);

// Everything one run of the binary works with: the configuration, the clock, the database,
// its stores, credentials, phone numbers, the card processor ([payments] processor) and the use
// cases. Created at start, destroyed at exit; members are destroyed in reverse order, so the use
// cases and stores go before the database. Not movable (the use cases hold references into it).
// Thread-safe as its parts are.
class Wiring {
 public:
  // Checks the time zones (kInvalidInput, field "business.time_zone",
  // "fulfillment.departments[i].time_zone" or "customer_service.time_zone"), creates the database's
  // directory when missing and opens the database, which applies migrations (kUnavailable
  // when either fails).
  static Result<std::unique_ptr<Wiring>> Open(config::Config config);

  // From parts Open made (or a test's: a fixed clock, a database of its own).
  Wiring(config::Config config, std::unique_ptr<Clock> clock,
         std::unique_ptr<DateZoneDirectory> zones, std::unique_ptr<sqlite::Database> database);
  ~Wiring();
  Wiring(const Wiring&) = delete;
  Wiring& operator=(const Wiring&) = delete;

  const config::Config& config() const { return config_; }
  const Business& business() const { return config_.business; }
  const sqlite::Database& database() const { return *database_; }
  Catalog& catalog() { return catalog_; }
  CustomerStore& customers() { return customers_; }
  const PhoneNumbers& phones() const { return phones_; }
  DocumentStore& documents() { return documents_; }
  IdentityStore& identities() { return identities_; }
  const Credentials& credentials() const { return credentials_; }
  const Clock& clock() const { return *clock_; }
  const ZoneDirectory& zones() const { return *zones_; }
  const QuoteOrder& quote() const { return quote_; }
  const PlaceOrder& place() const { return place_; }
  WebhookStore& webhooks() { return webhooks_; }
  ComplaintStore& complaints() { return complaints_; }
  // Where webhooks may go ([webhooks] allow_http_loopback; docs/security.md).
  const OutboundUrls& outbound_urls() const { return outbound_urls_; }

  // What the HTTP server serves from; borrows this Wiring.
  http::Services services();

  // The server's sign-in and session options from [security] and server.public_origin.
  http::AccessOptions access() const;

  // The receipt mailer's thread ([mail]; without it no mail goes out and receipts wait,
  // queued): `commesso serve` starts it with the server and stops it after. Idempotent.
  void StartMailer();
  void StopMailer();

  // The webhook worker's thread ([webhooks]; docs/webhooks.md): sends the outbox's public
  // events to the subscriptions. `commesso serve` starts it with the server. Idempotent.
  void StartWebhooks();
  void StopWebhooks();
  // The fulfillment scheduler's thread: a round every second and after each placement plans
  // orders their placement left unplanned, releases what is due (what came due while the server
  // was down at the first round), returns expired claims and escalates. `commesso serve`
  // starts it with the server and stops it after. Idempotent.
  void StartScheduler();
  void StopScheduler();

 private:
  // Wakes every worker of the outbox: the receipt mailer and the fulfillment scheduler.
  class OutboxSignals final : public OutboxSignal {
   public:
    OutboxSignals(OutboxSignal& mail, OutboxSignal& schedule) : mail_(mail), schedule_(schedule) {}
    void Notify() override {
      mail_.Notify();
      schedule_.Notify();
    }

   private:
    OutboxSignal& mail_;
    OutboxSignal& schedule_;
  };

  config::Config config_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<DateZoneDirectory> zones_;
  std::unique_ptr<sqlite::Database> database_;
  sqlite::SqliteCatalog catalog_;
  sqlite::SqliteCustomerStore customers_;
  sqlite::SqliteOrderStore orders_;
  sqlite::SqliteDocumentStore documents_;
  sqlite::SqliteDraftStore drafts_;
  sqlite::SqliteIdentityStore identities_;
  SodiumCredentials credentials_;
  LibphonenumberPhoneNumbers phones_;
  // The only processor so far; config::Parse refuses any other name. A real one would be
  // chosen here by config_.payments.processor (docs/decisions/0009).
  TestCardProcessor cards_;
  QuoteOrder quote_;
  PlaceOrder place_;
  sqlite::SqliteDeliveryStore deliveries_;
  render::DocumentRenderings renderings_;
  std::unique_ptr<smtp::SmtpMailTransport> transport_;  // Null without [mail].
  std::unique_ptr<ReceiptMailer> mailer_;               // Null without [mail].
  OutboxWorker mail_worker_;                            // Runs mailer_ once started.
  sqlite::SqliteWebhookStore webhooks_;
  webhooks::OutboundUrlPolicy outbound_urls_;
  webhooks::CurlWebhookSender webhook_sender_;
  WebhookDispatcher webhook_dispatcher_;
  OutboxWorker webhook_worker_;  // Runs webhook_dispatcher_ once started.
  sqlite::SqliteFulfillmentStore fulfillment_;
  FulfillmentScheduler scheduler_;
  OutboxWorker schedule_worker_;  // Runs scheduler_ once started.
  OutboxSignals signals_{mail_worker_, schedule_worker_};
  sqlite::SqliteComplaintStore complaints_{*database_};
};

}  // namespace commesso
