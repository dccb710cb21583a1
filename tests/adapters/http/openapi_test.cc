#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/http/api.h"
#include "server_fixture.h"

// docs/openapi.yaml against the live server. The document keeps a regular layout (two
// spaces per level: path, method, "responses:", quoted status) so these tests can read it
// line by line without a YAML library.
namespace commesso::http::testing {
namespace {

struct Operation {
  std::string method;  // Upper case: "GET".
  std::string path;    // "/api/v1/items/{sku}".
  std::set<int> statuses{};
};

std::vector<Operation> DocumentedOperations() {
  std::ifstream file(COMMESSO_SOURCE_DIR "/docs/openapi.yaml");
  EXPECT_TRUE(file.good()) << "docs/openapi.yaml is missing";
  const std::regex path_line(R"re(^  (/[^ :]*):\s*$)re");
  const std::regex method_line(R"re(^    (get|put|post|delete|patch):\s*$)re");
  const std::regex level_three(R"re(^      ([a-zA-Z]+):.*$)re");
  const std::regex status_line(R"re(^        "([0-9]{3})":\s*$)re");
  std::vector<Operation> operations;
  std::string path;
  bool in_paths = false;
  bool in_responses = false;
  std::string line;
  std::smatch match;
  while (std::getline(file, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = line == "paths:";
    if (!in_paths) continue;
    if (std::regex_match(line, match, path_line)) {
      path = match[1];
    } else if (std::regex_match(line, match, method_line)) {
      std::string method = match[1];
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operations.push_back({method, path});
      in_responses = false;
    } else if (std::regex_match(line, match, level_three)) {
      in_responses = match[1] == "responses";
    } else if (in_responses && std::regex_match(line, match, status_line)) {
      operations.back().statuses.insert(std::stoi(match[1]));
    }
  }
  return operations;
}

// Which test produces each documented status of each operation.
struct Covered {
  std::string method;
  std::string path;
  int status = 0;
  std::string test;  // "ServerTest.CreatesAnItem".
};

std::vector<Covered> CoverageTable() {
  std::vector<Covered> table = {
      {"GET", "/healthz", 200, "ServerTest.HealthNeedsNoKey"},
      {"POST", "/api/v1/session", 200, "SessionTest.SignsInAndReadsTheSession"},
      {"POST", "/api/v1/session", 400, "SessionTest.RefusesAMalformedSignIn"},
      {"POST", "/api/v1/session", 401, "SessionTest.RefusesAWrongPasswordAnUnknownOrDisabledUser"},
      {"POST", "/api/v1/session", 415, "SessionTest.RefusesAMalformedSignIn"},
      {"POST", "/api/v1/session", 422, "SessionTest.RefusesAMalformedSignIn"},
      {"POST", "/api/v1/session", 429,
       "SessionTest.MakesAnAddressWaitLongerAfterEachFailureOverTheFreeOnes"},
      {"GET", "/api/v1/session", 200, "SessionTest.SignsInAndReadsTheSession"},
      {"GET", "/api/v1/session", 401, "SessionTest.SignsOutAndForgetsTheSession"},
      {"DELETE", "/api/v1/session", 204, "SessionTest.SignsOutAndForgetsTheSession"},
      {"DELETE", "/api/v1/session", 401, "SessionTest.SignsOutAndForgetsTheSession"},
      {"DELETE", "/api/v1/session", 403, "SessionTest.RefusesAChangeWithoutTheRightCsrfToken"},
      {"PUT", "/api/v1/session/locale", 200, "SessionTest.StoresTheLocaleOnTheUser"},
      {"PUT", "/api/v1/session/locale", 401, "SessionTest.StoresTheLocaleOnTheUser"},
      {"PUT", "/api/v1/session/locale", 403, "SessionTest.RefusesAChangeWithoutTheRightCsrfToken"},
      {"PUT", "/api/v1/session/locale", 422, "SessionTest.StoresTheLocaleOnTheUser"},
      {"DELETE", "/api/v1/users/{name}/sign-in-throttle", 204,
       "SessionTest.ASupervisorLiftsTheThrottleOfAUser"},
      {"DELETE", "/api/v1/users/{name}/sign-in-throttle", 404,
       "SessionTest.ASupervisorLiftsTheThrottleOfAUser"},
      {"POST", "/api/v1/items", 201, "ServerTest.CreatesAnItem"},
      {"POST", "/api/v1/items", 409, "ServerTest.RefusesADuplicateSku"},
      {"POST", "/api/v1/items", 422, "ServerTest.RefusesUnknownFields"},
      {"GET", "/api/v1/items", 200, "ServerTest.SearchesItemsPageByPage"},
      {"GET", "/api/v1/items", 422, "ServerTest.RefusesBadQueryParameters"},
      {"GET", "/api/v1/items/{sku}", 200, "ServerTest.CreatesAnItem"},
      {"GET", "/api/v1/items/{sku}", 404, "ServerTest.AnswersNotFound"},
      {"PUT", "/api/v1/items/{sku}", 200, "ServerTest.ReplacesAnItem"},
      {"PUT", "/api/v1/items/{sku}", 404, "ServerTest.AnswersNotFound"},
      {"PUT", "/api/v1/items/{sku}", 422, "ServerTest.RefusesAMismatchedSkuOrIdInTheBody"},
      {"POST", "/api/v1/customers", 201, "ServerTest.CreatesACustomerWithANormalizedPhone"},
      {"POST", "/api/v1/customers", 422, "ServerTest.RefusesAnInvalidCustomer"},
      {"GET", "/api/v1/customers", 200, "ServerTest.FindsCustomersByPhoneInAnyFormat"},
      {"GET", "/api/v1/customers", 422, "ServerTest.RefusesBadQueryParameters"},
      {"GET", "/api/v1/customers/{id}", 200, "ServerTest.CreatesACustomerWithANormalizedPhone"},
      {"GET", "/api/v1/customers/{id}", 404, "ServerTest.AnswersNotFound"},
      {"PUT", "/api/v1/customers/{id}", 200, "ServerTest.ReplacesACustomer"},
      {"PUT", "/api/v1/customers/{id}", 404, "ServerTest.AnswersNotFound"},
      {"PUT", "/api/v1/customers/{id}", 422, "ServerTest.RefusesAMismatchedSkuOrIdInTheBody"},
      {"GET", "/api/v1/shipping-methods", 200,
       "ServerTest.ListsTheShippingMethodsWithTheirPriceLists"},
      {"GET", "/api/v1/shipping-methods", 422,
       "ServerTest.ListsTheShippingMethodsWithTheirPriceLists"},
      {"POST", "/api/v1/quotes", 200, "ServerTest.QuotesWithTheFullTraceAndStoresNothing"},
      {"POST", "/api/v1/quotes", 422, "ServerTest.QuoteReportsEveryProblemAtOnce"},
      {"POST", "/api/v1/orders", 201, "ServerTest.PlacesAnOrderAndReadsItBack"},
      {"POST", "/api/v1/orders", 422, "ServerTest.RefusesAnUnknownSku"},
      {"GET", "/api/v1/orders", 200, "ServerTest.ListsOrdersWithFilters"},
      {"GET", "/api/v1/orders", 422, "ServerTest.RefusesBadQueryParameters"},
      {"GET", "/api/v1/orders/{number}", 200, "ServerTest.PlacesAnOrderAndReadsItBack"},
      {"GET", "/api/v1/orders/{number}", 404, "ServerTest.AnswersNotFound"},
      {"POST", "/api/v1/orders/{number}/confirmations", 201,
       "ServerTest.ConfirmsAnOrderAndShowsItsHistory"},
      {"POST", "/api/v1/orders/{number}/confirmations", 404,
       "ServerTest.RefusesAnInvalidConfirmationAndAnUnknownOrder"},
      {"POST", "/api/v1/orders/{number}/confirmations", 422,
       "ServerTest.RefusesAnInvalidConfirmationAndAnUnknownOrder"},
      {"POST", "/api/v1/orders/{number}/confirmations", 409,
       "ServerTest.RefusesAConfirmationOfAnotherRevision"},
      {"GET", "/api/v1/orders/{number}/history", 200,
       "ServerTest.ConfirmsAnOrderAndShowsItsHistory"},
      {"GET", "/api/v1/orders/{number}/history", 404,
       "ServerTest.RefusesAnInvalidConfirmationAndAnUnknownOrder"},
      {"GET", "/api/v1/orders/{number}/read-back", 200,
       "ServerTest.ReadsAnOrderBackInEitherLocale"},
      {"GET", "/api/v1/orders/{number}/read-back", 404,
       "ServerTest.ReadsAnOrderBackInEitherLocale"},
      {"GET", "/api/v1/orders/{number}/read-back", 422,
       "ServerTest.ReadsAnOrderBackInEitherLocale"},
      {"GET", "/api/v1/orders/{number}/receipt", 200, "ServerTest.ServesTheReceiptInEveryFormat"},
      {"GET", "/api/v1/orders/{number}/receipt", 404,
       "ServerTest.AnswersNotFoundForAMissingOrderOrInvoice"},
      {"GET", "/api/v1/orders/{number}/receipt", 422, "ServerTest.RefusesBadReceiptParameters"},
      {"POST", "/api/v1/orders/{number}/invoice", 200,
       "ServerTest.IssuesAnInvoiceOnceForACustomerWithATaxId"},
      {"POST", "/api/v1/orders/{number}/invoice", 201,
       "ServerTest.IssuesAnInvoiceOnceForACustomerWithATaxId"},
      {"POST", "/api/v1/orders/{number}/invoice", 404,
       "ServerTest.AnswersNotFoundForAMissingOrderOrInvoice"},
      {"POST", "/api/v1/orders/{number}/invoice", 422,
       "ServerTest.RefusesAnInvoiceWithoutTheCustomersTaxId"},
      {"POST", "/api/v1/drafts", 201, "ServerTest.CreatesADraftWithAPlacementKey"},
      {"POST", "/api/v1/drafts", 422,
       "ServerTest.RefusesDraftContentThatIsNotAnObjectTooLargeOrHoldsACardNumber"},
      {"GET", "/api/v1/drafts", 200, "ServerTest.ListsDraftsNewestFirstWithoutContent"},
      {"GET", "/api/v1/drafts", 422, "ServerTest.ListsDraftsNewestFirstWithoutContent"},
      {"GET", "/api/v1/drafts/{id}", 200, "ServerTest.CreatesADraftWithAPlacementKey"},
      {"GET", "/api/v1/drafts/{id}", 404, "ServerTest.AnswersNotFoundForDraftsThatDoNotExist"},
      {"PUT", "/api/v1/drafts/{id}", 200, "ServerTest.SavesADraftAndRefusesAStaleRevision"},
      {"PUT", "/api/v1/drafts/{id}", 404, "ServerTest.AnswersNotFoundForDraftsThatDoNotExist"},
      {"PUT", "/api/v1/drafts/{id}", 409, "ServerTest.SavesADraftAndRefusesAStaleRevision"},
      {"PUT", "/api/v1/drafts/{id}", 422,
       "ServerTest.RefusesDraftContentThatIsNotAnObjectTooLargeOrHoldsACardNumber"},
      {"DELETE", "/api/v1/drafts/{id}", 204, "ServerTest.DeletesADraft"},
      {"DELETE", "/api/v1/drafts/{id}", 404, "ServerTest.AnswersNotFoundForDraftsThatDoNotExist"},
      {"POST", "/api/v1/card-payments", 201,
       "ServerTest.AuthorizesACardAndPlacesAnOrderPaidWithIt"},
      {"POST", "/api/v1/card-payments", 402, "ServerTest.DeclinesACardOnTheTestTrigger"},
      {"POST", "/api/v1/card-payments", 422,
       "ServerTest.RefusesACardNumberOrABadAmountOnCardPayments"},
      {"GET", "/api/v1/orders/{number}/receipt/deliveries", 200,
       "ServerTest.ListsTheReceiptDeliveriesOfAnOrderAndResendsOnRequest"},
      {"GET", "/api/v1/orders/{number}/receipt/deliveries", 404,
       "ServerTest.AnswersNotFoundForTheDeliveriesOfAnUnknownOrder"},
      {"GET", "/api/v1/orders/{number}/receipt/deliveries", 422,
       "ServerTest.RefusesUnknownQueryParametersOnTheDeliveries"},
      {"POST", "/api/v1/orders/{number}/receipt/deliveries", 201,
       "ServerTest.ListsTheReceiptDeliveriesOfAnOrderAndResendsOnRequest"},
      {"POST", "/api/v1/orders/{number}/receipt/deliveries", 404,
       "ServerTest.AnswersNotFoundForTheDeliveriesOfAnUnknownOrder"},
      {"POST", "/api/v1/orders/{number}/receipt/deliveries", 422,
       "ServerTest.RefusesAnInvalidOrInjectedAddressNamingTo"},
      {"POST", "/api/v1/webhooks", 201, "WebhooksTest.CreatesASubscriptionShowingItsSecretOnce"},
      {"POST", "/api/v1/webhooks", 422,
       "WebhooksTest.RefusesABadUrlOrUnknownEventsNamingEachField"},
      {"GET", "/api/v1/webhooks", 200,
       "WebhooksTest.ListsSubscriptionsAndShowsOneThatGaveUpAsFailing"},
      {"GET", "/api/v1/webhooks", 422,
       "WebhooksTest.PagesTheDeliveryLogAndRefusesBadQueryParameters"},
      {"GET", "/api/v1/webhooks/{id}", 200,
       "WebhooksTest.CreatesASubscriptionShowingItsSecretOnce"},
      {"GET", "/api/v1/webhooks/{id}", 404,
       "WebhooksTest.AnswersNotFoundForUnknownSubscriptionsAndDeliveries"},
      {"DELETE", "/api/v1/webhooks/{id}", 200, "WebhooksTest.DisablesASubscription"},
      {"DELETE", "/api/v1/webhooks/{id}", 404,
       "WebhooksTest.AnswersNotFoundForUnknownSubscriptionsAndDeliveries"},
      {"GET", "/api/v1/webhooks/{id}/deliveries", 200,
       "WebhooksTest.ListsSubscriptionsAndShowsOneThatGaveUpAsFailing"},
      {"GET", "/api/v1/webhooks/{id}/deliveries", 404,
       "WebhooksTest.AnswersNotFoundForUnknownSubscriptionsAndDeliveries"},
      {"GET", "/api/v1/webhooks/{id}/deliveries", 422,
       "WebhooksTest.PagesTheDeliveryLogAndRefusesBadQueryParameters"},
      {"POST", "/api/v1/webhook-deliveries/{id}/replay", 201,
       "WebhooksTest.ReplaysADeliveryWithTheSameDeliveryId"},
      {"POST", "/api/v1/webhook-deliveries/{id}/replay", 404,
       "WebhooksTest.AnswersNotFoundForUnknownSubscriptionsAndDeliveries"},
      {"GET", "/api/v1/departments", 200,
       "FulfillmentTest.ListsTheDepartmentsWithTheirScheduleAndStatistics"},
      {"GET", "/api/v1/departments", 422,
       "FulfillmentTest.ListsTheDepartmentsWithTheirScheduleAndStatistics"},
      {"GET", "/api/v1/departments/{code}/queue", 200,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"GET", "/api/v1/departments/{code}/queue", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"GET", "/api/v1/departments/{code}/queue", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"GET", "/api/v1/departments/{code}/pick-list", 200,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"GET", "/api/v1/departments/{code}/pick-list", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"GET", "/api/v1/departments/{code}/pick-list", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"GET", "/api/v1/tasks/{id}", 200, "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"GET", "/api/v1/tasks/{id}", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"GET", "/api/v1/tasks/{id}", 422, "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"GET", "/api/v1/tasks/{id}/pick-list", 200,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"GET", "/api/v1/tasks/{id}/pick-list", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"GET", "/api/v1/tasks/{id}/pick-list", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"GET", "/api/v1/orders/{number}/fulfillment", 200,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"GET", "/api/v1/orders/{number}/fulfillment", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"GET", "/api/v1/orders/{number}/fulfillment", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"POST", "/api/v1/tasks/{id}/claim", 200,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"POST", "/api/v1/tasks/{id}/claim", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"POST", "/api/v1/tasks/{id}/claim", 422, "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"POST", "/api/v1/tasks/{id}/claim", 409,
       "FulfillmentTest.RefusesStateConflictsNamingTheField"},
      {"POST", "/api/v1/tasks/{id}/acknowledgement", 200,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"POST", "/api/v1/tasks/{id}/acknowledgement", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"POST", "/api/v1/tasks/{id}/acknowledgement", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"POST", "/api/v1/tasks/{id}/acknowledgement", 409,
       "FulfillmentTest.RefusesStateConflictsNamingTheField"},
      {"PUT", "/api/v1/tasks/{id}/picks", 200,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"PUT", "/api/v1/tasks/{id}/picks", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"PUT", "/api/v1/tasks/{id}/picks", 422, "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"PUT", "/api/v1/tasks/{id}/picks", 409,
       "FulfillmentTest.RefusesStateConflictsNamingTheField"},
      {"POST", "/api/v1/tasks/{id}/shipments", 201,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"POST", "/api/v1/tasks/{id}/shipments", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"POST", "/api/v1/tasks/{id}/shipments", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"POST", "/api/v1/tasks/{id}/completion", 200, "FulfillmentTest.CompletesAServiceTask"},
      {"POST", "/api/v1/tasks/{id}/completion", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"POST", "/api/v1/tasks/{id}/completion", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"POST", "/api/v1/tasks/{id}/completion", 409,
       "FulfillmentTest.RefusesStateConflictsNamingTheField"},
      {"POST", "/api/v1/orders/{number}/holds", 201,
       "FulfillmentTest.HoldsAndCancelsBeforeRelease"},
      {"POST", "/api/v1/orders/{number}/holds", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"POST", "/api/v1/orders/{number}/holds", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"POST", "/api/v1/orders/{number}/holds", 409,
       "FulfillmentTest.RefusesStateConflictsNamingTheField"},
      {"POST", "/api/v1/orders/{number}/cancellation", 200,
       "FulfillmentTest.HoldsAndCancelsBeforeRelease"},
      {"POST", "/api/v1/orders/{number}/cancellation", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"POST", "/api/v1/orders/{number}/cancellation", 422,
       "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"POST", "/api/v1/orders/{number}/cancellation", 409,
       "FulfillmentTest.RefusesStateConflictsNamingTheField"},
      {"DELETE", "/api/v1/tasks/{id}/claim", 200,
       "FulfillmentTest.WorksATaskFromTheQueueToItsShipment"},
      {"DELETE", "/api/v1/tasks/{id}/claim", 404,
       "FulfillmentTest.AnswersNotFoundForUnknownTasksDepartmentsAndOrders"},
      {"DELETE", "/api/v1/tasks/{id}/claim", 409,
       "FulfillmentTest.RefusesStateConflictsNamingTheField"},
      {"DELETE", "/api/v1/orders/{number}/holds/{kind}", 200,
       "FulfillmentTest.HoldsAndCancelsBeforeRelease"},
      {"DELETE", "/api/v1/orders/{number}/holds/{kind}", 404,
       "FulfillmentTest.HoldsAndCancelsBeforeRelease"},
      {"GET", "/api/v1/escalations", 200, "FulfillmentTest.EscalatesATaskNobodyAcknowledged"},
      {"GET", "/api/v1/escalations", 422, "FulfillmentTest.RefusesInvalidFieldsNamingThem"},
      {"POST", "/api/v1/complaints", 201,
       "ComplaintsTest.OpensAComplaintAboutOrderLinesAndReadsItBack"},
      {"POST", "/api/v1/complaints", 422, "ComplaintsTest.RefusesBadInputNamingEveryField"},
      {"GET", "/api/v1/complaints", 200,
       "ComplaintsTest.ListsTheQueueOverdueFirstThenByDueTimeWithFilters"},
      {"GET", "/api/v1/complaints", 422,
       "ComplaintsTest.ListsTheQueueOverdueFirstThenByDueTimeWithFilters"},
      {"GET", "/api/v1/complaints/{number}", 200,
       "ComplaintsTest.OpensAComplaintAboutOrderLinesAndReadsItBack"},
      {"GET", "/api/v1/complaints/{number}", 404,
       "ComplaintsTest.RefusesAStepWithoutItsTextOrRevisionOrForAnUnknownComplaint"},
  };
  // Statuses that tests check on every route of a kind.
  for (const RouteInfo& route : Api::Routes()) {
    if (!route.path.starts_with("/api/v1/") || route.requirement == "public" ||
        route.requirement == "session") {
      continue;
    }
    const auto add = [&](int status, const char* test) {
      table.push_back({route.method, route.path, status, test});
    };
    add(401, "ServerTest.RequiresTheApiKeyOnEveryApiRoute");
    add(403, "AuthorizationTest.EveryRoleReachesExactlyTheRoutesOfItsPermissions");
    // Not from the stores: the configuration's shipping methods, the sign-in throttle in memory.
    if (route.path != "/api/v1/shipping-methods" &&
        route.path != "/api/v1/users/{name}/sign-in-throttle") {
      add(500, "ServerTest.TurnsABugIntoInternalErrorAndGoesOn");
      add(503, "ServerTest.AnswersUnavailableWhenTheDatabaseIsDown");
    }
    if (route.method == "POST" || route.method == "PUT") {
      add(400, "ServerTest.RefusesMalformedJsonOnEveryBodyRoute");
      add(413, "ServerTest.RefusesOversizedBodiesOnEveryBodyRoute");
      add(415, "ServerTest.RefusesAWrongContentTypeOnEveryBodyRoute");
      add(422, "HostileJsonServerTest.EveryBodyRouteReadsByTheSameRules");
    }
    if (route.path.starts_with("/api/v1/complaints/{number}/")) {
      add(200, "ComplaintsTest.WorksAComplaintThroughEveryStepWritingItsHistory");
      add(404, "ComplaintsTest.RefusesAStepWithoutItsTextOrRevisionOrForAnUnknownComplaint");
      if (!route.path.ends_with("/comments")) {
        add(409, "ComplaintsTest.RefusesAStaleRevisionAndAStepTheStatusDoesNotAllowWith409");
      }
    }
    if (TakesIdempotencyKey(route.method, route.path)) {
      add(409, route.path == "/api/v1/tasks/{id}/shipments"
                   ? "FulfillmentTest.AnswersConflictWhileAShipmentIsInFlight"
                   : "ServerTest.AnswersConflictWhileTheFirstRequestWithAKeyIsInFlight");
    }
  }
  return table;
}

bool TestExists(const std::string& full_name) {
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const ::testing::TestSuite& suite = *unit.GetTestSuite(i);
    for (int j = 0; j < suite.total_test_count(); ++j) {
      if (std::string(suite.name()) + "." + suite.GetTestInfo(j)->name() == full_name) {
        return true;
      }
    }
  }
  return false;
}

TEST(OpenApiTest, ReadsTheDocument) {
  const std::vector<Operation> operations = DocumentedOperations();

  EXPECT_GE(operations.size(), 22u);
  for (const Operation& operation : operations) {
    EXPECT_FALSE(operation.statuses.empty()) << operation.method << " " << operation.path;
  }
}

TEST(OpenApiTest, DocumentsEveryRouteTheServerHas) {
  const std::vector<Operation> operations = DocumentedOperations();

  for (const RouteInfo& route : Api::Routes()) {
    bool documented = false;
    for (const Operation& operation : operations) {
      documented = documented || (operation.method == route.method && operation.path == route.path);
    }
    EXPECT_TRUE(documented) << route.method << " " << route.path << " is not in openapi.yaml";
  }
}

TEST(OpenApiTest, EveryDocumentedStatusIsProducedByATest) {
  const std::vector<Covered> table = CoverageTable();

  for (const Operation& operation : DocumentedOperations()) {
    for (int status : operation.statuses) {
      bool covered = false;
      for (const Covered& entry : table) {
        if (entry.method == operation.method && entry.path == operation.path &&
            entry.status == status) {
          covered = true;
          EXPECT_TRUE(TestExists(entry.test)) << entry.test << " does not exist";
        }
      }
      EXPECT_TRUE(covered) << operation.method << " " << operation.path << " " << status
                           << " is documented but no test in the table produces it";
    }
  }
}

TEST(OpenApiTest, EveryCoveredStatusIsDocumented) {
  const std::vector<Operation> operations = DocumentedOperations();

  for (const Covered& entry : CoverageTable()) {
    bool documented = false;
    for (const Operation& operation : operations) {
      documented =
          documented || (operation.method == entry.method && operation.path == entry.path &&
                         operation.statuses.contains(entry.status));
    }
    EXPECT_TRUE(documented) << entry.method << " " << entry.path << " " << entry.status
                            << " is tested but not documented";
  }
}

using OpenApiLiveTest = ServerTest;

TEST_F(OpenApiLiveTest, EveryDocumentedRouteExistsOnTheLiveServer) {
  ReleaseTheWarehouseAtACutOff();
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "openapi").status, 201);
  // Its task (waiting for the cut-off), held so that the hold and cancellation samples find
  // what they change.
  ASSERT_TRUE(fulfillment_->PlaceHold(OrderNumber{"2026-000001"}, Hold{.kind = HoldKind::kManual,
                                                                       .reason = "openapi",
                                                                       .placed_by = "test",
                                                                       .placed_at = clock_.Now()}));
  RunScheduler();
  // Draft 1, for the samples that read, save and delete it.
  ASSERT_EQ(Create("/api/v1/drafts", R"({"channel": "phone"})", "openapi draft").status, 201);
  std::vector<Sample> samples = Samples();
  samples.push_back({"GET", "/healthz", "/healthz", ""});
  samples.push_back({"POST", "/api/v1/session", "/api/v1/session", ""});
  samples.push_back({"GET", "/api/v1/session", "/api/v1/session", ""});
  samples.push_back(
      {"PUT", "/api/v1/session/locale", "/api/v1/session/locale", R"({"locale": "en"})"});
  samples.push_back({"DELETE", "/api/v1/session", "/api/v1/session", ""});
  AddUser("openapi", Role::kClerk);
  const Login login = SignIn("openapi", "openapi-password");
  ASSERT_EQ(login.response.status, 200);

  for (const Operation& operation : DocumentedOperations()) {
    const Sample* sample = nullptr;
    for (const Sample& candidate : samples) {
      if (candidate.method == operation.method && candidate.route == operation.path) {
        sample = &candidate;
      }
    }
    ASSERT_NE(sample, nullptr) << "no sample request for " << operation.method << " "
                               << operation.path;

    ClientResponse response = Send(*sample, "openapi " + operation.path);
    if (operation.path.starts_with("/api/v1/session")) {
      response = operation.method == "POST"
                     ? SignIn("openapi", "openapi-password").response
                     : CallAs(login, sample->method, sample->target, sample->body);
    }

    EXPECT_NE(response.status, 405) << operation.method << " " << operation.path;
    EXPECT_NE(response.status, 404)
        << operation.method << " " << operation.path << " " << response.body;
    EXPECT_TRUE(operation.statuses.contains(response.status))
        << operation.method << " " << operation.path << " answered an undocumented "
        << response.status;
  }
}

}  // namespace
}  // namespace commesso::http::testing
