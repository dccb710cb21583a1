#include "adapters/render/pick_list_render.h"

#include <chrono>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/render/labels.h"
#include "adapters/render/render_test_support.h"

namespace commesso::render {
namespace {

using ::testing::AllOf;
using testing::ExpectWithin;
using ::testing::HasSubstr;
using testing::LinesOf;
using ::testing::Not;
using testing::PagesOf;
using testing::PdfToText;

// A zone a fixed offset from UTC, with no daylight saving time: enough to see that the
// renderings print the generation time in the zone they are given.
class FixedOffsetZone final : public ZoneRules {
 public:
  FixedOffsetZone(std::string name, std::chrono::minutes offset)
      : name_(std::move(name)), offset_(offset) {}
  std::string_view Name() const override { return name_; }
  LocalTime ToLocal(Timestamp instant) const override {
    return LocalTime(instant.time_since_epoch() + offset_);
  }
  Timestamp ToInstant(LocalTime local) const override {
    return Timestamp(local.time_since_epoch() - offset_);
  }

 private:
  std::string name_;
  std::chrono::minutes offset_;
};

const FixedOffsetZone kRome("Europe/Rome", std::chrono::hours(1));

// 2026-03-05 23:30 UTC: already 6 March in Rome.
const Timestamp kGenerated(std::chrono::sys_days(std::chrono::year{2026} / 3 / 5) +
                           std::chrono::hours(23) + std::chrono::minutes(30));

PickList::Need NeedOf(std::string order, std::int64_t task, int line, std::int64_t quantity) {
  return {.order = OrderNumber{std::move(order)},
          .task_id = task,
          .line_no = line,
          .quantity = quantity};
}

// Three SKUs for two orders: 17 units in all.
PickList SmallList() {
  PickList list{.department = "warehouse", .generated_at = kGenerated};
  list.rows.push_back(
      {.sku = "PEN-BLU",
       .name = {.it = "Penna a sfera blu", .en = "Blue ballpoint pen"},
       .unit = "piece",
       .total = 12,
       .needs = {NeedOf("2026-000123", 17, 1, 3), NeedOf("2026-000124", 18, 2, 9)}});
  list.rows.push_back({.sku = "CARTA-A4",
                       .name = {.it = "Risma di carta A4 \u00e0 80 g", .en = "A4 paper ream 80 g"},
                       .unit = "ream",
                       .total = 4,
                       .needs = {NeedOf("2026-000123", 17, 2, 4)}});
  list.rows.push_back({.sku = "ARMADIO-METALLICO-ANTIFUOCO-CLASSE-REI-120",
                       .name = {.it = "Armadio metallico ignifugo con serratura elettronica, "
                                      "quattro ripiani regolabili e certificazione europea",
                                .en = "Fire-resistant metal cabinet with electronic lock, four "
                                      "adjustable shelves and European certification"},
                       .unit = "piece",
                       .total = 1,
                       .needs = {NeedOf("2026-000124", 18, 1, 1)}});
  return list;
}

// SmallList with the first two SKUs stored at locations (the list's order, as PickListOf
// gives it, is the caller's business here).
PickList LocatedList() {
  PickList list = SmallList();
  list.rows[0].location = "A-03-2";
  list.rows[1].location = "B-01-1 scaffale alto";
  return list;
}

// `rows` SKUs, each for one or two orders.
PickList LongList(int rows) {
  PickList list{.department = "warehouse", .generated_at = kGenerated};
  for (int i = 1; i <= rows; ++i) {
    PickList::Row row{.sku = "ART-" + std::to_string(1000 + i),
                      .name = {.it = "Articolo n\u00b0 " + std::to_string(i) + " caff\u00e8",
                               .en = "Article no. " + std::to_string(i)},
                      .unit = "box",
                      .total = 0};
    row.needs.push_back(NeedOf("2026-" + std::to_string(100000 + i), 500 + i, 1, i));
    if (i % 3 == 0) row.needs.push_back(NeedOf("2026-000001", 1, i, 7));
    for (const PickList::Need& need : row.needs) row.total += need.quantity;
    list.rows.push_back(std::move(row));
  }
  return list;
}

PickListView ViewOf(const PickList& list, std::string_view locale) {
  return {.list = list, .department_name = "Magazzino centrale", .locale = locale, .zone = kRome};
}

// The first line of `text` holding `needle`, without its leading and trailing spaces.
std::string LineWith(const std::string& text, const std::string& needle) {
  for (std::string line : LinesOf(text)) {
    if (line.find(needle) == std::string::npos) continue;
    line.erase(0, line.find_first_not_of(' '));
    line.erase(line.find_last_not_of(' ') + 1);
    return line;
  }
  return "";
}

// The number of times `needle` occurs in `text`.
int CountOf(const std::string& text, const std::string& needle) {
  int count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

TEST(PickListLabelsTest, AreItalianUnlessEnglishIsAsked) {
  EXPECT_EQ(PickListLabelsFor("en-GB").language, "en");
  EXPECT_EQ(PickListLabelsFor("it").language, "it");
  EXPECT_EQ(PickListLabelsFor("de").language, "it");
  EXPECT_EQ(PickListLabelsFor("").language, "it");
}

TEST(PickListLabelsTest, FormatTheLocalTimeToTheMinute) {
  const LocalTime local(std::chrono::local_days(std::chrono::year{2026} / 1 / 9) +
                        std::chrono::hours(7) + std::chrono::minutes(5) + std::chrono::seconds(59));

  EXPECT_EQ(FormatLocalTime(local, "it"), "09/01/2026\u00a007:05");
  EXPECT_EQ(FormatLocalTime(local, "en"), "2026-01-09\u00a007:05");
  EXPECT_EQ(UnitWord(2, "box", LabelsFor("it")), "scatole");
  EXPECT_EQ(UnitWord(1, "box", LabelsFor("en")), "box");
  EXPECT_EQ(UnitWord(5, "pallet", LabelsFor("en")), "pallet");
}

TEST(PickListTextTest, SpeaksItalianWithTheTimeInTheZone) {
  const PickList list = SmallList();

  const std::string text = PickListText(ViewOf(list, "it"), 80);

  EXPECT_THAT(text, AllOf(HasSubstr("Magazzino centrale"), HasSubstr("LISTA DI PRELIEVO"),
                          HasSubstr("Generata il: 06/03/2026\u00a000:30 Europe/Rome"),
                          HasSubstr("Cod."), HasSubstr("Articolo"), HasSubstr("Incarico"),
                          HasSubstr("Riga"), HasSubstr("Q.t\u00e0"), HasSubstr("PEN-BLU"),
                          HasSubstr("Penna a sfera blu"), HasSubstr("Risma di carta A4 \u00e0"),
                          HasSubstr("risme"), HasSubstr("2026-000123"), HasSubstr("2026-000124")));
  // One tick box per need.
  EXPECT_EQ(CountOf(text, "\u2610"), 4);
  // The footer: 3 SKUs, 2 orders, 17 units.
  EXPECT_THAT(text,
              AllOf(HasSubstr("Articoli"), HasSubstr("Ordini"), HasSubstr("Unit\u00e0 totali")));
  EXPECT_TRUE(text.ends_with(" 17\n")) << text;
  EXPECT_THAT(text, Not(HasSubstr("Pick list")));
}

TEST(PickListTextTest, SpeaksEnglish) {
  const PickList list = SmallList();

  const std::string text = PickListText(ViewOf(list, "en"), 80);

  EXPECT_THAT(text, AllOf(HasSubstr("PICK LIST"), HasSubstr("Department: Magazzino centrale"),
                          HasSubstr("Generated: 2026-03-06\u00a000:30 Europe/Rome"),
                          HasSubstr("SKU"), HasSubstr("Item"), HasSubstr("Task"), HasSubstr("Line"),
                          HasSubstr("Qty"), HasSubstr("Blue ballpoint pen"), HasSubstr("reams"),
                          HasSubstr("SKUs"), HasSubstr("Orders"), HasSubstr("Total units")));
  EXPECT_THAT(text, AllOf(Not(HasSubstr("Penna")), Not(HasSubstr("Lista di prelievo")),
                          Not(HasSubstr("Generata"))));
}

TEST(PickListTextTest, NeverExceedsTheColumnsAndKeepsEveryNeed) {
  const PickList small = SmallList();
  const PickList long_list = LongList(30);
  for (const PickList* list : {&small, &long_list}) {
    for (const std::string_view locale : {"it", "en"}) {
      for (const int columns : {32, 42, 80}) {
        SCOPED_TRACE(std::string(locale) + " at " + std::to_string(columns));

        const std::string text = PickListText(ViewOf(*list, locale), columns);

        ExpectWithin(text, columns);
        int needs = 0;
        for (const PickList::Row& row : list->rows) {
          needs += static_cast<int>(row.needs.size());
          EXPECT_THAT(text, HasSubstr(row.needs.front().order.value));
        }
        EXPECT_EQ(CountOf(text, "\u2610"), needs);
        if (list == &small) {  // Whole words of a name are never cut.
          EXPECT_THAT(text, HasSubstr(locale == "it" ? "certificazione" : "certification"));
        }
      }
    }
  }
}

TEST(PickListTextTest, PutsEveryNeedOnOneLineWithItsQuantityOnTheRight) {
  const PickList list = SmallList();

  for (const int columns : {32, 42, 80}) {
    SCOPED_TRACE(columns);
    const std::string text = PickListText(ViewOf(list, "it"), columns);
    for (const std::string& line : LinesOf(text)) {
      if (line.find("\u2610") == std::string::npos) continue;
      EXPECT_TRUE(line.find("2026-00012") != std::string::npos) << line;
      EXPECT_TRUE(line.ends_with(" 3") || line.ends_with(" 9") || line.ends_with(" 4") ||
                  line.ends_with(" 1"))
          << line;
    }
  }
}

TEST(PickListTextTest, PutsTheLocationFirstWhenTheListHasLocations) {
  const PickList located = LocatedList();

  const std::string text = PickListText(ViewOf(located, "it"), 80);
  const std::string without = PickListText(ViewOf(SmallList(), "it"), 80);

  EXPECT_THAT(LineWith(text, "Cod."), ::testing::MatchesRegex("Ubicazione +Cod\\. +Articolo.*"));
  EXPECT_THAT(LineWith(text, "PEN-BLU"),
              ::testing::MatchesRegex("A-03-2 +PEN-BLU +Penna a sfera blu +pz +12"));
  EXPECT_THAT(LineWith(text, "CARTA-A4"), ::testing::StartsWith("B-01-1"));
  EXPECT_THAT(text, HasSubstr("scaffale"));  // A long location wraps in its column.
  // The third SKU has no location: its row starts with blanks under the location's heading.
  for (const std::string& line : LinesOf(text)) {
    if (line.find("ARMADIO") == std::string::npos) continue;
    EXPECT_TRUE(line.starts_with("      ")) << line;
  }
  EXPECT_THAT(without, Not(HasSubstr("Ubicazione")));
  EXPECT_THAT(LineWith(without, "PEN-BLU"), ::testing::StartsWith("PEN-BLU"));
}

TEST(PickListTextTest, NamesTheLocationBeforeTheSkuOnNarrowPaper) {
  const PickList located = LocatedList();

  for (const int columns : {32, 42}) {
    SCOPED_TRACE(columns);
    const std::string text = PickListText(ViewOf(located, "en"), columns);

    ExpectWithin(text, columns);
    EXPECT_THAT(LineWith(text, "PEN-BLU"), ::testing::StartsWith("A-03-2 PEN-BLU"));
    EXPECT_EQ(CountOf(text, "\u2610"), 4);
  }
}

TEST(PickListTextTest, SaysThereIsNothingToPick) {
  const PickList empty{.department = "warehouse", .generated_at = kGenerated};

  const std::string italian = PickListText(ViewOf(empty, "it"), 32);
  const std::string english = PickListText(ViewOf(empty, "en"), 42);

  ExpectWithin(italian, 32);
  ExpectWithin(english, 42);
  EXPECT_THAT(italian, HasSubstr("Niente da prelevare"));
  EXPECT_THAT(english, HasSubstr("Nothing to pick"));
  EXPECT_THAT(italian, Not(HasSubstr("\u2610")));
  EXPECT_THAT(english, Not(HasSubstr("Item")));
}

TEST(PickListTextTest, IsTheSameTextEveryTime) {
  const PickList list = LongList(20);

  EXPECT_EQ(PickListText(ViewOf(list, "it"), 42), PickListText(ViewOf(list, "it"), 42));
}

TEST(PickListHtmlTest, IsACompletePageWithATickBoxPerNeed) {
  const PickList list = SmallList();

  const std::string html = PickListHtml(ViewOf(list, "it"));

  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_THAT(html,
              AllOf(HasSubstr("<meta charset=\"utf-8\">"), HasSubstr("<thead>"),
                    HasSubstr("<title>Lista di prelievo \u2013 Magazzino centrale</title>"),
                    HasSubstr("06/03/2026\u00a000:30 Europe/Rome"), HasSubstr("PEN-BLU"),
                    HasSubstr("Penna a sfera blu"), HasSubstr(">12<"), HasSubstr(">9<"),
                    HasSubstr("Prelevato"), HasSubstr("Unit\u00e0 totali"), HasSubstr(">17<")));
  EXPECT_EQ(CountOf(html, "\u2610"), 4);
  EXPECT_THAT(html, AllOf(Not(HasSubstr("<style")), Not(HasSubstr("<link")),
                          Not(HasSubstr("<script")), Not(HasSubstr("<img"))));
}

TEST(PickListHtmlTest, PutsTheLocationFirstWhenTheListHasLocations) {
  const std::string html = PickListHtml(ViewOf(LocatedList(), "en"));
  const std::string without = PickListHtml(ViewOf(SmallList(), "en"));

  EXPECT_THAT(html, HasSubstr(">Location</th><th"));
  EXPECT_LT(html.find(">Location<"), html.find(">SKU<"));
  EXPECT_LT(html.find(">A-03-2<"), html.find(">PEN-BLU<"));
  EXPECT_THAT(html, HasSubstr("colspan=\"5\""));
  EXPECT_THAT(without, AllOf(Not(HasSubstr(">Location<")), HasSubstr("colspan=\"4\""),
                             Not(HasSubstr("colspan=\"5\""))));
}

TEST(PickListHtmlTest, EscapesEveryValue) {
  PickList list = SmallList();
  list.rows[0].name.it = "<script>alert(1)</script> & \"Figli\"";
  list.rows[0].sku = "<b>SKU</b>";
  list.rows[1].location = "<u>A-1</u>";
  list.rows[0].unit = "<i>u</i>";
  list.rows[0].needs[0].order.value = "'<img src=x>'";
  PickListView view = ViewOf(list, "it");
  view.department_name = "Rossi & <em>Bianchi</em>";

  const std::string html = PickListHtml(view);

  EXPECT_THAT(html, AllOf(Not(HasSubstr("<script")), Not(HasSubstr("<b>")), Not(HasSubstr("<i>")),
                          Not(HasSubstr("<u>")), Not(HasSubstr("<img")), Not(HasSubstr("<em>"))));
  EXPECT_THAT(html,
              AllOf(HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Figli&quot;"),
                    HasSubstr("&lt;b&gt;SKU&lt;/b&gt;"), HasSubstr("&lt;i&gt;u&lt;/i&gt;"),
                    HasSubstr("&lt;u&gt;A-1&lt;/u&gt;"), HasSubstr("&#39;&lt;img src=x&gt;&#39;"),
                    HasSubstr("Rossi &amp; &lt;em&gt;Bianchi&lt;/em&gt;")));
}

TEST(PickListHtmlTest, SpeaksEnglishAndSaysWhenThereIsNothingToPick) {
  const PickList list = SmallList();
  const PickList empty{.department = "warehouse", .generated_at = kGenerated};

  const std::string html = PickListHtml(ViewOf(list, "en"));
  const std::string nothing = PickListHtml(ViewOf(empty, "en"));
  const std::string niente = PickListHtml(ViewOf(empty, "it"));

  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_THAT(html, AllOf(HasSubstr("Pick list"), HasSubstr("Blue ballpoint pen"),
                          HasSubstr("2026-03-06\u00a000:30"), HasSubstr("Picked"),
                          HasSubstr("Total units")));
  EXPECT_THAT(nothing, AllOf(HasSubstr("Nothing to pick"), Not(HasSubstr("\u2610")),
                             Not(HasSubstr("<thead>"))));
  EXPECT_THAT(niente, HasSubstr("Niente da prelevare"));
  EXPECT_EQ(html, PickListHtml(ViewOf(list, "en")));
}

TEST(PickListPdfTest, ReadsBackSkusQuantitiesAndAccents) {
  const PickList list = SmallList();

  auto pdf = PickListPdf(ViewOf(list, "it"));

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_THAT(*pdf, HasSubstr("+DejaVuSans"));
  const std::string text = PdfToText(*pdf);
  EXPECT_THAT(text, AllOf(HasSubstr("Lista di prelievo"), HasSubstr("Magazzino centrale"),
                          HasSubstr("06/03/2026 00:30 Europe/Rome"), HasSubstr("PEN-BLU"),
                          HasSubstr("CARTA-A4"), HasSubstr("Risma di carta A4 \u00e0 80 g"),
                          HasSubstr("2026-000123"), HasSubstr("2026-000124"),
                          HasSubstr("Unit\u00e0 totali"), HasSubstr("Q.t\u00e0"),
                          HasSubstr("pagina 1 di 1")));
  // A SKU's total and its needs' quantities, each on its row.
  EXPECT_THAT(LineWith(text, "PEN-BLU"),
              ::testing::MatchesRegex("PEN-BLU +Penna a sfera blu +pz +12"));
  EXPECT_THAT(LineWith(text, "2026-000124"), ::testing::MatchesRegex("2026-000124 +18 +2 +9"));
  EXPECT_THAT(LineWith(text, "Unit\u00e0 totali"),
              ::testing::MatchesRegex("Unit\u00e0 totali +17"));
  // The tick boxes are drawn squares, not characters.
  EXPECT_THAT(text, Not(HasSubstr("\u2610")));
}

TEST(PickListPdfTest, PutsTheLocationFirstWhenTheListHasLocations) {
  auto pdf = PickListPdf(ViewOf(LocatedList(), "en"));

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  const std::string text = PdfToText(*pdf);
  EXPECT_THAT(LineWith(text, "SKU"), ::testing::MatchesRegex("Location +SKU +Item +Unit +Total"));
  EXPECT_THAT(LineWith(text, "PEN-BLU"),
              ::testing::MatchesRegex("A-03-2 +PEN-BLU +Blue ballpoint pen +pcs +12"));
  EXPECT_THAT(LineWith(text, "2026-000124"), ::testing::MatchesRegex("2026-000124 +18 +2 +9"));
}

TEST(PickListPdfTest, SpeaksEnglishAndSaysWhenThereIsNothingToPick) {
  const PickList list = SmallList();
  const PickList empty{.department = "warehouse", .generated_at = kGenerated};

  auto english = PickListPdf(ViewOf(list, "en"));
  auto nothing = PickListPdf(ViewOf(empty, "en"));
  auto niente = PickListPdf(ViewOf(empty, "it"));

  ASSERT_TRUE(english.has_value() && nothing.has_value() && niente.has_value());
  EXPECT_THAT(PdfToText(*english),
              AllOf(HasSubstr("Pick list"), HasSubstr("Blue ballpoint pen"),
                    HasSubstr("2026-03-06 00:30 Europe/Rome"), HasSubstr("page 1 of 1")));
  EXPECT_THAT(PdfToText(*nothing), AllOf(HasSubstr("Nothing to pick"), HasSubstr("page 1 of 1")));
  EXPECT_THAT(PdfToText(*niente), HasSubstr("Niente da prelevare"));
}

TEST(PickListPdfTest, PaginatesALongListWithTheHeadingsOnEveryPage) {
  const PickList list = LongList(200);

  auto pdf = PickListPdf(ViewOf(list, "it"));

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  const std::string text = PdfToText(*pdf);
  const std::vector<std::string> pages = PagesOf(text);
  ASSERT_GE(pages.size(), 5U);
  const std::string of = " di " + std::to_string(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    SCOPED_TRACE("page " + std::to_string(i + 1));
    EXPECT_THAT(pages[i], HasSubstr("pagina " + std::to_string(i + 1) + of));
    // Every page with SKUs on it has the column headings (the footer's counts may come alone).
    if (pages[i].find("ART-") != std::string::npos) {
      EXPECT_THAT(pages[i],
                  AllOf(HasSubstr("Cod."), HasSubstr("Incarico"), HasSubstr("Q.t\u00e0")));
    }
  }
  for (const PickList::Row& row : list.rows) {
    EXPECT_THAT(text, HasSubstr(row.sku + " ")) << "missing " << row.sku;
  }
  EXPECT_THAT(text, AllOf(HasSubstr("Articolo n\u00b0 200 caff\u00e8"), HasSubstr("2026-100200")));
  EXPECT_THAT(LineWith(pages.back(), "Articoli "), ::testing::MatchesRegex("Articoli +200"));
}

TEST(PickListPdfTest, NamesTheSkuAgainWhereItsNeedsRunOntoTheNextPage) {
  PickList list{.department = "warehouse", .generated_at = kGenerated};
  PickList::Row row{.sku = "VITE-M6", .name = {.it = "Vite M6", .en = "M6 screw"}, .unit = "piece"};
  for (int i = 1; i <= 120; ++i) {
    row.needs.push_back(NeedOf("2026-" + std::to_string(200000 + i), i, 1, 2));
    row.total += 2;
  }
  list.rows.push_back(std::move(row));

  auto pdf = PickListPdf(ViewOf(list, "en"));

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  const std::string text = PdfToText(*pdf);
  const std::vector<std::string> pages = PagesOf(text);
  ASSERT_GE(pages.size(), 2U);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    SCOPED_TRACE("page " + std::to_string(i + 1));
    EXPECT_THAT(pages[i], AllOf(HasSubstr("VITE-M6"), HasSubstr("M6 screw"),
                                HasSubstr("page " + std::to_string(i + 1) + " of " +
                                          std::to_string(pages.size()))));
  }
  EXPECT_THAT(text, AllOf(HasSubstr("2026-200001"), HasSubstr("2026-200120")));
  EXPECT_THAT(LineWith(text, "Total units"), ::testing::MatchesRegex("Total units +240"));
}

TEST(PickListPdfTest, IsTheSameBytesEveryTime) {
  const PickList list = LongList(60);

  auto first = PickListPdf(ViewOf(list, "it"));
  auto second = PickListPdf(ViewOf(list, "it"));

  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_TRUE(*first == *second) << "the two renderings differ";
  EXPECT_THAT(*first, HasSubstr("20260305233000Z)"));  // The generation time, not now.
}

}  // namespace
}  // namespace commesso::render
