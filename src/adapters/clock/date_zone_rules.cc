#include "adapters/clock/date_zone_rules.h"

#include <stdexcept>

#include <date/tz.h>

#include "core/invariant.h"

namespace commesso {

Result<DateZoneRules> DateZoneRules::Locate(const std::string& name) {
  try {
    return DateZoneRules(date::locate_zone(name));
  } catch (const std::runtime_error& error) {
    return Fail({ErrorCode::kInvalidInput,
                 "unknown time zone '" + name + "'",
                 {{"time_zone", "must be an IANA time zone name such as Europe/Rome"}}});
  }
}

std::string_view DateZoneRules::Name() const { return zone_->name(); }

// date's local_time and std::chrono's are distinct types with the same epoch (pitfall 5 of
// DEPENDENCIES.md): convert through the duration since the epoch.
LocalTime DateZoneRules::ToLocal(Timestamp instant) const {
  const date::sys_info info = zone_->get_info(instant);
  return LocalTime{instant.time_since_epoch() + info.offset};
}

Timestamp DateZoneRules::ToInstant(LocalTime local) const {
  const date::local_time<std::chrono::milliseconds> wall{local.time_since_epoch()};
  const date::local_info info = zone_->get_info(wall);
  if (info.result == date::local_info::nonexistent) {
    // The wall clock jumps over `local`; the gap ends where the new offset begins.
    return Timestamp{info.second.begin.time_since_epoch()};
  }
  // Unique or repeated: `first` is the offset in force before the transition, so a repeated
  // time gets the earlier of its two instants.
  return Timestamp{local.time_since_epoch() - info.first.offset};
}

Result<std::unique_ptr<DateZoneDirectory>> DateZoneDirectory::Load(
    const std::vector<std::string>& names) {
  std::unique_ptr<DateZoneDirectory> directory(new DateZoneDirectory());
  for (const std::string& name : names) {
    if (directory->zones_.contains(name)) continue;
    auto zone = DateZoneRules::Locate(name);
    if (!zone) return Fail(zone.error());
    directory->zones_.emplace(name, *zone);
  }
  return directory;
}

const ZoneRules& DateZoneDirectory::Zone(std::string_view name) const {
  const auto zone = zones_.find(name);
  COMMESSO_INVARIANT(zone != zones_.end(),
                     "a schedule asked for a zone the directory was not built with");
  return zone->second;
}

}  // namespace commesso
