#include "core/fulfillment.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "core/catalog_rules.h"
#include "core/countries.h"
#include "core/invariant.h"
#include "core/name_table.h"

namespace commesso {
namespace {

namespace chrono = std::chrono;

using LocalDays = chrono::local_days;

// ---- Validation -------------------------------------------------------------------------

class Problems {
 public:
  void Add(std::string path, std::string problem) {
    fields_.push_back({std::move(path), std::move(problem)});
  }
  Result<void> Done() && {
    if (fields_.empty()) return {};
    return Fail(Error{.code = ErrorCode::kInvalidInput,
                      .message = "The fulfillment rules have errors.",
                      .fields = std::move(fields_)});
  }

 private:
  std::vector<FieldError> fields_;
};

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool ValidCountry(std::string_view country) { return IsCountryCode(country); }

bool InDay(TimeOfDay time) { return time >= TimeOfDay{0} && time < TimeOfDay{24 * 60}; }

void CheckDepartment(const Department& department, const std::string& path, Problems& problems) {
  if (!ValidCode(department.code)) {
    problems.Add(path + ".code", "must be 1..32 of a-z, 0-9, _ and -");
  }
  if (department.name.it.empty()) problems.Add(path + ".name.it", "required");
  if (department.name.en.empty()) problems.Add(path + ".name.en", "required");
  if (department.time_zone.empty()) problems.Add(path + ".time_zone", "required");
  if (department.working_days.empty()) {
    problems.Add(path + ".working_days", "must name at least one day");
  }
  std::set<unsigned> days;
  for (std::size_t i = 0; i < department.working_days.size(); ++i) {
    const chrono::weekday day = department.working_days[i];
    if (!day.ok()) {
      problems.Add(path + ".working_days[" + std::to_string(i) + "]", "not a day of the week");
    } else if (!days.insert(day.c_encoding()).second) {
      problems.Add(path + ".working_days[" + std::to_string(i) + "]", "named twice");
    }
  }
  if (!InDay(department.opens)) problems.Add(path + ".opens", "must be 00:00..23:59");
  // 24:00 is a closing time: open until midnight.
  if (department.closes <= TimeOfDay{0} || department.closes > TimeOfDay{24 * 60}) {
    problems.Add(path + ".closes", "must be 00:01..24:00");
  } else if (department.opens >= department.closes) {
    problems.Add(path + ".closes", "must be after opens");
  }
  const ReleasePolicy& release = department.release;
  if (release.kind == ReleaseKind::kWaves) {
    if (release.waves.empty()) problems.Add(path + ".waves", "must have at least one wave");
    for (std::size_t i = 0; i < release.waves.size(); ++i) {
      const std::string wave = path + ".waves[" + std::to_string(i) + "]";
      if (!InDay(release.waves[i])) {
        problems.Add(wave, "must be 00:00..23:59");
      } else if (i > 0 && release.waves[i] <= release.waves[i - 1]) {
        problems.Add(wave, "must be later than the wave before it");
      }
    }
  }
  if (release.kind == ReleaseKind::kCutOff) {
    if (!InDay(release.cut_off)) problems.Add(path + ".cut_off", "must be 00:00..23:59");
    if (!InDay(release.release_at)) problems.Add(path + ".release_at", "must be 00:00..23:59");
  }
  if (department.escalate_after <= chrono::minutes{0}) {
    problems.Add(path + ".escalate_after_minutes", "must be positive");
  }
  if (department.lease <= chrono::seconds{0}) {
    problems.Add(path + ".lease_minutes", "must be positive");
  }
}

// ---- Schedule ---------------------------------------------------------------------------

LocalDays DayOf(LocalTime local) { return chrono::floor<chrono::days>(local); }

// The instant the wall clock of `zone` shows `time` on `day` (DST handled by the zone).
Timestamp At(const ZoneRules& zone, LocalDays day, chrono::minutes time) {
  return zone.ToInstant(LocalTime{day} + time);
}

// Holidays and closed weekdays are finite, so a working day comes within a year and a week.
constexpr int kMaxDaysAhead = 366 + 8;

LocalDays NextWorkingDay(const Department& department, const FulfillmentRules& rules,
                         LocalDays after) {
  LocalDays day = after;
  for (int i = 0; i < kMaxDaysAhead; ++i) {
    day += chrono::days{1};
    if (IsWorkingDay(department, rules, chrono::year_month_day{day})) return day;
  }
  COMMESSO_INVARIANT(false, "a department with working days has no working day within a year");
}

const std::string& Destination(const Order& order) {
  return order.shipping_address ? order.shipping_address->country : order.billing_address.country;
}

bool Holds(const RoutingRule& rule, const PricedLine& line, const std::string& method,
           const std::string& country) {
  if (rule.kind && *rule.kind != line.item.kind) return false;
  if (!rule.sku_prefix.empty() && !line.item.sku.starts_with(rule.sku_prefix)) return false;
  if (!rule.shipping_method.empty() && rule.shipping_method != method) return false;
  if (!rule.countries.empty() &&
      std::find(rule.countries.begin(), rule.countries.end(), country) == rule.countries.end()) {
    return false;
  }
  if (!rule.categories.empty() && std::find(rule.categories.begin(), rule.categories.end(),
                                            line.item.category) == rule.categories.end()) {
    return false;
  }
  return true;
}

const std::string& RouteOf(const PricedLine& line, const FulfillmentRules& rules,
                           const std::string& method, const std::string& country) {
  for (const RoutingRule& rule : rules.routing) {
    if (Holds(rule, line, method, country)) return rule.department;
  }
  return rules.default_department;
}

// ---- Pick lists -------------------------------------------------------------------------

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether location `a` comes before `b` on a walk through the store: text compares by
// character, but runs of digits compare as numbers, so "A-9-1" comes before "A-10-1" whether
// or not the shelves' labels are zero-padded ("A-09-1" and "A-9-1" are equally far).
bool LocationBefore(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      while (i < a.size() && a[i] == '0') ++i;
      while (j < b.size() && b[j] == '0') ++j;
      std::size_t end_a = i;
      std::size_t end_b = j;
      while (end_a < a.size() && IsDigit(a[end_a])) ++end_a;
      while (end_b < b.size() && IsDigit(b[end_b])) ++end_b;
      // Without leading zeros, the longer run is the larger number.
      if (end_a - i != end_b - j) return end_a - i < end_b - j;
      const int order = a.substr(i, end_a - i).compare(b.substr(j, end_b - j));
      if (order != 0) return order < 0;
      i = end_a;
      j = end_b;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return a.size() - i < b.size() - j;
  return a < b;  // Equal but for zero padding: a fixed order all the same.
}

// ---- Names ------------------------------------------------------------------------------

constexpr NameTable<ReleaseKind, 3> kReleaseKindNames = {{{ReleaseKind::kImmediate, "immediate"},
                                                          {ReleaseKind::kWaves, "waves"},
                                                          {ReleaseKind::kCutOff, "cut_off"}}};

constexpr NameTable<TaskState, 8> kTaskStateNames = {{
    {TaskState::kScheduled, "scheduled"},
    {TaskState::kHeld, "held"},
    {TaskState::kReleased, "released"},
    {TaskState::kInProgress, "in_progress"},
    {TaskState::kPartlyShipped, "partly_shipped"},
    {TaskState::kShipped, "shipped"},
    {TaskState::kDone, "done"},
    {TaskState::kCancelled, "cancelled"},
}};

constexpr NameTable<HoldKind, 3> kHoldKindNames = {{{HoldKind::kPayment, "payment"},
                                                    {HoldKind::kManual, "manual"},
                                                    {HoldKind::kAddress, "address"}}};

}  // namespace

Result<void> Validate(const FulfillmentRules& rules) {
  Problems problems;
  if (rules.departments.empty()) {
    problems.Add("fulfillment.departments", "must have at least one department");
  }
  std::set<std::string> codes;
  for (std::size_t i = 0; i < rules.departments.size(); ++i) {
    const Department& department = rules.departments[i];
    const std::string path = "fulfillment.departments[" + std::to_string(i) + "]";
    CheckDepartment(department, path, problems);
    if (!department.code.empty() && !codes.insert(department.code).second) {
      problems.Add(path + ".code", "another department has this code");
    }
  }
  for (std::size_t i = 0; i < rules.routing.size(); ++i) {
    const RoutingRule& rule = rules.routing[i];
    const std::string path = "fulfillment.routing[" + std::to_string(i) + "]";
    if (rule.department.empty()) {
      problems.Add(path + ".department", "required");
    } else if (FindDepartment(rules, rule.department) == nullptr) {
      problems.Add(path + ".department", "no department has this code");
    }
    for (std::size_t c = 0; c < rule.countries.size(); ++c) {
      if (!ValidCountry(rule.countries[c])) {
        problems.Add(path + ".countries[" + std::to_string(c) + "]",
                     "must be an ISO 3166 alpha-2 code in capitals");
      }
    }
    for (std::size_t c = 0; c < rule.categories.size(); ++c) {
      if (rule.categories[c].empty() || !IsValidCategory(rule.categories[c])) {
        problems.Add(path + ".categories[" + std::to_string(c) + "]",
                     "must be 1..32 characters of a-z 0-9 _ -");
      }
    }
  }
  if (rules.default_department.empty()) {
    problems.Add("fulfillment.default_department", "required");
  } else if (FindDepartment(rules, rules.default_department) == nullptr) {
    problems.Add("fulfillment.default_department", "no department has this code");
  }
  for (std::size_t i = 0; i < rules.holidays.size(); ++i) {
    if (!rules.holidays[i].ok()) {
      problems.Add("fulfillment.holidays[" + std::to_string(i) + "]", "not a date");
    }
  }
  return std::move(problems).Done();
}

const Department* FindDepartment(const FulfillmentRules& rules, std::string_view code) {
  for (const Department& department : rules.departments) {
    if (department.code == code) return &department;
  }
  return nullptr;
}

std::vector<TaskPlan> Split(const Order& order, const FulfillmentRules& rules) {
  std::vector<TaskPlan> plans;
  const std::string& method = order.priced.shipping.method;
  const std::string& country = Destination(order);
  for (std::size_t i = 0; i < order.priced.lines.size(); ++i) {
    const PricedLine& line = order.priced.lines[i];
    const std::string& department = RouteOf(line, rules, method, country);
    COMMESSO_INVARIANT(FindDepartment(rules, department) != nullptr,
                       "valid fulfillment rules route a line to an unknown department");
    auto plan = std::find_if(plans.begin(), plans.end(),
                             [&](const TaskPlan& p) { return p.department == department; });
    if (plan == plans.end()) {
      plans.push_back(TaskPlan{.department = department});
      plan = std::prev(plans.end());
    }
    plan->lines.push_back(TaskLine{.line_no = static_cast<int>(i) + 1,
                                   .sku = line.item.sku,
                                   .name = line.item.name,
                                   .kind = line.item.kind,
                                   .unit = line.item.unit,
                                   .quantity = line.quantity,
                                   .backordered = line.backordered});
  }
  return plans;
}

bool IsWorkingDay(const Department& department, const FulfillmentRules& rules,
                  chrono::year_month_day day) {
  const chrono::weekday weekday{chrono::sys_days{day}};
  if (std::find(department.working_days.begin(), department.working_days.end(), weekday) ==
      department.working_days.end()) {
    return false;
  }
  return std::find(rules.holidays.begin(), rules.holidays.end(), day) == rules.holidays.end();
}

Timestamp ReleaseAt(const Department& department, const FulfillmentRules& rules,
                    const ZoneRules& zone, Timestamp ready) {
  const ReleasePolicy& release = department.release;
  const LocalDays today = DayOf(zone.ToLocal(ready));
  switch (release.kind) {
    case ReleaseKind::kImmediate:
      return ready;
    case ReleaseKind::kWaves: {
      COMMESSO_INVARIANT(!release.waves.empty(), "a valid wave policy has waves");
      // Compared as instants: a wave in the spring-forward gap happens when the gap ends,
      // one in the repeated hour happens once, at its first occurrence.
      // NextWorkingDay fails loudly rather than loop for ever.
      for (LocalDays day = today - chrono::days{1};;) {
        day = NextWorkingDay(department, rules, day);
        for (TimeOfDay wave : release.waves) {
          const Timestamp at = At(zone, day, wave);
          if (at >= ready) return at;
        }
      }
    }
    case ReleaseKind::kCutOff: {
      if (IsWorkingDay(department, rules, chrono::year_month_day{today}) &&
          ready < At(zone, today, release.cut_off)) {
        return std::max(ready, At(zone, today, release.release_at));
      }
      return At(zone, NextWorkingDay(department, rules, today), release.release_at);
    }
  }
  COMMESSO_INVARIANT(false, "unknown release kind");
}

chrono::year_month_day DispatchDay(const Department& department, const FulfillmentRules& rules,
                                   const ZoneRules& zone, Timestamp released) {
  const LocalDays day = DayOf(zone.ToLocal(released));
  if (IsWorkingDay(department, rules, chrono::year_month_day{day}) &&
      released < At(zone, day, department.closes)) {
    return chrono::year_month_day{day};
  }
  return chrono::year_month_day{NextWorkingDay(department, rules, day)};
}

Timestamp AddWorkingTime(const Department& department, const FulfillmentRules& rules,
                         const ZoneRules& zone, Timestamp from, chrono::minutes amount) {
  if (amount <= chrono::minutes{0}) return from;
  // Working hours are measured as instants, so a working day that spans a DST change counts
  // the hours that really pass.
  Timestamp::duration remaining = amount;
  LocalDays day = DayOf(zone.ToLocal(from));
  if (!IsWorkingDay(department, rules, chrono::year_month_day{day})) {
    day = NextWorkingDay(department, rules, day);
  }
  for (;;) {
    const Timestamp opens = At(zone, day, department.opens);
    const Timestamp closes = At(zone, day, department.closes);
    const Timestamp start = std::max(from, opens);
    if (start < closes) {
      if (remaining <= closes - start) return start + remaining;
      remaining -= closes - start;
    }
    day = NextWorkingDay(department, rules, day);
  }
}

std::optional<chrono::year_month_day> PromisedDispatch(const Order& order,
                                                       const FulfillmentRules& rules,
                                                       const ZoneDirectory& zones,
                                                       Timestamp placed) {
  std::optional<chrono::year_month_day> latest;
  for (const TaskPlan& plan : Split(order, rules)) {
    const Department* department = FindDepartment(rules, plan.department);
    COMMESSO_INVARIANT(department != nullptr, "Split names only known departments");
    const ZoneRules& zone = zones.Zone(department->time_zone);
    const Timestamp released = ReleaseAt(*department, rules, zone, placed);
    const chrono::year_month_day day = DispatchDay(*department, rules, zone, released);
    if (!latest || chrono::sys_days{day} > chrono::sys_days{*latest}) latest = day;
  }
  return latest;
}

OrderStatus StatusOf(const std::vector<FulfillmentTask>& tasks) {
  const auto any = [&](auto predicate) {
    return std::any_of(tasks.begin(), tasks.end(),
                       [&](const FulfillmentTask& task) { return predicate(task.state); });
  };
  const auto all = [&](auto predicate) {
    return std::all_of(tasks.begin(), tasks.end(),
                       [&](const FulfillmentTask& task) { return predicate(task.state); });
  };
  const auto is = [](std::initializer_list<TaskState> states) {
    return [states](TaskState state) {
      return std::find(states.begin(), states.end(), state) != states.end();
    };
  };
  if (tasks.empty() || all(is({TaskState::kScheduled, TaskState::kHeld}))) {
    return OrderStatus::kPlaced;
  }
  if (all(is({TaskState::kCancelled}))) return OrderStatus::kCancelled;
  // A cancelled task beside live ones does not hold the order back.
  if (all(is({TaskState::kShipped, TaskState::kDone, TaskState::kCancelled}))) {
    return any(is({TaskState::kShipped})) ? OrderStatus::kShipped : OrderStatus::kDone;
  }
  if (any(is({TaskState::kShipped, TaskState::kPartlyShipped}))) {
    return OrderStatus::kPartlyShipped;
  }
  if (any(is({TaskState::kInProgress, TaskState::kDone}))) return OrderStatus::kInProgress;
  if (any(is({TaskState::kReleased}))) return OrderStatus::kReleased;
  return OrderStatus::kPlaced;
}

OrderStatus StatusAfter(OrderStatus was, const std::vector<FulfillmentTask>& tasks) {
  return was == OrderStatus::kCancelled ? was : StatusOf(tasks);
}

PickList PickListOf(std::string_view department, const std::vector<FulfillmentTask>& tasks,
                    const StorageLocations& locations, Timestamp now) {
  PickList list{.department = std::string(department), .generated_at = now};
  std::map<std::string, PickList::Row> rows;  // By SKU, sorted.
  for (const FulfillmentTask& task : tasks) {
    if (task.department != department) continue;
    if (task.state == TaskState::kCancelled || task.state == TaskState::kShipped ||
        task.state == TaskState::kDone) {
      continue;
    }
    for (const TaskLine& line : task.lines) {
      if (line.kind == ItemKind::kService) continue;
      const std::int64_t quantity = line.quantity - line.backordered - line.shipped;
      if (quantity <= 0) continue;
      PickList::Row& row = rows[line.sku];
      if (row.sku.empty()) {
        if (auto location = locations.find(line.sku); location != locations.end()) {
          row.location = location->second;
        }
        row.sku = line.sku;
        row.name = line.name;
        row.unit = line.unit;
      }
      row.total += quantity;
      row.needs.push_back(PickList::Need{
          .order = task.order, .task_id = task.id, .line_no = line.line_no, .quantity = quantity});
    }
  }
  for (auto& [sku, row] : rows) list.rows.push_back(std::move(row));
  // The walking order through the store; rows come by SKU, so equal locations keep it.
  std::stable_sort(list.rows.begin(), list.rows.end(),
                   [](const PickList::Row& a, const PickList::Row& b) {
                     if (a.location.empty() != b.location.empty()) return b.location.empty();
                     return LocationBefore(a.location, b.location);
                   });
  return list;
}

const char* Name(ReleaseKind kind) { return NameIn(kReleaseKindNames, kind); }
const char* Name(TaskState state) { return NameIn(kTaskStateNames, state); }
const char* Name(HoldKind kind) { return NameIn(kHoldKindNames, kind); }
std::optional<ReleaseKind> ParseReleaseKind(std::string_view name) {
  return ParseIn(kReleaseKindNames, name);
}
std::optional<TaskState> ParseTaskState(std::string_view name) {
  return ParseIn(kTaskStateNames, name);
}
std::optional<HoldKind> ParseHoldKind(std::string_view name) {
  return ParseIn(kHoldKindNames, name);
}

}  // namespace commesso
