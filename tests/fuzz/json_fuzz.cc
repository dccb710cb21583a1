// Fuzz target: the JSON readers of src/adapters/json on any text. Every reader must answer a
// Result (never throw, crash or hang), what a reader accepts must read back the same after
// writing it out again (items, customers, order snapshots), and an order request read without
// a tree must be read as the tree reads it (fast_json.h).

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
#include "adapters/json/read_json.h"
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

// DraftFromText answers `text` as ReadJson and DraftFromJson do together.
void DraftReadsAsTheTree(std::string_view text) {
  auto tree = json::ReadJson(text);
  auto fast = json::DraftFromText(text, kEur);
  Check(fast.has_value() == tree.has_value(), "a text is read without a tree as with one");
  if (!tree) {
    Check(fast.error().fault == tree.error().fault &&
              fast.error().error.fields == tree.error().error.fields,
          "a text is refused without a tree as with one");
    return;
  }
  Result<OrderDraft> expected = json::DraftFromJson(*tree, kEur);
  Check(fast->has_value() == expected.has_value() &&
            (expected ? **fast == *expected : fast->error().fields == expected.error().fields),
        "an order request reads without a tree as with one");
}

}  // namespace
}  // namespace commesso::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace commesso;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz::DraftReadsAsTheTree(text);
  Result<json::Json> parsed = json::Parse(text);
  if (!parsed) return 0;
  fuzz::ReadEverything(*parsed);
  // Requests often wrap the interesting object: read every member of an object as well.
  if (parsed->is_object()) {
    for (const auto& [key, member] : parsed->items()) fuzz::ReadEverything(member);
  }
  return 0;
}
