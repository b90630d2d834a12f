#include "orders/order.hpp"

#include "common/validation.hpp"

#include <charconv>
#include <cstdio>

#include "common/text.hpp"

namespace cartera::orders {
namespace {

struct Step {
  std::string_view from, to;
};

constexpr Step kOrderSteps[] = {
    {"pending", "confirmed"},       {"pending", "cancelled"},   {"confirmed", "in_production"},
    {"confirmed", "shipped"},       {"confirmed", "cancelled"}, {"in_production", "shipped"},
    {"in_production", "cancelled"}, {"shipped", "delivered"},
};
constexpr Step kQuoteSteps[] = {{"pending", "cancelled"}};

}  // namespace

std::vector<std::string_view> NextStatuses(std::string_view kind, std::string_view from) {
  std::vector<std::string_view> next;
  const auto add = [&](const auto& steps) {
    for (const Step& step : steps) {
      if (step.from == from) next.push_back(step.to);
    }
  };
  if (kind == "order") add(kOrderSteps);
  if (kind == "quote") add(kQuoteSteps);
  return next;
}

bool IsLegalTransition(std::string_view kind, std::string_view from, std::string_view to) {
  for (const auto step : NextStatuses(kind, from)) {
    if (step == to) return true;
  }
  return false;
}

std::string FormatNumber(std::string_view kind, int64_t sequence) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s-%06lld", kind == "quote" ? "C" : "P",
                static_cast<long long>(sequence));
  return buffer;
}

std::vector<SkuLine> ParseSkuLines(std::string_view text) {
  std::vector<SkuLine> lines;
  int64_t number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    const std::string_view raw = text::Trim(text.substr(start, end - start));
    start = end + 1;
    if (raw.empty()) continue;
    SkuLine line;
    line.line = number;
    line.text = std::string(raw);
    std::vector<std::string_view> tokens;
    size_t at = 0;
    while (at < raw.size()) {
      const size_t next = raw.find_first_of(" \t;,\r", at);
      const size_t stop = next == std::string_view::npos ? raw.size() : next;
      if (stop > at) tokens.push_back(raw.substr(at, stop - at));
      at = stop + 1;
    }
    if (tokens.empty() || tokens.size() > 2) {
      line.error = "unreadable";
    } else {
      line.sku = std::string(tokens[0]);
      int64_t quantity = 1;
      if (tokens.size() == 2) {
        const auto [ptr, error] =
            std::from_chars(tokens[1].data(), tokens[1].data() + tokens[1].size(), quantity);
        if (error != std::errc() || ptr != tokens[1].data() + tokens[1].size()) quantity = 0;
      }
      if (quantity < 1 || quantity > kMaxQuantity) {
        line.error = "bad_quantity";
      } else {
        line.quantity = quantity;
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string FormatAmount(int64_t minor, const std::string& currency) {
  const int digits = validation::CurrencyMinorUnits(currency);
  int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string text = (minor < 0 ? "-" : "") + std::to_string(std::abs(minor) / scale);
  if (digits > 0) {
    std::string fraction = std::to_string(std::abs(minor) % scale);
    text += "." + std::string(static_cast<size_t>(digits) - fraction.size(), '0') + fraction;
  }
  return text + " " + currency;
}

}  // namespace cartera::orders
