#include "transfer/import_service.hpp"

#include <charconv>
#include <optional>
#include <unordered_map>

#include "common/text.hpp"
#include "staff/staff_events.hpp"
#include "transfer/columns.hpp"
#include "transfer/csv.hpp"
#include "transfer/xlsx_reader.hpp"

namespace cartera::transfer {
namespace {

namespace json = boost::json;
using WriteMode = customers::CustomerService::WriteMode;

// The spreadsheet's name of column `index` (0 -> A, 26 -> AA).
std::string ColumnLetter(size_t index) {
  std::string letters;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::optional<int64_t> ParseCustomerId(std::string_view text) {
  // An .xlsx number cell may hold "42" or "42.0".
  if (text.ends_with(".0")) text.remove_suffix(2);
  int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// Which file column feeds which customer column.
struct Mapping {
  std::vector<std::pair<size_t, const Column*>> fields;  // file column, importable column
  std::optional<size_t> id_column, external_id_column;
};

Result<Mapping> MapHeader(const TableRow& header, std::vector<ImportWarning>& warnings) {
  Mapping mapping;
  const auto columns = Columns();
  std::vector<bool> seen(columns.size(), false);
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string_view heading = text::Trim(header.Cell(i));
    if (heading.empty()) continue;
    const auto found = FindColumn(heading);
    if (!found) {
      warnings.push_back({ColumnLetter(i), std::string(heading), "unknown_column",
                          "No customer field has this name; the column is ignored."});
      continue;
    }
    const Column& column = columns[*found];
    if (seen[*found]) {
      warnings.push_back({ColumnLetter(i), std::string(heading), "duplicate_column",
                          "An earlier column is already read as " + std::string(column.name) +
                              "; this one is ignored."});
      continue;
    }
    seen[*found] = true;
    if (!column.importable) {
      warnings.push_back({ColumnLetter(i), std::string(heading), "read_only",
                          std::string(column.name) + " is read-only; the column is ignored."});
      continue;
    }
    if (column.type == ColumnType::kId) {
      mapping.id_column = i;
      continue;
    }
    if (column.name == "external_id") mapping.external_id_column = i;
    mapping.fields.emplace_back(i, &column);
  }
  if (mapping.fields.empty() && !mapping.id_column) {
    return ValidationError({{"header", "invalid",
                             "The first row names no customer field (e.g. name, email, "
                             "Nombre, Correo)."}});
  }
  return mapping;
}

// What the database already holds for the ids and external ids the file names.
struct Existing {
  std::unordered_map<int64_t, int64_t> version_by_id;
  std::unordered_map<std::string, int64_t> id_by_external_id;
};

Existing LoadExisting(storage::Connection& connection, const std::vector<int64_t>& ids,
                      const std::vector<std::string>& external_ids) {
  constexpr size_t kBatch = 500;
  Existing existing;
  for (size_t start = 0; start < ids.size(); start += kBatch) {
    const std::vector<int64_t> batch(
        ids.begin() + static_cast<ptrdiff_t>(start),
        ids.begin() + static_cast<ptrdiff_t>(std::min(ids.size(), start + kBatch)));
    storage::Params params;
    const std::string in = storage::InList(params, batch);
    for (const auto& row :
         connection.Query("SELECT id, version FROM customers WHERE id IN (" + in + ")", params)) {
      existing.version_by_id.emplace(row.Int(0), row.Int(1));
    }
  }
  for (size_t start = 0; start < external_ids.size(); start += kBatch) {
    const std::vector<std::string> batch(
        external_ids.begin() + static_cast<ptrdiff_t>(start),
        external_ids.begin() +
            static_cast<ptrdiff_t>(std::min(external_ids.size(), start + kBatch)));
    storage::Params params;
    const std::string in = storage::InList(params, batch);
    for (const auto& row : connection.Query(
             "SELECT id, external_id, version FROM customers WHERE external_id IN (" + in + ")",
             params)) {
      existing.id_by_external_id.emplace(row.Text(1), row.Int(0));
      existing.version_by_id.emplace(row.Int(0), row.Int(2));
    }
  }
  return existing;
}

// SQLite only. FTS5 writes out its pending index data at every statement savepoint, so the
// per-row trigger that keeps the customer search index (customers_search_insert, migration 001)
// costs a tiny index segment, and the merging of those, for every new customer: four fifths of
// an import's time. Inside the import's transaction the trigger is dropped; at the end the new
// customers (every id above the highest one before) are indexed in one statement and the
// trigger is put back exactly as the schema had it. Other connections never see the change,
// and a rollback undoes it.
class DeferredSearchIndex {
 public:
  explicit DeferredSearchIndex(storage::Connection& connection) : connection_(connection) {
    if (connection.dialect() != storage::Dialect::kSqlite) return;
    const auto trigger = connection.Query(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = "
        "'customers_search_insert'");
    if (trigger.empty()) return;
    trigger_sql_ = trigger[0].Text(0);
    last_id_ = connection.Query("SELECT COALESCE(MAX(id), 0) FROM customers").at(0).Int(0);
    connection.Execute("DROP TRIGGER customers_search_insert");
  }

  // Indexes the customers added since the constructor and restores the trigger.
  void Finish() {
    if (!trigger_sql_) return;
    connection_.Execute(
        "INSERT INTO customer_search (rowid, search_text) SELECT id, search_text FROM customers "
        "WHERE id > $1",
        {last_id_});
    connection_.Execute(*trigger_sql_);
    trigger_sql_.reset();
  }

 private:
  storage::Connection& connection_;
  std::optional<std::string> trigger_sql_;
  int64_t last_id_ = 0;
};

// What one row asks for, found before anything is written.
struct PlannedRow {
  const TableRow* row = nullptr;
  std::optional<int64_t> target;  // update this customer; else create
  std::vector<ImportError> errors;
};

class Importer {
 public:
  Importer(const Table& table, const Mapping& mapping, bool csv, ImportReport& report)
      : table_(table), mapping_(mapping), csv_(csv), report_(report) {}

  // Every row's target, and the errors found without writing: bad or unknown ids, an id or
  // external id used by two rows, an external id another customer has.
  std::vector<PlannedRow> Plan(storage::Connection& connection) {
    std::vector<PlannedRow> plan;
    std::vector<int64_t> ids;
    std::vector<std::string> external_ids;
    std::unordered_map<int64_t, size_t> row_of_id;
    std::unordered_map<std::string, size_t> row_of_external_id;
    for (size_t i = 1; i < table_.rows.size(); ++i) {
      const TableRow& row = table_.rows[i];
      if (row.IsBlank()) continue;
      PlannedRow planned;
      planned.row = &row;
      if (mapping_.id_column) {
        const std::string_view text = Cell(row, *mapping_.id_column);
        if (!text.empty()) {
          const auto id = ParseCustomerId(text);
          if (!id) {
            planned.errors.push_back(
                {row.number(), "id", "invalid", "Not a customer id (a whole number)."});
          } else if (const auto [it, fresh] = row_of_id.emplace(*id, row.number()); !fresh) {
            planned.errors.push_back(
                {row.number(), "id", "duplicate",
                 "Row " + std::to_string(it->second) + " already has this customer."});
          } else {
            planned.target = *id;
            ids.push_back(*id);
          }
        }
      }
      if (mapping_.external_id_column) {
        const std::string external_id(Cell(row, *mapping_.external_id_column));
        if (!external_id.empty()) {
          if (const auto [it, fresh] = row_of_external_id.emplace(external_id, row.number());
              !fresh) {
            planned.errors.push_back(
                {row.number(), "external_id", "duplicate",
                 "Row " + std::to_string(it->second) + " already has this external_id."});
          } else {
            external_ids.push_back(external_id);
          }
        }
      }
      plan.push_back(std::move(planned));
    }
    const Existing existing = LoadExisting(connection, ids, external_ids);
    versions_ = existing.version_by_id;
    for (PlannedRow& planned : plan) {
      const size_t number = planned.row->number();
      if (planned.target && !existing.version_by_id.contains(*planned.target)) {
        planned.errors.push_back({number, "id", "not_found", "No customer has this id."});
        planned.target.reset();
        continue;
      }
      if (!mapping_.external_id_column) continue;
      const std::string external_id(Cell(*planned.row, *mapping_.external_id_column));
      const auto owner = existing.id_by_external_id.find(external_id);
      if (external_id.empty() || owner == existing.id_by_external_id.end()) continue;
      if (!planned.target) {
        // Found by its external id: still one row per customer.
        if (const auto earlier = row_of_id.find(owner->second); earlier != row_of_id.end()) {
          planned.errors.push_back(
              {number, "external_id", "duplicate",
               "Row " + std::to_string(earlier->second) + " already has this customer."});
        } else if (planned.errors.empty()) {
          planned.target = owner->second;
          row_of_id.emplace(owner->second, number);
        }
      } else if (*planned.target != owner->second) {
        planned.errors.push_back(
            {number, "external_id", "taken", "Another customer has this external_id."});
      }
    }
    return plan;
  }

  // Creates or updates the customer of one row through the API's own path (or, with
  // kCheckOnly, runs every check of it without writing).
  void Apply(storage::Connection& connection, customers::CustomerService& service,
             const PlannedRow& planned, const history::EventActor& actor, WriteMode mode) {
    ++report_.rows;
    if (!planned.errors.empty()) {
      for (const auto& error : planned.errors) AddError(error);
      return;
    }
    const TableRow& row = *planned.row;
    json::object body;
    for (const auto& [index, column] : mapping_.fields) {
      if (auto value = CellJson(*column, Cell(row, index))) body[column->name] = std::move(*value);
    }
    if (planned.target) {
      auto result = service.PatchOn(connection, *planned.target, body, std::nullopt, actor, mode);
      if (!result.ok()) return AddRowError(row.number(), result.error());
      if (result->version == versions_[*planned.target]) {
        ++report_.unchanged;
      } else {
        ++report_.updated;
      }
    } else {
      auto result = service.CreateOn(connection, body, actor, mode);
      if (!result.ok()) return AddRowError(row.number(), result.error());
      ++report_.created;
    }
  }

 private:
  std::string_view Cell(const TableRow& row, size_t index) const {
    const std::string_view cell = text::Trim(row.Cell(index));
    return csv_ ? StripNeutraliser(cell) : cell;
  }

  void AddError(ImportError error) {
    ++report_.error_count;
    if (report_.errors.size() < kMaxReportedErrors) report_.errors.push_back(std::move(error));
  }

  // One error per field the API named; an error about the whole record is put on the field
  // the user would change.
  void AddRowError(size_t row, const Error& error) {
    if (!error.fields.empty()) {
      for (const auto& field : error.fields) {
        AddError({row, field.field, field.code, field.message});
      }
      return;
    }
    if (error.code == ErrorCode::kFailedPrecondition) {
      return AddError({row, "version", "stale",
                       "This customer changed after the file was exported; export it again."});
    }
    if (error.api_code == "contacts_have_access") {
      return AddError({row, "account_status", error.api_code, error.message});
    }
    AddError({row, "", error.api_code, error.message});
  }

  const Table& table_;
  const Mapping& mapping_;
  bool csv_;
  ImportReport& report_;
  std::unordered_map<int64_t, int64_t> versions_;
};

}  // namespace

Result<ImportReport> ImportService::Import(std::string_view body, const ImportOptions& options) {
  if (text::Trim(body).empty()) return Unreadable("The file is empty.");
  ImportReport report;
  report.dry_run = options.dry_run;
  const bool xlsx = IsZip(body);
  report.format = xlsx ? "xlsx" : "csv";
  // The header and one row more than allowed, to tell "too many" from "just enough".
  const size_t max_rows = kMaxImportRows + 2;
  TRY_ASSIGN(Table table, xlsx ? ReadXlsx(body, max_rows) : ReadCsv(body, max_rows));
  size_t data_rows = 0;
  for (size_t i = 1; i < table.rows.size(); ++i) data_rows += !table.rows[i].IsBlank();
  if (table.truncated || data_rows > kMaxImportRows) {
    Error error = MakeError(ErrorCode::kValidation, "too_many",
                            "At most 200,000 rows can be imported at once; split the file.");
    error.fields.push_back({"file", "too_many", "At most 200,000 rows."});
    return error;
  }
  if (table.rows.empty() || table.rows.front().IsBlank()) {
    return ValidationError({{"header", "required", "The first row must name the columns."}});
  }
  TRY_ASSIGN(const Mapping mapping, MapHeader(table.rows.front(), report.warnings));

  Importer importer(table, mapping, !xlsx, report);
  if (options.dry_run) {
    // Every check, writing nothing, on a connection of its own: no write lock is taken.
    auto connection = database_.Acquire();
    for (const PlannedRow& planned : importer.Plan(*connection)) {
      importer.Apply(*connection, customers_, planned, options.actor, WriteMode::kCheckOnly);
    }
    return report;
  }
  // One transaction for every row, alone rather than in a shared group commit (see
  // storage::Grouping). After the first bad row the rest are only checked, so that the report
  // still lists every error, and the transaction is rolled back.
  const auto work = [&](storage::Connection& connection) -> Status {
    DeferredSearchIndex search_index(connection);
    for (const PlannedRow& planned : importer.Plan(connection)) {
      importer.Apply(connection, customers_, planned, options.actor,
                     report.error_count > 0 ? WriteMode::kCheckOnly : WriteMode::kWrite);
    }
    if (report.error_count > 0) {
      return MakeError(ErrorCode::kConflict, "rolled_back", "Nothing was written.");
    }
    search_index.Finish();
    staff::RecordStaffEvent(connection, options.actor.id.value_or(0),
                            options.actor.name.value_or(""), "customers_imported",
                            {{"format", report.format},
                             {"rows", report.rows},
                             {"created", report.created},
                             {"updated", report.updated},
                             {"unchanged", report.unchanged}},
                            time::Now());
    return Ok{};
  };
  const Status status = database_.InTransaction(work, storage::Grouping::kAlone);
  if (!status.ok() && status.error().api_code != "rolled_back") return status.error();
  return report;
}

}  // namespace cartera::transfer
