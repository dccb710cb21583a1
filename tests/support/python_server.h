#pragma once

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace commesso::testing {

// A test server written in Python (tests/support/*.py), run by Debian's /usr/bin/python3
// (which has the Debian packages the scripts import, e.g. python3-aiosmtpd), that prints the
// port it bound to on its first line of output. Stopped on destruction.
class PythonServer {
 public:
  PythonServer() = default;
  ~PythonServer() { Stop(); }
  PythonServer(const PythonServer&) = delete;
  PythonServer& operator=(const PythonServer&) = delete;

  // Runs `script` with `arguments` and returns once it printed its port; a failure to start
  // fails the test with `what_failed`.
  void Start(const std::string& script, const std::vector<std::string>& arguments,
             const std::string& what_failed) {
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> words = {"/usr/bin/python3", script};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    ASSERT_EQ(spawned, 0) << "cannot run /usr/bin/python3";
    FILE* output = fdopen(out[0], "r");
    int bound = 0;
    const bool read = std::fscanf(output, "%d", &bound) == 1;
    std::fclose(output);
    ASSERT_TRUE(read) << what_failed;
    port_ = bound;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
  }

  // The port it bound to at the last start.
  int port() const { return port_; }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
};

}  // namespace commesso::testing
