#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/clock/date_zone_rules.h"
#include "adapters/config/config.h"
#include "adapters/phone/libphonenumber_phone_numbers.h"
#include "adapters/sqlite/database.h"
#include "adapters/sqlite/sqlite_catalog.h"
#include "adapters/sqlite/sqlite_complaint_store.h"
#include "adapters/sqlite/sqlite_customer_store.h"
#include "cli/demo_complaints.h"
#include "cli/demo_data.h"
#include "core/catalog_rules.h"
#include "core/customer_rules.h"
#include "support/fixed_clock.h"
#include "support/temp_dir.h"

namespace commesso {
namespace {

using ::testing::IsEmpty;

class SeedDemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = sqlite::Database::Open({.path = directory_.File("demo.db")});
    ASSERT_TRUE(database.has_value()) << database.error().message;
    database_ = *std::move(database);
    catalog_ = std::make_unique<sqlite::SqliteCatalog>(*database_);
    customers_ = std::make_unique<sqlite::SqliteCustomerStore>(*database_);
  }

  void TearDown() override {
    customers_.reset();
    catalog_.reset();
    database_.reset();
  }

  // Every item of the catalog, page by page.
  std::vector<Item> AllItems() const {
    std::vector<Item> items;
    std::string cursor;
    do {
      auto page = catalog_->Search("", 50, cursor);
      EXPECT_TRUE(page.has_value());
      if (!page) break;
      items.insert(items.end(), page->entries.begin(), page->entries.end());
      cursor = page->next_cursor;
    } while (!cursor.empty());
    return items;
  }

  // Every customer, by id from 1 up to the first missing one.
  std::vector<Customer> AllCustomers() const {
    std::vector<Customer> customers;
    for (std::int64_t id = 1;; ++id) {
      auto customer = customers_->Find(CustomerId{id});
      if (!customer) break;
      customers.push_back(*std::move(customer));
    }
    return customers;
  }

  testing::TempDir directory_;
  const Business business_ = config::Defaults().business;
  const LibphonenumberPhoneNumbers phones_{};
  std::unique_ptr<sqlite::Database> database_;
  std::unique_ptr<sqlite::SqliteCatalog> catalog_;
  std::unique_ptr<sqlite::SqliteCustomerStore> customers_;
};

TEST_F(SeedDemoTest, WritesEveryItemAndCustomer) {
  auto counts = SeedDemo(*catalog_, *customers_, phones_, business_);

  ASSERT_TRUE(counts.has_value()) << counts.error().message;
  EXPECT_FALSE(counts->already_seeded);
  EXPECT_EQ(counts->items, static_cast<int>(DemoItems().size()));
  EXPECT_EQ(counts->customers, static_cast<int>(DemoCustomers().size()));
  const std::vector<Item> items = AllItems();
  EXPECT_EQ(items.size(), DemoItems().size());
  for (const Item& item : items) {
    EXPECT_THAT(ValidateItem(item, business_.rules), IsEmpty()) << item.sku;
  }
  const std::vector<Customer> customers = AllCustomers();
  EXPECT_EQ(customers.size(), DemoCustomers().size());
  for (const Customer& customer : customers) {
    EXPECT_THAT(ValidateCustomer(customer), IsEmpty()) << customer.name;
  }
}

TEST_F(SeedDemoTest, StoresItemsAsDefinedAndPhonesNormalized) {
  ASSERT_TRUE(SeedDemo(*catalog_, *customers_, phones_, business_).has_value());

  auto pallet = catalog_->FindBySku("CARTA-A4-80-BANCALE");
  auto diary = catalog_->FindBySku("AGENDA-2025");
  auto first = customers_->Find(CustomerId{1});

  ASSERT_TRUE(pallet.has_value());
  EXPECT_TRUE(pallet->track_stock);
  EXPECT_EQ(pallet->stock_on_hand, 2);
  EXPECT_EQ(pallet->backorder_policy, BackorderPolicy::kRefuse);
  EXPECT_EQ(pallet->unit_price, Money(89000, kEur));
  ASSERT_TRUE(diary.has_value());
  EXPECT_FALSE(diary->active);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->company, "Studio Legale Bianchi & Associati");
  EXPECT_EQ(first->phone, "02 7601 2345");
  EXPECT_EQ(first->phone_e164, "+390276012345");
}

TEST_F(SeedDemoTest, SecondRunWritesNothing) {
  ASSERT_TRUE(SeedDemo(*catalog_, *customers_, phones_, business_).has_value());

  auto again = SeedDemo(*catalog_, *customers_, phones_, business_);

  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(again->already_seeded);
  EXPECT_EQ(again->items, 0);
  EXPECT_EQ(again->customers, 0);
  EXPECT_EQ(AllItems().size(), DemoItems().size());
  EXPECT_EQ(AllCustomers().size(), DemoCustomers().size());
}

TEST_F(SeedDemoTest, RefusesAConfigurationItDoesNotFitAndWritesNothing) {
  auto us = config::Load(std::string(COMMESSO_SOURCE_DIR) + "/config/us-example.toml");
  ASSERT_TRUE(us.has_value());

  auto counts = SeedDemo(*catalog_, *customers_, phones_, us->business);

  ASSERT_FALSE(counts.has_value());
  EXPECT_EQ(counts.error().code, ErrorCode::kInvalidInput);
  ASSERT_FALSE(counts.error().fields.empty());
  EXPECT_EQ(counts.error().fields.front(),
            (FieldError{"pricing.currency", "the demo prices are in EUR"}));
  EXPECT_THAT(AllItems(), IsEmpty());
  EXPECT_THAT(AllCustomers(), IsEmpty());
}

TEST_F(SeedDemoTest, OpensThreeComplaintsOnceOneOfThemOverdueAndOneForwarded) {
  sqlite::SqliteComplaintStore complaints(*database_);
  const testing::FixedClock clock;
  auto zones = DateZoneDirectory::Load({business_.customer_service.department.time_zone});
  ASSERT_TRUE(zones.has_value());

  auto first = SeedDemoComplaints(complaints, clock, business_, **zones);
  auto again = SeedDemoComplaints(complaints, clock, business_, **zones);

  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(*first, 3);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(*again, 0);
  const Page<Complaint> queue = complaints.List(ComplaintQuery{.now = clock.Now()}, 50, "").value();
  ASSERT_EQ(queue.entries.size(), 3u);
  EXPECT_TRUE(IsOverdue(queue.entries[0], clock.Now()));
  EXPECT_EQ(queue.entries[0].reason, ComplaintReason::kService);
  EXPECT_FALSE(IsOverdue(queue.entries[1], clock.Now()));
  EXPECT_EQ(
      complaints
          .List(ComplaintQuery{.status = ComplaintStatus::kForwarded, .now = clock.Now()}, 50, "")
          ->entries.size(),
      1u);
}

}  // namespace
}  // namespace commesso
