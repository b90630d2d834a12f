#include "storage/database.hpp"

#include <algorithm>
#include <charconv>

namespace cartera::storage {

Value Nullable(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return *text;
}

Value Nullable(const std::optional<int64_t>& number) {
  if (!number) return nullptr;
  return *number;
}

namespace {
template <typename T>
std::string AppendInList(Params& params, const std::vector<T>& values) {
  if (values.empty()) return "NULL";
  std::string placeholders;
  for (const T& value : values) {
    params.emplace_back(value);
    if (!placeholders.empty()) placeholders += ", ";
    placeholders += "$" + std::to_string(params.size());
  }
  return placeholders;
}
}  // namespace

namespace {

Error AlreadyExists(const UniqueViolation& violation) {
  Error error = MakeError(ErrorCode::kAlreadyExists, "already_exists", "This already exists.");
  error.constraint = violation.constraint();
  return error;
}

}  // namespace

Result<Rows> Connection::TryQuery(std::string_view sql, const Params& params) {
  try {
    return Query(sql, params);
  } catch (const UniqueViolation& violation) {
    return AlreadyExists(violation);
  }
}

Result<int64_t> Connection::TryExecute(std::string_view sql, const Params& params) {
  try {
    return Execute(sql, params);
  } catch (const UniqueViolation& violation) {
    return AlreadyExists(violation);
  }
}

bool IsUniqueViolation(const Error& error, std::string_view constraint) {
  return error.code == ErrorCode::kAlreadyExists && error.constraint == constraint;
}

void LockRow(Connection& connection, std::string_view table, int64_t id) {
  if (connection.dialect() != Dialect::kPostgres) return;
  connection.Query("SELECT 1 FROM " + std::string(table) + " WHERE id = $1 FOR UPDATE", {id});
}

std::string InList(Params& params, const std::vector<int64_t>& values) {
  return AppendInList(params, values);
}

std::string InList(Params& params, const std::vector<std::string>& values) {
  return AppendInList(params, values);
}

void Row::Append(std::string_view value) {
  cells_.push_back({static_cast<uint32_t>(data_.size()), static_cast<uint32_t>(value.size())});
  data_.append(value);
}

std::string_view Row::View(size_t column) const {
  const Cell cell = cells_.at(column);
  if (cell.length == kNull)
    throw DatabaseError("unexpected NULL in column " + std::to_string(column));
  return std::string_view(data_).substr(cell.offset, cell.length);
}

std::optional<std::string> Row::OptionalText(size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

int64_t Row::Int(size_t column) const {
  const std::string_view text = View(column);
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw DatabaseError("column " + std::to_string(column) + " is not an integer");
  }
  return value;
}

std::optional<int64_t> Row::OptionalInt(size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

double Row::Double(size_t column) const { return std::stod(std::string(View(column))); }

PooledConnection::~PooledConnection() {
  if (connection_) owner_->Release(std::move(connection_));
}

Database::Database(Dialect dialect, size_t capacity, Factory factory)
    : dialect_(dialect), capacity_(capacity), factory_(std::move(factory)) {}

PooledConnection Database::Acquire() {
  std::unique_lock lock(mutex_);
  if (idle_.empty() && open_ >= capacity_) {
    ++waits_;
    available_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
  }
  if (!idle_.empty()) {
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    return PooledConnection(this, std::move(connection));
  }
  ++open_;
  ++in_use_;
  lock.unlock();
  try {
    return PooledConnection(this, factory_());
  } catch (...) {
    lock.lock();
    --open_;
    --in_use_;
    lock.unlock();
    available_.notify_one();  // a waiter may now open the connection this call could not
    throw;
  }
}

void Database::EnableGroupCommit(size_t max_batch) {
  group_commit_ = true;
  max_batch_ = std::max<size_t>(1, max_batch);
}

namespace {
// Set while this thread runs works as the group-commit leader: a work that calls InTransaction
// again would wait for itself.
thread_local bool running_grouped_work = false;
}  // namespace

void Database::RunGrouped(const std::function<bool(Connection&)>& work, Grouping grouping) {
  if (running_grouped_work) {
    throw DatabaseError("InTransaction called inside a transaction's work");
  }
  GroupedWork mine{&work, grouping == Grouping::kAlone, nullptr, false};
  std::unique_lock lock(group_mutex_);
  group_queue_.push_back(&mine);
  while (!mine.done) {
    if (group_leader_) {
      group_done_.wait(lock);
      continue;
    }
    // Lead: take what is queued (this work among it, or earlier ones first) and commit it.
    group_leader_ = true;
    std::vector<GroupedWork*> batch;
    try {
      // A work that must be alone ends the batch before it, or is the whole batch.
      size_t take = 0;
      while (take < std::min(group_queue_.size(), max_batch_)) {
        const bool alone = group_queue_[take]->alone;
        if (alone && take > 0) break;
        ++take;
        if (alone) break;
      }
      batch.assign(group_queue_.begin(), group_queue_.begin() + static_cast<std::ptrdiff_t>(take));
      group_queue_.erase(group_queue_.begin(),
                         group_queue_.begin() + static_cast<std::ptrdiff_t>(take));
      lock.unlock();
      running_grouped_work = true;
      RunBatch(batch);
    } catch (...) {
      // RunBatch records failures on the works; this is only reached when memory ran out.
      for (GroupedWork* item : batch) {
        if (!item->error) item->error = std::current_exception();
      }
    }
    running_grouped_work = false;
    if (!lock.owns_lock()) lock.lock();
    ++group_commits_;
    group_works_ += batch.size();
    for (GroupedWork* done : batch) done->done = true;
    group_leader_ = false;
    group_done_.notify_all();
  }
  if (mine.error) std::rethrow_exception(mine.error);
}

void Database::RunBatch(const std::vector<GroupedWork*>& batch) {
  try {
    if (!group_writer_) group_writer_ = factory_();
    Connection& writer = *group_writer_;
    writer.Begin();
    if (batch.size() == 1) {
      GroupedWork* item = batch.front();
      bool keep = false;
      try {
        keep = (*item->work)(writer);
      } catch (...) {
        item->error = std::current_exception();
      }
      if (keep) {
        writer.Commit();
      } else {
        writer.Rollback();
      }
      return;
    }
    for (GroupedWork* item : batch) {
      writer.Execute("SAVEPOINT grouped");
      bool keep = false;
      try {
        keep = (*item->work)(writer);
      } catch (...) {
        item->error = std::current_exception();
      }
      if (!keep) writer.Execute("ROLLBACK TO grouped");
      writer.Execute("RELEASE grouped");
    }
    writer.Commit();
  } catch (const std::exception& failure) {
    // The shared transaction is gone: nothing in it was committed, so every work fails.
    try {
      if (group_writer_) group_writer_->Rollback();
    } catch (...) {  // the writer is reopened below
    }
    group_writer_.reset();
    const std::string message = std::string("the shared commit failed: ") + failure.what();
    for (GroupedWork* item : batch) {
      if (!item->error) item->error = std::make_exception_ptr(DatabaseError(message));
    }
  }
}

void Database::Release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
    --in_use_;
  }
  available_.notify_one();
}

PoolStats Database::Stats() {
  PoolStats stats;
  {
    std::lock_guard lock(mutex_);
    stats = PoolStats{open_, in_use_, capacity_, waits_};
  }
  std::lock_guard lock(group_mutex_);
  stats.group_commits = group_commits_;
  stats.group_works = group_works_;
  return stats;
}

bool Database::Ping() {
  try {
    PooledConnection connection = Acquire();
    return connection->Query("SELECT 1").size() == 1;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace cartera::storage
