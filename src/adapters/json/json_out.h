#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <rapidjson/writer.h>

namespace commesso::json {

// JSON written straight into a string, without building a tree first: RapidJSON's Writer
// (Debian's rapidjson-dev) appending to `text`. The hot paths write what they answer and
// store through it (a placement's snapshot and 201, a quote); everything else may build an
// nlohmann tree and hand it to Tree(). Strings must be valid UTF-8 (every reader checks
// that); a key is written before every value inside an object; the writer checks the
// nesting in debug builds.
class JsonOut {
 public:
  explicit JsonOut(std::string& text) : stream_{&text}, writer_(stream_) {}

  void BeginObject() { writer_.StartObject(); }
  void EndObject() { writer_.EndObject(); }
  void BeginArray() { writer_.StartArray(); }
  void EndArray() { writer_.EndArray(); }
  void Key(std::string_view key) { writer_.Key(key.data(), Size(key)); }
  void String(std::string_view text) { writer_.String(text.data(), Size(text)); }
  void Int(std::int64_t value) { writer_.Int64(value); }
  void Bool(bool value) { writer_.Bool(value); }
  void Null() { writer_.Null(); }
  // A member: its key, then its value.
  void Member(std::string_view key, std::string_view text) {
    Key(key);
    String(text);
  }
  void Member(std::string_view key, std::int64_t value) {
    Key(key);
    Int(value);
  }
  // A value built as a tree (the parts off the hot paths), written as Dump would.
  void Tree(const nlohmann::json& value);

 private:
  // RapidJSON's output stream concept, over a std::string.
  struct Stream {
    using Ch = char;
    std::string* text;
    void Put(char c) { text->push_back(c); }
    void Flush() {}
  };
  static rapidjson::SizeType Size(std::string_view text);

  Stream stream_;
  rapidjson::Writer<Stream> writer_;
};

}  // namespace commesso::json
