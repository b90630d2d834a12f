#include "common/time.hpp"

#include <chrono>
#include <cstdio>

namespace cartera::time {

Micros Now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatRfc3339(Micros at) {
  using namespace std::chrono;
  const sys_seconds seconds{duration_cast<std::chrono::seconds>(microseconds{at})};
  const auto days = floor<std::chrono::days>(seconds);
  const year_month_day date{days};
  const hh_mm_ss clock{seconds - days};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

std::optional<Micros> ParseRfc3339(std::string_view text) {
  using namespace std::chrono;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 20) return std::nullopt;
  const std::string copy(text);
  int consumed = 0;
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &year, &month, &day, &hour,
                  &minute, &second, &consumed) != 6) {
    return std::nullopt;
  }
  const year_month_day date{std::chrono::year{year},
                            std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  size_t pos = static_cast<size_t>(consumed);
  int64_t fraction_micros = 0;
  if (pos < copy.size() && copy[pos] == '.') {
    ++pos;
    int64_t scale = 100000;
    const size_t start = pos;
    while (pos < copy.size() && copy[pos] >= '0' && copy[pos] <= '9') {
      fraction_micros += (copy[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int64_t offset_seconds = 0;
  if (pos < copy.size() && (copy[pos] == 'Z' || copy[pos] == 'z')) {
    ++pos;
  } else if (pos + 6 == copy.size() && (copy[pos] == '+' || copy[pos] == '-') &&
             copy[pos + 3] == ':') {
    int offset_hours = 0, offset_minutes = 0;
    if (std::sscanf(copy.c_str() + pos + 1, "%2d:%2d", &offset_hours, &offset_minutes) != 2) {
      return std::nullopt;
    }
    offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (copy[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != copy.size()) return std::nullopt;
  const auto seconds_since_epoch = sys_days{date}.time_since_epoch() + hours{hour} +
                                   minutes{minute} + std::chrono::seconds{second} -
                                   std::chrono::seconds{offset_seconds};
  return duration_cast<microseconds>(seconds_since_epoch).count() + fraction_micros;
}

std::string FormatDate(Micros at) { return FormatRfc3339(at).substr(0, 10); }

std::optional<Micros> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  return ParseRfc3339(std::string(text) + "T00:00:00Z");
}

}  // namespace cartera::time
