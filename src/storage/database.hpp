#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"

// The storage seam. Domain code sees only these types; sqlite3.h and libpq-fe.h stay behind it.
namespace cartera::storage {

enum class Dialect { kSqlite, kPostgres };

// A bind parameter. Booleans are stored as integers 0/1 on both backends.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Value>;

Value Nullable(const std::optional<std::string>& text);
Value Nullable(const std::optional<int64_t>& number);
// Appends `values` to `params` and returns their placeholders ("$3, $4, $5") for an IN list.
// An empty list gives "NULL", which matches nothing.
std::string InList(Params& params, const std::vector<int64_t>& values);
std::string InList(Params& params, const std::vector<std::string>& values);

// Thrown for failures that are not the caller's fault (connection lost, disk full, bug in SQL).
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// Thrown when a UNIQUE constraint rejects a write. Connection::TryQuery/TryExecute return it as
// kAlreadyExists instead, naming the constraint (Error::constraint).
class UniqueViolation : public DatabaseError {
 public:
  // `constraint` is named the same on both backends: a unique index by its name, an inline
  // UNIQUE column constraint as <table>_<columns>_key and a primary key as <table>_pkey (as
  // PostgreSQL names them); empty when SQLite cannot tell which of two indexes refused.
  UniqueViolation(const std::string& message, std::string constraint)
      : DatabaseError(message), constraint_(std::move(constraint)) {}
  const std::string& constraint() const { return constraint_; }

 private:
  std::string constraint_;
};

// One result row. Cells are kept as text (both backends can give text) in one buffer, so a
// row costs one allocation however many columns it has.
class Row {
 public:
  explicit Row(size_t columns) { cells_.reserve(columns); }
  void Append(std::string_view value);
  void AppendNull() { cells_.push_back({0, kNull}); }

  size_t size() const { return cells_.size(); }
  bool IsNull(size_t column) const { return cells_.at(column).length == kNull; }
  std::string Text(size_t column) const { return std::string(View(column)); }
  std::optional<std::string> OptionalText(size_t column) const;
  int64_t Int(size_t column) const;
  std::optional<int64_t> OptionalInt(size_t column) const;
  double Double(size_t column) const;
  bool Bool(size_t column) const { return Int(column) != 0; }

 private:
  static constexpr uint32_t kNull = UINT32_MAX;
  struct Cell {
    uint32_t offset;
    uint32_t length;
  };
  // The text of a non-null cell; throws DatabaseError for NULL.
  std::string_view View(size_t column) const;

  std::string data_;
  std::vector<Cell> cells_;
};
using Rows = std::vector<Row>;

// A live connection. Not thread-safe: one user at a time (the pool guarantees it).
// SQL uses $1..$n placeholders on both backends.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual int64_t Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void ExecuteScript(std::string_view sql) = 0;
  // Query and Execute for a write that a UNIQUE constraint may refuse: the refusal comes back as
  // kAlreadyExists `already_exists` with Error::constraint naming the constraint (see
  // UniqueViolation), for the repository to turn into its own error (IsUniqueViolation). Other
  // failures still throw DatabaseError.
  Result<Rows> TryQuery(std::string_view sql, const Params& params = {});
  Result<int64_t> TryExecute(std::string_view sql, const Params& params = {});
  // Starts a transaction that will write ("BEGIN IMMEDIATE" on SQLite).
  virtual void Begin() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
};

// Whether `error` is the refusal of unique constraint `constraint` (from TryQuery/TryExecute).
bool IsUniqueViolation(const Error& error, std::string_view constraint);

// Inside a write transaction, locks row `id` of `table` until the commit, so that a read-check-
// write sequence cannot interleave with another transaction's. PostgreSQL: SELECT … FOR UPDATE.
// SQLite: nothing to do, the transaction already holds the database's one write lock.
void LockRow(Connection& connection, std::string_view table, int64_t id);

struct PoolStats {
  size_t size = 0;             // connections open
  size_t in_use = 0;           // connections borrowed now
  size_t capacity = 0;         // the most the pool will open
  uint64_t waits = 0;          // times a caller waited for a free connection
  uint64_t group_commits = 0;  // shared transactions committed (SQLite group commit)
  uint64_t group_works = 0;    // InTransaction calls they carried
};

class Database;

// A connection borrowed from the pool, returned on destruction.
class PooledConnection {
 public:
  PooledConnection(Database* owner, std::unique_ptr<Connection> connection)
      : owner_(owner), connection_(std::move(connection)) {}
  PooledConnection(PooledConnection&&) noexcept = default;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();
  Connection* operator->() { return connection_.get(); }
  Connection& operator*() { return *connection_; }

 private:
  Database* owner_;
  std::unique_ptr<Connection> connection_;
};

// How a write shares the group commit of SQLite (PostgreSQL runs every transaction alone).
enum class Grouping {
  kShared,  // in a batch with other callers' works, each in its own savepoint
  // In a transaction of its own, with no savepoint: for a long work, such as an import of many
  // rows. Inside a savepoint SQLite journals every page the work changes (in memory here), and
  // each statement of the work that ends walks that journal, so a long work in a savepoint
  // would take time in proportion to the square of its size. Other writers wait meanwhile.
  kAlone,
};

// A pool of connections to one database, shared by every request thread.
class Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  Database(Dialect dialect, size_t capacity, Factory factory);
  virtual ~Database() = default;

  Dialect dialect() const { return dialect_; }
  PooledConnection Acquire();
  PoolStats Stats();
  // True when a trivial query answers.
  bool Ping();

  // Runs `work(connection)` inside a write transaction; commits when it returns an ok Result,
  // rolls back on an error Result or an exception (which is rethrown). Returns after the
  // commit is durable.
  //
  // With group commit (SQLite, which has one writer and pays one fsync per commit), concurrent
  // callers' work runs in one shared transaction, each in its own savepoint, on the writer
  // connection: a failing work rolls back only its savepoint, and every caller returns after
  // the one commit that holds its writes. `work` must use only the connection it is given.
  // Grouping::kAlone gives a long work a transaction of its own instead (see Grouping).
  template <typename Work>
  auto InTransaction(Work&& work, Grouping grouping = Grouping::kShared)
      -> decltype(work(std::declval<Connection&>())) {
    using Output = decltype(work(std::declval<Connection&>()));
    if (group_commit_) {
      std::optional<Output> output;
      RunGrouped(
          [&](Connection& connection) {
            output.emplace(work(connection));
            return output->ok();
          },
          grouping);
      return std::move(*output);
    }
    PooledConnection connection = Acquire();
    connection->Begin();
    try {
      auto result = work(*connection);
      if (result.ok()) {
        connection->Commit();
      } else {
        connection->Rollback();
      }
      return result;
    } catch (...) {
      try {
        connection->Rollback();
      } catch (...) {  // the original failure matters more than a failed rollback
      }
      throw;
    }
  }

  // Writes go through group commit from now on (see InTransaction).
  void EnableGroupCommit(size_t max_batch);

 private:
  friend class PooledConnection;
  void Release(std::unique_ptr<Connection> connection);

  struct GroupedWork {
    const std::function<bool(Connection&)>* work;
    bool alone = false;
    std::exception_ptr error;
    bool done = false;
  };
  // Queues `work` for the shared transaction and returns when it is committed (or rethrows).
  void RunGrouped(const std::function<bool(Connection&)>& work, Grouping grouping);
  // Runs one batch on the writer connection: BEGIN, a savepoint per work, COMMIT; a batch of
  // one work needs no savepoint (its failure rolls the transaction back).
  void RunBatch(const std::vector<GroupedWork*>& batch);

  Dialect dialect_;
  size_t capacity_;
  Factory factory_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;
  size_t in_use_ = 0;
  uint64_t waits_ = 0;

  bool group_commit_ = false;
  size_t max_batch_ = 64;
  std::mutex group_mutex_;
  std::condition_variable group_done_;
  std::deque<GroupedWork*> group_queue_;
  bool group_leader_ = false;
  std::unique_ptr<Connection> group_writer_;  // used only by the current leader
  uint64_t group_commits_ = 0;
  uint64_t group_works_ = 0;
};

// Opens `url` ("sqlite:PATH" or "postgresql://…") with a pool of `pool_size` connections.
// Throws DatabaseError when the URL is not understood or the first connection fails.
std::unique_ptr<Database> Open(const std::string& url, size_t pool_size);

// Applies every embedded migration not yet applied, in order, each in its own transaction.
// Returns the names applied.
std::vector<std::string> Migrate(Database& database);

}  // namespace cartera::storage
