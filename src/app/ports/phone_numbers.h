#pragma once

#include <string>

namespace commesso {

// Normalizes phone numbers typed in any format. Thread-safe.
class PhoneNumbers {
 public:
  virtual ~PhoneNumbers() = default;

  // `typed` in E.164 ("+390212345678"), reading national numbers as numbers of
  // `default_region` (ISO alpha-2); empty when it is not a possible phone number.
  virtual std::string ToE164(const std::string& typed, const std::string& default_region) const = 0;
};

}  // namespace commesso
