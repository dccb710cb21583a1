#pragma once

#include <string_view>

namespace commesso::config {

// The text of config/demo.toml, compiled into the binary by CMake (demo_toml.cc is
// generated from the file at configure time), so Defaults() and the file cannot drift apart.
std::string_view DemoToml();

}  // namespace commesso::config
