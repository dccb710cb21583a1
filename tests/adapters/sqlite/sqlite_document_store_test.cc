#include "adapters/sqlite/sqlite_document_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <latch>
#include <set>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "adapters/sqlite/sqlite_fixtures.h"
#include "support/pricing_fixtures.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::At;
using commesso::testing::CustomerIn;
using commesso::testing::Good;
using commesso::testing::Key;
using commesso::testing::OrderOf;
using commesso::testing::RowCount;
using commesso::testing::SqliteStores;

constexpr int kYear = 2026;

class SqliteDocumentStoreTest : public ::testing::Test {
 protected:
  SqliteDocumentStoreTest() {
    Customer business = CustomerIn("IT");
    business.company = "Rossi Forniture S.p.A.";
    business.tax_id = "IT09876543217";
    business_ = stores_.customers().Create(business, Key("business"), nullptr).value();
    Customer english = CustomerIn("GB");
    english.name = "Nadia Smith";
    english.locale = "en";
    english_ = stores_.customers().Create(english, Key("english"), nullptr).value();
    pen_ = stores_.catalog().Create(Good("PEN-1", 150), Key("pen"), nullptr).value();
  }

  Result<StoredPlacement> Place(const Customer& customer, const std::string& key,
                                int year = kYear) {
    return stores_.orders().Place(OrderOf(customer, {{pen_, 1}}), Key(key), year);
  }

  // The receipt of the order `number`: its first document, issued with it.
  Document ReceiptOf(const OrderNumber& number) {
    auto documents = stores_.documents().ForOrder(number);
    EXPECT_TRUE(documents.has_value()) << documents.error().message;
    if (!documents || documents->empty()) return {};
    EXPECT_EQ(documents->front().kind, DocumentKind::kReceipt);
    return documents->front();
  }

  SqliteStores stores_;
  Customer business_;
  Customer english_;
  Item pen_;
};

TEST_F(SqliteDocumentStoreTest, PlacingIssuesTheReceiptOfTheOrderAsPlaced) {
  auto placed = Place(business_, "k1");
  ASSERT_TRUE(placed.has_value()) << placed.error().message;

  const Document receipt = ReceiptOf(placed->order.number);

  EXPECT_GT(receipt.id.value, 0);
  EXPECT_EQ(receipt.kind, DocumentKind::kReceipt);
  EXPECT_EQ(receipt.series, "R");
  EXPECT_EQ(receipt.year, 2026);
  EXPECT_EQ(receipt.sequence, 1);
  EXPECT_EQ(receipt.number, "R-2026-000001");
  EXPECT_EQ(receipt.issued_at, placed->order.placed_at);
  EXPECT_EQ(receipt.locale, "it");
  EXPECT_EQ(receipt.seller, stores_.document_settings().seller);
  EXPECT_EQ(receipt.order, placed->order);
  EXPECT_EQ(stores_.documents().Find("R-2026-000001").value(), receipt);
  EXPECT_EQ(stores_.documents().ForOrder(placed->order.id).value(), std::vector<Document>{receipt});
  EXPECT_EQ(RowCount(stores_.path(), "documents"), 1);
}

TEST_F(SqliteDocumentStoreTest, TheReceiptsRowDoesNotRepeatTheOrderItReadsBack) {
  auto placed = Place(business_, "k1");
  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  const Document expected{.id = {},
                          .kind = DocumentKind::kReceipt,
                          .series = "R",
                          .year = kYear,
                          .sequence = 1,
                          .number = "R-2026-000001",
                          .issued_at = placed->order.placed_at,
                          .locale = "it",
                          .seller = stores_.document_settings().seller,
                          .order = placed->order};

  // The row keeps what the receipt adds to the order; the order is the order's own snapshot.
  EXPECT_EQ(RowCount(stores_.path(),
                     "documents WHERE json_type(snapshot, '$.order') IS NULL "
                     "AND instr(snapshot, '\"lines\"') = 0"),
            1);
  for (bool restarted : {false, true}) {
    if (restarted) stores_.Reopen();
    Document receipt = ReceiptOf(placed->order.number);
    EXPECT_GT(receipt.id.value, 0);
    receipt.id = {};
    EXPECT_EQ(receipt, expected) << "restarted: " << restarted;
    Document found = stores_.documents().Find("R-2026-000001").value();
    found.id = {};
    EXPECT_EQ(found, expected);
  }
}

TEST_F(SqliteDocumentStoreTest, AnInvoiceKeepsItsOwnOrderOnlyWhenItDiffersFromTheOrderAsPlaced) {
  auto unchanged = Place(business_, "k1");
  auto released = Place(business_, "k2");
  ASSERT_TRUE(unchanged.has_value());
  ASSERT_TRUE(released.has_value());
  {
    SQLite::Database database(stores_.path(), SQLite::OPEN_READWRITE);
    database.exec("UPDATE orders SET status = 'released' WHERE number = '" +
                  released->order.number.value + "'");
  }

  auto same = stores_.documents().IssueInvoice(unchanged->order.number, At(30));
  auto own = stores_.documents().IssueInvoice(released->order.number, At(30));

  ASSERT_TRUE(same.has_value()) << same.error().message;
  ASSERT_TRUE(own.has_value()) << own.error().message;
  EXPECT_EQ(same->order, unchanged->order);
  EXPECT_EQ(own->order.status, OrderStatus::kReleased);
  EXPECT_EQ(stores_.documents().Find(same->number).value(), *same);
  EXPECT_EQ(stores_.documents().Find(own->number).value(), *own);
  // Only the invoice of the order that changed since its placement holds an order of its own.
  EXPECT_EQ(RowCount(stores_.path(), "documents WHERE json_type(snapshot, '$.order') = 'object'"),
            1);
  EXPECT_EQ(RowCount(stores_.path(),
                     "documents WHERE json_type(snapshot, '$.order') = 'object' "
                     "AND number = '" +
                         own->number + "'"),
            1);
}

TEST_F(SqliteDocumentStoreTest, NeitherADocumentNorTheOrderSnapshotItReadsEverChanges) {
  auto placed = Place(business_, "k1");
  ASSERT_TRUE(placed.has_value());
  SQLite::Database database(stores_.path(), SQLite::OPEN_READWRITE);

  EXPECT_THROW(database.exec("UPDATE documents SET locale = 'en'"), SQLite::Exception);
  EXPECT_THROW(database.exec("DELETE FROM documents"), SQLite::Exception);
  EXPECT_THROW(database.exec("UPDATE orders SET snapshot = json_set(snapshot, '$.notes', 'x')"),
               SQLite::Exception);
  // The order's status follows its tasks.
  EXPECT_EQ(database.exec("UPDATE orders SET status = 'released'"), 1);
  EXPECT_EQ(ReceiptOf(placed->order.number).order, placed->order);
}

TEST_F(SqliteDocumentStoreTest, TheReceiptSpeaksTheCustomersLanguageElseTheBusinesss) {
  Customer silent = CustomerIn("IT");
  silent.locale = "";
  Order unspoken = OrderOf(silent, {{pen_, 1}});
  unspoken.customer.id = business_.id;

  auto english = Place(english_, "en");
  auto unknown = stores_.orders().Place(unspoken, Key("none"), kYear);

  ASSERT_TRUE(english.has_value());
  ASSERT_TRUE(unknown.has_value()) << unknown.error().message;
  EXPECT_EQ(ReceiptOf(english->order.number).locale, "en");
  EXPECT_EQ(ReceiptOf(unknown->order.number).locale, "it");
}

TEST_F(SqliteDocumentStoreTest, UnknownNumbersAndOrdersAreNotFound) {
  ASSERT_TRUE(Place(business_, "k1").has_value());

  EXPECT_EQ(stores_.documents().Find("R-2026-000002").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stores_.documents().Find("F-2026-000001").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stores_.documents().ForOrder(OrderNumber{"2026-000002"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(stores_.documents().ForOrder(OrderId{999}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stores_.documents().IssueInvoice(OrderNumber{"2026-000002"}, At()).error().code,
            ErrorCode::kNotFound);
}

TEST_F(SqliteDocumentStoreTest, IssuesOneInvoicePerOrderInItsOwnSeries) {
  auto first = Place(business_, "k1");
  auto second = Place(business_, "k2");
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());

  auto invoice = stores_.documents().IssueInvoice(first->order.number, At(30));
  auto again = stores_.documents().IssueInvoice(first->order.number, At(60));
  auto other = stores_.documents().IssueInvoice(second->order.number, At(90));

  ASSERT_TRUE(invoice.has_value()) << invoice.error().message;
  EXPECT_EQ(invoice->kind, DocumentKind::kInvoice);
  EXPECT_EQ(invoice->series, "F");
  EXPECT_EQ(invoice->number, "F-2026-000001");
  EXPECT_EQ(invoice->issued_at, At(30));
  EXPECT_EQ(invoice->order, first->order);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *invoice);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->number, "F-2026-000002");
  const std::vector<Document> documents = stores_.documents().ForOrder(first->order.number).value();
  ASSERT_EQ(documents.size(), 2u);
  EXPECT_EQ(documents[0].number, "R-2026-000001");
  EXPECT_EQ(documents[1], *invoice);
  EXPECT_EQ(RowCount(stores_.path(), "documents WHERE kind = 'invoice'"), 2);
}

TEST_F(SqliteDocumentStoreTest, RefusesAnInvoiceWithoutTheCustomersTaxIdAndTakesNoNumber) {
  auto english = Place(english_, "en");
  auto business = Place(business_, "it");
  ASSERT_TRUE(english.has_value());
  ASSERT_TRUE(business.has_value());

  auto refused = stores_.documents().IssueInvoice(english->order.number, At());
  auto issued = stores_.documents().IssueInvoice(business->order.number, At());

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].path, "customer.tax_id");
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->number, "F-2026-000001");
}

TEST_F(SqliteDocumentStoreTest, AnInvoiceIsDatedInTheYearOfItsIssueWithTheSellerOfThatDay) {
  auto placed = Place(business_, "k1");
  ASSERT_TRUE(placed.has_value());
  DocumentSettings renamed = stores_.document_settings();
  renamed.seller.name = "Cartoleria Rossi & Figli S.r.l.";
  SqliteDocumentStore later(stores_.database(), renamed, stores_.clock());
  const Timestamp next_year = Timestamp{std::chrono::sys_days{std::chrono::year{2027} / 1 / 4}};

  auto invoice = later.IssueInvoice(placed->order.number, next_year);

  ASSERT_TRUE(invoice.has_value()) << invoice.error().message;
  EXPECT_EQ(invoice->number, "F-2027-000001");
  EXPECT_EQ(invoice->year, 2027);
  EXPECT_EQ(invoice->seller.name, "Cartoleria Rossi & Figli S.r.l.");
  EXPECT_EQ(ReceiptOf(placed->order.number).seller, stores_.document_settings().seller);
}

TEST_F(SqliteDocumentStoreTest, EachYearNumbersItsReceiptsFromOne) {
  ASSERT_TRUE(Place(business_, "a", 2026).has_value());
  ASSERT_TRUE(Place(business_, "b", 2026).has_value());
  auto next = Place(business_, "c", 2027);
  ASSERT_TRUE(next.has_value());

  EXPECT_EQ(next->order.number.value, "2027-000001");
  EXPECT_EQ(ReceiptOf(next->order.number).number, "R-2027-000001");
}

TEST_F(SqliteDocumentStoreTest, NumberingSurvivesARestart) {
  auto first = Place(business_, "k1");
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(stores_.documents().IssueInvoice(first->order.number, At()).has_value());

  stores_.Reopen();
  auto second = Place(business_, "k2");
  ASSERT_TRUE(second.has_value());
  auto invoice = stores_.documents().IssueInvoice(second->order.number, At());

  EXPECT_EQ(ReceiptOf(first->order.number).number, "R-2026-000001");
  EXPECT_EQ(stores_.documents().Find("F-2026-000001").value().order, first->order);
  EXPECT_EQ(ReceiptOf(second->order.number).number, "R-2026-000002");
  ASSERT_TRUE(invoice.has_value());
  EXPECT_EQ(invoice->number, "F-2026-000002");
}

TEST_F(SqliteDocumentStoreTest, APlacementRolledBackAfterItsReceiptTakesNoNumber) {
  ASSERT_TRUE(Place(business_, "k1").has_value());
  {
    // The receipt of an order whose notes say "fail" cannot be written, as a full disk or
    // a bug after numbering would fail it: the whole placement rolls back.
    SQLite::Database database(stores_.path(), SQLite::OPEN_READWRITE);
    database.exec(
        "CREATE TRIGGER fail_receipt BEFORE INSERT ON documents "
        "WHEN (SELECT json_extract(snapshot, '$.notes') FROM orders WHERE id = new.order_id) "
        "= 'fail' "
        "BEGIN SELECT RAISE(ABORT, 'receipt refused by the test'); END");
  }
  Order failing = OrderOf(business_, {{pen_, 1}});
  failing.notes = "fail";

  auto refused = stores_.orders().Place(failing, Key("k2"), kYear);
  auto next = Place(business_, "k3");

  ASSERT_FALSE(refused.has_value());
  ASSERT_TRUE(next.has_value()) << next.error().message;
  EXPECT_EQ(next->order.number.value, "2026-000002");
  EXPECT_EQ(ReceiptOf(next->order.number).number, "R-2026-000002");
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 2);
  EXPECT_EQ(RowCount(stores_.path(), "documents"), 2);
}

TEST_F(SqliteDocumentStoreTest, ReceiptNumbersAreConsecutiveUnderConcurrentPlacements) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  constexpr int kTotal = kThreads * kPerThread;
  std::latch start(kThreads);
  std::vector<std::future<std::vector<Order>>> workers;
  for (int thread = 0; thread < kThreads; ++thread) {
    workers.push_back(std::async(std::launch::async, [&, thread] {
      std::vector<Order> placed;
      start.arrive_and_wait();
      for (int i = 0; i < kPerThread; ++i) {
        auto order = Place(business_, "t" + std::to_string(thread) + "-" + std::to_string(i));
        EXPECT_TRUE(order.has_value()) << order.error().message;
        if (order) placed.push_back(order->order);
      }
      return placed;
    }));
  }
  std::vector<Order> orders;
  for (auto& worker : workers) {
    for (Order& order : worker.get()) orders.push_back(std::move(order));
  }

  ASSERT_EQ(orders.size(), static_cast<std::size_t>(kTotal));
  std::vector<std::string> numbers;
  for (const Order& order : orders) {
    const Document receipt = ReceiptOf(order.number);
    numbers.push_back(receipt.number);
    // Order and receipt are numbered in one transaction: the n-th order has the n-th receipt.
    EXPECT_EQ(receipt.number, "R-" + order.number.value);
    EXPECT_EQ(receipt.order.id, order.id);
  }
  std::sort(numbers.begin(), numbers.end());
  std::vector<std::string> expected;
  for (int sequence = 1; sequence <= kTotal; ++sequence) {
    expected.push_back(DocumentNumber("R", kYear, sequence));
  }
  EXPECT_EQ(numbers, expected);
  EXPECT_EQ(RowCount(stores_.path(), "documents"), kTotal);
}

}  // namespace
}  // namespace commesso::sqlite
