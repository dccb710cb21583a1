#include "app/quote_order.h"

#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/row_caches.h"
#include "app_fixture.h"

namespace commesso {
namespace {

using testing::DraftOf;
using testing::RowCount;
using testing::UseCaseTest;

using QuoteOrderTest = UseCaseTest;

TEST_F(QuoteOrderTest, PricesADraftFromTheStoredCatalogAndCustomer) {
  // 10 pens (15.00, 5 kg) go by standard shipping for 9.90 within Italy; VAT 22% on both.
  const OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 10}});

  auto quoted = quote_.Run(draft);

  ASSERT_TRUE(quoted.has_value()) << quoted.error().message;
  EXPECT_EQ(quoted->totals.items, Money(1500, kEur));
  EXPECT_EQ(quoted->totals.shipping, Money(990, kEur));
  EXPECT_EQ(quoted->totals.net, Money(2490, kEur));
  EXPECT_EQ(quoted->totals.tax, Money(548, kEur));  // 547.8 rounded once per document.
  EXPECT_EQ(quoted->totals.grand_total, Money(3038, kEur));
  ASSERT_EQ(quoted->lines.size(), 1u);
  EXPECT_EQ(quoted->lines[0].item.name.it, "Articolo PEN");
}

TEST_F(QuoteOrderTest, AnUnknownCustomerIsAFieldError) {
  OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 1}});
  draft.customer_id = CustomerId{99};

  auto quoted = quote_.Run(draft);

  ASSERT_FALSE(quoted.has_value());
  EXPECT_EQ(quoted.error().code, ErrorCode::kInvalidInput);
  ASSERT_FALSE(quoted.error().fields.empty());
  EXPECT_EQ(quoted.error().fields[0].path, "customer_id");
}

// Caches kept by the writer (issue 12): what a quote reads from memory is never older than the
// last change answered.
TEST_F(QuoteOrderTest, AQuoteAfterAPriceChangeSeesTheNewPrice) {
  const OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 10}});
  ASSERT_EQ(quote_.Run(draft).value().totals.items, Money(1500, kEur));
  Item dearer = stores_.catalog().FindBySku("PEN").value();
  dearer.unit_price = Money(175, kEur);
  ASSERT_TRUE(stores_.catalog().Update(dearer).has_value());

  auto quoted = quote_.Run(draft);

  ASSERT_TRUE(quoted.has_value()) << quoted.error().message;
  EXPECT_EQ(quoted->totals.items, Money(1750, kEur));
}

TEST_F(QuoteOrderTest, ASecondQuoteOfTheSameDraftReadsNoItemOrCustomerRows) {
  const OrderDraft draft =
      DraftOf({{.sku = "PEN", .quantity = 10}, {.sku = "BOOK", .quantity = 1}});
  ASSERT_TRUE(quote_.Run(draft).has_value());
  sqlite::RowCaches& caches = stores_.database().caches();
  const std::int64_t item_rows = caches.items().counts().loaded;
  const std::int64_t customer_rows = caches.customers().counts().loaded;
  const std::int64_t reads = stores_.database().readers().reads();

  ASSERT_TRUE(quote_.Run(draft).has_value());

  EXPECT_EQ(caches.items().counts().loaded, item_rows);
  EXPECT_EQ(caches.customers().counts().loaded, customer_rows);
  // One read of one row per look-up: whether another process changed the cached tables.
  EXPECT_EQ(stores_.database().readers().reads(), reads + 2);
}

// Everything a write could change: the rows of every table, the file sizes and the writer's
// work.
struct StoreState {
  std::vector<std::int64_t> rows;
  std::uintmax_t file_bytes = 0;
  std::uintmax_t wal_bytes = 0;
  std::int64_t jobs = 0;
  friend bool operator==(const StoreState&, const StoreState&) = default;
};

StoreState StateOf(testing::SqliteStores& stores) {
  StoreState state;
  for (const char* table :
       {"items", "customers", "customer_addresses", "orders", "order_lines", "payments",
        "order_counters", "idempotency_keys", "outbox", "schema_migrations"}) {
    state.rows.push_back(RowCount(stores.path(), table));
  }
  state.file_bytes = std::filesystem::file_size(stores.path());
  state.wal_bytes = std::filesystem::file_size(stores.path() + "-wal");
  state.jobs = stores.database().writer_stats().jobs;
  return state;
}

// Drafts that are sometimes valid and often not: known and unknown customers and SKUs, any
// quantity, every shipping method and then some.
rc::Gen<OrderDraft> Drafts() {
  return rc::gen::apply(
      [](std::int64_t customer, const std::vector<std::tuple<std::string, std::int64_t>>& lines,
         std::string method, PaymentType payment, Channel channel) {
        OrderDraft draft = DraftOf({}, std::move(method));
        draft.customer_id = CustomerId{customer};
        draft.channel = channel;
        draft.payment.type = payment;
        for (const auto& [sku, quantity] : lines) {
          draft.lines.push_back({.sku = sku, .quantity = quantity});
        }
        return draft;
      },
      rc::gen::inRange<std::int64_t>(0, 3),
      rc::gen::container<std::vector<std::tuple<std::string, std::int64_t>>>(
          rc::gen::tuple(rc::gen::element<std::string>("PEN", "BOOK", "SETUP", "LAST", "NOPE", ""),
                         rc::gen::inRange<std::int64_t>(-1, 10'002))),
      rc::gen::element<std::string>("standard", "express", "pickup", "", "teleport"),
      rc::gen::element(PaymentType::kCash, PaymentType::kOnAccount, PaymentType::kBankTransfer),
      rc::gen::element(Channel::kPhone, Channel::kCounter, Channel::kWeb));
}

TEST_F(QuoteOrderTest, QuotingNeverWrites) {
  const StoreState before = StateOf(stores_);
  int priced = 0;
  rc::detail::TestMetadata metadata{.id = "QuoteOrderTest/QuotingNeverWrites",
                                    .description = "quoting never writes"};
  const rc::detail::TestParams params{.seed = 20261128, .maxSuccess = 50};

  const auto result = rc::detail::checkTestable(
      [&] {
        const OrderDraft draft = *Drafts();
        auto quoted = quote_.Run(draft);
        if (quoted) ++priced;
        RC_ASSERT(quoted.has_value() || quoted.error().code == ErrorCode::kInvalidInput);
        RC_ASSERT(StateOf(stores_) == before);
      },
      metadata, params);

  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  EXPECT_TRUE(result.is<rc::detail::SuccessResult>()) << message.str();
  EXPECT_GT(priced, 0);  // Some drafts were valid, so pricing ran too.
}

}  // namespace
}  // namespace commesso
