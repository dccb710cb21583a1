#pragma once

#include <string>

#include "core/order.h"

namespace commesso::json {

// The one sentence a clerk reads out to confirm a placed order, in the customer's locale
// (Italian for "it…", English otherwise): the number, how many lines, the amount due and
// how it is paid. "Ordine 2026-000123: 3 articoli, totale 123,45 € IVA inclusa, pagamento con
// carta che termina con 4242." / "Order 2026-000123: 3 items, total €123.45 including tax,
// paid by card ending 4242."
std::string ReadBack(const Order& order);

}  // namespace commesso::json
