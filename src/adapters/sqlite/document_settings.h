#pragma once

#include <string>

#include "core/document.h"

namespace commesso::sqlite {

// What the stores need to issue documents besides the order: the seller as the configuration
// says now (SellerOf(business)), and the language of a customer who has none (the business's).
struct DocumentSettings {
  Seller seller{};
  std::string default_locale = "it";
};

}  // namespace commesso::sqlite
