#include "core/tax.h"

#include <tuple>

#include "core/invariant.h"

namespace commesso {
namespace {

constexpr Int128 kPpm = 1'000'000;

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool Contains(const TaxJurisdiction& jurisdiction, const Address& address) {
  if (jurisdiction.country != "*" && jurisdiction.country != address.country) return false;
  if (!jurisdiction.region.empty() && jurisdiction.region != address.region) return false;
  return jurisdiction.postal_prefix.empty() ||
         StartsWith(address.postal_code, jurisdiction.postal_prefix);
}

// Larger is more specific: a longer postal prefix first, then a region, then a named country.
auto Specificity(const TaxJurisdiction& jurisdiction) {
  return std::make_tuple(jurisdiction.postal_prefix.size(), !jurisdiction.region.empty(),
                         jurisdiction.country != "*");
}

}  // namespace

Money TaxOn(Money net, TaxRate rate, Rounding rounding) {
  return Money(RoundDivide(static_cast<Int128>(net.minor()) * rate.ppm, kPpm, rounding),
               net.currency());
}

Exact ExactTaxOn(Money base, TaxRate rate) {
  return ExactOf(static_cast<Int128>(base.minor()) * rate.ppm, kPpm);
}

Exact ExactTaxIncluded(Money gross, TaxRate rate, TaxRate total) {
  COMMESSO_INVARIANT(total.ppm >= 0, "a tax-inclusive total rate cannot be negative");
  return ExactOf(static_cast<Int128>(gross.minor()) * rate.ppm, kPpm + total.ppm);
}

const TaxJurisdiction* TaxRules::Find(const Address& address) const {
  const TaxJurisdiction* best = nullptr;
  for (const TaxJurisdiction& candidate : jurisdictions) {
    if (!Contains(candidate, address)) continue;
    // Strictly more specific only: among equals the first listed wins.
    if (best == nullptr || Specificity(candidate) > Specificity(*best)) best = &candidate;
  }
  return best;
}

}  // namespace commesso
