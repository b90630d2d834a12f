// Generates N customers into a Cartera database (migrating it first), in batches of 10,000
// per transaction, through the same repository the server uses.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "common/crypto.hpp"
#include "customers/customer_repository.hpp"
#include "customers/sample_data.hpp"
#include "storage/database.hpp"

int main(int argc, char** argv) {
  using namespace cartera;
  if (argc < 3) {
    std::cerr << "usage: cartera_bench_generate DB_URL COUNT\n";
    return 2;
  }
  crypto::Initialise();
  const std::string url = argv[1];
  const int64_t count = std::atoll(argv[2]);
  auto database = storage::Open(url, 1);
  storage::Migrate(*database);
  customers::CustomerRepository repository;
  customers::SampleData sample(42);
  const auto started = std::chrono::steady_clock::now();
  constexpr int64_t kBatch = 10000;
  const time::Micros now = time::Now();
  for (int64_t done = 0; done < count;) {
    const int64_t batch = std::min(kBatch, count - done);
    auto result = database->InTransaction([&](storage::Connection& connection) -> Status {
      for (int64_t i = 0; i < batch; ++i) {
        customers::Customer customer = sample.Next(done + i + 1000);
        customer.created_at = customer.updated_at = now - (count - done - i) * 1000000;
        TRY(repository.Insert(connection, std::move(customer)));
      }
      return Ok{};
    });
    if (!result.ok()) {
      std::cerr << "insert failed: " << result.error().message << "\n";
      return 1;
    }
    done += batch;
    if (done % 100000 == 0) std::cerr << "  " << done << " customers\n";
  }
  if (database->dialect() == storage::Dialect::kPostgres) {
    database->Acquire()->Execute("ANALYZE");
  } else {
    database->Acquire()->Execute("ANALYZE");
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << seconds << "\n";
  return 0;
}
