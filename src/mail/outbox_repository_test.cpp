// The outbox on both backends: queued with the change that causes it (or not at all), claimed
// by one sender at a time, outcomes recorded with the customer's history event.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "common/crypto.hpp"
#include "customers/customer_repository.hpp"
#include "mail/outbox_repository.hpp"
#include "storage/database.hpp"

namespace cartera::mail {
namespace {

class Outbox : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialise());
    const std::string suffix = crypto::Sha256Hex(crypto::RandomToken()).substr(0, 12);
    if (GetParam() == "sqlite") {
      path_ = std::filesystem::temp_directory_path() / ("cartera_outbox_" + suffix + ".db");
      database_ = storage::Open("sqlite:" + path_.string(), 3);
    } else {
      const char* admin_url = std::getenv("CARTERA_TEST_PG_URL");
      if (!admin_url) GTEST_SKIP() << "CARTERA_TEST_PG_URL not set";
      admin_ = storage::Open(admin_url, 1);
      name_ = "cartera_outbox_" + suffix;
      admin_->Acquire()->Execute("CREATE DATABASE " + name_);
      const std::string url =
          std::string(admin_url).substr(0, std::string(admin_url).rfind('/') + 1);
      database_ = storage::Open(url + name_, 3);
    }
    storage::Migrate(*database_);
    customers::Customer customer;
    customer.name = "Ferretería Núñez";
    customer.currency = "EUR";
    customer.language = "es";
    customer.created_at = customer.updated_at = 1000;
    auto connection = database_->Acquire();
    auto inserted = customers::CustomerRepository().Insert(*connection, customer);
    ASSERT_TRUE(inserted.ok());
    customer_id_ = inserted->id;
    connection->Execute(
        "UPDATE settings SET value = 'Suministros Iberia' WHERE key = 'store_name'");
  }

  void TearDown() override {
    database_.reset();
    for (const char* extension : {"", "-wal", "-shm"}) {
      if (!path_.empty()) std::filesystem::remove(path_.string() + extension);
    }
    if (admin_) admin_->Acquire()->Execute("DROP DATABASE IF EXISTS " + name_);
  }

  int64_t Queue(std::string template_name = "smtp_test", std::string language = "es") {
    return database_
        ->InTransaction([&](storage::Connection& connection) -> Result<int64_t> {
          return Enqueue(connection, MailRequest{std::move(template_name),
                                                 std::move(language),
                                                 "ana@example.com",
                                                 "Ana Núñez",
                                                 {},
                                                 customer_id_,
                                                 std::nullopt});
        })
        .value();
  }

  std::string Column(int64_t id, const std::string& column) {
    auto rows =
        database_->Acquire()->Query("SELECT " + column + " FROM mail_outbox WHERE id = $1", {id});
    return rows.at(0).IsNull(0) ? "NULL" : rows[0].Text(0);
  }

  std::filesystem::path path_;
  std::string name_;
  std::unique_ptr<storage::Database> admin_;
  std::unique_ptr<storage::Database> database_;
  int64_t customer_id_ = 0;
};

TEST_P(Outbox, EnqueueRendersInTheRecipientsLanguageWithTheStoreName) {
  const int64_t spanish = Queue("smtp_test", "es-MX");
  const int64_t english = Queue("smtp_test", "en");
  const int64_t other = Queue("smtp_test", "de");
  EXPECT_EQ(Column(spanish, "language"), "es");
  EXPECT_EQ(Column(english, "language"), "en");
  EXPECT_EQ(Column(other, "language"), "es");
  EXPECT_EQ(Column(spanish, "subject"), "Prueba de correo de Suministros Iberia");
  EXPECT_EQ(Column(english, "subject"), "Test email from Suministros Iberia");
  EXPECT_EQ(Column(spanish, "from_name"), "Suministros Iberia");
  EXPECT_EQ(Column(spanish, "status"), "queued");
  EXPECT_EQ(Column(spanish, "attempts"), "0");
  EXPECT_NE(Column(spanish, "body_html").find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(Column(spanish, "message_id"), Column(english, "message_id"));
  EXPECT_THROW(Queue("no_such_template"), std::invalid_argument);
}

TEST_P(Outbox, MailExistsOnlyIfTheChangeCommits) {
  const auto rolled_back = database_->InTransaction([&](storage::Connection& connection) -> Status {
    Enqueue(connection, MailRequest{"smtp_test", "es", "x@example.com", "", {}, customer_id_, {}});
    return NotFound("customer");  // the change fails: its mail must go with it
  });
  EXPECT_FALSE(rolled_back.ok());
  EXPECT_EQ(database_->Acquire()->Query("SELECT 1 FROM mail_outbox").size(), 0U);
}

TEST_P(Outbox, ClaimsAreExclusiveUntilTheLeaseEnds) {
  std::set<int64_t> queued;
  for (int i = 0; i < 5; ++i) queued.insert(Queue());
  const time::Micros now = time::Now() + 1;
  const auto first = Claim(*database_, "token-a", 3, now, 60'000'000);
  const auto second = Claim(*database_, "token-b", 10, now, 60'000'000);
  ASSERT_EQ(first.size(), 3U);
  ASSERT_EQ(second.size(), 2U);
  std::set<int64_t> claimed;
  for (const auto* batch : {&first, &second}) {
    for (const auto& message : *batch) EXPECT_TRUE(claimed.insert(message.id).second);
  }
  EXPECT_EQ(claimed, queued);
  EXPECT_EQ(first[0].to_address, "ana@example.com");
  EXPECT_EQ(first[0].to_name, "Ana Núñez");
  EXPECT_EQ(first[0].from_name, "Suministros Iberia");
  EXPECT_TRUE(Claim(*database_, "token-c", 10, now, 60'000'000).empty());
  EXPECT_FALSE(AnyDue(*database_, now));
  // The lease ends (the sender died): the messages are due again, for anyone.
  EXPECT_TRUE(AnyDue(*database_, now + 60'000'001));
  EXPECT_EQ(Claim(*database_, "token-d", 10, now + 60'000'001, 60'000'000).size(), 5U);
  // token-a lost its claim: what it records now is ignored.
  Record(*database_, "token-a", {{first[0].id, Outcome::Kind::kSent, {}, now, 0, {}}});
  EXPECT_EQ(Column(first[0].id, "status"), "queued");
}

TEST_P(Outbox, OutcomesAreRecordedWithTheCustomersHistory) {
  const int64_t sent = Queue(), retried = Queue(), failed = Queue(), released = Queue();
  const time::Micros now = time::Now() + 1;
  ASSERT_EQ(Claim(*database_, "token", 10, now, 60'000'000).size(), 4U);
  Record(*database_, "token",
         {{sent, Outcome::Kind::kSent, {}, now + 5, 0, {}},
          {retried, Outcome::Kind::kRetry, "451 4.3.0 try later", now, now + 5'000'000, {}},
          {failed, Outcome::Kind::kFailed, "550 5.1.1 no such user", now, 0, {}},
          {released, Outcome::Kind::kReleased, {}, now, 0, {}}});
  EXPECT_EQ(Column(sent, "status"), "sent");
  EXPECT_EQ(Column(sent, "sent_at"), std::to_string(now + 5));
  EXPECT_EQ(Column(sent, "attempts"), "1");
  EXPECT_EQ(Column(retried, "status"), "queued");
  EXPECT_EQ(Column(retried, "attempts"), "1");
  EXPECT_EQ(Column(retried, "last_error"), "451 4.3.0 try later");
  EXPECT_EQ(Column(retried, "next_attempt_at"), std::to_string(now + 5'000'000));
  EXPECT_EQ(Column(failed, "status"), "failed");
  EXPECT_EQ(Column(failed, "last_error"), "550 5.1.1 no such user");
  EXPECT_EQ(Column(released, "attempts"), "0");
  EXPECT_EQ(Column(released, "claim_token"), "NULL");
  const auto due = Claim(*database_, "again", 10, now + 1, 60'000'000);
  ASSERT_EQ(due.size(), 1U) << "only the released one is due at once";
  EXPECT_EQ(due[0].id, released);

  const auto events = database_->Acquire()->Query(
      "SELECT type, kind, actor_kind, data FROM customer_events WHERE customer_id = $1 AND "
      "type = 'message_sent'",
      {customer_id_});
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].Text(1), "message");
  EXPECT_EQ(events[0].Text(2), "system");
  EXPECT_NE(events[0].Text(3).find("\"subject\":\"Prueba de correo de Suministros Iberia\""),
            std::string::npos)
      << events[0].Text(3);
  EXPECT_NE(events[0].Text(3).find("\"template\":\"smtp_test\""), std::string::npos);

  const auto page =
      ListCustomerMessages(*database_, customer_id_, MessageFilter{}, std::nullopt, 2);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2U);
  EXPECT_EQ(page->items[0].id, released) << "newest first";
  ASSERT_TRUE(page->next_cursor.has_value());
  const auto rest =
      ListCustomerMessages(*database_, customer_id_, MessageFilter{}, page->next_cursor, 2);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->items.size(), 2U);
  EXPECT_EQ(rest->items[1].id, sent);
  EXPECT_FALSE(rest->next_cursor.has_value());
  const auto only_failed = ListCustomerMessages(
      *database_, customer_id_, MessageFilter{.status = "failed", .channel = {}, .contact_id = {}},
      std::nullopt, 10);
  ASSERT_EQ(only_failed->items.size(), 1U);
  EXPECT_EQ(only_failed->items[0].last_error, "550 5.1.1 no such user");
  EXPECT_FALSE(
      ListCustomerMessages(*database_, customer_id_ + 1000, MessageFilter{}, std::nullopt, 10)
          .ok());
}

// Each WhatsApp message of a batch is its own row; channels are claimed apart; the provider's
// status updates only go forwards; a failed message can be queued again, once.
TEST_P(Outbox, ChannelsBatchesProviderStatusesAndRequeue) {
  const time::Micros now = time::Now();
  std::vector<int64_t> ids;
  ASSERT_TRUE(database_
                  ->InTransaction([&](storage::Connection& connection) -> Status {
                    std::optional<int64_t> batch;
                    for (const char* to : {"+34612345678", "+34699999999"}) {
                      OutgoingMessage message;
                      message.customer_id = customer_id_;
                      message.channel = Channel::kWhatsApp;
                      message.to_address = to;
                      message.language = "es";
                      message.template_name = "whatsapp_template";
                      message.payload = "{}";
                      message.batch_id = batch;
                      ids.push_back(Insert(connection, message, now));
                      if (!batch) batch = ids.back();
                    }
                    return Ok{};
                  })
                  .ok());
  const int64_t email = Queue();
  EXPECT_EQ(Column(ids[1], "batch_id"), std::to_string(ids[0]));
  EXPECT_EQ(Column(email, "batch_id"), std::to_string(email));  // a message alone is its batch
  {
    auto connection = database_->Acquire();
    EXPECT_EQ(FindBatch(*connection, ids[0]).size(), 2U);
  }
  // The email sender never sees WhatsApp rows, and the other way round.
  const time::Micros later = time::Now() + 1;  // all three are due
  const auto whatsapp = Claim(*database_, "wa", 10, later, 60'000'000, Channel::kWhatsApp);
  ASSERT_EQ(whatsapp.size(), 2U);
  EXPECT_EQ(whatsapp[0].payload, "{}");
  const auto emails = Claim(*database_, "em", 10, later, 60'000'000, Channel::kEmail);
  ASSERT_EQ(emails.size(), 1U);
  EXPECT_EQ(emails[0].id, email);
  Record(*database_, "wa",
         {{ids[0], Outcome::Kind::kSent, {}, now + 2, 0, "wamid.A"},
          {ids[1], Outcome::Kind::kFailed, "(#131026) Receiver is incapable", now + 2, 0, {}}});
  EXPECT_EQ(Column(ids[0], "provider_message_id"), "wamid.A");
  const auto apply = [&](DeliveryStatus status) {
    return database_
        ->InTransaction([&](storage::Connection& connection) -> Result<bool> {
          return ApplyProviderStatus(connection, "wamid.A", status, "x", now + 3);
        })
        .value();
  };
  EXPECT_TRUE(apply(DeliveryStatus::kRead));
  EXPECT_EQ(Column(ids[0], "status"), "read");
  EXPECT_FALSE(apply(DeliveryStatus::kDelivered));  // late: never backwards
  EXPECT_EQ(Column(ids[0], "status"), "read");
  EXPECT_EQ(Column(ids[0], "delivered_at"), std::to_string(now + 3));
  // Requeue: only a failed message, and only once.
  const auto requeue = [&](int64_t id) {
    return database_->InTransaction(
        [&](storage::Connection& connection) { return Requeue(connection, id, now + 4); });
  };
  EXPECT_TRUE(requeue(ids[1]).ok());
  EXPECT_EQ(Column(ids[1], "status"), "queued");
  EXPECT_EQ(Column(ids[1], "last_error"), "NULL");
  EXPECT_EQ(requeue(ids[1]).error().api_code, "not_failed");
  EXPECT_EQ(requeue(ids[0]).error().api_code, "not_failed");
  EXPECT_EQ(requeue(999999).error().code, ErrorCode::kNotFound);
  // The history has the outcomes, each naming the channel.
  const auto events = database_->Acquire()->Query(
      "SELECT type, data FROM customer_events WHERE customer_id = $1 AND kind = 'message' ORDER "
      "BY id",
      {customer_id_});
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].Text(0), "message_sent");
  EXPECT_EQ(events[1].Text(0), "message_failed");
  EXPECT_NE(events[1].Text(1).find("Receiver is incapable"), std::string::npos);
  EXPECT_EQ(events[2].Text(0), "message_read");
  EXPECT_NE(events[2].Text(1).find("\"whatsapp\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Outbox, testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace cartera::mail
