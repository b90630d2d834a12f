#include "app/demo.hpp"

#include "common/crypto.hpp"
#include "contacts/contact_service.hpp"

#include "catalog/named_resource_service.hpp"
#include "catalog/product_service.hpp"
#include "common/log.hpp"
#include "customers/customer_repository.hpp"
#include "customers/sample_data.hpp"
#include "orders/order_service.hpp"

namespace cartera::app {
namespace {

struct DemoProduct {
  const char* sku;
  const char* name;
  int type;  // index into the types below
  int64_t eur, mxn, usd;
};

constexpr const char* kTypes[] = {"Iluminación", "Cableado", "Herramientas", "Ferretería"};
constexpr const char* kWarehouses[] = {"Central Madrid", "Monterrey"};
constexpr DemoProduct kProducts[] = {
    {"LED-A60-9W", "Bombilla LED A60 9 W", 0, 250, 5500, 290},
    {"LED-PAN-60", "Panel LED 60×60 40 W", 0, 3490, 72900, 3890},
    {"LED-TIRA-5M", "Tira LED 5 m blanco cálido", 0, 1850, 38900, 2090},
    {"FOCO-EMP-GU10", "Foco empotrable GU10", 0, 690, 14500, 790},
    {"LAMP-COLG-E27", "Lámpara colgante industrial E27", 0, 4290, 89900, 4790},
    {"PROY-LED-50W", "Proyector LED exterior 50 W", 0, 2990, 61900, 3390},
    {"CAB-H07-2.5", "Cable H07V-K 2,5 mm² (100 m)", 1, 4850, 99900, 5390},
    {"CAB-H07-1.5", "Cable H07V-K 1,5 mm² (100 m)", 1, 3290, 67900, 3690},
    {"MANG-CORR-20", "Tubo corrugado 20 mm (50 m)", 1, 1290, 26900, 1450},
    {"REG-WAGO-5", "Regleta WAGO 5 polos (caja 25)", 1, 1190, 24900, 1350},
    {"CAJA-EMP-100", "Caja de empalme 100×100", 1, 290, 5900, 330},
    {"TAL-PERC-18V", "Taladro percutor 18 V", 2, 8990, 189900, 9990},
    {"DEST-SET-12", "Juego de destornilladores 12 piezas", 2, 1990, 41900, 2190},
    {"MULT-DIG-600", "Multímetro digital 600 V", 2, 2450, 50900, 2750},
    {"PELA-CABLE-AUT", "Pelacables automático", 2, 1590, 32900, 1790},
    {"ALIC-UNIV-200", "Alicate universal 200 mm", 2, 1090, 22900, 1230},
    {"TORN-4X40-500", "Tornillos 4×40 (caja 500)", 3, 690, 14500, 790},
    {"TACO-8-100", "Tacos nailon 8 mm (bolsa 100)", 3, 390, 7900, 450},
    {"BRID-300-100", "Bridas 300 mm (bolsa 100)", 3, 490, 9900, 560},
    {"CINTA-AISL-10", "Cinta aislante 10 m (pack 10)", 3, 890, 18500, 990},
    {"SILIC-TRANS", "Silicona transparente 300 ml", 3, 450, 9500, 520},
    {"GUANT-NIT-L", "Guantes de nitrilo talla L (caja 100)", 3, 790, 16500, 890},
};

// The catalogue: types, warehouses and products with prices in the demo customers' currencies.
std::vector<int64_t> LoadCatalogue(storage::Database& database) {
  catalog::NamedResourceService types(database, catalog::NamedResourceKind::kProductType);
  catalog::NamedResourceService warehouses(database, catalog::NamedResourceKind::kWarehouse);
  catalog::ProductService products(database);
  std::vector<int64_t> type_ids, warehouse_ids, product_ids;
  for (const char* name : kTypes) type_ids.push_back(types.Create(name)->id);
  for (const char* name : kWarehouses) warehouse_ids.push_back(warehouses.Create(name)->id);
  int64_t n = 0;
  for (const DemoProduct& demo : kProducts) {
    catalog::ProductInput product;
    product.sku = demo.sku;
    product.name = demo.name;
    product.product_type_id = std::optional<int64_t>(type_ids[static_cast<size_t>(demo.type)]);
    product.prices =
        std::vector<catalog::Price>{{"EUR", demo.eur}, {"MXN", demo.mxn}, {"USD", demo.usd}};
    auto created = products.Create(product);
    if (!created.ok()) continue;
    product_ids.push_back(created->id);
    ++n;
    // Some products only in one warehouse, one out of stock everywhere.
    std::vector<catalog::StockLevel> stock;
    if (n % 7 != 0) stock.push_back({warehouse_ids[0], (n * 37) % 120 + 5});
    if (n % 3 == 0) stock.push_back({warehouse_ids[1], (n * 53) % 80});
    (void)products.SetStock(created->id, stock);
  }
  return product_ids;
}

// A few orders in every status, so the Orders page has something to show.
void LoadOrders(storage::Database& database, customers::CustomerRepository& customers,
                const std::vector<int64_t>& product_ids) {
  orders::OrderService service(database, customers);
  std::vector<int64_t> customer_ids;
  {
    auto connection = database.Acquire();
    for (const auto& row : connection->Query(
             "SELECT id FROM customers WHERE status = 'current' ORDER BY id LIMIT 12")) {
      customer_ids.push_back(row.Int(0));
    }
  }
  const std::vector<std::vector<std::string>> paths = {{},
                                                       {"confirmed"},
                                                       {"confirmed", "in_production"},
                                                       {"confirmed", "shipped"},
                                                       {"confirmed", "shipped", "delivered"},
                                                       {"cancelled"}};
  const orders::Actor actor{"system", std::nullopt, std::string("Demo")};
  size_t k = 0;
  for (const int64_t customer_id : customer_ids) {
    orders::PlaceRequest request;
    request.kind = k % 5 == 4 ? "quote" : "order";
    request.customer_id = customer_id;
    request.actor = actor;
    for (size_t line = 0; line < 1 + k % 3; ++line) {
      request.lines.push_back({product_ids[(k * 5 + line * 3) % product_ids.size()],
                               static_cast<int64_t>(1 + (k + line) % 6)});
    }
    auto placed = service.Place(request);
    if (placed.ok() && request.kind == "order") {
      for (const auto& to : paths[k % paths.size()]) {
        (void)service.Transition(placed->order.id, to, std::nullopt, actor);
      }
    }
    ++k;
  }
}

// The first help-page customer's people: a purchasing contact who can sign in to the portal
// (kDemoContactEmail, kDemoContactPassword) and a billing contact still invited.
void LoadContacts(storage::Database& database) {
  const std::string hash = crypto::HashPassword(kDemoContactPassword);
  (void)database.InTransaction([&](storage::Connection& connection) -> Status {
    const auto rows = connection.Query("SELECT id FROM customers WHERE name = $1",
                                       {std::string("Comercial Eléctrica S.A.")});
    if (rows.empty()) return Ok{};
    const int64_t customer_id = rows[0].Int(0);
    const time::Micros now = time::Now();
    contacts::ContactInput buyer;
    buyer.first_name = "Andrés";
    buyer.last_name = std::optional<std::string>("Gómez");
    buyer.email = std::string(kDemoContactEmail);
    buyer.phone = std::optional<std::string>("+34 612 345 678");
    buyer.department = std::optional<std::string>("Compras");
    buyer.role = contacts::Role::kPurchasing;
    TRY(contacts::InsertContact(connection, customer_id, buyer, hash, now));
    contacts::ContactInput billing;
    billing.first_name = "Lucía";
    billing.last_name = std::optional<std::string>("Pérez");
    billing.email = std::string("facturacion@comercialelectrica.example");
    billing.department = std::optional<std::string>("Administración");
    billing.role = contacts::Role::kBilling;
    TRY(contacts::InsertContact(connection, customer_id, billing, std::nullopt, now));
    return Ok{};
  });
}

}  // namespace

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
    electrica.status = customers::CustomerStatus::kCurrent;
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
    estudio.status = customers::CustomerStatus::kPotential;
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
  if (!result.ok() || *result == 0) return 0;
  // A database that had a catalogue already (but no customers) keeps it as it is.
  catalog::ProductQuery first_product;
  first_product.limit = 1;
  const auto catalogue = catalog::ProductService(database).List(first_product);
  if (catalogue.ok() && catalogue->items.empty()) {
    const auto product_ids = LoadCatalogue(database);
    if (!product_ids.empty()) LoadOrders(database, repository, product_ids);
  }
  LoadContacts(database);
  return *result;
}

}  // namespace cartera::app
