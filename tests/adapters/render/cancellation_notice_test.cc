#include "adapters/render/cancellation_notice.h"

#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/render/text_columns.h"
#include "receipt_fixtures.h"

namespace commesso::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CancellationNoticeTest, NamesTheOrderItsReceiptAndWhomToAskInTheReceiptsLanguage) {
  const Document italian = testing::DocumentOf(testing::PaidByCard("it"));
  const Document english = testing::DocumentOf(testing::PaidByCard("en"));
  const std::string order = italian.order.number.value;

  EXPECT_EQ(CancellationSubject(italian),
            "Ordine " + order + " annullato \u2013 ricevuta " + italian.number);
  EXPECT_EQ(CancellationSubject(english),
            "Order " + order + " cancelled \u2013 receipt " + english.number);
  const std::string text = CancellationText(italian, 80);
  EXPECT_THAT(text, HasSubstr("L'ordine " + order + " del "));
  EXPECT_THAT(text, HasSubstr("(ricevuta " + italian.number + ") è stato annullato"));
  EXPECT_THAT(text, HasSubstr(italian.seller.email));
  EXPECT_THAT(text, HasSubstr(italian.seller.name));
  EXPECT_THAT(CancellationText(english, 80), HasSubstr("has been cancelled"));
  EXPECT_THAT(text, Not(HasSubstr("€"))) << "no prices";
}

TEST(CancellationNoticeTest, TextFitsItsColumnsAndHtmlEscapesEveryValue) {
  Document receipt = testing::DocumentOf(testing::PaidByCard("it"));
  receipt.order.customer.name = "Anna <b>Rossi</b> & figli";

  const std::string html = CancellationHtml(receipt);
  std::istringstream lines(CancellationText(receipt, 32));

  EXPECT_THAT(html, HasSubstr("Anna &lt;b&gt;Rossi&lt;/b&gt; &amp; figli"));
  EXPECT_THAT(html, Not(HasSubstr("<b>Rossi")));
  EXPECT_THAT(html, HasSubstr("<html lang=\"it\">"));
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(Width(line), 32) << line;
}

}  // namespace
}  // namespace commesso::render
