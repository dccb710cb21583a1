#pragma once

#include <optional>
#include <string>
#include <string_view>

// What commesso lets into an e-mail header. Every value that reaches a header of an outgoing
// message passes one of these checks first, so no CR or LF (header injection) and no address
// a mail server would read differently from us gets through.
namespace commesso {

// The problem with `address` as a recipient or sender address, or nothing when it is fine.
// Deliberately stricter than RFC 5322, so that every accepted address means the same thing
// to every server: plain ASCII `local@domain`, at most 254 characters; the local part (1..64)
// is dot-separated words of letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ -, with
// no leading, trailing or double dot; the domain has at least two dot-separated labels of
// 1..63 letters, digits and hyphens, none starting or ending with a hyphen, and a top-level
// label that is not all digits. No display name, quotes, comments, spaces, IP literals,
// control characters or non-ASCII letters (an international address can be typed in its
// ASCII form, xn--…).
std::optional<std::string> MailAddressProblem(std::string_view address);

// The problem with `text` as the text of a header (a subject or a display name), or nothing:
// it must be valid UTF-8 of at most 998 bytes with no control characters (CR, LF, tab, NUL,
// DEL and the C1 block).
std::optional<std::string> HeaderTextProblem(std::string_view text);

// The domain part of an address that passed MailAddressProblem.
std::string MailDomain(std::string_view address);

}  // namespace commesso
