#include <libpq-fe.h>

#include <cstring>
#include <string>

#include "storage/backends.hpp"

namespace cartera::storage {
namespace {

constexpr const char* kUniqueViolation = "23505";

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) : url_(url) { Connect(); }
  ~PostgresConnection() override { PQfinish(connection_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Rows Query(std::string_view sql, const Params& params) override {
    PGresult* result = Run(sql, params);
    Rows rows;
    const int row_count = PQntuples(result);
    const int columns = PQnfields(result);
    rows.reserve(static_cast<size_t>(row_count));
    for (int r = 0; r < row_count; ++r) {
      Row row(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result, r, c)) {
          row.AppendNull();
        } else {
          row.Append(std::string_view(PQgetvalue(result, r, c),
                                      static_cast<size_t>(PQgetlength(result, r, c))));
        }
      }
      rows.push_back(std::move(row));
    }
    PQclear(result);
    return rows;
  }

  int64_t Execute(std::string_view sql, const Params& params) override {
    PGresult* result = Run(sql, params);
    const char* affected = PQcmdTuples(result);
    const int64_t count = (affected && *affected) ? std::stoll(affected) : 0;
    PQclear(result);
    return count;
  }

  void ExecuteScript(std::string_view sql) override {
    EnsureConnected();
    const std::string text(sql);
    PGresult* result = PQexec(connection_, text.c_str());
    Check(result);
    PQclear(result);
  }

  void Begin() override { Execute("BEGIN", {}); }
  void Commit() override { Execute("COMMIT", {}); }
  void Rollback() override {
    if (PQtransactionStatus(connection_) != PQTRANS_IDLE) Execute("ROLLBACK", {});
  }

 private:
  void Connect() {
    connection_ = PQconnectdb(url_.c_str());
    if (PQstatus(connection_) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(connection_);
      PQfinish(connection_);
      connection_ = nullptr;
      throw DatabaseError("cannot connect to PostgreSQL: " + message);
    }
    PGresult* result = PQexec(connection_, "SET client_min_messages TO warning");
    PQclear(result);
  }

  void EnsureConnected() {
    if (PQstatus(connection_) == CONNECTION_OK) return;
    PQreset(connection_);  // a server restart should not poison the pool forever
    if (PQstatus(connection_) != CONNECTION_OK) {
      throw DatabaseError(std::string("PostgreSQL connection lost: ") +
                          PQerrorMessage(connection_));
    }
  }

  PGresult* Run(std::string_view sql, const Params& params) {
    EnsureConnected();
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& value = params[i];
      if (std::holds_alternative<std::nullptr_t>(value)) continue;
      if (const auto* number = std::get_if<int64_t>(&value)) {
        texts[i] = std::to_string(*number);
      } else if (const auto* real = std::get_if<double>(&value)) {
        texts[i] = std::to_string(*real);
      } else {
        texts[i] = std::get<std::string>(value);
      }
      values[i] = texts[i].c_str();
    }
    const std::string text(sql);
    PGresult* result = PQexecParams(connection_, text.c_str(), static_cast<int>(params.size()),
                                    nullptr, values.data(), nullptr, nullptr, 0);
    Check(result);
    return result;
  }

  void Check(PGresult* result) {
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string message = PQerrorMessage(connection_);
    const bool unique = state && std::strcmp(state, kUniqueViolation) == 0;
    const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
    std::string constraint_name = constraint ? constraint : "";
    PQclear(result);
    if (unique) throw UniqueViolation(message, std::move(constraint_name));
    throw DatabaseError("PostgreSQL: " + message);
  }

  std::string url_;
  PGconn* connection_ = nullptr;
};

}  // namespace

std::unique_ptr<Database> OpenPostgres(const std::string& url, size_t pool_size) {
  auto database = std::make_unique<Database>(
      Dialect::kPostgres, pool_size, [url] { return std::make_unique<PostgresConnection>(url); });
  database->Acquire();  // fail fast on a bad URL
  return database;
}

}  // namespace cartera::storage
