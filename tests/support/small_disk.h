#pragma once

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

namespace commesso::testing {

// A tmpfs of `size` ("8m") mounted at `path` for one test and detached again on destruction,
// whatever happened, so a test can fill a disk and free it. Mounting needs root (or
// CAP_SYS_ADMIN): when it fails, mounted() is false and error() says why, for GTEST_SKIP.
class SmallDisk {
 public:
  SmallDisk(std::string path, const std::string& size) : path_(std::move(path)) {
    std::filesystem::create_directories(path_);
    if (mount("tmpfs", path_.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~SmallDisk() {
    if (mounted_) umount2(path_.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

  // Writes zeros to the file `name` until the disk refuses another byte; false when the file
  // cannot be created. Removing the file frees the space again.
  bool Fill(const std::string& name) const {
    const int fd = open(File(name).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return false;
    const std::vector<char> zeros(std::size_t{1} << 20, 0);
    for (std::size_t chunk = zeros.size(); chunk > 0; chunk /= 2) {
      while (write(fd, zeros.data(), chunk) == static_cast<ssize_t>(chunk)) {
      }
    }
    close(fd);
    return true;
  }

 private:
  std::string path_;
  bool mounted_ = false;
  std::string error_;
};

// The size of the file at `path`, 0 when there is none.
inline std::int64_t FileBytes(const std::string& path) {
  std::error_code missing;
  const std::uintmax_t bytes = std::filesystem::file_size(path, missing);
  return missing ? 0 : static_cast<std::int64_t>(bytes);
}

}  // namespace commesso::testing
