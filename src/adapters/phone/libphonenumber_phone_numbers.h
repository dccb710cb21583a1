#pragma once

#include <string>

#include "app/ports/phone_numbers.h"

namespace commesso {

// Phone numbers parsed by Google's libphonenumber. Thread-safe (the library's singleton is).
class LibphonenumberPhoneNumbers final : public PhoneNumbers {
 public:
  std::string ToE164(const std::string& typed, const std::string& default_region) const override;
};

}  // namespace commesso
