// The complaint routes of the API: opening one (with an Idempotency-Key), the queue, one
// complaint with its lines and history, and its steps, each naming the revision it was decided
// on (docs/customer-care.md, docs/decisions/0029).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/http/api.h"
#include "adapters/http/api_support.h"
#include "adapters/http/keyed_response.h"
#include "adapters/http/problem.h"
#include "adapters/json/complaint_json.h"
#include "adapters/json/domain_json.h"

namespace commesso::http {
namespace {

using json::Json;

constexpr std::string_view kComplaintsPath = "/api/v1/complaints";

std::string LocationOf(const Complaint& complaint) {
  return std::string(kComplaintsPath) + "/" + complaint.number.value;
}

// Whether `error` is a conflict on `field`: a stale revision, or a status that refuses the step.
bool IsConflictOn(const Error& error, std::string_view field) {
  return error.code == ErrorCode::kConflict && !error.fields.empty() &&
         error.fields.front().path == field;
}

}  // namespace

HttpResponse Api::OpenComplaint(const HttpRequest& request, const Target&, const std::string&) {
  const IdempotencyKey& key = KeyOf(request);

  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<Complaint> complaint = json::ComplaintFromJson(*body);
  if (!complaint) return ProblemResponse(complaint.error());
  complaint->opened_by = PrincipalOf(request);

  // The order, for the answer's lines; OpenComplaint itself says when there is none.
  std::optional<Order> order;
  if (complaint->order) {
    Result<Order> found = services_.orders.FindByNumber(*complaint->order);
    if (!found && found.error().code != ErrorCode::kNotFound) {
      return Failure(request, found.error());
    }
    if (found) order = *std::move(found);
  }
  KeyedResponse<Complaint> answer([this, &order](const Complaint& stored) {
    // As stored in this transaction: its history is its opening.
    const std::vector<ComplaintEvent> history = {{.at = stored.created_at,
                                                  .actor = stored.opened_by,
                                                  .action = ComplaintAction::kOpened,
                                                  .from = std::nullopt,
                                                  .to = stored.status,
                                                  .note = ""}};
    return Created(LocationOf(stored), json::ToDetailJson(stored, order ? &*order : nullptr,
                                                          history, services_.clock.Now()));
  });
  Result<Complaint> opened = open_complaint_.Run(*complaint, key, answer.kept());
  if (!opened) return Failure(request, opened.error());
  return answer.For(*opened);
}

HttpResponse Api::ListComplaints(const HttpRequest& request, const Target& target,
                                 const std::string&) {
  std::vector<FieldError> problems;
  CheckParams(target, {"status", "reason", "owner", "order_number", "overdue", "limit", "cursor"},
              problems);
  const int limit = LimitOf(target, problems);
  ComplaintQuery query{.now = services_.clock.Now()};
  if (std::optional<std::string> status = target.Param("status")) {
    query.status = ParseComplaintStatus(*status);
    if (!query.status) problems.push_back({"status", "is not a complaint status"});
  }
  if (std::optional<std::string> reason = target.Param("reason")) {
    query.reason = ParseComplaintReason(*reason);
    if (!query.reason) problems.push_back({"reason", "is not a complaint reason"});
  }
  query.owner = target.Param("owner");
  if (std::optional<std::string> order = target.Param("order_number")) {
    query.order = OrderNumber{*order};
  }
  if (std::optional<std::string> overdue = target.Param("overdue")) {
    if (*overdue == "true" || *overdue == "false") {
      query.overdue_only = *overdue == "true";
    } else {
      problems.push_back({"overdue", "must be true or false"});
    }
  }
  if (!problems.empty()) return Invalid("the query has errors", problems);

  Result<Page<Complaint>> page =
      services_.complaints.List(query, limit, target.Param("cursor").value_or(""));
  if (!page) return Failure(request, page.error());
  const Timestamp now = query.now;
  Json entries = Json::array();
  for (const Complaint& complaint : page->entries) entries.push_back(json::ToJson(complaint, now));
  return JsonResponse(
      200, json::Dump(Json{{"entries", std::move(entries)},
                           {"next_cursor",
                            page->next_cursor.empty() ? Json(nullptr) : Json(page->next_cursor)}}));
}

HttpResponse Api::GetComplaint(const HttpRequest& request, const Target&,
                               const std::string& number) {
  Result<Complaint> complaint = services_.complaints.Find(ComplaintNumber{number});
  if (!complaint) return Failure(request, complaint.error());
  return ComplaintDetail(request, *complaint, 200);
}

HttpResponse Api::ComplaintDetail(const HttpRequest& request, const Complaint& complaint,
                                  int status) {
  std::optional<Order> order;
  if (complaint.order) {
    Result<Order> found = services_.orders.FindByNumber(*complaint.order);
    if (!found) return Failure(request, found.error());
    order = *std::move(found);
  }
  Result<std::vector<ComplaintEvent>> history = services_.complaints.History(complaint.number);
  if (!history) return Failure(request, history.error());
  return JsonResponse(status, json::Dump(json::ToDetailJson(complaint, order ? &*order : nullptr,
                                                            *history, services_.clock.Now())));
}

HttpResponse Api::TakeStep(const HttpRequest& request, const std::string& number,
                           ComplaintAction action) {
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<json::StepRequest> step = json::StepFromJson(*body, action);
  if (!step) return ProblemResponse(step.error());

  const commesso::ComplaintStep asked{
      .action = action,
      .note = action == ComplaintAction::kAssigned ? "" : step->text,
      .owner = action == ComplaintAction::kAssigned ? step->text : "",
      .actor = PrincipalOf(request),
      .at = {}};
  Result<Complaint> taken = work_complaint_.Run(ComplaintNumber{number}, step->revision, asked);
  if (!taken &&
      (IsConflictOn(taken.error(), "revision") || IsConflictOn(taken.error(), "status"))) {
    // Where the complaint is now, so the agent can reload and decide again.
    Result<Complaint> now = services_.complaints.Find(ComplaintNumber{number});
    if (!now) return Failure(request, now.error());
    return ProblemResponse(
        409, ErrorCodeName(ErrorCode::kConflict), "Conflict", taken.error().message,
        taken.error().fields,
        Json{{"current_revision", now->revision}, {"current_status", Name(now->status)}});
  }
  if (!taken) return Failure(request, taken.error());
  return ComplaintDetail(request, *taken, 200);
}

HttpResponse Api::CommentComplaint(const HttpRequest& request, const Target&,
                                   const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kCommented);
}

HttpResponse Api::AssignComplaint(const HttpRequest& request, const Target&,
                                  const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kAssigned);
}

HttpResponse Api::ForwardComplaint(const HttpRequest& request, const Target&,
                                   const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kForwarded);
}

HttpResponse Api::StartComplaint(const HttpRequest& request, const Target&,
                                 const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kStarted);
}

HttpResponse Api::AwaitCustomer(const HttpRequest& request, const Target&,
                                const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kAwaitingCustomer);
}

HttpResponse Api::ResolveComplaint(const HttpRequest& request, const Target&,
                                   const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kResolved);
}

HttpResponse Api::RejectComplaint(const HttpRequest& request, const Target&,
                                  const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kRejected);
}

HttpResponse Api::CloseComplaint(const HttpRequest& request, const Target&,
                                 const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kClosed);
}

HttpResponse Api::ReopenComplaint(const HttpRequest& request, const Target&,
                                  const std::string& number) {
  return TakeStep(request, number, ComplaintAction::kReopened);
}

}  // namespace commesso::http
