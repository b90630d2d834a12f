// cartera: the server and its administration commands.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "app/application.hpp"
#include "app/demo.hpp"
#include "common/crypto.hpp"
#include "common/log.hpp"
#include "common/text.hpp"
#include "common/validation.hpp"
#include "http/server.hpp"
#include "mail/mime.hpp"
#include "mail/test_mail.hpp"
#include "storage/database.hpp"

namespace {

// The listen address as a link host: a wildcard address becomes the loopback one.
std::string LinkHost(const std::string& listen) {
  for (const std::string wildcard : {"0.0.0.0:", "[::]:"}) {
    if (listen.rfind(wildcard, 0) == 0) return "127.0.0.1:" + listen.substr(wildcard.size());
  }
  return listen;
}

using namespace cartera;

struct Options {
  std::string db = "sqlite:data/cartera.db";
  std::string listen = "127.0.0.1:8080";
  std::string public_url;
  int64_t quick_orders_per_minute = 30;
  std::string smtp_url;
  std::string mail_from;
  int64_t mail_retry_base_ms = 5000;
  std::string smtp_ca_file;
  std::string web_root = CARTERA_DEFAULT_WEB_ROOT;
  std::string data_dir;  // empty: DataDirectory's default
  std::string log_level = "info";
  bool demo = false;
  unsigned threads = 0;
  size_t pool_size = 0;
  size_t max_body_bytes = 1 << 20;
  bool log_requests = true;
};

// Creates the first owner from CARTERA_ADMIN_EMAIL / CARTERA_ADMIN_PASSWORD when there is no
// staff user yet.
void BootstrapOwner(staff::StaffService& staff) {
  const char* email = std::getenv("CARTERA_ADMIN_EMAIL");
  const char* password = std::getenv("CARTERA_ADMIN_PASSWORD");
  if (!email || !password || staff.Count() > 0) return;
  if (!validation::IsEmail(email) || std::string(password).size() < 8) {
    log::Error("bootstrap_owner_rejected",
               {{"reason", "CARTERA_ADMIN_EMAIL must be an email and the password 8+ characters"}});
    return;
  }
  // The display name: CARTERA_ADMIN_NAME, else the part of the email before the '@'.
  const char* name = std::getenv("CARTERA_ADMIN_NAME");
  const std::string display_name = name && *name
                                       ? std::string(name)
                                       : std::string(email).substr(0, std::string(email).find('@'));
  auto user = staff.Create(nullptr, {email, display_name, StaffRole::kOwner, password});
  if (user.ok()) log::Info("owner_created", {{"email", email}});
}

// Where files (attachments) are kept: --data-dir, else the SQLite database file's folder, else
// ./data (PostgreSQL). Created when the first file is written.
std::filesystem::path DataDirectory(const Options& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (options.db.rfind("sqlite:", 0) == 0) {
    const std::filesystem::path file = options.db.substr(std::string_view("sqlite:").size());
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  }
  return "data";
}

int Serve(const Options& options) {
  const size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "--listen must be HOST:PORT\n";
    return 2;
  }
  http::ServerOptions server_options;
  server_options.host = options.listen.substr(0, colon);
  server_options.port = static_cast<uint16_t>(std::stoi(options.listen.substr(colon + 1)));
  server_options.threads = options.threads;
  server_options.max_body_bytes = options.max_body_bytes;
  server_options.log_requests = options.log_requests;
  mail::SenderOptions mail_options;
  if (!options.smtp_url.empty()) {
    if (options.smtp_url.rfind("smtp://", 0) != 0 && options.smtp_url.rfind("smtps://", 0) != 0) {
      std::cerr << "--smtp-url must start with smtp:// or smtps://\n";
      return 2;
    }
    if (!mail::IsPlainAddress(options.mail_from)) {
      std::cerr << "--mail-from must be an email address when --smtp-url is set\n";
      return 2;
    }
    mail_options.smtp_url = options.smtp_url;
    mail_options.from_address = options.mail_from;
    mail_options.retry_base = std::chrono::milliseconds(options.mail_retry_base_ms);
    mail_options.ca_file = options.smtp_ca_file;
  }
  const unsigned threads =
      options.threads ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  // Every I/O thread and every write thread may hold a connection at once.
  const size_t pool_size =
      options.pool_size ? options.pool_size : threads + server_options.write_threads + 2;
  auto database = storage::Open(options.db, pool_size);
  for (const auto& name : storage::Migrate(*database)) {
    log::Info("migration_applied", {{"name", name}});
  }
  const std::filesystem::path data_directory = DataDirectory(options);
  app::Application application(
      *database, options.web_root,
      {options.public_url, options.quick_orders_per_minute, "http://" + LinkHost(options.listen)},
      data_directory, std::move(mail_options));
  BootstrapOwner(application.staff());
  if (options.demo) {
    const int created = app::LoadDemoData(*database);
    if (created > 0) log::Info("demo_data_loaded", {{"customers", created}});
    if (created > 0) application.messages().SeedTemplates();
  }
  http::Server server(server_options, application.router(), application.metrics());
  const uint16_t port = server.Bind();
  log::Info("listening", {{"address", server_options.host},
                          {"port", port},
                          {"threads", threads},
                          {"database", options.db.substr(0, options.db.find(':'))},
                          {"data_directory", data_directory.string()}});
  application.mail().Start();
  application.whatsapp().Start();
  server.Run();
  // After the last request: a message being sent is aborted and released, not lost.
  application.mail().Stop();
  application.whatsapp().Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (!crypto::Initialise()) {
    std::cerr << "libsodium failed to start\n";
    return 1;
  }
  CLI::App cli{"Cartera: B2B customers and orders. Every flag can also be set as CARTERA_<FLAG>."};
  cli.require_subcommand(1);
  Options options;
  const auto add_db = [&options](CLI::App* command) {
    command->add_option("--db", options.db, "sqlite:PATH or postgresql://…")
        ->envname("CARTERA_DB")
        ->capture_default_str();
  };

  CLI::App* serve = cli.add_subcommand("serve", "Start the HTTP server");
  add_db(serve);
  serve->add_option("--listen", options.listen, "HOST:PORT to listen on")
      ->envname("CARTERA_LISTEN")
      ->capture_default_str();
  serve->add_option("--public-url", options.public_url, "Public base URL, for links in mail")
      ->envname("CARTERA_PUBLIC_URL");
  serve
      ->add_option("--quick-orders-per-minute", options.quick_orders_per_minute,
                   "New orders one quick-order link may place per minute")
      ->envname("CARTERA_QUICK_ORDERS_PER_MINUTE")
      ->check(CLI::Range(int64_t{1}, int64_t{100000}));
  serve
      ->add_option("--smtp-url", options.smtp_url,
                   "smtp://[user:password@]host:port (STARTTLS when offered) or smtps://… for "
                   "outgoing mail; without it mail stays queued")
      ->envname("CARTERA_SMTP_URL");
  serve->add_option("--mail-from", options.mail_from, "Sender address of outgoing mail")
      ->envname("CARTERA_MAIL_FROM");
  serve
      ->add_option("--smtp-ca-file", options.smtp_ca_file,
                   "CA certificates (PEM) for the SMTP server's TLS certificate (default: the "
                   "system's)")
      ->envname("CARTERA_SMTP_CA_FILE")
      ->check(CLI::ExistingFile);
  serve
      ->add_option("--mail-retry-base-ms", options.mail_retry_base_ms,
                   "Wait before the first retry of a failed message; doubles each time, at most "
                   "1 h (tests use a short one)")
      ->envname("CARTERA_MAIL_RETRY_BASE_MS")
      ->check(CLI::Range(int64_t{10}, int64_t{3'600'000}))
      ->capture_default_str();
  serve->add_option("--web-root", options.web_root, "Folder of the built web app")
      ->envname("CARTERA_WEB_ROOT")
      ->capture_default_str();
  serve
      ->add_option("--data-dir", options.data_dir,
                   "Folder for attached files (default: the SQLite file's folder, else ./data)")
      ->envname("CARTERA_DATA_DIR");
  serve->add_flag("--demo", options.demo, "Load demo data into an empty database")
      ->envname("CARTERA_DEMO");
  serve->add_option("--threads", options.threads, "Worker threads (0: one per core)")
      ->envname("CARTERA_THREADS");
  serve
      ->add_option("--pool-size", options.pool_size,
                   "Database connections (0: threads + write threads + 2)")
      ->envname("CARTERA_POOL_SIZE");
  serve->add_option("--max-body-bytes", options.max_body_bytes, "Largest request body accepted")
      ->envname("CARTERA_MAX_BODY_BYTES")
      ->capture_default_str();
  serve->add_option("--log-level", options.log_level, "debug, info, warn or error")
      ->envname("CARTERA_LOG_LEVEL")
      ->capture_default_str();
  serve->add_option("--log-requests", options.log_requests, "Log one line per request")
      ->envname("CARTERA_LOG_REQUESTS")
      ->capture_default_str();

  CLI::App* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
  add_db(migrate);

  CLI::App* backup = cli.add_subcommand("backup", "Write a consistent copy of a SQLite database");
  add_db(backup);
  std::string backup_path;
  backup->add_option("PATH", backup_path, "Where to write the copy")->required();

  CLI::App* user = cli.add_subcommand("user", "Manage staff users");
  user->require_subcommand(1);
  CLI::App* user_create = user->add_subcommand("create", "Create a staff user (password on stdin)");
  add_db(user_create);
  std::string email, role = "owner", name;
  user_create->add_option("--email", email, "Sign-in email")->required();
  user_create->add_option("--role", role, "owner, admin, sales or viewer")
      ->check(
          CLI::IsMember(std::vector<std::string>(kStaffRoleNames.begin(), kStaffRoleNames.end())))
      ->capture_default_str();
  user_create->add_option("--name", name, "Display name (default: the email)");

  CLI::App* mail_command = cli.add_subcommand("mail", "Outgoing mail");
  mail_command->require_subcommand(1);
  CLI::App* mail_test = mail_command->add_subcommand(
      "test", "Queue a test message; a running server with --smtp-url delivers it");
  add_db(mail_test);
  mail::TestMailOptions mail_test_options;
  mail_test->add_option("--to", mail_test_options.to, "Recipient address")->required();
  mail_test->add_option("--language", mail_test_options.language, "es or en")
      ->check(CLI::IsMember({"es", "en"}))
      ->capture_default_str();
  mail_test->add_option("--customer-id", mail_test_options.customer_id,
                        "Also list the message among this customer's messages");
  mail_test->add_option("--count", mail_test_options.count, "How many messages (for load tests)")
      ->check(CLI::Range(int64_t{1}, int64_t{100'000}))
      ->capture_default_str();

  CLI11_PARSE(cli, argc, argv);
  log::Init(options.log_level);
  int code = 0;
  try {
    if (serve->parsed()) {
      code = Serve(options);
    } else if (migrate->parsed()) {
      auto database = storage::Open(options.db, 1);
      const auto applied = storage::Migrate(*database);
      std::cout << "applied " << applied.size() << " migration(s)\n";
    } else if (backup->parsed()) {
      if (options.db.rfind("sqlite:", 0) != 0) {
        std::cerr << "backup copies SQLite databases; for PostgreSQL use pg_dump\n";
        code = 2;
      } else {
        auto database = storage::Open(options.db, 1);
        auto connection = database->Acquire();
        connection->Execute("VACUUM INTO $1", {backup_path});
        std::cout << "backup written to " << backup_path << "\n";
      }
    } else if (mail_test->parsed()) {
      auto database = storage::Open(options.db, 1);
      storage::Migrate(*database);
      code = mail::QueueTestMail(*database, mail_test_options, std::cout, std::cerr);
    } else if (user_create->parsed()) {
      std::string password;
      std::getline(std::cin, password);
      if (!validation::IsEmail(email) || password.size() < 8) {
        std::cerr << "need a valid --email and a password of 8+ characters on stdin\n";
        code = 2;
      } else {
        auto database = storage::Open(options.db, 1);
        storage::Migrate(*database);
        staff::AuthService auth(*database);
        staff::StaffService staff(*database, auth);
        auto created = staff.Create(
            nullptr, {email, name.empty() ? email : name, *ParseStaffRole(role), password});
        if (created.ok()) {
          std::cout << "created " << role << " " << email << " (id " << created->id << ")\n";
        } else {
          std::cerr << created.error().message << "\n";
          code = 1;
        }
      }
    }
  } catch (const std::exception& error) {
    log::Error("fatal", {{"what", error.what()}});
    std::cerr << "cartera: " << error.what() << "\n";
    code = 1;
  }
  log::Shutdown();
  return code;
}
