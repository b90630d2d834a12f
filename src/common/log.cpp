#include "common/log.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include <string>

namespace cartera::log {
namespace {

// The fields of one line without the enclosing braces; the pattern adds time and level.
std::string Render(std::string_view event, Fields fields) {
  boost::json::object object;
  object["event"] = event;
  for (const auto& [key, value] : fields) object[key] = value.json;
  std::string text = boost::json::serialize(object);
  return text.substr(1, text.size() - 2);
}

void Write(spdlog::level::level_enum level, std::string_view event, Fields fields) {
  if (!spdlog::should_log(level)) return;
  spdlog::log(level, "{}", Render(event, fields));
}

}  // namespace

void Init(std::string_view level) {
  spdlog::init_thread_pool(16384, 1);
  auto logger = spdlog::create_async<spdlog::sinks::stdout_sink_mt>("cartera");
  logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})",
                      spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void Shutdown() {
  spdlog::default_logger()->flush();
  spdlog::shutdown();
}

void Debug(std::string_view event, Fields fields) { Write(spdlog::level::debug, event, fields); }
void Info(std::string_view event, Fields fields) { Write(spdlog::level::info, event, fields); }
void Warn(std::string_view event, Fields fields) { Write(spdlog::level::warn, event, fields); }
void Error(std::string_view event, Fields fields) { Write(spdlog::level::err, event, fields); }

}  // namespace cartera::log
