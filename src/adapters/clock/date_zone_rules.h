#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/zone_rules.h"

namespace date {
class time_zone;
}

namespace commesso {

// One IANA zone's rules from the OS tz database (tzdata) through Howard Hinnant's date
// library. Immutable and thread-safe.
class DateZoneRules final : public ZoneRules {
 public:
  // kInvalidInput (field "time_zone") when `name` is not a known IANA zone name.
  static Result<DateZoneRules> Locate(const std::string& name);

  std::string_view Name() const override;
  LocalTime ToLocal(Timestamp instant) const override;
  // Earliest instant for a wall-clock time the fall-back repeats; the end of the gap (the
  // transition instant) for one the spring-forward skips.
  Timestamp ToInstant(LocalTime local) const override;

 private:
  explicit DateZoneRules(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;  // Owned by the date library's database, lives forever.
};

// The zones the fulfillment schedule needs (the business's and every department's), located
// once at start-up so that a misspelt name fails there rather than at the first order.
class DateZoneDirectory final : public ZoneDirectory {
 public:
  // kInvalidInput naming the first unknown zone; duplicates are fine.
  static Result<std::unique_ptr<DateZoneDirectory>> Load(const std::vector<std::string>& names);

  // InvariantError for a name not given to Load.
  const ZoneRules& Zone(std::string_view name) const override;

 private:
  DateZoneDirectory() = default;
  std::map<std::string, DateZoneRules, std::less<>> zones_;
};

}  // namespace commesso
