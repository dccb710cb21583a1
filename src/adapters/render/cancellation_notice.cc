#include "adapters/render/cancellation_notice.h"

#include <string_view>
#include <vector>

#include "adapters/render/html_page.h"
#include "adapters/render/labels.h"
#include "adapters/render/text_columns.h"

namespace commesso::render {
namespace {

// The notice's words in one language.
struct NoticeWords {
  std::string_view order, cancelled, receipt;
  std::string_view greeting;   // Followed by the customer's name and a comma.
  std::string_view the_order;  // Begins the sentence: "The order 2026-000123 of 28/11/2026".
  std::string_view of;         // Between the order number and its day.
  std::string_view sentence;   // After the order and its receipt: what it means.
  std::string_view questions;  // Followed by whom to write to or call.
  std::string_view write_to, or_, call;
};

constexpr NoticeWords kItalian{
    .order = "Ordine",
    .cancelled = "annullato",
    .receipt = "ricevuta",
    .greeting = "Gentile",
    .the_order = "L'ordine",
    .of = "del",
    .sentence = "è stato annullato: non sarà spedito né eseguito.",
    .questions = "Per qualsiasi domanda",
    .write_to = "scriva a",
    .or_ = "o",
    .call = "chiami il",
};

constexpr NoticeWords kEnglish{
    .order = "Order",
    .cancelled = "cancelled",
    .receipt = "receipt",
    .greeting = "Dear",
    .the_order = "The order",
    .of = "of",
    .sentence = "has been cancelled: it will not be shipped or carried out.",
    .questions = "For any question",
    .write_to = "write to",
    .or_ = "or",
    .call = "call",
};

const NoticeWords& WordsFor(const Labels& labels) {
  return labels.language == "it" ? kItalian : kEnglish;
}

// The notice as paragraphs of plain text; the renderings lay them out.
struct Notice {
  std::string language;
  std::string title;
  std::vector<std::string> paragraphs;
  std::string seller;
};

Notice NoticeOf(const Document& receipt) {
  const Labels& labels = LabelsFor(receipt.locale);
  const NoticeWords& words = WordsFor(labels);
  const Order& order = receipt.order;
  Notice notice{.language = std::string(labels.language),
                .title = std::string(words.order) + " " + order.number.value + " " +
                         std::string(words.cancelled),
                .paragraphs = {},
                .seller = receipt.seller.name};
  if (!order.customer.name.empty()) {
    notice.paragraphs.push_back(std::string(words.greeting) + " " + order.customer.name + ",");
  }
  notice.paragraphs.push_back(std::string(words.the_order) + " " + order.number.value + " " +
                              std::string(words.of) + " " + FormatDay(order.placed_at, labels) +
                              " (" + std::string(words.receipt) + " " + receipt.number + ") " +
                              std::string(words.sentence));
  std::string contact;
  if (!receipt.seller.email.empty()) {
    contact = std::string(words.write_to) + " " + receipt.seller.email;
  }
  if (!receipt.seller.phone.empty()) {
    if (!contact.empty()) contact += " " + std::string(words.or_) + " ";
    contact += std::string(words.call) + " " + receipt.seller.phone;
  }
  if (!contact.empty()) {
    notice.paragraphs.push_back(std::string(words.questions) + " " + contact + ".");
  }
  return notice;
}

}  // namespace

std::string CancellationSubject(const Document& receipt) {
  const NoticeWords& words = WordsFor(LabelsFor(receipt.locale));
  return NoticeOf(receipt).title + " \u2013 " + std::string(words.receipt) + " " + receipt.number;
}

std::string CancellationText(const Document& receipt, int columns) {
  const Notice notice = NoticeOf(receipt);
  Sheet sheet(columns);
  sheet.Wrapped(notice.title);
  sheet.Blank();
  for (const std::string& paragraph : notice.paragraphs) {
    sheet.Wrapped(paragraph);
    sheet.Blank();
  }
  sheet.Wrapped(notice.seller);
  return std::move(sheet).text();
}

std::string CancellationHtml(const Document& receipt) {
  const Notice notice = NoticeOf(receipt);
  Page page;
  page.Begin(notice.language, notice.title, "680px");
  page.Element("h1", "font-size:20px;margin:0 0 16px 0", notice.title);
  for (const std::string& paragraph : notice.paragraphs) {
    page.Element("p", "margin:0 0 12px 0", paragraph);
  }
  page.Element("p", css::kMuted, notice.seller);
  page.End();
  return std::move(page).html();
}

}  // namespace commesso::render
