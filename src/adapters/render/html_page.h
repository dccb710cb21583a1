#pragma once

#include <string>
#include <string_view>
#include <utility>

// What the HTML renderings (receipt_html.cc, pick_list_html.cc) share: the page around the
// content, the escaping of values and the inline styles both use.
//
// E-mail clients drop <style> elements and external style sheets, so every style is inline;
// the markup around the values is constant and every value is escaped where it is written.
namespace commesso::render {

// The inline styles (the renderings' own live beside them).
namespace css {
inline constexpr std::string_view kFont =
    "font-family:'DejaVu Sans',Verdana,Arial,Helvetica,sans-serif;font-size:14px;"
    "line-height:1.4;color:#1a1a1a";
inline constexpr std::string_view kMuted = "color:#5c5c5c;font-size:12px";
inline constexpr std::string_view kHeaderCell =
    "padding:6px 8px;border-bottom:2px solid #1a1a1a;font-size:12px;font-weight:bold;"
    "vertical-align:bottom";
inline constexpr std::string_view kTable = "width:100%;border-collapse:collapse;margin:0 0 16px 0";
}  // namespace css

// `text` with the five characters that HTML gives a meaning escaped.
std::string Escape(std::string_view text);

// Appends markup and escaped values.
class Page {
 public:
  Page& Raw(std::string_view markup) {
    html_ += markup;
    return *this;
  }
  Page& Text(std::string_view value) {
    html_ += Escape(value);
    return *this;
  }
  // <tag style="style">value</tag>, the value escaped.
  Page& Element(std::string_view tag, std::string_view style, std::string_view value);

  // The page up to its content: the document in `language` named `title`, its content at
  // most `max_width` ("680px") wide and centred. End() closes what this opens.
  Page& Begin(std::string_view language, std::string_view title, std::string_view max_width);
  Page& End();

  std::string html() && { return std::move(html_); }

 private:
  std::string html_;
};

}  // namespace commesso::render
