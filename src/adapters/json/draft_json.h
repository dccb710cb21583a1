#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/entry_draft.h"
#include "core/result.h"

// The JSON of saved order entries (/api/v1/drafts). docs/api.md documents the shapes.
namespace commesso::json {

// What a client sends to create (POST) or save (PUT) a draft.
struct DraftInput {
  std::optional<std::int64_t> revision{};  // PUT: required; POST: refused.
  std::optional<Channel> channel{};        // POST: required; PUT: unchanged when absent.
  std::optional<bool> parked{};            // PUT only: unchanged when absent.
  std::string content = "{}";              // Serialized; POST: "{}" when absent.
  DraftSummary summary{};                  // Taken from the content (see DraftInputFromJson).
};

enum class DraftRequest {
  kCreate,  // {channel, content?}
  kSave,    // {revision, content, parked?, channel?}
};

// Reads a draft request strictly. `content` must be a JSON object of at most 64 KiB
// serialized, with no member anywhere named like a card number or security code
// (card_secrets.h) and no string or number anywhere holding a card number (card_numbers.h). The
// summary is read from the console's content when present: `customer.name` (or `customer_name`) as
// a string, and the number of elements of `lines`. kInvalidInput with every problem.
Result<DraftInput> DraftInputFromJson(const nlohmann::json& json, DraftRequest request);

enum class DraftDetail {
  kFull,     // With content: GET, POST and PUT answers.
  kSummary,  // With the summary only: listings.
};

nlohmann::json ToJson(const EntryDraft& draft, DraftDetail detail);

}  // namespace commesso::json
