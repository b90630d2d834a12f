#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.hpp"
#include "mail/outbox.hpp"
#include "storage/database.hpp"

// Every statement on message_templates (migration 016).
namespace cartera::messaging {

enum class Language { kEs, kEn };
std::string_view LanguageName(Language language);
std::optional<Language> ParseLanguage(std::string_view name);

struct MessageTemplate {
  int64_t id = 0;
  std::string name;
  mail::Channel channel = mail::Channel::kEmail;
  Language language = Language::kEs;
  std::optional<std::string> subject;
  std::string body;
  std::optional<std::string> provider_template_name;
  int64_t version = 1;
  time::Micros created_at = 0, updated_at = 0;
};

class TemplateRepository {
 public:
  // By name, then id; optionally one channel and language.
  std::vector<MessageTemplate> List(storage::Connection& connection,
                                    std::optional<mail::Channel> channel,
                                    std::optional<Language> language);
  std::optional<MessageTemplate> Find(storage::Connection& connection, int64_t id);
  // Inserts (id 0) or updates (version + 1) and returns the row as stored.
  MessageTemplate Save(storage::Connection& connection, MessageTemplate item, time::Micros now);
  bool Delete(storage::Connection& connection, int64_t id);
  int64_t Count(storage::Connection& connection);
};

}  // namespace cartera::messaging
