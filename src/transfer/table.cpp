#include "transfer/table.hpp"

#include "common/text.hpp"

namespace cartera::transfer {

std::string_view TableRow::Cell(size_t column) const {
  if (column >= ends_.size()) return {};
  const size_t begin = column == 0 ? 0 : ends_[column - 1];
  return std::string_view(text_).substr(begin, ends_[column] - begin);
}

void TableRow::Append(std::string_view cell) {
  text_.append(cell);
  ends_.push_back(static_cast<uint32_t>(text_.size()));
}

void TableRow::PadTo(size_t columns) {
  while (ends_.size() < columns) ends_.push_back(static_cast<uint32_t>(text_.size()));
}

bool TableRow::IsBlank() const { return text::Trim(text_).empty(); }

Error Unreadable(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, "unreadable_file", std::move(message));
}

}  // namespace cartera::transfer
