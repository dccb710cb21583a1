#include "cli/wiring.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

namespace commesso {
namespace {

ReceiptMailSettings MailSettingsOf(const config::MailSettings& mail) {
  return ReceiptMailSettings{
      .from = mail.from,
      .reply_to = mail.reply_to,
      .retry = RetryPolicy{.first_delay = std::chrono::seconds{mail.retry_first_delay_seconds},
                           .factor = mail.retry_factor,
                           .cap = std::chrono::seconds{mail.retry_cap_seconds},
                           .max_attempts = mail.retry_max_attempts}};
}

smtp::SmtpOptions SmtpOptionsOf(const config::MailSettings& mail) {
  return smtp::SmtpOptions{.host = mail.host,
                           .port = mail.port,
                           .tls = mail.tls == "none"       ? smtp::Tls::kNone
                                  : mail.tls == "implicit" ? smtp::Tls::kImplicit
                                                           : smtp::Tls::kStartTls,
                           .starttls_required = mail.starttls_required,
                           .username = mail.username,
                           .password = mail.password,
                           .timeout_seconds = mail.timeout_seconds};
}

WebhookSettings WebhookSettingsOf(const config::WebhookSettings& webhooks) {
  return WebhookSettings{
      .retry = RetryPolicy{.first_delay = std::chrono::seconds{webhooks.retry_first_delay_seconds},
                           .factor = webhooks.retry_factor,
                           .cap = std::chrono::seconds{webhooks.retry_cap_seconds},
                           .max_attempts = webhooks.retry_max_attempts}};
}

}  // namespace

sqlite::DocumentSettings DocumentSettingsOf(const Business& business) {
  return sqlite::DocumentSettings{.seller = SellerOf(business), .default_locale = business.locale};
}

Result<config::Config> LoadConfig(const CommonOptions& options) {
  std::string path = options.config_path;
  if (path.empty()) {
    const char* from_environment = std::getenv("COMMESSO_CONFIG");
    if (from_environment != nullptr) path = from_environment;
  }
  config::Config config;
  if (path.empty()) {
    spdlog::info("no configuration file given: using the built-in demo business");
    config = config::Defaults();
  } else {
    auto loaded = config::Load(path);
    if (!loaded) return Fail(loaded.error());
    config = *std::move(loaded);
  }
  if (!options.database.empty()) config.server.database = options.database;
  return config;
}

Result<std::unique_ptr<Wiring>> Wiring::Open(config::Config config) {
  auto clock = SystemClock::Create(config.business.time_zone);
  if (!clock) {
    return Fail({ErrorCode::kInvalidInput,
                 "unknown time zone '" + config.business.time_zone + "'",
                 {{"business.time_zone", "must be an IANA time zone name such as Europe/Rome"}}});
  }
  // Every zone the fulfillment schedule uses, located now so that a misspelt department zone
  // stops the start rather than the first order.
  std::vector<std::string> zone_names = {config.business.time_zone};
  const std::vector<Department>& departments = config.business.fulfillment.departments;
  for (std::size_t i = 0; i < departments.size(); ++i) {
    if (auto zone = DateZoneRules::Locate(departments[i].time_zone); !zone) {
      return Fail({ErrorCode::kInvalidInput,
                   "unknown time zone '" + departments[i].time_zone + "'",
                   {{"fulfillment.departments[" + std::to_string(i) + "].time_zone",
                     "must be an IANA time zone name such as Europe/Rome"}}});
    }
    zone_names.push_back(departments[i].time_zone);
  }
  const std::string& service_zone = config.business.customer_service.department.time_zone;
  if (auto zone = DateZoneRules::Locate(service_zone); !zone) {
    return Fail(
        {ErrorCode::kInvalidInput,
         "unknown time zone '" + service_zone + "'",
         {{"customer_service.time_zone", "must be an IANA time zone name such as Europe/Rome"}}});
  }
  zone_names.push_back(service_zone);
  auto zones = DateZoneDirectory::Load(zone_names);
  if (!zones) return Fail(zones.error());

  const std::filesystem::path directory =
      std::filesystem::path(config.server.database).parent_path();
  if (!directory.empty()) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
      return Fail(ErrorCode::kUnavailable, "cannot create the database directory " +
                                               directory.string() + ": " + error.message());
    }
  }
  const auto rows = [](std::int64_t count) { return static_cast<std::size_t>(count); };
  auto database = sqlite::Database::Open({.path = config.server.database,
                                          .cache = {.items = rows(config.cache.items),
                                                    .customers = rows(config.cache.customers),
                                                    .api_keys = rows(config.cache.api_keys)}});
  if (!database) return Fail(database.error());
  spdlog::info("database {} at schema version {}", config.server.database,
               (*database)->schema_version());

  return std::make_unique<Wiring>(std::move(config), *std::move(clock), *std::move(zones),
                                  *std::move(database));
}

Wiring::Wiring(config::Config config, std::unique_ptr<Clock> clock,
               std::unique_ptr<DateZoneDirectory> zones, std::unique_ptr<sqlite::Database> database)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      zones_(std::move(zones)),
      database_(std::move(database)),
      catalog_(*database_),
      customers_(*database_),
      orders_(*database_, DocumentSettingsOf(config_.business)),
      documents_(*database_, DocumentSettingsOf(config_.business), *clock_),
      drafts_(*database_),
      identities_(*database_),
      credentials_(PasswordCost{.passes = config_.security.password_passes,
                                .memory_kib = config_.security.password_memory_kib}),
      cards_(*clock_, SimulatedCard{.brand = config_.payments.test_card_brand,
                                    .last4 = config_.payments.test_card_last4}),
      quote_(customers_, catalog_, config_.business),
      place_(quote_, orders_, cards_, *clock_, config_.business.fulfillment, *zones_),
      deliveries_(*database_),
      mail_worker_([this] {
        if (mailer_ == nullptr) return;
        auto round = mailer_->DeliverDue();
        if (!round) {
          spdlog::warn("receipt mailer: {}", round.error().message);
        } else if (round->unreachable) {
          spdlog::warn("receipt mailer: {}; receipts wait and are retried", round->last_error);
        } else if (round->sent + round->failed + round->retrying > 0) {
          spdlog::info("receipt mailer: {} sent, {} to retry, {} failed", round->sent,
                       round->retrying, round->failed);
        }
      }),
      webhooks_(*database_),
      outbound_urls_({.allow_http_loopback = config_.webhooks.allow_http_loopback}),
      webhook_sender_({.connect_timeout_seconds = config_.webhooks.connect_timeout_seconds,
                       .timeout_seconds = config_.webhooks.timeout_seconds,
                       .outbound = outbound_urls_.options()}),
      webhook_dispatcher_(webhooks_, webhook_sender_, *clock_, WebhookSettingsOf(config_.webhooks)),
      webhook_worker_([this] {
        auto round = webhook_dispatcher_.DeliverDue();
        if (!round) {
          spdlog::warn("webhooks: {}", round.error().message);
        } else if (round->delivered + round->retrying + round->failed > 0) {
          spdlog::info("webhooks: {} delivered, {} to retry, {} failed{}{}", round->delivered,
                       round->retrying, round->failed,
                       round->last_error.empty() ? "" : "; last: ", round->last_error);
        }
      }),
      fulfillment_(*database_),
      scheduler_(fulfillment_, orders_, config_.business.fulfillment, *zones_),
      schedule_worker_([this] {
        auto round = scheduler_.Round(clock_->Now());
        if (!round) {
          spdlog::warn("fulfillment scheduler: {}", round.error().message);
        } else if (round->planned + round->released + round->escalated + round->expired > 0) {
          spdlog::info(
              "fulfillment scheduler: {} planned, {} released, {} escalated, {} claims "
              "expired",
              round->planned, round->released, round->escalated, round->expired);
        }
      }) {
  if (config_.mail.enabled) {
    transport_ = std::make_unique<smtp::SmtpMailTransport>(SmtpOptionsOf(config_.mail));
    mailer_ = std::make_unique<ReceiptMailer>(deliveries_, documents_, renderings_, *transport_,
                                              *clock_, MailSettingsOf(config_.mail));
  }
}

Wiring::~Wiring() {
  StopWebhooks();
  StopScheduler();
  StopMailer();
}

void Wiring::StartMailer() {
  if (mailer_ == nullptr) {
    spdlog::info("no [mail] in the configuration: receipts are not e-mailed");
    return;
  }
  spdlog::info("receipt mailer: sending through {} as {}", transport_->Url(), config_.mail.from);
  mail_worker_.Start();
}

void Wiring::StopMailer() { mail_worker_.Stop(); }

void Wiring::StartWebhooks() { webhook_worker_.Start(); }

void Wiring::StopWebhooks() { webhook_worker_.Stop(); }
void Wiring::StartScheduler() { schedule_worker_.Start(); }

void Wiring::StopScheduler() { schedule_worker_.Stop(); }

http::Services Wiring::services() {
  return http::Services{.business = config_.business,
                        .catalog = catalog_,
                        .customers = customers_,
                        .orders = orders_,
                        .documents = documents_,
                        .phones = phones_,
                        .clock = *clock_,
                        .zones = *zones_,
                        .drafts = drafts_,
                        .cards = cards_,
                        .identities = identities_,
                        .credentials = credentials_,
                        .deliveries = deliveries_,
                        .outbox = signals_,
                        .webhooks = webhooks_,
                        .fulfillment = fulfillment_,
                        .outbound_urls = outbound_urls_,
                        .complaints = complaints_};
}

http::AccessOptions Wiring::access() const {
  const config::SecuritySettings& security = config_.security;
  const config::LimitSettings& limits = config_.limits;
  return http::AccessOptions{
      .sessions = {.idle = std::chrono::minutes{security.session_idle_minutes},
                   .absolute = std::chrono::hours{security.session_absolute_hours}},
      .login_max_failures = security.login_max_failures,
      .login_longest_wait = std::chrono::seconds{security.login_lockout_seconds},
      .secure_cookies = config_.server.public_origin.starts_with("https://"),
      .public_origin = config_.server.public_origin,
      .limits = {
          .per_key = {.per_second = limits.key_requests_per_second, .burst = limits.key_burst},
          .per_address = {.per_second = limits.address_requests_per_second,
                          .burst = limits.address_burst},
          .exempt_loopback = limits.exempt_loopback}};
}

}  // namespace commesso
