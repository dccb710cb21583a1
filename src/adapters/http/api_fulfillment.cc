// The fulfillment routes of the Api: department queues, tasks, pick lists, holds,
// cancellation and escalations (docs/fulfillment.md, docs/openapi.yaml).
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "adapters/http/api.h"
#include "adapters/http/api_support.h"
#include "adapters/http/keyed_response.h"
#include "adapters/http/problem.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/fulfillment_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"
#include "adapters/render/pick_list_render.h"

namespace commesso::http {
namespace {

using json::Json;

constexpr int kQueueLimit = 500;
// The statistics of GET /departments cover the tasks released in the last 30 days.
constexpr std::chrono::days kStatsWindow{30};

HttpResponse NoSuchTask(const std::string& id) { return NotFound("There is no task " + id + "."); }

Json PickListJson(const PickList& list, const Department& department, std::string_view locale) {
  Json rows = Json::array();
  for (const PickList::Row& row : list.rows) {
    Json needs = Json::array();
    for (const PickList::Need& need : row.needs) {
      needs.push_back(Json{{"order", need.order.value},
                           {"task_id", need.task_id},
                           {"line_no", need.line_no},
                           {"quantity", need.quantity}});
    }
    rows.push_back(Json{{"location", row.location},
                        {"sku", row.sku},
                        {"name", row.name.In(locale)},
                        {"unit", row.unit},
                        {"total", row.total},
                        {"needs", std::move(needs)}});
  }
  return Json{{"department", department.code},
              {"department_name", department.name.In(locale)},
              {"generated_at", json::FormatTimestamp(list.generated_at)},
              {"rows", std::move(rows)}};
}

// Where the catalog stores the SKUs of `tasks` now (the tasks' lines keep no location).
Result<StorageLocations> LocationsOf(const Catalog& catalog,
                                     const std::vector<FulfillmentTask>& tasks) {
  std::vector<std::string> skus;
  for (const FulfillmentTask& task : tasks) {
    for (const TaskLine& line : task.lines) skus.push_back(line.sku);
  }
  StorageLocations locations;
  if (skus.empty()) return locations;
  Result<std::vector<Item>> items = catalog.FindBySkus(skus);
  if (!items) return Fail(items.error());
  for (const Item& item : *items) {
    if (!item.location.empty()) locations.emplace(item.sku, item.location);
  }
  return locations;
}

// The caller's locale: the signed-in user's, else the business's.
std::string LocaleOf(const HttpRequest& request, const Business& business) {
  return request.locale.empty() ? business.locale : request.locale;
}

}  // namespace

tl::expected<std::vector<Json>, HttpResponse> Api::TasksJson(
    const HttpRequest& request, const std::vector<FulfillmentTask>& tasks) {
  const std::string locale = LocaleOf(request, services_.business);
  const Timestamp now = services_.clock.Now();
  std::map<std::string, json::TaskOrderFacts> facts;
  std::vector<Json> items;
  for (const FulfillmentTask& task : tasks) {
    auto known = facts.find(task.order.value);
    if (known == facts.end()) {
      Result<Order> order = services_.orders.FindByNumber(task.order);
      if (!order) return tl::unexpected(Failure(request, order.error()));
      known = facts.emplace(task.order.value, json::TaskOrderFactsOf(*order)).first;
    }
    const Department* department = FindDepartment(services_.business.fulfillment, task.department);
    items.push_back(json::ToJson(task, department != nullptr ? department->name : LocalizedText{},
                                 known->second, locale, now));
  }
  return items;
}

HttpResponse Api::ListDepartments(const HttpRequest& request, const Target& target,
                                  const std::string&) {
  std::vector<FieldError> problems;
  CheckParams(target, {}, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);
  const Timestamp now = services_.clock.Now();
  Result<std::vector<DepartmentStats>> stats = services_.fulfillment.Stats(now - kStatsWindow);
  if (!stats) return Failure(request, stats.error());
  const std::string locale = LocaleOf(request, services_.business);
  Json items = Json::array();
  for (const Department& department : services_.business.fulfillment.departments) {
    DepartmentStats counted{.department = department.code};
    for (const DepartmentStats& entry : *stats) {
      if (entry.department == department.code) counted = entry;
    }
    std::optional<Timestamp> next;
    if (department.release.kind != ReleaseKind::kImmediate) {
      next = ReleaseAt(department, services_.business.fulfillment,
                       services_.zones.Zone(department.time_zone), now);
    }
    items.push_back(json::ToJson(department, next, counted, locale));
  }
  return JsonResponse(200, json::Dump(Json{{"items", std::move(items)}}));
}

HttpResponse Api::DepartmentQueue(const HttpRequest& request, const Target& target,
                                  const std::string& code) {
  std::vector<FieldError> problems;
  CheckParams(target, {}, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);
  if (FindDepartment(services_.business.fulfillment, code) == nullptr) {
    return NotFound("There is no department " + code + ".");
  }
  Result<std::vector<FulfillmentTask>> tasks = services_.fulfillment.Queue(code, kQueueLimit);
  if (!tasks) return Failure(request, tasks.error());
  auto items = TasksJson(request, *tasks);
  if (!items) return items.error();
  return JsonResponse(200, json::Dump(Json{{"items", *std::move(items)}}));
}

HttpResponse Api::PickListResponse(const HttpRequest& request, const Target& target,
                                   const Department& department,
                                   const std::vector<FulfillmentTask>& tasks) {
  const std::string format = target.Param("format").value_or("json");
  const std::string locale = LocaleOf(request, services_.business);
  Result<StorageLocations> locations = LocationsOf(services_.catalog, tasks);
  if (!locations) return Failure(request, locations.error());
  const PickList list = PickListOf(department.code, tasks, *locations, services_.clock.Now());
  const render::PickListView view{.list = list,
                                  .department_name = department.name.In(locale),
                                  .locale = locale,
                                  .zone = services_.zones.Zone(department.time_zone)};
  if (format == "text") {
    return BodyResponse("text/plain; charset=utf-8", render::PickListText(view, 80));
  }
  if (format == "html") {
    HttpResponse response = BodyResponse("text/html; charset=utf-8", render::PickListHtml(view));
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'none'; style-src 'unsafe-inline'; "
                                  "img-src data:; frame-ancestors 'self'");
    return response;
  }
  if (format == "pdf") {
    Result<std::string> pdf = render::PickListPdf(view);
    if (!pdf) return Failure(request, pdf.error());
    HttpResponse response = BodyResponse("application/pdf", *std::move(pdf));
    response.headers.emplace_back("Content-Disposition",
                                  "inline; filename=\"pick-list-" + department.code + ".pdf\"");
    return response;
  }
  return JsonResponse(200, json::Dump(PickListJson(list, department, locale)));
}

namespace {

void CheckFormat(const Target& target, std::vector<FieldError>& problems) {
  if (const std::optional<std::string> format = target.Param("format")) {
    if (*format != "json" && *format != "text" && *format != "html" && *format != "pdf") {
      problems.push_back({"format", "must be json, text, html or pdf"});
    }
  }
}

}  // namespace

HttpResponse Api::DepartmentPickList(const HttpRequest& request, const Target& target,
                                     const std::string& code) {
  std::vector<FieldError> problems;
  CheckParams(target, {"format", "tasks"}, problems);
  CheckFormat(target, problems);
  std::vector<std::int64_t> wanted;
  if (const std::optional<std::string> list = target.Param("tasks")) {
    std::string_view rest = *list;
    while (true) {
      const std::size_t comma = rest.find(',');
      const std::optional<std::int64_t> id = PositiveId(rest.substr(0, comma));
      if (!id) {
        problems.push_back({"tasks", "must be task ids separated by commas"});
        break;
      }
      wanted.push_back(*id);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (!problems.empty()) return Invalid("the query has errors", problems);
  const Department* department = FindDepartment(services_.business.fulfillment, code);
  if (department == nullptr) return NotFound("There is no department " + code + ".");

  std::vector<FulfillmentTask> tasks;
  if (wanted.empty()) {
    Result<std::vector<FulfillmentTask>> queue = services_.fulfillment.Queue(code, kQueueLimit);
    if (!queue) return Failure(request, queue.error());
    tasks = *std::move(queue);
  } else {
    for (std::int64_t id : wanted) {
      Result<FulfillmentTask> task = services_.fulfillment.Find(id);
      if (!task && task.error().code == ErrorCode::kNotFound) {
        return Invalid("the query has errors", {{"tasks", "has no task " + std::to_string(id)}});
      }
      if (!task) return Failure(request, task.error());
      if (task->department != code) {
        return Invalid("the query has errors",
                       {{"tasks", "task " + std::to_string(id) + " is not of " + code}});
      }
      tasks.push_back(*std::move(task));
    }
  }
  return PickListResponse(request, target, *department, tasks);
}

HttpResponse Api::GetTask(const HttpRequest& request, const Target& target, const std::string& id) {
  std::vector<FieldError> problems;
  CheckParams(target, {}, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);
  const std::optional<std::int64_t> task_id = PositiveId(id);
  if (!task_id) return NoSuchTask(id);
  Result<FulfillmentTask> task = services_.fulfillment.Find(*task_id);
  if (!task) return Failure(request, task.error());
  auto items = TasksJson(request, {*task});
  if (!items) return items.error();
  return JsonResponse(200, json::Dump(items->front()));
}

HttpResponse Api::TaskPickList(const HttpRequest& request, const Target& target,
                               const std::string& id) {
  std::vector<FieldError> problems;
  CheckParams(target, {"format"}, problems);
  CheckFormat(target, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);
  const std::optional<std::int64_t> task_id = PositiveId(id);
  if (!task_id) return NoSuchTask(id);
  Result<FulfillmentTask> task = services_.fulfillment.Find(*task_id);
  if (!task) return Failure(request, task.error());
  Department fallback{.code = task->department,
                      .name = {.it = task->department, .en = task->department},
                      .time_zone = services_.business.time_zone};
  const Department* department = FindDepartment(services_.business.fulfillment, task->department);
  return PickListResponse(request, target, department != nullptr ? *department : fallback, {*task});
}

HttpResponse Api::TaskResponse(const HttpRequest& request, const Result<FulfillmentTask>& task,
                               int status) {
  if (!task) return Failure(request, task.error());
  auto items = TasksJson(request, {*task});
  if (!items) return items.error();
  return JsonResponse(status, json::Dump(items->front()));
}

HttpResponse Api::ClaimTask(const HttpRequest& request, const Target&, const std::string& id) {
  if (std::optional<HttpResponse> refused = EmptyBody(request)) return *refused;
  const std::optional<std::int64_t> task_id = PositiveId(id);
  if (!task_id) return NoSuchTask(id);
  auto task = desk_.Claim(*task_id, PrincipalOf(request), services_.clock.Now());
  return TaskResponse(request, task, 200);
}

HttpResponse Api::UnclaimTask(const HttpRequest& request, const Target&, const std::string& id) {
  const std::optional<std::int64_t> task_id = PositiveId(id);
  if (!task_id) return NoSuchTask(id);
  auto task = services_.fulfillment.Unclaim(*task_id, PrincipalOf(request), services_.clock.Now());
  return TaskResponse(request, task, 200);
}

HttpResponse Api::AcknowledgeTask(const HttpRequest& request, const Target&,
                                  const std::string& id) {
  if (std::optional<HttpResponse> refused = EmptyBody(request)) return *refused;
  const std::optional<std::int64_t> task_id = PositiveId(id);
  if (!task_id) return NoSuchTask(id);
  auto task =
      services_.fulfillment.Acknowledge(*task_id, PrincipalOf(request), services_.clock.Now());
  return TaskResponse(request, task, 200);
}

HttpResponse Api::RecordPicks(const HttpRequest& request, const Target&, const std::string& id) {
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<std::vector<Shipment::Line>> picks = json::PicksFromJson(*body);
  if (!picks) return ProblemResponse(picks.error());
  const std::optional<std::int64_t> task_id = PositiveId(id);
  if (!task_id) return NoSuchTask(id);
  auto task = services_.fulfillment.RecordPicks(*task_id, PrincipalOf(request), *picks,
                                                services_.clock.Now());
  return TaskResponse(request, task, 200);
}

HttpResponse Api::ShipTask(const HttpRequest& request, const Target&, const std::string& id) {
  const IdempotencyKey& key = KeyOf(request);
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<json::ShipmentRequest> shipment = json::ShipmentRequestFromJson(*body);
  if (!shipment) return ProblemResponse(shipment.error());
  const std::optional<std::int64_t> task_id = PositiveId(id);
  if (!task_id) return NoSuchTask(id);

  // The answer is rendered in the shipment's transaction and kept with the key, from what is
  // read here first: the task's order and department, which a shipment does not change.
  Result<FulfillmentTask> before = services_.fulfillment.Find(*task_id);
  if (!before) return Failure(request, before.error());
  Result<Order> order = services_.orders.FindByNumber(before->order);
  if (!order) return Failure(request, order.error());
  const json::TaskOrderFacts facts = json::TaskOrderFactsOf(*order);
  const Department* department = FindDepartment(services_.business.fulfillment, before->department);
  const LocalizedText department_name = department != nullptr ? department->name : LocalizedText{};
  const std::string locale = LocaleOf(request, services_.business);
  const Timestamp now = services_.clock.Now();
  KeyedResponse<FulfillmentTask> answer([&](const FulfillmentTask& task) {
    HttpResponse response =
        JsonResponse(201, json::Dump(json::ToJson(task, department_name, facts, locale, now)));
    response.headers.emplace_back("Location", "/api/v1/tasks/" + id);
    return response;
  });
  auto task = desk_.Ship(*task_id,
                         Shipment{.carrier = shipment->carrier,
                                  .tracking_number = shipment->tracking_number,
                                  .lines = shipment->lines,
                                  .shipped_by = PrincipalOf(request),
                                  .shipped_at = now},
                         key, answer.kept());
  if (!task) return Failure(request, task.error());
  return answer.For(*task);
}

HttpResponse Api::CompleteTask(const HttpRequest& request, const Target&, const std::string& id) {
  if (std::optional<HttpResponse> refused = EmptyBody(request)) return *refused;
  const std::optional<std::int64_t> task_id = PositiveId(id);
  if (!task_id) return NoSuchTask(id);
  auto task = desk_.Complete(*task_id, PrincipalOf(request), services_.clock.Now());
  return TaskResponse(request, task, 200);
}

HttpResponse Api::FulfillmentOfOrder(const HttpRequest& request, const std::string& number,
                                     int status) {
  Result<Order> order = services_.orders.FindByNumber(OrderNumber{number});
  if (!order) return Failure(request, order.error());
  Result<std::vector<FulfillmentTask>> tasks = services_.fulfillment.ForOrder(OrderNumber{number});
  if (!tasks) return Failure(request, tasks.error());
  Result<std::vector<Hold>> holds = services_.fulfillment.Holds(OrderNumber{number});
  if (!holds) return Failure(request, holds.error());
  auto items = TasksJson(request, *tasks);
  if (!items) return items.error();
  Json hold_items = Json::array();
  for (const Hold& hold : *holds) hold_items.push_back(json::ToJson(hold));
  return JsonResponse(
      status,
      json::Dump(Json{{"order", number},
                      {"status", Name(order->status)},
                      {"promised_dispatch", order->promised_dispatch
                                                ? Json(json::FormatDate(*order->promised_dispatch))
                                                : Json(nullptr)},
                      {"tasks", *std::move(items)},
                      {"holds", std::move(hold_items)}}));
}

HttpResponse Api::OrderFulfillment(const HttpRequest& request, const Target& target,
                                   const std::string& number) {
  std::vector<FieldError> problems;
  CheckParams(target, {}, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);
  return FulfillmentOfOrder(request, number, 200);
}

HttpResponse Api::PlaceHold(const HttpRequest& request, const Target&, const std::string& number) {
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<json::HoldRequest> hold = json::HoldRequestFromJson(*body);
  if (!hold) return ProblemResponse(hold.error());
  Result<std::vector<Hold>> placed = services_.fulfillment.PlaceHold(
      OrderNumber{number}, Hold{.kind = hold->kind,
                                .reason = hold->reason,
                                .placed_by = PrincipalOf(request),
                                .placed_at = services_.clock.Now()});
  if (!placed) return Failure(request, placed.error());
  HttpResponse response = FulfillmentOfOrder(request, number, 201);
  if (response.status == 201) {
    response.headers.emplace_back("Location", "/api/v1/orders/" + number + "/fulfillment");
  }
  return response;
}

HttpResponse Api::LiftHold(const HttpRequest& request, const Target& target,
                           const std::string& kind) {
  // The route has two parameters: the order number is the fourth segment.
  const std::string number = target.segments.size() > 3 ? target.segments[3] : "";
  const std::optional<HoldKind> parsed = ParseHoldKind(kind);
  if (!parsed) {
    return ProblemResponse(Error{.code = ErrorCode::kNotFound,
                                 .message = "There is no hold kind " + kind + ".",
                                 .fields = {{"kind", "must be manual, address or payment"}}});
  }
  Result<std::vector<FulfillmentTask>> lifted =
      desk_.LiftHold(OrderNumber{number}, *parsed, PrincipalOf(request), services_.clock.Now());
  if (!lifted) return Failure(request, lifted.error());
  services_.outbox.Notify();
  return FulfillmentOfOrder(request, number, 200);
}

HttpResponse Api::CancelOrder(const HttpRequest& request, const Target&,
                              const std::string& number) {
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<std::string> reason = json::CancellationFromJson(*body);
  if (!reason) return ProblemResponse(reason.error());
  Result<std::vector<FulfillmentTask>> cancelled = services_.fulfillment.Cancel(
      OrderNumber{number}, PrincipalOf(request), *reason, services_.clock.Now());
  if (!cancelled) return Failure(request, cancelled.error());
  return FulfillmentOfOrder(request, number, 200);
}

HttpResponse Api::ListEscalations(const HttpRequest& request, const Target& target,
                                  const std::string&) {
  std::vector<FieldError> problems;
  CheckParams(target, {}, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);
  Result<std::vector<FulfillmentTask>> tasks = services_.fulfillment.Escalated();
  if (!tasks) return Failure(request, tasks.error());
  auto items = TasksJson(request, *tasks);
  if (!items) return items.error();
  return JsonResponse(200, json::Dump(Json{{"items", *std::move(items)}}));
}

}  // namespace commesso::http
