#pragma once

#include <string>
#include <string_view>

#include "core/order.h"

namespace commesso::json {

// The sentence a clerk reads out to confirm a placed order, in `locale` (Italian for "it…",
// English otherwise): the number; how many articles (lines) and each line's quantity and
// name (the first ten, then how many more), a service's appointment after its name
// ("1 × Installazione il 3 dicembre 2026 tra le 9:00 e le 12:00"); where it ships, or that it is
// collected at the counter; the amount due in the locale's format with the tax wording (the tax's
// own name when one tax applies: "IVA inclusa", "including VAT"; "tax exempt"; "no tax" when none
// is charged); how it is paid ("card ending 4242", cash with the change); then, in a sentence of
// its own, the promised dispatch day when the order has one and has goods.
//   "Ordine 2026-000123: 2 articoli (3 × Penna, 1 × Quaderno), spedizione a Via Roma 1, 20121
//   Milano, totale 54,17 € IVA inclusa, pagamento con carta che termina con 4242. Spedizione
//   prevista: lunedì 30 novembre 2026."
std::string ReadBack(const Order& order, std::string_view locale);

// ReadBack in the customer's own locale.
std::string ReadBack(const Order& order);

}  // namespace commesso::json
