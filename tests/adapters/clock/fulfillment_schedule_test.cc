// The fulfillment schedule of core/fulfillment.h against the real IANA database: the
// release policies, working days and holidays, both DST changes in Rome and New York, and a
// department in another zone than the business.
#include <chrono>

#include <gtest/gtest.h>

#include "adapters/clock/date_zone_rules.h"
#include "core/fulfillment.h"
#include "core/invariant.h"

namespace commesso {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr minutes At(int hour, int minute = 0) { return minutes{hour * 60 + minute}; }

Timestamp Utc(year_month_day day, hours hour, minutes minute = minutes{0}) {
  return Timestamp{sys_days{day}} + hour + minute;
}

// The instant the zone's wall clock shows `day` `time` (+ `extra`).
Timestamp Local(const ZoneRules& zone, year_month_day day, minutes time,
                milliseconds extra = milliseconds{0}) {
  return zone.ToInstant(LocalTime{std::chrono::local_days{sys_days{day}.time_since_epoch()}} +
                        time + extra);
}

const DateZoneRules& Zone(const char* name) {
  static const auto directory =
      DateZoneDirectory::Load({"Europe/Rome", "America/New_York"}).value();
  return static_cast<const DateZoneRules&>(directory->Zone(name));
}

Department Dept(std::string code, std::string zone, ReleasePolicy release) {
  Department department;
  department.code = std::move(code);
  department.name = {department.code, department.code};
  department.time_zone = std::move(zone);
  department.release = std::move(release);
  return department;
}

// The demo's Milan schedule: warehouse with a 14:00 cut-off, services at once, a freight
// desk in waves, a US desk in New York; the Italian holidays of December 2026.
FulfillmentRules Rules() {
  FulfillmentRules rules;
  rules.departments = {
      Dept("warehouse", "Europe/Rome", {.kind = ReleaseKind::kCutOff}),
      Dept("services", "Europe/Rome", {.kind = ReleaseKind::kImmediate}),
      Dept("freight", "Europe/Rome",
           {.kind = ReleaseKind::kWaves, .waves = {At(9), At(13), At(16, 30)}}),
      Dept("us-desk", "America/New_York", {.kind = ReleaseKind::kCutOff}),
  };
  rules.departments[1].ships = false;
  RoutingRule services;
  services.kind = ItemKind::kService;
  services.department = "services";
  RoutingRule us;
  us.countries = {"US"};
  us.department = "us-desk";
  rules.routing = {services, us};
  rules.default_department = "warehouse";
  rules.holidays = {year{2026} / 12 / 8, year{2026} / 12 / 25, year{2026} / 12 / 26};
  return rules;
}

const Department& Find(const FulfillmentRules& rules, const char* code) {
  const Department* department = FindDepartment(rules, code);
  EXPECT_NE(department, nullptr);
  return *department;
}

// Monday 30 November 2026 and the days around it.
constexpr year_month_day kMon = year{2026} / 11 / 30;
constexpr year_month_day kTue = year{2026} / 12 / 1;
constexpr year_month_day kFri = year{2026} / 12 / 4;
constexpr year_month_day kSat = year{2026} / 12 / 5;
constexpr year_month_day kNextMon = year{2026} / 12 / 7;
constexpr year_month_day kWedAfterHoliday = year{2026} / 12 / 9;

// ---- The zones --------------------------------------------------------------------------

TEST(DateZoneRulesTest, RomeSpringForwardGapMapsToItsEnd) {
  const ZoneRules& rome = Zone("Europe/Rome");
  const year_month_day day = year{2026} / 3 / 29;  // 02:00 CET becomes 03:00 CEST.

  EXPECT_EQ(Local(rome, day, At(1, 59)), Utc(day, hours{0}, minutes{59}));
  EXPECT_EQ(Local(rome, day, At(2, 30)), Utc(day, hours{1}));  // 03:00 CEST.
  EXPECT_EQ(Local(rome, day, At(3)), Utc(day, hours{1}));
  EXPECT_EQ(rome.ToLocal(Utc(day, hours{1})),
            LocalTime{std::chrono::local_days{sys_days{day}.time_since_epoch()}} + At(3));
  EXPECT_EQ(rome.Name(), "Europe/Rome");
}

TEST(DateZoneRulesTest, RomeFallBackTakesTheEarlierInstant) {
  const ZoneRules& rome = Zone("Europe/Rome");
  const year_month_day day = year{2026} / 10 / 25;  // 03:00 CEST becomes 02:00 CET.

  EXPECT_EQ(Local(rome, day, At(2, 30)), Utc(day, hours{0}, minutes{30}));  // CEST.
  EXPECT_EQ(Local(rome, day, At(3, 30)), Utc(day, hours{2}, minutes{30}));  // CET.
  // Both 00:30 and 01:30 UTC show 02:30.
  EXPECT_EQ(rome.ToLocal(Utc(day, hours{0}, minutes{30})),
            rome.ToLocal(Utc(day, hours{1}, minutes{30})));
}

TEST(DateZoneRulesTest, NewYorkBothChanges) {
  const ZoneRules& new_york = Zone("America/New_York");
  const year_month_day spring = year{2026} / 3 / 8;   // 02:00 EST becomes 03:00 EDT.
  const year_month_day autumn = year{2026} / 11 / 1;  // 02:00 EDT becomes 01:00 EST.

  EXPECT_EQ(Local(new_york, spring, At(2, 30)), Utc(spring, hours{7}));               // 03:00 EDT.
  EXPECT_EQ(Local(new_york, autumn, At(1, 30)), Utc(autumn, hours{5}, minutes{30}));  // EDT.
  EXPECT_EQ(Local(new_york, autumn, At(2, 30)), Utc(autumn, hours{7}, minutes{30}));  // EST.
}

TEST(DateZoneDirectoryTest, RefusesAnUnknownZoneByName) {
  auto directory = DateZoneDirectory::Load({"Europe/Rome", "Europe/Atlantis"});

  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(directory.error().message.find("Europe/Atlantis"), std::string::npos);
}

TEST(DateZoneDirectoryTest, AZoneNotLoadedIsABug) {
  auto directory = DateZoneDirectory::Load({"Europe/Rome", "Europe/Rome"});
  ASSERT_TRUE(directory) << directory.error().message;

  EXPECT_EQ((*directory)->Zone("Europe/Rome").Name(), "Europe/Rome");
  EXPECT_THROW((void)(*directory)->Zone("Asia/Tokyo"), InvariantError);
}

// ---- Cut-off ----------------------------------------------------------------------------

TEST(FulfillmentScheduleTest, CutOffBoundaryToTheMillisecond) {
  const FulfillmentRules rules = Rules();
  const Department& warehouse = Find(rules, "warehouse");
  const ZoneRules& rome = Zone("Europe/Rome");

  const Timestamp before = Local(rome, kMon, At(13, 59), seconds{59} + milliseconds{999});
  const Timestamp at = Local(rome, kMon, At(14));

  EXPECT_EQ(ReleaseAt(warehouse, rules, rome, before), Local(rome, kMon, At(14)));
  EXPECT_EQ(DispatchDay(warehouse, rules, rome, ReleaseAt(warehouse, rules, rome, before)), kMon);
  EXPECT_EQ(ReleaseAt(warehouse, rules, rome, at), Local(rome, kTue, At(14)));
  EXPECT_EQ(DispatchDay(warehouse, rules, rome, ReleaseAt(warehouse, rules, rome, at)), kTue);
}

TEST(FulfillmentScheduleTest, CutOffWaitsForTheDaysWaveOrReleasesAtOnceAfterIt) {
  FulfillmentRules rules = Rules();
  const ZoneRules& rome = Zone("Europe/Rome");
  const Department& warehouse = Find(rules, "warehouse");

  EXPECT_EQ(ReleaseAt(warehouse, rules, rome, Local(rome, kMon, At(6))), Local(rome, kMon, At(14)));

  Department early = warehouse;
  early.release.release_at = At(12);
  EXPECT_EQ(ReleaseAt(early, rules, rome, Local(rome, kMon, At(13, 30))),
            Local(rome, kMon, At(13, 30)));
}

TEST(FulfillmentScheduleTest, CutOffSkipsWeekendsAndHolidays) {
  const FulfillmentRules rules = Rules();
  const Department& warehouse = Find(rules, "warehouse");
  const ZoneRules& rome = Zone("Europe/Rome");

  EXPECT_EQ(ReleaseAt(warehouse, rules, rome, Local(rome, kFri, At(15))),
            Local(rome, kNextMon, At(14)));
  // Saturday morning is before 14:00, but Saturday is closed.
  EXPECT_EQ(ReleaseAt(warehouse, rules, rome, Local(rome, kSat, At(10))),
            Local(rome, kNextMon, At(14)));
  // Tuesday 8 December is a holiday.
  EXPECT_EQ(ReleaseAt(warehouse, rules, rome, Local(rome, kNextMon, At(15))),
            Local(rome, kWedAfterHoliday, At(14)));
  // Christmas Eve after the cut-off: Christmas, Santo Stefano and Sunday are closed.
  EXPECT_EQ(ReleaseAt(warehouse, rules, rome, Local(rome, year{2026} / 12 / 24, At(14, 1))),
            Local(rome, year{2026} / 12 / 28, At(14)));
  EXPECT_FALSE(IsWorkingDay(warehouse, rules, year{2026} / 12 / 8));
  EXPECT_FALSE(IsWorkingDay(warehouse, rules, kSat));
  EXPECT_TRUE(IsWorkingDay(warehouse, rules, kMon));
}

TEST(FulfillmentScheduleTest, CutOffAcrossTheSpringWeekend) {
  const FulfillmentRules rules = Rules();
  const Department& warehouse = Find(rules, "warehouse");
  const ZoneRules& rome = Zone("Europe/Rome");

  // Friday 27 March 2026 is CET (UTC+1); Monday 30 March is CEST (UTC+2).
  EXPECT_EQ(ReleaseAt(warehouse, rules, rome, Utc(year{2026} / 3 / 27, hours{15})),
            Utc(year{2026} / 3 / 30, hours{12}));
}

// ---- Waves ------------------------------------------------------------------------------

TEST(FulfillmentScheduleTest, WavesReleaseAtTheNextWave) {
  const FulfillmentRules rules = Rules();
  const Department& freight = Find(rules, "freight");
  const ZoneRules& rome = Zone("Europe/Rome");

  EXPECT_EQ(ReleaseAt(freight, rules, rome, Local(rome, kMon, At(8))), Local(rome, kMon, At(9)));
  EXPECT_EQ(ReleaseAt(freight, rules, rome, Local(rome, kMon, At(9))), Local(rome, kMon, At(9)));
  EXPECT_EQ(ReleaseAt(freight, rules, rome, Local(rome, kMon, At(9), milliseconds{1})),
            Local(rome, kMon, At(13)));
  EXPECT_EQ(ReleaseAt(freight, rules, rome, Local(rome, kMon, At(14))),
            Local(rome, kMon, At(16, 30)));
  EXPECT_EQ(ReleaseAt(freight, rules, rome, Local(rome, kMon, At(16, 30), milliseconds{1})),
            Local(rome, kTue, At(9)));
  EXPECT_EQ(ReleaseAt(freight, rules, rome, Local(rome, kFri, At(17))),
            Local(rome, kNextMon, At(9)));
  EXPECT_EQ(ReleaseAt(freight, rules, rome, Local(rome, kNextMon, At(17))),
            Local(rome, kWedAfterHoliday, At(9)));
}

TEST(FulfillmentScheduleTest, DispatchDayFollowsClosingTime) {
  FulfillmentRules rules = Rules();
  const ZoneRules& rome = Zone("Europe/Rome");
  Department freight = Find(rules, "freight");

  EXPECT_EQ(DispatchDay(freight, rules, rome, Local(rome, kMon, At(16, 30))), kMon);
  freight.closes = At(16, 30);  // Released as the desk closes: tomorrow.
  EXPECT_EQ(DispatchDay(freight, rules, rome, Local(rome, kMon, At(16, 30))), kTue);
  EXPECT_EQ(DispatchDay(freight, rules, rome, Local(rome, kMon, At(16, 29))), kMon);
  EXPECT_EQ(DispatchDay(freight, rules, rome, Local(rome, kSat, At(10))), kNextMon);
}

// A department that works every day, with a wave inside the DST change hours.
Department NightShift(std::string zone, std::vector<minutes> waves) {
  Department department =
      Dept("night", std::move(zone), {.kind = ReleaseKind::kWaves, .waves = std::move(waves)});
  department.working_days = {std::chrono::Monday,   std::chrono::Tuesday, std::chrono::Wednesday,
                             std::chrono::Thursday, std::chrono::Friday,  std::chrono::Saturday,
                             std::chrono::Sunday};
  department.opens = At(0);
  department.closes = At(6);
  return department;
}

TEST(FulfillmentScheduleTest, RomeWaveInTheSpringForwardGap) {
  const FulfillmentRules rules = Rules();
  const Department night = NightShift("Europe/Rome", {At(2, 30), At(9)});
  const ZoneRules& rome = Zone("Europe/Rome");
  const year_month_day day = year{2026} / 3 / 29;

  // 02:30 never happens: the wave goes when the clocks reach 03:00 CEST (01:00 UTC).
  EXPECT_EQ(ReleaseAt(night, rules, rome, Utc(year{2026} / 3 / 28, hours{23})), Utc(day, hours{1}));
  // Ready just after it: the 09:00 CEST wave (07:00 UTC).
  EXPECT_EQ(ReleaseAt(night, rules, rome, Utc(day, hours{1}, minutes{1})), Utc(day, hours{7}));
}

TEST(FulfillmentScheduleTest, RomeWaveInTheRepeatedHourGoesOnce) {
  const FulfillmentRules rules = Rules();
  const Department night = NightShift("Europe/Rome", {At(2, 30), At(9)});
  const ZoneRules& rome = Zone("Europe/Rome");
  const year_month_day day = year{2026} / 10 / 25;

  // The first 02:30 (CEST, 00:30 UTC).
  EXPECT_EQ(ReleaseAt(night, rules, rome, Utc(day, hours{0})), Utc(day, hours{0}, minutes{30}));
  // Ready at 02:45 CEST: the second 02:30 (CET) is not another wave; next is 09:00 CET.
  EXPECT_EQ(ReleaseAt(night, rules, rome, Utc(day, hours{0}, minutes{45})), Utc(day, hours{8}));
}

TEST(FulfillmentScheduleTest, NewYorkWavesOnBothChanges) {
  const FulfillmentRules rules = Rules();
  const ZoneRules& new_york = Zone("America/New_York");
  const year_month_day spring = year{2026} / 3 / 8;
  const year_month_day autumn = year{2026} / 11 / 1;

  const Department spring_shift = NightShift("America/New_York", {At(2, 30)});
  EXPECT_EQ(ReleaseAt(spring_shift, rules, new_york, Utc(spring, hours{5})), Utc(spring, hours{7}));

  const Department autumn_shift = NightShift("America/New_York", {At(1, 30), At(4)});
  // 01:30 EDT (05:30 UTC), the earlier of the two.
  EXPECT_EQ(ReleaseAt(autumn_shift, rules, new_york, Utc(autumn, hours{5})),
            Utc(autumn, hours{5}, minutes{30}));
  // Ready during the second 01:00 hour (EST): next is 04:00 EST (09:00 UTC).
  EXPECT_EQ(ReleaseAt(autumn_shift, rules, new_york, Utc(autumn, hours{6})), Utc(autumn, hours{9}));
}

// ---- Another zone -----------------------------------------------------------------------

TEST(FulfillmentScheduleTest, ADepartmentKeepsItsOwnZone) {
  const FulfillmentRules rules = Rules();
  const Department& us_desk = Find(rules, "us-desk");
  const ZoneRules& new_york = Zone("America/New_York");

  // Friday 19:00 in Milan (18:00 UTC) is 13:00 in New York: before its 14:00 cut-off, released
  // at 14:00 EST (19:00 UTC) and dispatched that Friday, while Milan's warehouse has closed.
  const Timestamp placed = Utc(kFri, hours{18});
  EXPECT_EQ(ReleaseAt(us_desk, rules, new_york, placed), Utc(kFri, hours{19}));
  EXPECT_EQ(DispatchDay(us_desk, rules, new_york, ReleaseAt(us_desk, rules, new_york, placed)),
            kFri);
  // An hour later it is 14:00 there: Monday.
  EXPECT_EQ(ReleaseAt(us_desk, rules, new_york, Utc(kFri, hours{19})), Utc(kNextMon, hours{19}));
}

// ---- Working time -----------------------------------------------------------------------

TEST(FulfillmentScheduleTest, WorkingTimeSkipsNightsWeekendsAndHolidays) {
  const FulfillmentRules rules = Rules();
  const Department& warehouse = Find(rules, "warehouse");  // 09:00..18:00, Monday to Friday.
  const ZoneRules& rome = Zone("Europe/Rome");
  const auto add = [&](Timestamp from, int amount) {
    return AddWorkingTime(warehouse, rules, rome, from, minutes{amount});
  };

  EXPECT_EQ(add(Local(rome, kMon, At(10)), 60), Local(rome, kMon, At(11)));
  EXPECT_EQ(add(Local(rome, kMon, At(7)), 30), Local(rome, kMon, At(9, 30)));
  EXPECT_EQ(add(Local(rome, kMon, At(17, 30)), 60), Local(rome, kTue, At(9, 30)));
  EXPECT_EQ(add(Local(rome, kMon, At(9)), 540), Local(rome, kMon, At(18)));
  EXPECT_EQ(add(Local(rome, kMon, At(9)), 541), Local(rome, kTue, At(9, 1)));
  EXPECT_EQ(add(Local(rome, kFri, At(17, 30)), 60), Local(rome, kNextMon, At(9, 30)));
  EXPECT_EQ(add(Local(rome, kSat, At(12)), 30), Local(rome, kNextMon, At(9, 30)));
  EXPECT_EQ(add(Local(rome, kNextMon, At(17, 30)), 60), Local(rome, kWedAfterHoliday, At(9, 30)));
  EXPECT_EQ(add(Local(rome, kMon, At(20)), 0), Local(rome, kMon, At(20)));
}

TEST(FulfillmentScheduleTest, WorkingTimeCountsRealHoursOnTheDstDay) {
  const FulfillmentRules rules = Rules();
  const Department night = NightShift("Europe/Rome", {At(2, 30)});  // 00:00..06:00 daily.
  const ZoneRules& rome = Zone("Europe/Rome");
  const year_month_day day = year{2026} / 3 / 29;
  const Timestamp midnight = Local(rome, day, At(0));

  // 00:00..06:00 on the spring-forward night is five hours long.
  EXPECT_EQ(AddWorkingTime(night, rules, rome, midnight, minutes{300}), Local(rome, day, At(6)));
  EXPECT_EQ(AddWorkingTime(night, rules, rome, midnight, minutes{301}),
            Local(rome, year{2026} / 3 / 30, At(0, 1)));
}

// ---- Promised dispatch ------------------------------------------------------------------

PricedLine Line(std::string sku, ItemKind kind) {
  PricedLine line;
  line.item.sku = std::move(sku);
  line.item.kind = kind;
  line.quantity = 1;
  return line;
}

Order MakeOrder(std::vector<PricedLine> lines, std::string country = "IT") {
  Order order;
  order.priced.lines = std::move(lines);
  order.billing_address.country = std::move(country);
  return order;
}

TEST(FulfillmentScheduleTest, PromisedDispatchIsTheLatestDepartment) {
  const FulfillmentRules rules = Rules();
  const auto directory = DateZoneDirectory::Load({"Europe/Rome", "America/New_York"}).value();
  const ZoneRules& rome = Zone("Europe/Rome");
  const Order mixed =
      MakeOrder({Line("SRV-SETUP", ItemKind::kService), Line("A4", ItemKind::kGood)});
  const Order services = MakeOrder({Line("SRV-SETUP", ItemKind::kService)});

  // Before the cut-off both go today.
  EXPECT_EQ(PromisedDispatch(mixed, rules, *directory, Local(rome, kMon, At(11))), kMon);
  // After it the services still go today, the goods tomorrow: the promise is tomorrow.
  EXPECT_EQ(PromisedDispatch(mixed, rules, *directory, Local(rome, kMon, At(15))), kTue);
  EXPECT_EQ(PromisedDispatch(services, rules, *directory, Local(rome, kMon, At(15))), kMon);
  // Services placed after closing time go the next working day.
  EXPECT_EQ(PromisedDispatch(services, rules, *directory, Local(rome, kFri, At(18))), kNextMon);
  EXPECT_EQ(PromisedDispatch(MakeOrder({}), rules, *directory, Local(rome, kMon, At(11))),
            std::nullopt);
  // Goods for the United States go through the New York desk.
  EXPECT_EQ(PromisedDispatch(MakeOrder({Line("A4", ItemKind::kGood)}, "US"), rules, *directory,
                             Utc(kFri, hours{18})),
            kFri);
}

}  // namespace
}  // namespace commesso
