#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/backends.hpp"

namespace cartera::storage {
namespace {

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::shared_ptr<std::mutex> write_lock)
      : write_lock_(std::move(write_lock)) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DatabaseError("cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 10000);
    // WAL lets readers run beside the one writer; synchronous=FULL makes every acknowledged
    // commit survive a power cut.
    ExecuteScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;");
  }

  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Rows Query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* statement = Prepare(sql, params);
    Rows rows;
    const int columns = sqlite3_column_count(statement);
    int code = 0;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
      Row row(static_cast<size_t>(columns));
      for (int i = 0; i < columns; ++i) {
        if (sqlite3_column_type(statement, i) == SQLITE_NULL) {
          row.AppendNull();
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
          row.Append(
              std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(statement, i))));
        }
      }
      rows.push_back(std::move(row));
    }
    Finish(statement, code);
    return rows;
  }

  int64_t Execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* statement = Prepare(sql, params);
    int code = 0;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    Finish(statement, code);
    return sqlite3_changes64(db_);
  }

  void ExecuteScript(std::string_view sql) override {
    char* error = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw DatabaseError("SQLite script failed: " + message);
    }
  }

  // SQLite has one writer at a time. Writers of this process queue on a mutex instead of
  // polling the file lock (the busy handler sleeps for milliseconds between tries).
  void Begin() override {
    std::unique_lock lock(*write_lock_);
    Execute("BEGIN IMMEDIATE", {});
    writing_ = std::move(lock);
  }
  void Commit() override {
    Execute("COMMIT", {});
    writing_ = {};
  }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) Execute("ROLLBACK", {});
    writing_ = {};
  }

 private:
  sqlite3_stmt* Prepare(std::string_view sql, const Params& params) {
    sqlite3_stmt* statement = nullptr;
    if (const auto found = statements_.find(sql); found != statements_.end()) {
      statement = found->second;
    } else {
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
        throw DatabaseError(std::string("SQLite prepare failed: ") + sqlite3_errmsg(db_));
      }
      statements_.emplace(std::string(sql), statement);
    }
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    for (size_t i = 0; i < params.size(); ++i) {
      // "$N" is a named parameter to SQLite; find its slot by name so order of use is free.
      const std::string name = "$" + std::to_string(i + 1);
      const int index = sqlite3_bind_parameter_index(statement, name.c_str());
      if (index == 0) continue;
      Bind(statement, index, params[i]);
    }
    return statement;
  }

  void Bind(sqlite3_stmt* statement, int index, const Value& value) {
    int code = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
      code = sqlite3_bind_null(statement, index);
    } else if (const auto* number = std::get_if<int64_t>(&value)) {
      code = sqlite3_bind_int64(statement, index, *number);
    } else if (const auto* real = std::get_if<double>(&value)) {
      code = sqlite3_bind_double(statement, index, *real);
    } else {
      const auto& text = std::get<std::string>(value);
      code = sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
    }
    if (code != SQLITE_OK) throw DatabaseError("SQLite bind failed");
  }

  // Rows of a PRAGMA (run on the failure path only, with no parameters), as text.
  std::vector<std::vector<std::string>> Pragma(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      auto& row = rows.emplace_back();
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const auto* text = sqlite3_column_text(statement, i);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
    }
    sqlite3_finalize(statement);
    return rows;
  }

  // The constraint behind SQLite's "UNIQUE constraint failed: t.a, t.b" (or "…: index 'x'"),
  // named as PostgreSQL names it (see UniqueViolation): SQLite gives the columns, so the unique
  // index of the table on exactly those columns is looked up. Empty when none or several match
  // (two partial indexes on the same columns).
  std::string ConstraintOf(const std::string& message) {
    const std::string marker = "constraint failed: ";
    const size_t at = message.find(marker);
    if (at == std::string::npos) return "";
    std::string rest = message.substr(at + marker.size());
    if (rest.rfind("index '", 0) == 0) return rest.substr(7, rest.find('\'', 7) - 7);
    std::string table;
    std::vector<std::string> columns;
    for (size_t start = 0; start < rest.size();) {
      size_t end = rest.find(", ", start);
      if (end == std::string::npos) end = rest.size();
      const std::string item = rest.substr(start, end - start);
      const size_t dot = item.find('.');
      if (dot == std::string::npos) return "";
      table = item.substr(0, dot);
      columns.push_back(item.substr(dot + 1));
      start = end + 2;
    }
    std::string found;
    for (const auto& index : Pragma("PRAGMA index_list('" + table + "')")) {
      // seq, name, unique, origin (c: CREATE INDEX, u: UNIQUE, pk), partial
      if (index.size() < 4 || index[2] != "1") continue;
      std::vector<std::string> indexed;
      for (const auto& info : Pragma("PRAGMA index_info('" + index[1] + "')")) {
        indexed.push_back(info.size() > 2 ? info[2] : "");
      }
      if (indexed != columns) continue;
      if (!found.empty()) return "";
      if (index[3] == "c") {
        found = index[1];
      } else if (index[3] == "pk") {
        found = table + "_pkey";
      } else {
        found = table;
        for (const auto& column : columns) found += "_" + column;
        found += "_key";
      }
    }
    if (found.empty() && columns.size() == 1) {
      // An INTEGER PRIMARY KEY is the rowid: it has no index.
      for (const auto& column : Pragma("PRAGMA table_info('" + table + "')")) {
        if (column.size() > 5 && column[1] == columns[0] && column[5] == "1")
          return table + "_pkey";
      }
    }
    return found;
  }

  void Finish(sqlite3_stmt* statement, int code) {
    sqlite3_reset(statement);
    if (code == SQLITE_DONE) return;
    const std::string message = sqlite3_errmsg(db_);
    if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE ||
        sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_PRIMARYKEY) {
      throw UniqueViolation(message, ConstraintOf(message));
    }
    throw DatabaseError("SQLite: " + message);
  }

  sqlite3* db_ = nullptr;
  // Looked up by string_view, so a cached statement costs no allocation per query.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> statements_;
  std::shared_ptr<std::mutex> write_lock_;
  std::unique_lock<std::mutex> writing_;  // held from Begin to Commit or Rollback
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const std::string& path, size_t pool_size) {
  // Memory statistics take a global mutex on every allocation; we never read them.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  const std::filesystem::path file(path);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  auto write_lock = std::make_shared<std::mutex>();
  auto database = std::make_unique<Database>(Dialect::kSqlite, pool_size, [path, write_lock] {
    return std::make_unique<SqliteConnection>(path, write_lock);
  });
  database->Acquire();  // fail fast on a bad path
  // One fsync per commit is SQLite's write ceiling; concurrent writers share commits.
  database->EnableGroupCommit(64);
  return database;
}

}  // namespace cartera::storage
