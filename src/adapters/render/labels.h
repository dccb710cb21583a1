#pragma once

#include <string>
#include <string_view>

#include "core/document.h"
#include "core/order.h"
#include "core/tax.h"
#include "core/zone_rules.h"

// The words and the number, date and rate formats of the documents, in Italian and English.
// Money goes through json::FormatMoney; everything else a document prints is spelled here.
namespace commesso::render {

// The fixed words of one language.
struct Labels {
  std::string_view language;  // "it", "en": the html lang attribute and FormatMoney's locale.
  std::string_view receipt, invoice;
  std::string_view date, order, order_date;
  std::string_view dispatch;     // The promised dispatch day.
  std::string_view appointment;  // Before a service line's appointment phrase.
  std::string_view seller_tax_id, customer_tax_id, phone, email;
  std::string_view customer, billing_address, delivery, pickup;
  std::string_view quantity, item, sku, unit_price, rate, amount;
  std::string_view items, shipping, free, net, total;
  // "Prezzi {} inclusa" with the tax's name; the "several" forms when components differ.
  std::string_view prices_include, prices_exclude, prices_include_several, prices_exclude_several;
  std::string_view tax_summary, taxable, tax;
  std::string_view taxes;      // The total tax's label when several components apply.
  std::string_view exempt;     // The line's rate column when the customer is exempt.
  std::string_view exemption;  // Followed by the exemption reference.
  std::string_view payment, tendered, change, reference, status;
  std::string_view card_mask;  // What stands for the hidden digits: "••••".
  std::string_view notes, page, thanks;
  std::string_view subject_order;  // "ordine" in "Ricevuta R-… – ordine 2026-000123".
};

// Italian for a locale starting with "it", English otherwise.
const Labels& LabelsFor(std::string_view locale);

// The calendar day of `instant` in UTC: "05/03/2026" in Italian, "2026-03-05" in English.
// Documents carry no time zone; a receipt issued just before midnight in Rome shows the UTC day.
std::string FormatDay(Timestamp instant, const Labels& labels);

// A rate from parts per million, CLDR style: "22%", "8,875%" (Italian), "8.875%" (English).
std::string FormatRate(TaxRate rate, const Labels& labels);

// A quantity with its unit, abbreviated as a receipt prints it: "3 pz", "2 conf.", "3 pcs",
// "1 h". An unknown unit is printed as configured. The space is a no-break space.
std::string FormatQuantity(std::int64_t quantity, std::string_view unit, const Labels& labels);

// The name people use for a tax component: "IVA" is "VAT" in English; others as configured.
std::string TaxName(std::string_view component, const Labels& labels);

// How the payment was made, in words: "Carta", "Bonifico bancario", "Cash", …
std::string PaymentTypeName(PaymentType type, const Labels& labels);

// Where the payment stands: "Pagato", "Autorizzato", "Da incassare", …
std::string PaymentStatusName(PaymentStatus status, const Labels& labels);

// A card brand as printed on cards: "visa" is "Visa", "amex" "American Express".
std::string CardBrandName(std::string_view brand);

// "Ricevuta"/"Receipt" or "Fattura"/"Invoice".
std::string KindName(DocumentKind kind, const Labels& labels);

// ---- Pick lists -------------------------------------------------------------------------

// The fixed words of a pick list (pick_list_render.h) in one language.
struct PickListLabels {
  std::string_view language;  // "it", "en".
  std::string_view title;     // "Lista di prelievo".
  std::string_view department, generated;
  std::string_view location;                     // Where the SKU is stored.
  std::string_view sku, item, unit, total;       // The columns of a SKU's row.
  std::string_view order, task, line, quantity;  // The columns of a need under it.
  std::string_view task_short, line_short;       // "inc. 17 r. 2" on narrow paper.
  std::string_view picked;                       // The tick box's column.
  std::string_view skus, orders, units;          // The footer's counts.
  std::string_view nothing;                      // The whole list when it is empty.
  std::string_view page, of;                     // "pagina 2 di 5".
};

// English for a locale starting with "en", Italian otherwise: the warehouse's own language
// unless English is asked for (pick_list_render.h).
const PickListLabels& PickListLabelsFor(std::string_view locale);

// A wall-clock time to the minute: "05/03/2026 14:30" in Italian, "2026-03-05 14:30" in
// English. The space between day and time is a no-break space.
std::string FormatLocalTime(LocalTime local, std::string_view language);

// The word for `unit` as a receipt prints it after `quantity`: "pz", "conf.", "pcs", "boxes";
// an unknown unit as configured. FormatQuantity is the quantity and this word.
std::string UnitWord(std::int64_t quantity, std::string_view unit, const Labels& labels);

}  // namespace commesso::render
