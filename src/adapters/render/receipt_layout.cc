#include "adapters/render/receipt_layout.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "adapters/json/long_date.h"
#include "adapters/json/money_text.h"
#include "adapters/render/labels.h"
#include "core/shipping.h"

namespace commesso::render {
namespace {

std::string MoneyText(Money money, const Labels& labels) {
  return json::FormatMoney(money, labels.language);
}

bool HasGoods(const Order& order) {
  return std::any_of(order.priced.lines.begin(), order.priced.lines.end(),
                     [](const PricedLine& line) { return line.item.kind == ItemKind::kGood; });
}

// "20121 Milano MI": postal code, city and region, whichever are known.
std::string Locality(const Address& address) {
  std::string text = address.postal_code;
  for (const std::string* part : {&address.city, &address.region}) {
    if (part->empty()) continue;
    if (!text.empty()) text += " ";
    text += *part;
  }
  return text;
}

// The lines of `address`; its country only when it differs from `home_country`.
std::vector<std::string> AddressLines(const Address& address, std::string_view home_country) {
  std::vector<std::string> lines;
  for (const std::string* part :
       {&address.name, &address.company, &address.line1, &address.line2}) {
    if (!part->empty()) lines.push_back(*part);
  }
  if (std::string locality = Locality(address); !locality.empty()) {
    lines.push_back(std::move(locality));
  }
  if (!address.country.empty() && address.country != home_country) {
    lines.push_back(address.country);
  }
  return lines;
}

std::vector<std::string> SellerLines(const Seller& seller, const Labels& labels) {
  std::vector<std::string> lines;
  if (!seller.name.empty()) lines.push_back(seller.name);
  for (const std::string* part : {&seller.address.line1, &seller.address.line2}) {
    if (!part->empty()) lines.push_back(*part);
  }
  if (std::string locality = Locality(seller.address); !locality.empty()) {
    lines.push_back(std::move(locality));
  }
  if (!seller.tax_id.empty()) {
    lines.push_back(std::string(labels.seller_tax_id) + " " + seller.tax_id);
  }
  if (!seller.email.empty()) lines.push_back(seller.email);
  if (!seller.phone.empty()) lines.push_back(std::string(labels.phone) + " " + seller.phone);
  return lines;
}

Block CustomerBlock(const CustomerSnapshot& customer, const Labels& labels) {
  Block block{.heading = std::string(labels.customer)};
  for (const std::string* part : {&customer.name, &customer.company}) {
    if (!part->empty()) block.lines.push_back(*part);
  }
  if (!customer.tax_id.empty()) {
    block.lines.push_back(std::string(labels.customer_tax_id) + " " + customer.tax_id);
  }
  return block;
}

// Where the goods go: the shipping address, the counter for goods collected there, nothing
// for an order of services alone.
std::optional<Block> DeliveryBlock(const Order& order, std::string_view home_country,
                                   const Labels& labels) {
  Block block{.heading = std::string(labels.delivery)};
  if (order.shipping_address && order.priced.shipping.method != kPickupMethod) {
    block.lines = AddressLines(*order.shipping_address, home_country);
    return block;
  }
  for (const PricedLine& line : order.priced.lines) {
    if (line.item.kind == ItemKind::kGood) {
      block.lines.emplace_back(labels.pickup);
      return block;
    }
  }
  return std::nullopt;
}

LayoutLine LineOf(const PricedLine& line, const PricedOrder& priced, const Labels& labels) {
  std::int64_t rate_ppm = 0;
  for (const TaxTrace& trace : line.taxes) rate_ppm += trace.rate.ppm;
  std::string rate = priced.tax_exempt
                         ? std::string(labels.exempt)
                         : FormatRate(TaxRate{static_cast<std::int32_t>(rate_ppm)}, labels);
  std::string appointment;
  if (line.appointment) {
    appointment = std::string(labels.appointment) + " " +
                  json::AppointmentPhrase(*line.appointment, labels.language);
  }
  return LayoutLine{.quantity = FormatQuantity(line.quantity, line.item.unit.view(), labels),
                    .name = line.item.name.In(labels.language),
                    .sku = line.item.sku,
                    .unit_price = MoneyText(line.unit_price, labels),
                    .amount = MoneyText(line.amount, labels),
                    .rate = std::move(rate),
                    .appointment = std::move(appointment)};
}

bool Shipped(const PricedShipping& shipping) {
  return !shipping.method.empty() && shipping.method != kPickupMethod;
}

// The tax components the summary names ("IVA"), in order and without repeats.
std::set<std::string> ComponentNames(const PricedOrder& priced) {
  std::set<std::string> names;
  for (const TaxSummaryRow& row : priced.tax_summary) names.insert(row.component);
  return names;
}

std::string PriceModeText(const PricedOrder& priced, const Labels& labels) {
  const std::set<std::string> names = ComponentNames(priced);
  if (names.empty()) return "";  // Nothing is taxed: prices neither include nor exclude tax.
  const bool inclusive = priced.price_mode == PriceMode::kTaxInclusive;
  if (names.size() > 1) {
    return std::string(inclusive ? labels.prices_include_several : labels.prices_exclude_several);
  }
  return fmt::format(fmt::runtime(inclusive ? labels.prices_include : labels.prices_exclude),
                     TaxName(*names.begin(), labels));
}

std::vector<Labeled> TotalsOf(const PricedOrder& priced, const Labels& labels) {
  const Totals& totals = priced.totals;
  std::vector<Labeled> rows;
  rows.push_back({std::string(labels.items), MoneyText(totals.items, labels)});
  if (Shipped(priced.shipping)) {
    rows.push_back({std::string(labels.shipping), MoneyText(totals.shipping, labels)});
  }
  rows.push_back({std::string(labels.net), MoneyText(totals.net, labels)});
  const std::set<std::string> names = ComponentNames(priced);
  std::string tax_label = std::string(names.size() > 1 ? labels.taxes : labels.tax);
  if (names.size() == 1) tax_label = TaxName(*names.begin(), labels);
  rows.push_back({std::move(tax_label), MoneyText(totals.tax, labels)});
  rows.push_back({std::string(labels.total), MoneyText(totals.grand_total, labels)});
  return rows;
}

std::vector<Labeled> PaymentOf(const Order& order, const Labels& labels) {
  const Payment& payment = order.payment;
  const Totals& totals = order.priced.totals;
  std::string how = PaymentTypeName(payment.type, labels);
  if (payment.type == PaymentType::kCard) {
    std::string card = CardBrandName(payment.card.brand);
    if (!payment.card.last4.empty()) {
      card += (card.empty() ? "" : " ") + std::string(labels.card_mask) + " " + payment.card.last4;
    }
    if (!card.empty()) how += " " + card;
  }
  std::vector<Labeled> rows{{std::string(labels.payment), std::move(how)}};
  if (!payment.reference.empty()) {
    rows.push_back({std::string(labels.reference), payment.reference});
  }
  if (totals.tendered) {
    rows.push_back({std::string(labels.tendered), MoneyText(*totals.tendered, labels)});
  }
  if (totals.change) {
    rows.push_back({std::string(labels.change), MoneyText(*totals.change, labels)});
  }
  rows.push_back({std::string(labels.status), PaymentStatusName(payment.status, labels)});
  return rows;
}

// The notes, one line per paragraph; nothing when they are blank.
std::optional<Block> NotesOf(const std::string& notes, const Labels& labels) {
  Block block{.heading = std::string(labels.notes)};
  std::string paragraph;
  auto flush = [&] {
    while (!paragraph.empty() && (paragraph.back() == ' ' || paragraph.back() == '\r')) {
      paragraph.pop_back();
    }
    if (!paragraph.empty()) block.lines.push_back(std::move(paragraph));
    paragraph.clear();
  };
  for (const char c : notes) {
    if (c == '\n') {
      flush();
    } else if (c == '\t') {
      paragraph += ' ';
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      paragraph += c;  // Other control characters would upset a printer or a PDF.
    }
  }
  flush();
  if (block.lines.empty()) return std::nullopt;
  return block;
}

}  // namespace

ReceiptLayout LayoutOf(const Document& document) {
  const Labels& labels = LabelsFor(document.locale);
  const Order& order = document.order;
  const PricedOrder& priced = order.priced;
  const std::string& home = document.seller.address.country;

  ReceiptLayout layout;
  layout.language = std::string(labels.language);
  layout.title = KindName(document.kind, labels);
  layout.number = document.number;
  layout.subject = layout.title + " " + document.number + " \u2013 " +
                   std::string(labels.subject_order) + " " + order.number.value;
  layout.page = std::string(labels.page);
  layout.seller = SellerLines(document.seller, labels);
  layout.references = {{std::string(labels.date), FormatDay(document.issued_at, labels)},
                       {std::string(labels.order), order.number.value},
                       {std::string(labels.order_date), FormatDay(order.placed_at, labels)}};
  // In the documents' day format, like the dates above it; services alone dispatch nothing.
  if (order.promised_dispatch && HasGoods(order)) {
    layout.references.push_back(
        {std::string(labels.dispatch),
         FormatDay(Timestamp{std::chrono::sys_days{*order.promised_dispatch}}, labels)});
  }
  layout.customer = CustomerBlock(order.customer, labels);
  layout.billing = Block{.heading = std::string(labels.billing_address),
                         .lines = AddressLines(order.billing_address, home)};
  layout.delivery = DeliveryBlock(order, home, labels);

  layout.headings = LineHeadings{.quantity = std::string(labels.quantity),
                                 .item = std::string(labels.item),
                                 .sku = std::string(labels.sku),
                                 .unit_price = std::string(labels.unit_price),
                                 .rate = std::string(labels.rate),
                                 .amount = std::string(labels.amount)};
  for (const PricedLine& line : priced.lines) layout.lines.push_back(LineOf(line, priced, labels));
  if (Shipped(priced.shipping)) {
    layout.shipping = Labeled{priced.shipping.name.In(labels.language),
                              priced.shipping.free ? std::string(labels.free)
                                                   : MoneyText(priced.shipping.amount, labels)};
    if (layout.shipping->label.empty()) layout.shipping->label = std::string(labels.shipping);
  }

  layout.totals = TotalsOf(priced, labels);
  layout.price_mode = PriceModeText(priced, labels);
  layout.tax_heading = std::string(labels.tax_summary);
  layout.tax_headings = LayoutTaxRow{.tax = std::string(labels.rate),
                                     .base = std::string(labels.taxable),
                                     .amount = std::string(labels.tax)};
  for (const TaxSummaryRow& row : priced.tax_summary) {
    layout.taxes.push_back(LayoutTaxRow{
        .tax = TaxName(row.component.view(), labels) + " " + FormatRate(row.rate, labels),
        .base = MoneyText(row.base, labels),
        .amount = MoneyText(row.tax, labels)});
  }
  if (priced.tax_exempt) {
    layout.exemption = std::string(labels.exemption);
    if (!priced.exemption_reference.empty()) layout.exemption += ": " + priced.exemption_reference;
  }

  layout.payment = PaymentOf(order, labels);
  layout.notes = NotesOf(order.notes, labels);
  layout.closing = std::string(labels.thanks);
  return layout;
}

}  // namespace commesso::render
