#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "http/problem.hpp"

namespace cartera::http {
namespace {

std::string_view ContentType(const std::filesystem::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json") return "application/json";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool ReadFile(const std::filesystem::path& file, std::string& out) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return false;
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  out = buffer.str();
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root)
    : root_(std::filesystem::weakly_canonical(root)) {}

Response StaticFiles::Serve(const Request& request) const {
  Response response;
  std::filesystem::path file = root_;
  const std::filesystem::path relative = std::filesystem::path(request.path).relative_path();
  bool inside = true;
  for (const auto& part : relative) {
    if (part == ".." || part == ".") inside = false;
  }
  std::error_code error;
  const std::filesystem::path candidate = root_ / relative;
  const bool is_asset =
      inside && !relative.empty() && std::filesystem::is_regular_file(candidate, error);
  // The public quick-order page (/q/<token>) is its own small page; the rest is the admin app.
  const bool quick_order = request.path.rfind("/q/", 0) == 0;
  file = is_asset ? candidate : root_ / (quick_order ? "q.html" : "index.html");
  if (!ReadFile(file, response.body)) {
    return ProblemResponse(
        MakeError(ErrorCode::kNotFound, "not_found", "The web app is not built (run make run)."));
  }
  response.content_type = std::string(ContentType(file));
  // Vite fingerprints everything under /assets/, so those never change; the shell must.
  response.SetHeader("Cache-Control", is_asset && request.path.rfind("/assets/", 0) == 0
                                          ? "public, max-age=31536000, immutable"
                                          : "no-cache");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  if (quick_order && !is_asset) {
    // The token is in the URL: never send it to another site, never index it.
    response.SetHeader("Referrer-Policy", "no-referrer");
    response.SetHeader("X-Robots-Tag", "noindex, nofollow");
  }
  return response;
}

}  // namespace cartera::http
