#pragma once

#include <filesystem>

#include "http/request.hpp"

namespace cartera::http {

// Serves the built web app from `root`: a file when the path names one, else index.html so
// that client-side routes (/admin/customers/42) load the app. Never leaves `root`.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  Response Serve(const Request& request) const;

 private:
  std::filesystem::path root_;
};

}  // namespace cartera::http
