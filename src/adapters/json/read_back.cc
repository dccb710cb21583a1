#include "adapters/json/read_back.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "adapters/json/long_date.h"
#include "adapters/json/money_text.h"
#include "core/shipping.h"

namespace commesso::json {
namespace {

// The lines named one by one; longer orders end with how many more there are.
constexpr std::size_t kLinesNamed = 10;

// The words of one language.
struct Words {
  std::string_view order, article, articles, more, ships_to, pickup, total;
  std::string_view exempt, untaxed, several_taxes;
  std::string_view dispatch;
  bool italian = false;
};

constexpr Words kItalian{.order = "Ordine",
                         .article = "articolo",
                         .articles = "articoli",
                         .more = "altri",
                         .ships_to = "spedizione a",
                         .pickup = "ritiro al banco",
                         .total = "totale",
                         .exempt = "esente IVA",
                         .untaxed = "senza imposte",
                         .several_taxes = "imposte incluse",
                         .dispatch = "Spedizione prevista",
                         .italian = true};

constexpr Words kEnglish{.order = "Order",
                         .article = "item",
                         .articles = "items",
                         .more = "more",
                         .ships_to = "shipped to",
                         .pickup = "collected at the counter",
                         .total = "total",
                         .exempt = "tax exempt",
                         .untaxed = "no tax",
                         .several_taxes = "including tax",
                         .dispatch = "Expected dispatch"};

std::string NameIn(const LocalizedText& name, const Words& words) {
  const std::string& preferred = words.italian ? name.it : name.en;
  const std::string& other = words.italian ? name.en : name.it;
  return preferred.empty() ? other : preferred;
}

std::string Lines(const Order& order, const Words& words) {
  const std::vector<PricedLine>& lines = order.priced.lines;
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < kLinesNamed; ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(lines[i].quantity) + " \u00d7 " + NameIn(lines[i].item.name, words);
    if (lines[i].appointment) {
      text += " " + AppointmentPhrase(*lines[i].appointment, words.italian ? "it" : "en");
    }
  }
  if (lines.size() > kLinesNamed) {
    text += ", " + std::string(words.more) + " " + std::to_string(lines.size() - kLinesNamed);
  }
  return text;
}

// Where the goods go; empty when nothing is shipped or collected (services only).
std::string Destination(const Order& order, const Words& words) {
  if (order.shipping_address && order.priced.shipping.method != kPickupMethod) {
    const Address& address = *order.shipping_address;
    std::string text = std::string(words.ships_to) + " " + address.line1;
    if (!address.line2.empty()) text += " " + address.line2;
    text += ", " + address.postal_code + (address.postal_code.empty() ? "" : " ") + address.city;
    return text;
  }
  for (const PricedLine& line : order.priced.lines) {
    if (line.item.kind == ItemKind::kGood) return std::string(words.pickup);
  }
  return "";
}

std::string TaxWording(const Order& order, const Words& words) {
  if (order.priced.tax_exempt) return std::string(words.exempt);
  std::set<std::string> names;
  for (const TaxSummaryRow& row : order.priced.tax_summary) {
    if (row.tax.minor() != 0) names.insert(row.component);
  }
  if (names.empty()) return std::string(words.untaxed);
  if (names.size() > 1) return std::string(words.several_taxes);
  const std::string& name = *names.begin();
  if (words.italian) return name + " inclusa";
  return "including " + (name == "IVA" ? std::string("VAT") : name);
}

std::string ItalianPayment(const Order& order) {
  const Payment& payment = order.payment;
  switch (payment.type) {
    case PaymentType::kCard:
      return "pagamento con carta che termina con " + payment.card.last4;
    case PaymentType::kCash: {
      const std::optional<Money>& change = order.priced.totals.change;
      if (change && change->minor() > 0) {
        return "pagamento in contanti, resto " + FormatMoney(*change, "it");
      }
      return "pagamento in contanti";
    }
    case PaymentType::kCheque:
      return "pagamento con assegno";
    case PaymentType::kBankTransfer:
      return "pagamento con bonifico bancario";
    case PaymentType::kOnAccount:
      return "pagamento sul conto cliente";
    case PaymentType::kCashOnDelivery:
      return "pagamento in contrassegno";
  }
  return "pagamento sul conto cliente";
}

std::string EnglishPayment(const Order& order) {
  const Payment& payment = order.payment;
  switch (payment.type) {
    case PaymentType::kCard:
      return "paid by card ending " + payment.card.last4;
    case PaymentType::kCash: {
      const std::optional<Money>& change = order.priced.totals.change;
      if (change && change->minor() > 0) {
        return "paid in cash, change " + FormatMoney(*change, "en");
      }
      return "paid in cash";
    }
    case PaymentType::kCheque:
      return "paid by cheque";
    case PaymentType::kBankTransfer:
      return "paid by bank transfer";
    case PaymentType::kOnAccount:
      return "charged to the customer's account";
    case PaymentType::kCashOnDelivery:
      return "paid cash on delivery";
  }
  return "charged to the customer's account";
}

}  // namespace

std::string ReadBack(const Order& order, std::string_view locale) {
  const Words& words = locale.starts_with("it") ? kItalian : kEnglish;
  const std::size_t count = order.priced.lines.size();
  std::string text = std::string(words.order) + " " + order.number.value + ": " +
                     std::to_string(count) + " " +
                     std::string(count == 1 ? words.article : words.articles);
  if (count > 0) text += " (" + Lines(order, words) + ")";
  if (std::string destination = Destination(order, words); !destination.empty()) {
    text += ", " + destination;
  }
  text += ", " + std::string(words.total) + " " +
          FormatMoney(order.priced.totals.amount_due, words.italian ? "it" : "en") + " " +
          TaxWording(order, words) + ", " +
          (words.italian ? ItalianPayment(order) : EnglishPayment(order)) + ".";
  // Services alone dispatch nothing: their date stays in the order for the console.
  const bool goods =
      std::any_of(order.priced.lines.begin(), order.priced.lines.end(),
                  [](const PricedLine& line) { return line.item.kind == ItemKind::kGood; });
  if (order.promised_dispatch && goods) {
    text += " " + std::string(words.dispatch) + ": " +
            LongDate(*order.promised_dispatch, words.italian ? "it" : "en") + ".";
  }
  return text;
}

std::string ReadBack(const Order& order) { return ReadBack(order, order.customer.locale); }

}  // namespace commesso::json
