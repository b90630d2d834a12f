#include "orders/quick_link_service.hpp"

#include <algorithm>

#include "common/crypto.hpp"

namespace cartera::orders {
namespace {

using storage::Connection;
using storage::Nullable;

constexpr std::string_view kColumns =
    "id, customer_id, created_at, created_by, expires_at, revoked_at, last_used_at, orders_count";

QuickLink FromRow(const storage::Row& row) {
  return QuickLink{row.Int(0),         row.Int(1),         row.Int(2),         row.OptionalInt(3),
                   row.OptionalInt(4), row.OptionalInt(5), row.OptionalInt(6), row.Int(7)};
}

std::optional<QuickLink> FindIn(Connection& connection, int64_t id) {
  const auto rows =
      connection.Query("SELECT " + std::string(kColumns) + " FROM quick_links WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

}  // namespace

std::string_view QuickLink::State(time::Micros now) const {
  if (revoked_at) return "revoked";
  if (expires_at && *expires_at <= now) return "expired";
  return "active";
}

NewQuickLink QuickLinkService::Insert(Connection& connection, int64_t customer_id,
                                      std::optional<time::Micros> expires_at,
                                      std::optional<int64_t> staff_id) {
  NewQuickLink created;
  created.token = crypto::RandomToken(32);
  QuickLink& link = created.link;
  link.customer_id = customer_id;
  link.created_at = time::Now();
  link.created_by = staff_id;
  link.expires_at = expires_at;
  link.id = connection
                .Query(
                    "INSERT INTO quick_links (customer_id, token_hash, created_at, created_by, "
                    "expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    {customer_id, crypto::Sha256Hex(created.token), link.created_at,
                     Nullable(staff_id), Nullable(expires_at)})
                .at(0)
                .Int(0);
  return created;
}

Result<NewQuickLink> QuickLinkService::Create(int64_t customer_id,
                                              std::optional<time::Micros> expires_at,
                                              std::optional<int64_t> staff_id) {
  return database_.InTransaction([&](Connection& connection) -> Result<NewQuickLink> {
    if (!customers_.FindById(connection, customer_id)) return NotFound("customer");
    return Insert(connection, customer_id, expires_at, staff_id);
  });
}

Result<std::vector<QuickLink>> QuickLinkService::List(int64_t customer_id) {
  auto connection = database_.Acquire();
  if (!customers_.FindById(*connection, customer_id)) return NotFound("customer");
  std::vector<QuickLink> links;
  for (const auto& row : connection->Query("SELECT " + std::string(kColumns) +
                                               " FROM quick_links WHERE customer_id = $1 ORDER "
                                               "BY id DESC LIMIT 200",
                                           {customer_id})) {
    links.push_back(FromRow(row));
  }
  std::lock_guard lock(seen_mutex_);
  for (auto& link : links) {
    if (const auto seen = seen_.find(link.id); seen != seen_.end()) {
      link.last_used_at = std::max(link.last_used_at.value_or(0), seen->second);
    }
  }
  return links;
}

Status QuickLinkService::Revoke(int64_t id) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    if (!FindIn(connection, id)) return NotFound("quick link");
    connection.Execute(
        "UPDATE quick_links SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        {time::Now(), id});
    return Ok{};
  });
}

Result<NewQuickLink> QuickLinkService::Regenerate(int64_t id, std::optional<int64_t> staff_id) {
  return database_.InTransaction([&](Connection& connection) -> Result<NewQuickLink> {
    const auto old = FindIn(connection, id);
    if (!old) return NotFound("quick link");
    const time::Micros now = time::Now();
    connection.Execute(
        "UPDATE quick_links SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", {now, id});
    std::optional<time::Micros> expires_at = old->expires_at;
    if (expires_at && *expires_at <= now) expires_at.reset();
    return Insert(connection, old->customer_id, expires_at, staff_id);
  });
}

std::optional<ResolvedLink> QuickLinkService::Resolve(std::string_view token) {
  // Tokens are 43 base64url characters; anything else cannot be one of ours.
  if (token.size() != 43) return std::nullopt;
  const time::Micros now = time::Now();
  std::optional<ResolvedLink> resolved;
  {
    auto connection = database_.Acquire();
    const auto rows = connection->Query(
        "SELECT " + std::string(kColumns) + " FROM quick_links WHERE token_hash = $1",
        {crypto::Sha256Hex(token)});
    if (rows.empty()) return std::nullopt;
    QuickLink link = FromRow(rows[0]);
    if (link.State(now) != "active") return std::nullopt;
    auto customer = customers_.FindById(*connection, link.customer_id);
    if (!customer || customer->account_status != customers::AccountStatus::kActive)
      return std::nullopt;
    resolved = ResolvedLink{std::move(link), std::move(*customer)};
  }
  {
    std::lock_guard lock(seen_mutex_);
    seen_[resolved->link.id] = now;
  }
  return resolved;
}

}  // namespace cartera::orders
