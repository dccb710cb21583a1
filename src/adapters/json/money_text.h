#pragma once

#include <string>
#include <string_view>

#include "core/money.h"

namespace commesso::json {

// `money` as a person reads it in `locale`, built from the minor units (never floating
// point). Italian ("it", "it-IT"): "1.234,56 €", "-0,50 €"; any other locale English:
// "€1,234.56", "-€0.50". EUR, USD, GBP and JPY use their symbols, other currencies their
// code ("1.234,56 CHF", "CHF 1,234.56"). The space between amount and symbol or code is a
// no-break space (U+00A0), as in ICU's it_IT output.
std::string FormatMoney(Money money, std::string_view locale);

}  // namespace commesso::json
