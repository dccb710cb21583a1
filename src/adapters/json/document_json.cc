#include "adapters/json/document_json.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/json/domain_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"

namespace commesso::json {
namespace {

Json SellerJson(const Seller& seller) {
  return Json{{"name", seller.name},
              {"address", ToJson(seller.address)},
              {"tax_id", seller.tax_id},
              {"email", seller.email},
              {"phone", seller.phone}};
}

Json HeaderJson(const Document& document) {
  return Json{{"kind", Name(document.kind)}, {"series", document.series},
              {"year", document.year},       {"sequence", document.sequence},
              {"number", document.number},   {"issued_at", FormatTimestamp(document.issued_at)},
              {"locale", document.locale},   {"seller", SellerJson(document.seller)}};
}

Address ReadAddressOf(ObjectReader& parent, std::string_view key,
                      std::vector<FieldError>& problems) {
  const Json* json = parent.Member(key, Presence::kRequired);
  if (json == nullptr) return {};
  ObjectReader reader(*json, MemberPath(parent.path(), key), problems);
  Address address{.name = reader.String("name", Presence::kRequired),
                  .company = reader.String("company", Presence::kRequired),
                  .line1 = reader.String("line1", Presence::kRequired),
                  .line2 = reader.String("line2", Presence::kRequired),
                  .postal_code = reader.String("postal_code", Presence::kRequired),
                  .city = reader.String("city", Presence::kRequired),
                  .region = reader.String("region", Presence::kRequired),
                  .country = reader.String("country", Presence::kRequired)};
  reader.Finish();
  return address;
}

}  // namespace

Json ToJson(const Document& document) {
  Json json = HeaderJson(document);
  json["order"] = ToJson(document.order);
  return json;
}

std::string DumpWithOrder(const Document& document, std::string_view order_text) {
  std::string text = Dump(HeaderJson(document));
  text.pop_back();  // The closing brace of a non-empty object.
  text += R"(,"order":)";
  text += order_text;
  text += '}';
  return text;
}

std::string DumpWithoutOrder(const Document& document) { return Dump(HeaderJson(document)); }

Json ToPublicJson(const Document& document) {
  Json json = HeaderJson(document);
  json["order"] = ToPublicJson(document.order);
  return json;
}

Json ToSummaryJson(const Document& document) {
  return Json{{"kind", Name(document.kind)},
              {"number", document.number},
              {"issued_at", FormatTimestamp(document.issued_at)}};
}

Result<Document> DocumentFromJson(const Json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  Document document;
  const std::string kind = reader.String("kind", Presence::kRequired);
  if (std::optional<DocumentKind> parsed = ParseDocumentKind(kind)) {
    document.kind = *parsed;
  } else if (!kind.empty()) {
    reader.Report("kind", "must be receipt or invoice");
  }
  document.series = reader.String("series", Presence::kRequired);
  const std::int64_t year = reader.Integer("year", Presence::kRequired);
  if (year < 1 || year > 9999) {
    reader.Report("year", "must be 1..9999");
  } else {
    document.year = static_cast<int>(year);
  }
  document.sequence = reader.Integer("sequence", Presence::kRequired);
  document.number = reader.String("number", Presence::kRequired);
  const std::string issued_at = reader.String("issued_at", Presence::kRequired);
  if (std::optional<Timestamp> instant = ParseTimestamp(issued_at)) {
    document.issued_at = *instant;
  } else if (!issued_at.empty()) {
    reader.Report("issued_at", "must be an ISO 8601 instant");
  }
  document.locale = reader.String("locale", Presence::kRequired);
  if (const Json* seller_json = reader.Member("seller", Presence::kRequired)) {
    ObjectReader seller(*seller_json, "seller", problems);
    document.seller.name = seller.String("name", Presence::kRequired);
    document.seller.address = ReadAddressOf(seller, "address", problems);
    document.seller.tax_id = seller.String("tax_id", Presence::kRequired);
    document.seller.email = seller.String("email", Presence::kRequired);
    document.seller.phone = seller.String("phone", Presence::kRequired);
    seller.Finish();
  }
  if (const Json* order_json = reader.Member("order", Presence::kRequired)) {
    Result<Order> order = OrderFromJson(*order_json);
    if (order) {
      document.order = *std::move(order);
    } else {
      for (FieldError& field : order.error().fields) {
        problems.push_back({MemberPath("order", field.path), std::move(field.problem)});
      }
    }
  }
  reader.Finish();
  if (!problems.empty()) {
    std::string first = problems.front().path + ": " + problems.front().problem;
    return Fail({ErrorCode::kInternal, "stored document is not a valid snapshot (" + first + ")",
                 std::move(problems)});
  }
  if (document.number != DocumentNumber(document.series, document.year, document.sequence)) {
    return Fail(ErrorCode::kInternal, "stored document " + document.number +
                                          " does not match its series, year and sequence");
  }
  return document;
}

}  // namespace commesso::json
