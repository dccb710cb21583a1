#include "adapters/json/read_back.h"

#include <string_view>

#include "adapters/json/money_text.h"

namespace commesso::json {
namespace {

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

std::string ReadBack(const Order& order) {
  const std::size_t lines = order.priced.lines.size();
  const Money due = order.priced.totals.amount_due;
  const bool exempt = order.priced.tax_exempt;
  if (order.customer.locale.starts_with("it")) {
    return "Ordine " + order.number.value + ": " + std::to_string(lines) +
           (lines == 1 ? " articolo" : " articoli") + ", totale " + FormatMoney(due, "it") +
           (exempt ? " esente IVA" : " IVA inclusa") + ", " + ItalianPayment(order) + ".";
  }
  return "Order " + order.number.value + ": " + std::to_string(lines) +
         (lines == 1 ? " item" : " items") + ", total " + FormatMoney(due, "en") +
         (exempt ? " tax exempt" : " including tax") + ", " + EnglishPayment(order) + ".";
}

}  // namespace commesso::json
