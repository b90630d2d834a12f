#include "messaging/template_repository.hpp"

namespace cartera::messaging {
namespace {

constexpr std::string_view kColumns =
    "id, name, channel, language, subject, body, provider_template_name, version, created_at, "
    "updated_at";
constexpr std::string_view kInsert =
    "INSERT INTO message_templates (name, channel, language, subject, body, "
    "provider_template_name, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, "
    "$7, $7) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE message_templates SET name = $1, channel = $2, language = $3, subject = $4, body = $5, "
    "provider_template_name = $6, version = version + 1, updated_at = $7 WHERE id = $8";
constexpr std::string_view kDelete = "DELETE FROM message_templates WHERE id = $1";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM message_templates";

MessageTemplate FromRow(const storage::Row& row) {
  MessageTemplate item;
  item.id = row.Int(0);
  item.name = row.Text(1);
  item.channel = mail::ParseChannel(row.Text(2)).value_or(mail::Channel::kEmail);
  item.language = ParseLanguage(row.Text(3)).value_or(Language::kEs);
  item.subject = row.OptionalText(4);
  item.body = row.Text(5);
  item.provider_template_name = row.OptionalText(6);
  item.version = row.Int(7);
  item.created_at = row.Int(8);
  item.updated_at = row.Int(9);
  return item;
}

}  // namespace

std::string_view LanguageName(Language language) { return language == Language::kEn ? "en" : "es"; }

std::optional<Language> ParseLanguage(std::string_view name) {
  if (name == "es") return Language::kEs;
  if (name == "en") return Language::kEn;
  return std::nullopt;
}

std::vector<MessageTemplate> TemplateRepository::List(storage::Connection& connection,
                                                      std::optional<mail::Channel> channel,
                                                      std::optional<Language> language) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM message_templates WHERE 1 = 1";
  storage::Params params;
  if (channel) {
    params.emplace_back(std::string(mail::ChannelName(*channel)));
    sql += " AND channel = $" + std::to_string(params.size());
  }
  if (language) {
    params.emplace_back(std::string(LanguageName(*language)));
    sql += " AND language = $" + std::to_string(params.size());
  }
  sql += " ORDER BY name, id LIMIT 1000";
  std::vector<MessageTemplate> items;
  for (const auto& row : connection.Query(sql, params)) items.push_back(FromRow(row));
  return items;
}

std::optional<MessageTemplate> TemplateRepository::Find(storage::Connection& connection,
                                                        int64_t id) {
  const auto rows = connection.Query(
      "SELECT " + std::string(kColumns) + " FROM message_templates WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

MessageTemplate TemplateRepository::Save(storage::Connection& connection, MessageTemplate item,
                                         time::Micros now) {
  const storage::Params fields = {item.name,
                                  std::string(mail::ChannelName(item.channel)),
                                  std::string(LanguageName(item.language)),
                                  storage::Nullable(item.subject),
                                  item.body,
                                  storage::Nullable(item.provider_template_name),
                                  now};
  if (item.id == 0) {
    item.id = connection.Query(kInsert, fields).at(0).Int(0);
  } else {
    storage::Params params = fields;
    params.emplace_back(item.id);
    connection.Execute(kUpdate, params);
  }
  return *Find(connection, item.id);
}

bool TemplateRepository::Delete(storage::Connection& connection, int64_t id) {
  return connection.Execute(kDelete, {id}) > 0;
}

int64_t TemplateRepository::Count(storage::Connection& connection) {
  return connection.Query(kCount).at(0).Int(0);
}

}  // namespace cartera::messaging
