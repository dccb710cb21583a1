#include "adapters/phone/libphonenumber_phone_numbers.h"

#include <phonenumbers/phonenumberutil.h>

namespace commesso {

std::string LibphonenumberPhoneNumbers::ToE164(const std::string& typed,
                                               const std::string& default_region) const {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(typed, default_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return "";
  if (!util.IsPossibleNumber(number)) return "";
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

}  // namespace commesso
