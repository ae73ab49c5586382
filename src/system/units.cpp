#include "units.hpp"

#include "qlfit/error.hpp"

#include "system.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace qlfit::system {

std::optional<std::string> SystemUserUnits::read(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

void SystemUserUnits::write(const std::string& path, const std::string& text) {
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), error);
  if (error) {
    throw Error(ErrorCode::kStorage, std::filesystem::path(path).parent_path().string() +
                                         " cannot be made: " + error.message());
  }
  LocalFiles().replace(path, [&text, &path](const std::string& temporary) {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file)
      throw Error(ErrorCode::kStorage, path + " cannot be written: " + std::strerror(errno));
  });
}

bool SystemUserUnits::remove(const std::string& path) {
  std::error_code error;
  return std::filesystem::remove(path, error);
}

void SystemUserUnits::systemctl(const std::vector<std::string>& args) {
  run_systemctl(args);
}

}  // namespace qlfit::system
