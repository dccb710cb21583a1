#include "adapters/json/domain_json.h"

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "adapters/json/fast_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/nfc_text.h"
#include "adapters/json/object_reader.h"
#include "adapters/json/read_json.h"
#include "core/catalog_rules.h"

namespace commesso::json {
namespace {

// Enumerations the core names itself (order.h) plus the three that live only in JSON.
constexpr std::array kChannels = {Channel::kPhone, Channel::kCounter, Channel::kMail,
                                  Channel::kEmail, Channel::kWeb,     Channel::kApi,
                                  Channel::kEdi};
constexpr std::array kPaymentTypes = {PaymentType::kCash,      PaymentType::kCard,
                                      PaymentType::kCheque,    PaymentType::kBankTransfer,
                                      PaymentType::kOnAccount, PaymentType::kCashOnDelivery};
constexpr std::array kPaymentStatuses = {PaymentStatus::kPending, PaymentStatus::kAuthorized,
                                         PaymentStatus::kPaid};
constexpr std::array kOrderStatuses = {OrderStatus::kPlaced,     OrderStatus::kReleased,
                                       OrderStatus::kInProgress, OrderStatus::kPartlyShipped,
                                       OrderStatus::kShipped,    OrderStatus::kDone,
                                       OrderStatus::kCancelled};
constexpr std::array kItemKinds = {ItemKind::kGood, ItemKind::kService};
constexpr std::array kBackorderPolicies = {BackorderPolicy::kRefuse, BackorderPolicy::kAllow};
constexpr std::array kRoundings = {Rounding::kHalfUp, Rounding::kHalfEven};
constexpr std::array kRoundingLevels = {RoundingLevel::kPerLine, RoundingLevel::kPerDocument};
constexpr std::array kPriceModes = {PriceMode::kTaxExclusive, PriceMode::kTaxInclusive};

const char* Name(Rounding rounding) {
  return rounding == Rounding::kHalfEven ? "half_even" : "half_up";
}
const char* Name(RoundingLevel level) {
  return level == RoundingLevel::kPerLine ? "line" : "document";
}
const char* Name(PriceMode mode) {
  return mode == PriceMode::kTaxInclusive ? "tax_inclusive" : "tax_exclusive";
}
using commesso::Name;
// The public overloads (Money, Address, …), which the local ones below would hide.
using commesso::json::ToJson;

// The enumerator of `values` named `key`'s string; a field error listing the names otherwise.
template <typename Reader, typename Enum, std::size_t kCount>
Enum ReadEnum(Reader& reader, std::string_view key, Presence presence, Enum fallback,
              const std::array<Enum, kCount>& values) {
  const std::optional<std::string_view> text = reader.Text(key, presence);
  if (!text) return fallback;
  std::string choices;
  for (Enum candidate : values) {
    if (*text == Name(candidate)) return candidate;
    choices += choices.empty() ? "" : ", ";
    choices += Name(candidate);
  }
  reader.Report(key, "must be one of: " + choices);
  return fallback;
}

std::string ToString(Int128 value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  std::string digits;
  while (value != 0) {
    const auto digit = static_cast<int>(value % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (negative ? -digit : digit)));
    value /= 10;
  }
  return negative ? "-" + digits : digits;
}

// "-33/2" into an Int128; nothing on any other text or overflow.
std::optional<Int128> ParseInt128(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 38) return std::nullopt;
  Int128 value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

Json ToJson(const LocalizedText& text) { return Json{{"it", text.it}, {"en", text.en}}; }

// "09:00"; the end of the day is "24:00".
std::string ClockText(std::chrono::minutes time) {
  const auto minutes = time.count();
  const auto two = [](long long value) {
    return std::string(1, static_cast<char>('0' + value / 10)) +
           static_cast<char>('0' + value % 10);
  };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

// Writers. Each writes one value straight into `out`, an object's members in the sorted order
// an nlohmann object has, so the text is what Dump(tree) made before these replaced the trees.

enum class LineDetail {
  kQuoted,  // Before placement: nothing is reserved yet.
  kPlaced,  // With the backordered units.
};

enum class Keys {
  kStored,  // With the storage ids (the order's, its items') and the card processor's token.
  kPublic,  // What API clients see: without them.
};

void Write(JsonOut& out, Money money);
void Write(JsonOut& out, const LocalizedText& text);
void Write(JsonOut& out, TaxRate rate);
void Write(JsonOut& out, const TaxTraces& traces);
void Write(JsonOut& out, const Appointment& appointment);
void Write(JsonOut& out, const PricedShipping& shipping);
void Write(JsonOut& out, const std::vector<TaxSummaryRow>& summary);
void Write(JsonOut& out, const Totals& totals);
void Write(JsonOut& out, const Address& address);

// A member whose value one of the Write overloads writes; an optional one only when set.
template <typename T>
void WriteMember(JsonOut& out, std::string_view key, const T& value) {
  out.Key(key);
  Write(out, value);
}
template <typename T>
void WriteMember(JsonOut& out, std::string_view key, const std::optional<T>& value) {
  if (!value) return;
  out.Key(key);
  Write(out, *value);
}

void Write(JsonOut& out, Money money) {
  out.BeginObject();
  out.Member("currency", money.currency().code());
  out.Member("minor", money.minor());
  out.EndObject();
}

void Write(JsonOut& out, const LocalizedText& text) {
  out.BeginObject();
  out.Member("en", text.en.view());
  out.Member("it", text.it.view());
  out.EndObject();
}

void Write(JsonOut& out, TaxRate rate) {
  out.BeginObject();
  out.Member("percent", DecimalString(Exact{.numerator = rate.ppm, .denominator = 10'000}, 4));
  out.Member("ppm", rate.ppm);
  out.EndObject();
}

// "unrounded_exact" and "unrounded_minor" of an unrounded tax.
void WriteUnrounded(JsonOut& out, const Exact& exact) {
  out.Member("unrounded_exact", ToString(exact.numerator) + "/" + ToString(exact.denominator));
  out.Member("unrounded_minor", DecimalString(exact));
}

void Write(JsonOut& out, const TaxTraces& traces) {
  out.BeginArray();
  for (const TaxTrace& trace : traces) {
    out.BeginObject();
    WriteMember(out, "base", trace.base);
    out.Member("category", trace.category.view());
    out.Member("component", trace.component.view());
    WriteMember(out, "rate", trace.rate);
    WriteMember(out, "rounded", trace.rounded);
    WriteUnrounded(out, trace.unrounded);
    out.EndObject();
  }
  out.EndArray();
}

// What a line shows of its item: everything when stored; no storage id in the public form;
// neither the id nor the tax category in the delivery view.
enum class ItemView { kStored, kPublic, kDelivery };

void Write(JsonOut& out, const ItemSnapshot& item, ItemView view) {
  out.BeginObject();
  out.Member("category", item.category.view());
  if (view == ItemView::kStored) {
    out.Member("id", item.id.value);
  }
  out.Member("kind", Name(item.kind));
  out.Member("location", item.location.view());
  WriteMember(out, "name", item.name);
  out.Member("sku", item.sku);
  if (view != ItemView::kDelivery) {
    out.Member("tax_category", item.tax_category.view());
  }
  out.Member("unit", item.unit.view());
  out.Member("weight_grams", item.weight_grams);
  out.EndObject();
}

void Write(JsonOut& out, const Appointment& appointment) {
  out.BeginObject();
  out.Member("date", FormatDate(appointment.date));
  if (appointment.from) {
    out.Member("from", ClockText(*appointment.from));
  }
  if (appointment.until) {
    out.Member("until", ClockText(*appointment.until));
  }
  out.EndObject();
}

void Write(JsonOut& out, const PricedLine& line, LineDetail detail, Keys keys) {
  out.BeginObject();
  WriteMember(out, "amount", line.amount);
  WriteMember(out, "appointment", line.appointment);
  if (detail == LineDetail::kPlaced) {
    out.Member("backordered", line.backordered);
  }
  out.Key("item");
  Write(out, line.item, keys == Keys::kStored ? ItemView::kStored : ItemView::kPublic);
  out.Member("jurisdiction", line.jurisdiction.view());
  WriteMember(out, "net", line.net);
  out.Member("quantity", line.quantity);
  WriteMember(out, "tax", line.tax);
  WriteMember(out, "taxes", line.taxes);
  WriteMember(out, "unit_price", line.unit_price);
  out.EndObject();
}

void Write(JsonOut& out, const PricedShipping& shipping) {
  out.BeginObject();
  WriteMember(out, "amount", shipping.amount);
  out.Key("free");
  out.Bool(shipping.free);
  out.Member("jurisdiction", shipping.jurisdiction.view());
  WriteMember(out, "list_charge", shipping.list_charge);
  out.Member("method", shipping.method);
  WriteMember(out, "name", shipping.name);
  WriteMember(out, "taxes", shipping.taxes);
  out.Member("weight_grams", shipping.weight_grams);
  out.EndObject();
}

void Write(JsonOut& out, const std::vector<TaxSummaryRow>& summary) {
  out.BeginArray();
  for (const TaxSummaryRow& row : summary) {
    out.BeginObject();
    WriteMember(out, "base", row.base);
    out.Member("component", row.component.view());
    WriteMember(out, "rate", row.rate);
    WriteMember(out, "tax", row.tax);
    WriteUnrounded(out, row.unrounded);
    out.EndObject();
  }
  out.EndArray();
}

void Write(JsonOut& out, const Totals& totals) {
  out.BeginObject();
  WriteMember(out, "amount_due", totals.amount_due);
  WriteMember(out, "change", totals.change);
  WriteMember(out, "grand_total", totals.grand_total);
  WriteMember(out, "items", totals.items);
  WriteMember(out, "net", totals.net);
  WriteMember(out, "shipping", totals.shipping);
  WriteMember(out, "tax", totals.tax);
  WriteMember(out, "tendered", totals.tendered);
  out.EndObject();
}

void Write(JsonOut& out, const Address& address) {
  out.BeginObject();
  out.Member("city", address.city);
  out.Member("company", address.company);
  out.Member("country", address.country);
  out.Member("line1", address.line1);
  out.Member("line2", address.line2);
  out.Member("name", address.name);
  out.Member("postal_code", address.postal_code);
  out.Member("region", address.region);
  out.EndObject();
}

void WriteLines(JsonOut& out, const PricedOrder& priced, LineDetail detail, Keys keys) {
  out.BeginArray();
  for (const PricedLine& line : priced.lines) Write(out, line, detail, keys);
  out.EndArray();
}

void WriteRounding(JsonOut& out, const RoundingPolicy& rounding) {
  out.BeginObject();
  out.Member("level", Name(rounding.level));
  out.Member("rule", Name(rounding.rounding));
  out.EndObject();
}

// A quote: the priced order alone.
void WriteQuoted(JsonOut& out, const PricedOrder& priced, const Extra& extra) {
  out.BeginObject();
  out.Member("currency", priced.currency.code());
  out.Member("exemption_reference", priced.exemption_reference);
  out.Key("lines");
  WriteLines(out, priced, LineDetail::kQuoted, Keys::kPublic);
  out.Member("price_mode", Name(priced.price_mode));
  out.Key("rounding");
  WriteRounding(out, priced.rounding);
  WriteMember(out, "shipping", priced.shipping);
  out.Key("tax_exempt");
  out.Bool(priced.tax_exempt);
  WriteMember(out, "tax_summary", priced.tax_summary);
  WriteMember(out, "totals", priced.totals);
  if (extra) extra(out);
  out.EndObject();
}

// A placed order, the priced order's members among its own.
void WritePlaced(JsonOut& out, const Order& order, Keys keys, const Extra& extra) {
  const PricedOrder& priced = order.priced;
  out.BeginObject();
  WriteMember(out, "billing_address", order.billing_address);
  out.Member("channel", Name(order.channel));
  out.Member("clerk", order.clerk);
  out.Member("currency", priced.currency.code());
  out.Key("customer");
  out.BeginObject();
  out.Member("company", order.customer.company);
  out.Member("email", order.customer.email);
  out.Member("id", order.customer.id.value);
  out.Member("locale", order.customer.locale);
  out.Member("name", order.customer.name);
  out.Member("phone", order.customer.phone);
  out.Member("tax_id", order.customer.tax_id);
  out.EndObject();
  out.Member("exemption_reference", priced.exemption_reference);
  if (keys == Keys::kStored) {
    out.Member("id", order.id.value);
  }
  out.Key("lines");
  WriteLines(out, priced, LineDetail::kPlaced, keys);
  out.Member("notes", order.notes);
  out.Member("number", order.number.value);
  out.Key("payment");
  out.BeginObject();
  if (order.payment.type == PaymentType::kCard || order.payment.card != CardDetails{}) {
    out.Key("card");
    out.BeginObject();
    out.Member("brand", order.payment.card.brand);
    out.Member("last4", order.payment.card.last4);
    if (keys == Keys::kStored) {
      out.Member("token", order.payment.card.token);
    }
    out.EndObject();
  }
  out.Member("reference", order.payment.reference);
  out.Member("status", Name(order.payment.status));
  out.Member("type", Name(order.payment.type));
  out.EndObject();
  out.Member("placed_at", FormatTimestamp(order.placed_at));
  out.Member("placed_by", order.placed_by);
  out.Member("price_mode", Name(priced.price_mode));
  if (order.promised_dispatch) {
    out.Member("promised_dispatch", FormatDate(*order.promised_dispatch));
  }
  out.Member("revision", order.revision);
  out.Key("rounding");
  WriteRounding(out, priced.rounding);
  WriteMember(out, "shipping", priced.shipping);
  WriteMember(out, "shipping_address", order.shipping_address);
  out.Member("status", Name(order.status));
  out.Key("tax_exempt");
  out.Bool(priced.tax_exempt);
  WriteMember(out, "tax_summary", priced.tax_summary);
  WriteMember(out, "totals", priced.totals);
  if (extra) extra(out);
  out.EndObject();
}

// The delivery view (ToPublicJson(order, kDelivery)). Written field by field, not by leaving
// fields out of the full form: a field orders gain later stays out of this view until someone
// decides that delivery needs it.
void WriteForDelivery(JsonOut& out, const Order& order, const Extra& extra) {
  out.BeginObject();
  out.Member("channel", Name(order.channel));
  out.Member("clerk", order.clerk);
  out.Key("customer");
  out.BeginObject();
  out.Member("company", order.customer.company);
  out.Member("locale", order.customer.locale);
  out.Member("name", order.customer.name);
  out.Member("phone", order.customer.phone);
  out.EndObject();
  out.Key("lines");
  out.BeginArray();
  for (const PricedLine& line : order.priced.lines) {
    out.BeginObject();
    WriteMember(out, "appointment", line.appointment);
    out.Member("backordered", line.backordered);
    out.Key("item");
    Write(out, line.item, ItemView::kDelivery);
    out.Member("quantity", line.quantity);
    out.EndObject();
  }
  out.EndArray();
  out.Member("notes", order.notes);
  out.Member("number", order.number.value);
  out.Key("payment");
  out.BeginObject();
  // The courier collects it, so the shipment is booked with the amount.
  if (order.payment.type == PaymentType::kCashOnDelivery) {
    WriteMember(out, "amount_due", order.priced.totals.amount_due);
  }
  out.Member("type", Name(order.payment.type));
  out.EndObject();
  out.Member("placed_at", FormatTimestamp(order.placed_at));
  out.Member("placed_by", order.placed_by);
  if (order.promised_dispatch) {
    out.Member("promised_dispatch", FormatDate(*order.promised_dispatch));
  }
  out.Member("revision", order.revision);
  out.Key("shipping");
  out.BeginObject();
  out.Member("method", order.priced.shipping.method);
  WriteMember(out, "name", order.priced.shipping.name);
  out.Member("weight_grams", order.priced.shipping.weight_grams);
  out.EndObject();
  WriteMember(out, "shipping_address", order.shipping_address);
  out.Member("status", Name(order.status));
  if (extra) extra(out);
  out.EndObject();
}

// `write`'s text, read back into a tree (for the callers that still build one).
template <typename Writer>
Json TreeOf(const Writer& write) {
  std::string text;
  JsonOut out(text);
  write(out);
  return Json::parse(text);
}

// Readers. Each takes the value (null when absent), its path and the problem list.

template <typename Value>
Money ReadMoney(typename BasicObjectReader<Value>::Ref json, const std::string& path,
                std::vector<FieldError>& problems, std::optional<Currency> business) {
  if (!json) return Money(0, business.value_or(kEur));
  BasicObjectReader<Value> reader(*json, path, problems);
  const std::int64_t minor = reader.Integer("minor", Presence::kRequired);
  const std::string code =
      reader.String("currency", business ? Presence::kOptional : Presence::kRequired);
  reader.Finish();
  Currency currency = business.value_or(kEur);
  if (!code.empty()) {
    std::optional<Currency> named = Currency::FromCode(code);
    if (!named) {
      reader.Report("currency", "unknown currency");
    } else if (business && *named != *business) {
      reader.Report("currency", "must be " + std::string(business->code()));
    } else {
      currency = *named;
    }
  }
  return Money(minor, currency);
}

template <typename Value>
Money ReadMoney(BasicObjectReader<Value>& parent, std::string_view key, Presence presence,
                std::vector<FieldError>& problems, std::optional<Currency> business) {
  return ReadMoney<Value>(parent.Member(key, presence), MemberPath(parent.path(), key), problems,
                          business);
}

template <typename Value>
std::optional<Money> ReadOptionalMoney(BasicObjectReader<Value>& parent, std::string_view key,
                                       std::vector<FieldError>& problems,
                                       std::optional<Currency> business) {
  const auto json = parent.Member(key, Presence::kOptional);
  if (!json) return std::nullopt;
  return ReadMoney<Value>(json, MemberPath(parent.path(), key), problems, business);
}

// The digits of `text` as a number when it is exactly `count` ASCII digits.
std::optional<unsigned> Digits(std::string_view text, std::size_t count) {
  if (text.size() != count) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

// "2026-12-03" as a day whose validity is left to the core (so "2026-02-30" reads, and
// validation reports it as the invalid date it is); nothing when the text has another shape.
std::optional<std::chrono::year_month_day> ReadDayShape(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = Digits(text.substr(0, 4), 4);
  const auto month = Digits(text.substr(5, 2), 2);
  const auto day = Digits(text.substr(8, 2), 2);
  if (!year || !month || !day) return std::nullopt;
  return std::chrono::year{static_cast<int>(*year)} / std::chrono::month{*month} /
         std::chrono::day{*day};
}

// "09:00" as minutes since midnight, range left to the core ("24:00" is the day's end);
// nothing when the text is not two digits, a colon and two digits.
std::optional<std::chrono::minutes> ReadClockShape(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto hours = Digits(text.substr(0, 2), 2);
  const auto minutes = Digits(text.substr(3, 2), 2);
  if (!hours || !minutes || *minutes > 59) return std::nullopt;
  return std::chrono::minutes{*hours * 60 + *minutes};
}

// {"date": "2026-12-03", "from": "09:00", "until": "12:00"}; from and until optional.
template <typename Value>
std::optional<Appointment> ReadAppointment(BasicObjectReader<Value>& parent,
                                           std::vector<FieldError>& problems) {
  const auto json = parent.Member("appointment", Presence::kOptional);
  if (!json) return std::nullopt;
  BasicObjectReader<Value> reader(*json, MemberPath(parent.path(), "appointment"), problems);
  Appointment appointment;
  const std::size_t before = problems.size();
  const std::string date = reader.String("date", Presence::kRequired);
  if (reader.valid() && problems.size() == before) {
    if (auto day = ReadDayShape(date)) {
      appointment.date = *day;
    } else {
      reader.Report("date", "must be a date like 2026-12-03");
    }
  }
  for (auto [key, field] :
       {std::pair{"from", &appointment.from}, std::pair{"until", &appointment.until}}) {
    const std::string text = reader.String(key, Presence::kOptional);
    if (text.empty()) continue;
    if (auto time = ReadClockShape(text)) {
      *field = *time;
    } else {
      reader.Report(key, "must be a time like 09:00");
    }
  }
  reader.Finish();
  return appointment;
}

template <typename Value>
Address ReadAddress(const Value& json, const std::string& path, std::vector<FieldError>& problems) {
  BasicObjectReader<Value> reader(json, path, problems);
  Address address{.name = reader.String("name", Presence::kOptional),
                  .company = reader.String("company", Presence::kOptional),
                  .line1 = reader.String("line1", Presence::kOptional),
                  .line2 = reader.String("line2", Presence::kOptional),
                  .postal_code = reader.String("postal_code", Presence::kOptional),
                  .city = reader.String("city", Presence::kOptional),
                  .region = reader.String("region", Presence::kOptional),
                  .country = reader.String("country", Presence::kOptional)};
  reader.Finish();
  return address;
}

template <typename Value>
std::optional<Address> ReadOptionalAddress(BasicObjectReader<Value>& parent, std::string_view key,
                                           std::vector<FieldError>& problems) {
  const auto json = parent.Member(key, Presence::kOptional);
  if (!json) return std::nullopt;
  return ReadAddress(*json, MemberPath(parent.path(), key), problems);
}

// An address as people typed it, in NFC (nfc_text.h). Stored snapshots are read as written.
Address Typed(Address address) {
  for (std::string* field : {&address.name, &address.company, &address.line1, &address.line2,
                             &address.postal_code, &address.city, &address.region}) {
    *field = ToNfc(*field);
  }
  return address;
}

std::optional<Address> Typed(std::optional<Address> address) {
  if (address) *address = Typed(std::move(*address));
  return address;
}

LocalizedText ReadText(ObjectReader& parent, std::string_view key, Presence presence,
                       std::vector<FieldError>& problems) {
  const Json* json = parent.Member(key, presence);
  if (json == nullptr) return {};
  ObjectReader reader(*json, MemberPath(parent.path(), key), problems);
  LocalizedText text{.it = reader.String("it", Presence::kOptional),
                     .en = reader.String("en", Presence::kOptional)};
  reader.Finish();
  return text;
}

template <typename Value>
CardDetails ReadCard(const Value& json, const std::string& path,
                     std::vector<FieldError>& problems) {
  BasicObjectReader<Value> reader(json, path, problems);
  CardDetails card{.brand = reader.String("brand", Presence::kOptional),
                   .last4 = reader.String("last4", Presence::kOptional),
                   .token = reader.String("token", Presence::kOptional)};
  reader.Finish();
  return card;
}

TaxRate ReadRate(ObjectReader& parent, std::string_view key, std::vector<FieldError>& problems) {
  const Json* json = parent.Member(key, Presence::kRequired);
  if (json == nullptr) return {};
  ObjectReader reader(*json, MemberPath(parent.path(), key), problems);
  const std::int64_t ppm = reader.Integer("ppm", Presence::kRequired);
  reader.String("percent", Presence::kOptional);  // Derived from ppm, for people.
  reader.Finish();
  if (ppm < 0 || ppm > 1'000'000) {
    reader.Report("ppm", "must be 0..1000000");
    return {};
  }
  return TaxRate{static_cast<std::int32_t>(ppm)};
}

Exact ReadExact(ObjectReader& reader, std::vector<FieldError>& problems) {
  reader.String("unrounded_minor", Presence::kRequired);  // Derived from the exact value.
  const std::string text = reader.String("unrounded_exact", Presence::kRequired);
  if (text.empty()) return {};
  const std::size_t slash = text.find('/');
  std::optional<Int128> numerator, denominator;
  if (slash != std::string::npos) {
    const std::string_view fraction = text;
    numerator = ParseInt128(fraction.substr(0, slash));
    denominator = ParseInt128(fraction.substr(slash + 1));
  }
  if (!numerator || !denominator || *denominator <= 0) {
    problems.push_back({MemberPath(reader.path(), "unrounded_exact"), "must be \"n/d\", d > 0"});
    return {};
  }
  return Exact{.numerator = *numerator, .denominator = *denominator};
}

TaxTraces ReadTraces(ObjectReader& parent, std::string_view key,
                     std::vector<FieldError>& problems) {
  TaxTraces traces;
  const Json* array = parent.Array(key, Presence::kRequired);
  if (array == nullptr) return traces;
  for (std::size_t i = 0; i < array->size(); ++i) {
    ObjectReader reader((*array)[i], ElementPath(MemberPath(parent.path(), key), i), problems);
    TaxTrace trace{.component = reader.String("component", Presence::kRequired),
                   .category = reader.String("category", Presence::kRequired),
                   .rate = ReadRate(reader, "rate", problems),
                   .base = ReadMoney(reader, "base", Presence::kRequired, problems, {})};
    trace.unrounded = ReadExact(reader, problems);
    trace.rounded = ReadOptionalMoney(reader, "rounded", problems, {});
    reader.Finish();
    traces.push_back(trace);
  }
  return traces;
}

ItemSnapshot ReadItemSnapshot(ObjectReader& parent, std::string_view key,
                              std::vector<FieldError>& problems) {
  const Json* json = parent.Member(key, Presence::kRequired);
  if (json == nullptr) return {};
  ObjectReader reader(*json, MemberPath(parent.path(), key), problems);
  ItemSnapshot item{
      .id = ItemId{reader.Integer("id", Presence::kRequired)},
      .sku = reader.String("sku", Presence::kRequired),
      .name = ReadText(reader, "name", Presence::kRequired, problems),
      .kind = ReadEnum(reader, "kind", Presence::kRequired, ItemKind::kGood, kItemKinds),
      .unit = reader.String("unit", Presence::kRequired),
      .tax_category = reader.String("tax_category", Presence::kRequired),
      .weight_grams = reader.Integer("weight_grams", Presence::kRequired),
      // Snapshots from before items had them lack both: none.
      .category = reader.String("category", Presence::kOptional),
      .location = reader.String("location", Presence::kOptional)};
  reader.Finish();
  return item;
}

PricedShipping ReadShipping(ObjectReader& parent, std::vector<FieldError>& problems) {
  const Json* json = parent.Member("shipping", Presence::kRequired);
  if (json == nullptr) return {};
  ObjectReader reader(*json, MemberPath(parent.path(), "shipping"), problems);
  PricedShipping shipping{
      .method = reader.String("method", Presence::kRequired),
      .name = ReadText(reader, "name", Presence::kRequired, problems),
      .weight_grams = reader.Integer("weight_grams", Presence::kRequired),
      .list_charge = ReadMoney(reader, "list_charge", Presence::kRequired, problems, {}),
      .amount = ReadMoney(reader, "amount", Presence::kRequired, problems, {}),
      .free = reader.Boolean("free", Presence::kRequired),
      .jurisdiction = reader.String("jurisdiction", Presence::kRequired)};
  shipping.taxes = ReadTraces(reader, "taxes", problems);
  reader.Finish();
  return shipping;
}

Totals ReadTotals(ObjectReader& parent, std::vector<FieldError>& problems) {
  const Json* json = parent.Member("totals", Presence::kRequired);
  if (json == nullptr) return {};
  ObjectReader reader(*json, MemberPath(parent.path(), "totals"), problems);
  auto money = [&](std::string_view key) {
    return ReadMoney(reader, key, Presence::kRequired, problems, {});
  };
  Totals totals{.items = money("items"),
                .shipping = money("shipping"),
                .net = money("net"),
                .tax = money("tax"),
                .grand_total = money("grand_total"),
                .amount_due = money("amount_due"),
                .tendered = ReadOptionalMoney(reader, "tendered", problems, {}),
                .change = ReadOptionalMoney(reader, "change", problems, {})};
  reader.Finish();
  return totals;
}

// The priced order's members of `reader`'s object (ToJson(Order) writes them at the top).
PricedOrder ReadPriced(ObjectReader& reader, std::vector<FieldError>& problems) {
  PricedOrder priced;
  const std::string code = reader.String("currency", Presence::kRequired);
  if (std::optional<Currency> currency = Currency::FromCode(code)) {
    priced.currency = *currency;
  } else {
    reader.Report("currency", "unknown currency");
  }
  priced.price_mode =
      ReadEnum(reader, "price_mode", Presence::kRequired, PriceMode::kTaxExclusive, kPriceModes);
  if (const Json* json = reader.Member("rounding", Presence::kRequired)) {
    ObjectReader rounding(*json, MemberPath(reader.path(), "rounding"), problems);
    priced.rounding.rounding =
        ReadEnum(rounding, "rule", Presence::kRequired, Rounding::kHalfUp, kRoundings);
    priced.rounding.level = ReadEnum(rounding, "level", Presence::kRequired,
                                     RoundingLevel::kPerDocument, kRoundingLevels);
    rounding.Finish();
  }
  if (const Json* lines = reader.Array("lines", Presence::kRequired)) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      ObjectReader line((*lines)[i], ElementPath(MemberPath(reader.path(), "lines"), i), problems);
      PricedLine priced_line{
          .item = ReadItemSnapshot(line, "item", problems),
          .quantity = line.Integer("quantity", Presence::kRequired),
          .unit_price = ReadMoney(line, "unit_price", Presence::kRequired, problems, {}),
          .amount = ReadMoney(line, "amount", Presence::kRequired, problems, {}),
          .jurisdiction = line.String("jurisdiction", Presence::kRequired)};
      priced_line.taxes = ReadTraces(line, "taxes", problems);
      priced_line.net = ReadOptionalMoney(line, "net", problems, {});
      priced_line.tax = ReadOptionalMoney(line, "tax", problems, {});
      priced_line.backordered = line.Integer("backordered", Presence::kRequired);
      priced_line.appointment = ReadAppointment(line, problems);
      line.Finish();
      priced.lines.push_back(std::move(priced_line));
    }
  }
  priced.shipping = ReadShipping(reader, problems);
  priced.tax_exempt = reader.Boolean("tax_exempt", Presence::kRequired);
  priced.exemption_reference = reader.String("exemption_reference", Presence::kRequired);
  if (const Json* rows = reader.Array("tax_summary", Presence::kRequired)) {
    for (std::size_t i = 0; i < rows->size(); ++i) {
      ObjectReader row((*rows)[i], ElementPath(MemberPath(reader.path(), "tax_summary"), i),
                       problems);
      TaxSummaryRow summary{.component = row.String("component", Presence::kRequired),
                            .rate = ReadRate(row, "rate", problems),
                            .base = ReadMoney(row, "base", Presence::kRequired, problems, {})};
      summary.unrounded = ReadExact(row, problems);
      summary.tax = ReadMoney(row, "tax", Presence::kRequired, problems, {});
      row.Finish();
      priced.tax_summary.push_back(summary);
    }
  }
  priced.totals = ReadTotals(reader, problems);
  return priced;
}

}  // namespace

Json ToJson(Money money) {
  return Json{{"minor", money.minor()}, {"currency", money.currency().code()}};
}

Json ToJson(const ShippingMethod& method) {
  Json zones = Json::array();
  for (const ShippingZone& zone : method.zones) {
    Json brackets = Json::array();
    for (const WeightBracket& bracket : zone.brackets)
      brackets.push_back({{"max_grams", bracket.max_grams}, {"charge", ToJson(bracket.charge)}});
    zones.push_back({{"code", zone.code},
                     {"countries", zone.countries},
                     {"brackets", std::move(brackets)},
                     {"free_over", zone.free_over ? ToJson(*zone.free_over) : Json(nullptr)}});
  }
  return Json{{"code", method.code}, {"name", ToJson(method.name)}, {"zones", std::move(zones)}};
}

Json ToJson(const Address& address) {
  return TreeOf([&](JsonOut& out) { Write(out, address); });
}

Json ToJson(const Item& item) {
  return Json{{"sku", item.sku},
              {"name", ToJson(item.name)},
              {"kind", Name(item.kind)},
              {"unit", item.unit},
              {"unit_price", ToJson(item.unit_price)},
              {"tax_category", item.tax_category},
              {"weight_grams", item.weight_grams},
              {"active", item.active},
              {"track_stock", item.track_stock},
              {"stock_on_hand", item.stock_on_hand},
              {"backorder_policy", Name(item.backorder_policy)},
              {"category", item.category},
              {"location", item.location}};
}

Json ToJson(const Customer& customer) {
  Json addresses = Json::array();
  for (const CustomerAddress& saved : customer.addresses) {
    addresses.push_back(Json{{"label", saved.label},
                             {"address", ToJson(saved.address)},
                             {"default_billing", saved.default_billing},
                             {"default_shipping", saved.default_shipping}});
  }
  return Json{{"id", customer.id.value},
              {"name", customer.name},
              {"company", customer.company},
              {"tax_id", customer.tax_id},
              {"email", customer.email},
              {"phone", customer.phone},
              {"phone_e164", customer.phone_e164},
              {"tax_exempt", customer.tax_exempt},
              {"exemption_reference", customer.exemption_reference},
              {"locale", customer.locale},
              {"addresses", std::move(addresses)}};
}

Json ToJson(const Appointment& appointment) {
  return TreeOf([&](JsonOut& out) { Write(out, appointment); });
}

Json ToJson(const Order& order) {
  return TreeOf([&](JsonOut& out) { WritePlaced(out, order, Keys::kStored, {}); });
}

Json ToPublicJson(const PricedOrder& priced) {
  return TreeOf([&](JsonOut& out) { WriteQuoted(out, priced, {}); });
}

Json ToPublicJson(const Order& order) { return ToPublicJson(order, OrderView::kFull); }

Json ToPublicJson(const Order& order, OrderView view) {
  return TreeOf([&](JsonOut& out) { WritePublic(out, order, view, {}); });
}

std::string StoredText(const Order& order) {
  std::string text;
  JsonOut out(text);
  WritePlaced(out, order, Keys::kStored, {});
  return text;
}

void WritePublic(JsonOut& out, const Order& order, OrderView view, const Extra& extra) {
  if (view == OrderView::kDelivery) {
    WriteForDelivery(out, order, extra);
  } else {
    WritePlaced(out, order, Keys::kPublic, extra);
  }
}

void WritePublic(JsonOut& out, const PricedOrder& priced, const Extra& extra) {
  WriteQuoted(out, priced, extra);
}

namespace {

// An order request in any parser's value (object_reader.h).
template <typename Value>
Result<OrderDraft> ReadDraft(const Value& json, Currency currency) {
  std::vector<FieldError> problems;
  BasicObjectReader<Value> reader(json, "", problems);
  OrderDraft draft;
  draft.channel = ReadEnum(reader, "channel", Presence::kOptional, Channel::kApi, kChannels);
  draft.customer_id = CustomerId{reader.Integer("customer_id", Presence::kRequired)};
  draft.billing_address = Typed(ReadOptionalAddress(reader, "billing_address", problems));
  draft.shipping_address = Typed(ReadOptionalAddress(reader, "shipping_address", problems));
  if (const auto lines = reader.Array("lines", Presence::kRequired)) {
    std::size_t i = 0;
    for (const auto& element : *lines) {
      BasicObjectReader<Value> line(element, ElementPath("lines", i++), problems);
      draft.lines.push_back(DraftLine{.sku = line.String("sku", Presence::kRequired),
                                      .quantity = line.Integer("quantity", Presence::kRequired),
                                      .appointment = ReadAppointment(line, problems)});
      line.Finish();
    }
  }
  draft.shipping_method = reader.String("shipping_method", Presence::kOptional);
  if (const auto payment_json = reader.Member("payment", Presence::kOptional)) {
    BasicObjectReader<Value> payment(*payment_json, "payment", problems);
    draft.payment.type =
        ReadEnum(payment, "type", Presence::kRequired, PaymentType::kOnAccount, kPaymentTypes);
    draft.payment.tendered = ReadOptionalMoney(payment, "tendered", problems, currency);
    if (const auto card = payment.Member("card", Presence::kOptional)) {
      draft.payment.card = ReadCard(*card, "payment.card", problems);
    }
    draft.payment.reference = payment.String("reference", Presence::kOptional);
    payment.Finish();
  }
  draft.currency = reader.String("currency", Presence::kOptional);
  if (!draft.currency.empty() && !Currency::FromCode(draft.currency)) {
    reader.Report("currency", "unknown currency");
  }
  draft.notes = reader.String("notes", Presence::kOptional);
  draft.clerk = reader.String("clerk", Presence::kOptional);
  reader.Finish();
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the order has errors", std::move(problems)});
  }
  return draft;
}

}  // namespace

Result<OrderDraft> DraftFromJson(const Json& json, Currency currency) {
  return ReadDraft(json, currency);
}

tl::expected<Result<OrderDraft>, ReadFailure> DraftFromText(std::string_view text,
                                                            Currency currency) {
  thread_local FastJson parser;
  auto read = parser.Read(text);
  if (!read) return tl::unexpected(std::move(read.error()));
  return std::visit([&](const auto& value) { return ReadDraft(value, currency); }, *read);
}

namespace {

std::string WithoutSurroundingSpaces(std::string text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

}  // namespace

Result<Item> ItemFromJson(const Json& json, const PricingRules& rules) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  Item item;
  item.sku = reader.String("sku", Presence::kRequired);
  item.name = ReadText(reader, "name", Presence::kRequired, problems);
  item.name = LocalizedText{.it = ToNfc(item.name.it.view()), .en = ToNfc(item.name.en.view())};
  item.kind = ReadEnum(reader, "kind", Presence::kOptional, ItemKind::kGood, kItemKinds);
  const std::string unit = reader.String("unit", Presence::kOptional, item.unit);
  item.unit_price = ReadMoney(reader, "unit_price", Presence::kRequired, problems, rules.currency);
  const std::string tax_category =
      reader.String("tax_category", Presence::kOptional, item.tax_category);
  item.weight_grams = reader.Integer("weight_grams", Presence::kOptional);
  item.active = reader.Boolean("active", Presence::kOptional, true);
  item.track_stock = reader.Boolean("track_stock", Presence::kOptional);
  item.stock_on_hand = reader.Integer("stock_on_hand", Presence::kOptional);
  item.backorder_policy = ReadEnum(reader, "backorder_policy", Presence::kOptional,
                                   BackorderPolicy::kRefuse, kBackorderPolicies);
  const std::string category = reader.String("category", Presence::kOptional);
  // A location is typed by hand ("A-03-2 "): surrounding spaces are dropped, not refused.
  const std::string location =
      WithoutSurroundingSpaces(reader.String("location", Presence::kOptional));
  reader.Finish();
  if (problems.empty()) {
    problems = ValidateItem(
        item,
        ItemCodes{
            .unit = unit, .tax_category = tax_category, .category = category, .location = location},
        rules);
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the item has errors", std::move(problems)});
  }
  // Valid, so its codes may be made (they are kept for good: code.h).
  item.unit = unit;
  item.tax_category = tax_category;
  item.category = category;
  item.location = location;
  return item;
}

Result<Customer> CustomerFromJson(const Json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  Customer customer;
  customer.id = CustomerId{reader.Integer("id", Presence::kOptional)};
  customer.name = ToNfc(reader.String("name", Presence::kRequired));
  customer.company = ToNfc(reader.String("company", Presence::kOptional));
  customer.tax_id = reader.String("tax_id", Presence::kOptional);
  customer.email = reader.String("email", Presence::kOptional);
  customer.phone = reader.String("phone", Presence::kOptional);
  customer.phone_e164 = reader.String("phone_e164", Presence::kOptional);
  customer.tax_exempt = reader.Boolean("tax_exempt", Presence::kOptional);
  customer.exemption_reference = reader.String("exemption_reference", Presence::kOptional);
  customer.locale = reader.String("locale", Presence::kOptional, customer.locale);
  if (const Json* addresses = reader.Array("addresses", Presence::kOptional)) {
    for (std::size_t i = 0; i < addresses->size(); ++i) {
      ObjectReader saved((*addresses)[i], ElementPath("addresses", i), problems);
      CustomerAddress address{.label = ToNfc(saved.String("label", Presence::kOptional))};
      if (const Json* postal = saved.Member("address", Presence::kRequired)) {
        address.address =
            Typed(ReadAddress(*postal, MemberPath(saved.path(), "address"), problems));
      }
      address.default_billing = saved.Boolean("default_billing", Presence::kOptional);
      address.default_shipping = saved.Boolean("default_shipping", Presence::kOptional);
      saved.Finish();
      customer.addresses.push_back(std::move(address));
    }
  }
  reader.Finish();
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the customer has errors", std::move(problems)});
  }
  return customer;
}

Result<Order> OrderFromJson(const Json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  Order order;
  order.id = OrderId{reader.Integer("id", Presence::kRequired)};
  order.number = OrderNumber{reader.String("number", Presence::kRequired)};
  // Snapshots written before revisions existed have none: they are at revision 1.
  order.revision = reader.Integer("revision", Presence::kOptional, 1);
  order.channel = ReadEnum(reader, "channel", Presence::kRequired, Channel::kApi, kChannels);
  order.status =
      ReadEnum(reader, "status", Presence::kRequired, OrderStatus::kPlaced, kOrderStatuses);
  if (const Json* customer_json = reader.Member("customer", Presence::kRequired)) {
    ObjectReader customer(*customer_json, "customer", problems);
    order.customer = CustomerSnapshot{.id = CustomerId{customer.Integer("id", Presence::kRequired)},
                                      .name = customer.String("name", Presence::kRequired),
                                      .company = customer.String("company", Presence::kRequired),
                                      .tax_id = customer.String("tax_id", Presence::kRequired),
                                      .email = customer.String("email", Presence::kRequired),
                                      .phone = customer.String("phone", Presence::kRequired),
                                      .locale = customer.String("locale", Presence::kRequired)};
    customer.Finish();
  }
  if (const Json* billing = reader.Member("billing_address", Presence::kRequired)) {
    order.billing_address = ReadAddress(*billing, "billing_address", problems);
  }
  order.shipping_address = ReadOptionalAddress(reader, "shipping_address", problems);
  order.priced = ReadPriced(reader, problems);
  if (const Json* payment_json = reader.Member("payment", Presence::kRequired)) {
    ObjectReader payment(*payment_json, "payment", problems);
    order.payment.type =
        ReadEnum(payment, "type", Presence::kRequired, PaymentType::kOnAccount, kPaymentTypes);
    order.payment.status =
        ReadEnum(payment, "status", Presence::kRequired, PaymentStatus::kPending, kPaymentStatuses);
    order.payment.reference = payment.String("reference", Presence::kRequired);
    if (const Json* card = payment.Member("card", Presence::kOptional)) {
      order.payment.card = ReadCard(*card, "payment.card", problems);
    }
    payment.Finish();
  }
  order.notes = reader.String("notes", Presence::kRequired);
  order.clerk = reader.String("clerk", Presence::kRequired);
  order.placed_by = reader.String("placed_by", Presence::kOptional);
  const std::string placed_at = reader.String("placed_at", Presence::kRequired);
  if (std::optional<Timestamp> instant = ParseTimestamp(placed_at)) {
    order.placed_at = *instant;
  } else if (!placed_at.empty()) {
    reader.Report("placed_at", "must be an ISO 8601 instant");
  }
  // Orders placed before the fulfillment rules existed promise nothing.
  const std::string promised = reader.String("promised_dispatch", Presence::kOptional);
  if (std::optional<std::chrono::year_month_day> day = ParseDate(promised)) {
    order.promised_dispatch = *day;
  } else if (!promised.empty()) {
    reader.Report("promised_dispatch", "must be a date like 2026-11-30");
  }
  reader.Finish();
  if (!problems.empty()) {
    std::string first = problems.front().path + ": " + problems.front().problem;
    return Fail({ErrorCode::kInternal, "stored order is not a valid snapshot (" + first + ")",
                 std::move(problems)});
  }
  return order;
}

Result<Json> Parse(std::string_view text) {
  auto read = ReadJson(text);
  if (!read) return Fail(std::move(read.error().error));
  return *std::move(read);
}

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace commesso::json
