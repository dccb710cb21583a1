#include "adapters/render/labels.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

namespace commesso::render {
namespace {

constexpr Labels kItalian{.language = "it",
                          .receipt = "Ricevuta",
                          .invoice = "Fattura",
                          .date = "Data",
                          .order = "Ordine",
                          .order_date = "Data ordine",
                          .dispatch = "Spedizione prevista",
                          .appointment = "Appuntamento",
                          .seller_tax_id = "P. IVA",
                          .customer_tax_id = "P. IVA/C.F.",
                          .phone = "Tel.",
                          .email = "E-mail",
                          .customer = "Cliente",
                          .billing_address = "Indirizzo di fatturazione",
                          .delivery = "Consegna",
                          .pickup = "Ritiro al banco",
                          .quantity = "Q.tà",
                          .item = "Articolo",
                          .sku = "Cod.",
                          .unit_price = "Prezzo",
                          .rate = "Aliquota",
                          .amount = "Importo",
                          .items = "Articoli",
                          .shipping = "Spedizione",
                          .free = "gratuita",
                          .net = "Imponibile",
                          .total = "Totale",
                          .prices_include = "Prezzi {} inclusa",
                          .prices_exclude = "Prezzi {} esclusa",
                          .prices_include_several = "Prezzi imposte incluse",
                          .prices_exclude_several = "Prezzi imposte escluse",
                          .tax_summary = "Riepilogo imposte",
                          .taxable = "Imponibile",
                          .tax = "Imposta",
                          .taxes = "Imposte",
                          .exempt = "esente",
                          .exemption = "Operazione esente da imposta",
                          .payment = "Pagamento",
                          .tendered = "Ricevuti",
                          .change = "Resto",
                          .reference = "Riferimento",
                          .status = "Stato",
                          .card_mask = "\u2022\u2022\u2022\u2022",
                          .notes = "Note",
                          .page = "pagina",
                          .thanks = "Grazie per l'acquisto.",
                          .subject_order = "ordine"};

constexpr Labels kEnglish{.language = "en",
                          .receipt = "Receipt",
                          .invoice = "Invoice",
                          .date = "Date",
                          .order = "Order",
                          .order_date = "Order date",
                          .dispatch = "Expected dispatch",
                          .appointment = "Appointment",
                          .seller_tax_id = "VAT no.",
                          .customer_tax_id = "Tax ID",
                          .phone = "Phone",
                          .email = "E-mail",
                          .customer = "Customer",
                          .billing_address = "Billing address",
                          .delivery = "Delivery",
                          .pickup = "Pick-up at the counter",
                          .quantity = "Qty",
                          .item = "Item",
                          .sku = "SKU",
                          .unit_price = "Price",
                          .rate = "Rate",
                          .amount = "Amount",
                          .items = "Items",
                          .shipping = "Shipping",
                          .free = "free",
                          .net = "Net",
                          .total = "Total",
                          .prices_include = "Prices including {}",
                          .prices_exclude = "Prices excluding {}",
                          .prices_include_several = "Prices including taxes",
                          .prices_exclude_several = "Prices excluding taxes",
                          .tax_summary = "Tax summary",
                          .taxable = "Taxable",
                          .tax = "Tax",
                          .taxes = "Taxes",
                          .exempt = "exempt",
                          .exemption = "Exempt from tax",
                          .payment = "Payment",
                          .tendered = "Tendered",
                          .change = "Change",
                          .reference = "Reference",
                          .status = "Status",
                          .card_mask = "\u2022\u2022\u2022\u2022",
                          .notes = "Notes",
                          .page = "page",
                          .thanks = "Thank you for your order.",
                          .subject_order = "order"};

constexpr PickListLabels kItalianPickList{.language = "it",
                                          .title = "Lista di prelievo",
                                          .department = "Reparto",
                                          .generated = "Generata il",
                                          .location = "Ubicazione",
                                          .sku = "Cod.",
                                          .item = "Articolo",
                                          .unit = "U.m.",
                                          .total = "Totale",
                                          .order = "Ordine",
                                          .task = "Incarico",
                                          .line = "Riga",
                                          .quantity = "Q.t\u00e0",
                                          .task_short = "inc.",
                                          .line_short = "r.",
                                          .picked = "Prelevato",
                                          .skus = "Articoli",
                                          .orders = "Ordini",
                                          .units = "Unit\u00e0 totali",
                                          .nothing = "Niente da prelevare",
                                          .page = "pagina",
                                          .of = "di"};

constexpr PickListLabels kEnglishPickList{.language = "en",
                                          .title = "Pick list",
                                          .department = "Department",
                                          .generated = "Generated",
                                          .location = "Location",
                                          .sku = "SKU",
                                          .item = "Item",
                                          .unit = "Unit",
                                          .total = "Total",
                                          .order = "Order",
                                          .task = "Task",
                                          .line = "Line",
                                          .quantity = "Qty",
                                          .task_short = "task",
                                          .line_short = "ln.",
                                          .picked = "Picked",
                                          .skus = "SKUs",
                                          .orders = "Orders",
                                          .units = "Total units",
                                          .nothing = "Nothing to pick",
                                          .page = "page",
                                          .of = "of"};

bool Italian(const Labels& labels) { return labels.language == "it"; }

// The units the catalog uses, abbreviated as receipts print them, singular and plural.
struct UnitWords {
  std::string_view unit, it_one, it_many, en_one, en_many;
};
constexpr std::array<UnitWords, 10> kUnits{{{"piece", "pz", "pz", "pc", "pcs"},
                                            {"pack", "conf.", "conf.", "pack", "packs"},
                                            {"box", "scatola", "scatole", "box", "boxes"},
                                            {"ream", "risma", "risme", "ream", "reams"},
                                            {"roll", "rotolo", "rotoli", "roll", "rolls"},
                                            {"hour", "h", "h", "h", "h"},
                                            {"kg", "kg", "kg", "kg", "kg"},
                                            {"g", "g", "g", "g", "g"},
                                            {"m", "m", "m", "m", "m"},
                                            {"l", "l", "l", "l", "l"}}};

}  // namespace

const Labels& LabelsFor(std::string_view locale) {
  return locale.substr(0, 2) == "it" ? kItalian : kEnglish;
}

std::string FormatDay(Timestamp instant, const Labels& labels) {
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(instant)};
  const int year = static_cast<int>(day.year());
  const unsigned month = static_cast<unsigned>(day.month());
  const unsigned day_of_month = static_cast<unsigned>(day.day());
  if (Italian(labels)) return fmt::format("{:02}/{:02}/{:04}", day_of_month, month, year);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day_of_month);
}

std::string FormatRate(TaxRate rate, const Labels& labels) {
  // 10'000 ppm make one percent; four decimals of a percent are exact.
  const std::int64_t ppm = rate.ppm;
  std::string text = std::to_string(ppm / 10'000);
  std::string fraction = fmt::format("{:04}", ppm % 10'000);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) text += (Italian(labels) ? "," : ".") + fraction;
  return text + "%";
}

std::string UnitWord(std::int64_t quantity, std::string_view unit, const Labels& labels) {
  std::string word(unit);
  for (const UnitWords& known : kUnits) {
    if (known.unit != unit) continue;
    if (Italian(labels)) {
      word = quantity == 1 ? known.it_one : known.it_many;
    } else {
      word = quantity == 1 ? known.en_one : known.en_many;
    }
  }
  return word;
}

std::string FormatQuantity(std::int64_t quantity, std::string_view unit, const Labels& labels) {
  return std::to_string(quantity) + "\u00a0" + UnitWord(quantity, unit, labels);
}

std::string TaxName(std::string_view component, const Labels& labels) {
  if (!Italian(labels) && component == "IVA") return "VAT";
  return std::string(component);
}

std::string PaymentTypeName(PaymentType type, const Labels& labels) {
  const bool it = Italian(labels);
  switch (type) {
    case PaymentType::kCash:
      return it ? "Contanti" : "Cash";
    case PaymentType::kCard:
      return it ? "Carta" : "Card";
    case PaymentType::kCheque:
      return it ? "Assegno" : "Cheque";
    case PaymentType::kBankTransfer:
      return it ? "Bonifico bancario" : "Bank transfer";
    case PaymentType::kOnAccount:
      return it ? "Sul conto cliente" : "On account";
    case PaymentType::kCashOnDelivery:
      return it ? "Contrassegno" : "Cash on delivery";
  }
  return it ? "Sul conto cliente" : "On account";
}

std::string PaymentStatusName(PaymentStatus status, const Labels& labels) {
  const bool it = Italian(labels);
  switch (status) {
    case PaymentStatus::kPending:
      return it ? "Da incassare" : "To be collected";
    case PaymentStatus::kAuthorized:
      return it ? "Autorizzato" : "Authorized";
    case PaymentStatus::kPaid:
      return it ? "Pagato" : "Paid";
  }
  return it ? "Da incassare" : "To be collected";
}

std::string CardBrandName(std::string_view brand) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kBrands{{
      {"visa", "Visa"},
      {"mastercard", "Mastercard"},
      {"amex", "American Express"},
      {"maestro", "Maestro"},
      {"discover", "Discover"},
  }};
  for (const auto& [code, name] : kBrands) {
    if (code == brand) return std::string(name);
  }
  std::string name(brand);
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 32);
  return name;
}

std::string KindName(DocumentKind kind, const Labels& labels) {
  return std::string(kind == DocumentKind::kInvoice ? labels.invoice : labels.receipt);
}

const PickListLabels& PickListLabelsFor(std::string_view locale) {
  return locale.substr(0, 2) == "en" ? kEnglishPickList : kItalianPickList;
}

std::string FormatLocalTime(LocalTime local, std::string_view language) {
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(local - day)};
  const int year = static_cast<int>(date.year());
  const unsigned month = static_cast<unsigned>(date.month());
  const unsigned day_of_month = static_cast<unsigned>(date.day());
  const auto hours = time.hours().count();
  const auto minutes = time.minutes().count();
  if (language == "it") {
    return fmt::format("{:02}/{:02}/{:04}\u00a0{:02}:{:02}", day_of_month, month, year, hours,
                       minutes);
  }
  return fmt::format("{:04}-{:02}-{:02}\u00a0{:02}:{:02}", year, month, day_of_month, hours,
                     minutes);
}

}  // namespace commesso::render
