#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/order.h"

namespace commesso {

// A wall-clock time in some time zone, to the millisecond (no zone attached).
using LocalTime = std::chrono::local_time<std::chrono::milliseconds>;

// One time zone's rules: how instants map to wall-clock times there, daylight saving time
// included. Core computes schedules through this interface and never reads a time zone
// database itself; adapters/clock implements it with the IANA database (date/tz).
// Implementations are immutable and thread-safe.
class ZoneRules {
 public:
  virtual ~ZoneRules() = default;

  // The IANA name: "Europe/Rome".
  virtual std::string_view Name() const = 0;

  // The wall-clock time at `instant`.
  virtual LocalTime ToLocal(Timestamp instant) const = 0;

  // The instant the wall clock shows `local`. When the clocks go back and `local` happens
  // twice, the earlier instant; when they go forward and `local` never happens (02:30 on the
  // spring-forward day in Rome), the first instant after the gap (03:00 local).
  virtual Timestamp ToInstant(LocalTime local) const = 0;
};

// The zones schedules are evaluated in, by IANA name. Thread-safe.
class ZoneDirectory {
 public:
  virtual ~ZoneDirectory() = default;

  // The zone named `name`; a name the directory does not know is a bug (configuration is
  // checked when the directory is built), so implementations throw InvariantError.
  virtual const ZoneRules& Zone(std::string_view name) const = 0;
};

}  // namespace commesso
