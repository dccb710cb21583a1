// Fuzz target: the JSON readers of src/adapters/json on any text. Every reader must answer a
// Result (never throw, crash or hang), and what a reader accepts must read back the same after
// writing it out again (items, customers, order snapshots).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/json/card_json.h"
#include "adapters/json/document_json.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/draft_json.h"
#include "adapters/json/fulfillment_json.h"
#include "adapters/json/history_json.h"
#include "adapters/json/read_back.h"
#include "fuzz/fuzz_check.h"
#include "support/pricing_fixtures.h"

namespace commesso::fuzz {
namespace {

// Items are read against rules that declare their tax categories.
const PricingRules kRules = testing::ItalianRules();

void ReadEverything(const json::Json& value) {
  (void)json::DraftFromJson(value, kEur);
  (void)json::DraftInputFromJson(value, json::DraftRequest::kCreate);
  (void)json::DraftInputFromJson(value, json::DraftRequest::kSave);
  (void)json::CardPaymentRequestFromJson(value, kEur);
  (void)json::ConfirmationRequestFromJson(value);
  (void)json::PicksFromJson(value);
  (void)json::ShipmentRequestFromJson(value);
  (void)json::HoldRequestFromJson(value);
  (void)json::CancellationFromJson(value);
  (void)json::DocumentFromJson(value);

  if (Result<Item> item = json::ItemFromJson(value, kRules)) {
    Result<Item> again = json::ItemFromJson(json::ToJson(*item), kRules);
    Check(again.has_value() && *again == *item, "an item reads back as written");
  }
  if (Result<Customer> customer = json::CustomerFromJson(value)) {
    Result<Customer> again = json::CustomerFromJson(json::ToJson(*customer));
    Check(again.has_value() && *again == *customer, "a customer reads back as written");
  }
  if (Result<Order> order = json::OrderFromJson(value)) {
    Result<Order> again = json::OrderFromJson(json::ToJson(*order));
    Check(again.has_value() && *again == *order, "an order snapshot reads back as written");
    (void)json::Dump(json::ToPublicJson(*order));
  }
}

}  // namespace
}  // namespace commesso::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace commesso;
  Result<json::Json> parsed =
      json::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed) return 0;
  fuzz::ReadEverything(*parsed);
  // Requests often wrap the interesting object: read every member of an object as well.
  if (parsed->is_object()) {
    for (const auto& [key, member] : parsed->items()) fuzz::ReadEverything(member);
  }
  return 0;
}
