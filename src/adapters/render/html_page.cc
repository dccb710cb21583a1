#include "adapters/render/html_page.h"

#include <string>
#include <string_view>

namespace commesso::render {

std::string Escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

Page& Page::Element(std::string_view tag, std::string_view style, std::string_view value) {
  return Raw("<")
      .Raw(tag)
      .Raw(" style=\"")
      .Raw(style)
      .Raw("\">")
      .Text(value)
      .Raw("</")
      .Raw(tag)
      .Raw(">");
}

Page& Page::Begin(std::string_view language, std::string_view title, std::string_view max_width) {
  Raw("<!DOCTYPE html>\n<html lang=\"").Text(language).Raw("\">\n<head>\n");
  Raw("<meta charset=\"utf-8\">\n");
  Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  Raw("<title>").Text(title).Raw("</title>\n</head>\n");
  Raw("<body style=\"margin:0;padding:16px;background:#ffffff;").Raw(css::kFont).Raw("\">\n");
  return Raw("<div style=\"max-width:").Raw(max_width).Raw(";margin:0 auto\">\n");
}

Page& Page::End() { return Raw("\n</div>\n</body>\n</html>\n"); }

}  // namespace commesso::render
