#include "app/demo.hpp"

#include "customers/customer_repository.hpp"
#include "customers/sample_data.hpp"

namespace cartera::app {

int LoadDemoData(storage::Database& database) {
  customers::CustomerRepository repository;
  auto result = database.InTransaction([&](storage::Connection& connection) -> Result<int> {
    if (connection.Query("SELECT 1 FROM customers LIMIT 1").size() > 0) return 0;
    customers::SampleData sample(2026);
    // The customers the help pages talk about come first, so the examples work as written.
    customers::Customer electrica;
    electrica.name = "Comercial Eléctrica S.A.";
    electrica.legal_name = "Comercial Eléctrica Sociedad Anónima";
    electrica.tax_id = "A28123456";
    electrica.customer_type = "company";
    electrica.contact_person = "Andrés Gómez";
    electrica.email = "compras@comercialelectrica.example";
    electrica.phone = "+34 912 345 678";
    electrica.status = "current";
    electrica.temperature = "hot";
    electrica.discount_hundredths = 1000;
    electrica.currency = "EUR";
    electrica.language = "es";
    electrica.payment_terms_days = 30;
    electrica.tags = {"mayorista", "VIP"};
    customers::Customer estudio = electrica;
    estudio.name = "El Estudio Contable ABC";
    estudio.legal_name = "Estudio Contable ABC S.C.";
    estudio.tax_id = "B86543210";
    estudio.contact_person = "Julieta Martínez";
    estudio.email = "administracion@estudioabc.example";
    estudio.phone = "+52 55 1234 5678";
    estudio.status = "potential";
    estudio.temperature = "warm";
    estudio.discount_hundredths = 0;
    estudio.currency = "MXN";
    estudio.tags = {"recomendado"};
    std::vector<customers::Customer> all = {electrica, estudio};
    for (int n = 1; n <= 58; ++n) all.push_back(sample.Next(n));
    const time::Micros now = time::Now();
    int count = 0;
    // Oldest first, so ids grow with creation time; spread over the last four months.
    const int64_t total = static_cast<int64_t>(all.size());
    for (int64_t i = total - 1; i >= 0; --i) {
      customers::Customer& customer = all[static_cast<size_t>(i)];
      customer.created_at = customer.updated_at = now - i * 86400 * 1000000 * 2;
      TRY(repository.Insert(connection, customer));
      ++count;
    }
    return count;
  });
  return result.ok() ? *result : 0;
}

}  // namespace cartera::app
