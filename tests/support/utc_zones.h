#pragma once

#include <chrono>
#include <string_view>

#include "core/invariant.h"
#include "core/zone_rules.h"

namespace commesso::testing {

// UTC, the one zone without daylight saving time: local time is UTC time.
class UtcZone final : public ZoneRules {
 public:
  std::string_view Name() const override { return "UTC"; }
  LocalTime ToLocal(Timestamp instant) const override {
    return LocalTime{instant.time_since_epoch()};
  }
  Timestamp ToInstant(LocalTime local) const override {
    return Timestamp{local.time_since_epoch()};
  }
};

// A zone directory that knows UTC only, for tests whose departments work in UTC.
class UtcZones final : public ZoneDirectory {
 public:
  const ZoneRules& Zone(std::string_view name) const override {
    COMMESSO_INVARIANT(name == "UTC", "the test zones know UTC only");
    return utc_;
  }

 private:
  UtcZone utc_;
};

}  // namespace commesso::testing
