// Golden files: expected output kept beside the input that produces it.
// ZC_UPDATE_GOLDEN=1 rewrites them instead of comparing.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace zc::testing {

inline bool updatingGoldens() {
  const char* flag = std::getenv("ZC_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A folder of this test process's own, for outputs and diffs.
inline std::filesystem::path scratchFolder() {
  auto folder = std::filesystem::temp_directory_path() / ("zc_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  return folder;
}

// The scratch folder goes when the test process ends.
inline struct ScratchCleanup {
  ~ScratchCleanup() {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::temp_directory_path() / ("zc_test_" + std::to_string(getpid())), ec);
  }
} scratchCleanup;

inline std::string captureCommand(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    pclose(pipe);
  }
  return out;
}

// Compares with the expected file, showing a diff, or writes it when updating.
inline void expectGolden(const std::filesystem::path& expected, const std::string& actual) {
  if (updatingGoldens()) {
    writeFile(expected, actual);
    return;
  }
  INFO("golden file: " << expected.string());
  REQUIRE(std::filesystem::exists(expected));
  std::string wanted = readFile(expected);
  if (wanted != actual) {
    auto got = scratchFolder() / "actual";
    writeFile(got, actual);
    INFO(captureCommand("diff -u '" + expected.string() + "' '" + got.string() + "'"));
    CHECK(wanted == actual);
  }
}

}  // namespace zc::testing
