// Adds the data of issue 3 to a customers database made by cartera_bench_generate: a catalogue
// (20 product types, 4 warehouses, PRODUCTS products with EUR/MXN/USD prices and stock),
// quick-order links for a quarter of the current customers, and ORDERS orders of 1-3 lines placed
// over the last three years, with their events. The rows are the ones OrderService::Insert
// writes (same columns, numbers P-000001…, personal prices, due dates, idempotency columns,
// order_placed event, last_order_at, link counters), followed by what the later status
// transitions, credit approvals and payment updates of the staff API would have written
// (events, status, approval_status, payment_status, version, updated_at).
//
// Rows go in with prepared single-row INSERTs through storage::Connection, 20,000 orders per
// transaction. It is a bulk load: the journal is off and nothing is fsynced until the end, so
// run it on a file you can throw away if it is interrupted (bench/orders.sh writes to a
// temporary name and renames). WAL is switched back on at the end.
//
//   cartera_bench_generate_orders DB_URL PRODUCTS ORDERS   (prints the seconds taken on stdout)
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "catalog/pricing.hpp"
#include "common/crypto.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "history/event_log.hpp"
#include "orders/order.hpp"
#include "orders/order_json.hpp"
#include "staff/staff_service.hpp"
#include "storage/database.hpp"

namespace {

using namespace cartera;
namespace json = boost::json;
using storage::Connection;
using storage::Params;
using storage::Value;
using time::Micros;

constexpr Micros kDay = time::kMicrosPerDay;
constexpr Micros kHour = kDay / 24;
constexpr Micros kMinute = kHour / 60;
constexpr Micros kNever = std::numeric_limits<Micros>::max();
constexpr int64_t kOrdersPerTransaction = 20000;
constexpr std::array<std::string_view, 3> kCurrencies = {"EUR", "MXN", "USD"};

struct ProductType {
  std::string_view name, prefix;
  std::array<std::string_view, 6> nouns;
};
constexpr std::array<ProductType, 20> kTypes = {{
    {"Iluminación",
     "ILU",
     {"Bombilla LED", "Panel LED", "Tira LED", "Foco empotrable", "Proyector LED",
      "Lámpara colgante"}},
    {"Cableado",
     "CAB",
     {"Cable H07V-K", "Cable manguera", "Tubo corrugado", "Canaleta", "Regleta",
      "Caja de empalme"}},
    {"Herramientas",
     "HER",
     {"Taladro percutor", "Destornillador", "Alicate universal", "Llave inglesa", "Martillo",
      "Sierra de calar"}},
    {"Ferretería", "FER", {"Tornillo", "Taco de nailon", "Brida", "Arandela", "Tuerca", "Bisagra"}},
    {"Fontanería",
     "FON",
     {"Tubo multicapa", "Codo de latón", "Grifo monomando", "Llave de paso", "Sifón", "Manguito"}},
    {"Climatización",
     "CLI",
     {"Split inverter", "Radiador", "Termostato", "Ventilador de techo", "Rejilla",
      "Bomba de calor"}},
    {"Pintura",
     "PIN",
     {"Pintura plástica", "Esmalte", "Imprimación", "Rodillo", "Brocha", "Cinta de carrocero"}},
    {"Seguridad laboral",
     "SEG",
     {"Guantes de nitrilo", "Casco", "Gafas de protección", "Chaleco reflectante",
      "Botas de seguridad", "Mascarilla FFP2"}},
    {"Jardinería",
     "JAR",
     {"Manguera", "Aspersor", "Tijera de podar", "Sustrato universal", "Maceta", "Cortacésped"}},
    {"Electricidad",
     "ELE",
     {"Interruptor", "Enchufe schuko", "Diferencial", "Magnetotérmico", "Cuadro eléctrico",
      "Temporizador"}},
    {"Adhesivos y sellado",
     "ADH",
     {"Silicona", "Cinta aislante", "Espuma de poliuretano", "Adhesivo de montaje", "Cola blanca",
      "Sellador"}},
    {"Limpieza",
     "LIM",
     {"Detergente", "Bayeta de microfibra", "Fregona", "Cubo", "Lejía", "Desengrasante"}},
    {"Papelería",
     "PAP",
     {"Papel A4", "Carpeta", "Bolígrafo", "Archivador", "Sobre", "Etiqueta adhesiva"}},
    {"Embalaje",
     "EMB",
     {"Caja de cartón", "Film estirable", "Precinto", "Plástico de burbujas", "Palé", "Fleje"}},
    {"Baño", "BAN", {"Lavabo", "Inodoro", "Plato de ducha", "Mampara", "Espejo", "Toallero"}},
    {"Cerámica",
     "CER",
     {"Azulejo", "Baldosa porcelánica", "Rodapié", "Mosaico", "Adhesivo cementoso", "Junta"}},
    {"Madera",
     "MAD",
     {"Tablero MDF", "Listón de pino", "Tablero contrachapado", "Tarima", "Moldura", "Barniz"}},
    {"Informática", "INF", {"Ratón", "Teclado", "Cable HDMI", "Disco SSD", "Monitor", "Switch"}},
    {"Mobiliario",
     "MOB",
     {"Silla de oficina", "Mesa plegable", "Estantería metálica", "Taquilla", "Armario", "Banco"}},
    {"Automoción",
     "AUT",
     {"Aceite de motor", "Escobilla", "Batería", "Filtro de aire", "Anticongelante",
      "Bombilla H7"}},
}};
constexpr std::array<std::string_view, 15> kVariants = {
    "profesional", "estándar", "reforzado", "compacto",  "industrial",
    "blanco",      "negro",    "gris",      "inox",      "galvanizado",
    "eco",         "premium",  "serie 200", "serie 500", "básico"};
constexpr std::array<std::string_view, 20> kSizes = {
    "10 mm",   "20 mm",    "32 mm",    "1 m",    "5 m",   "25 m",  "100 m",
    "pack 10", "caja 100", "caja 500", "5 W",    "9 W",   "18 V",  "1 l",
    "5 l",     "talla M",  "talla L",  "300 ml", "60×60", "120 cm"};
constexpr std::array<std::string_view, 4> kWarehouses = {"Central Madrid", "Barcelona", "Monterrey",
                                                         "Miami"};
constexpr std::array<std::string_view, 16> kFirstNames = {
    "Andrés", "Julieta", "Carla",  "José", "María", "Lucía", "Martín", "Sofía",
    "Javier", "Diego",   "Camila", "Raúl", "Inés",  "Tomás", "Begoña", "Nuria"};
constexpr std::array<std::string_view, 12> kLastNames = {
    "García",  "Fernández", "González", "Rodríguez", "López", "Martínez",
    "Sánchez", "Pérez",     "Gómez",    "Ruiz",      "Díaz",  "Navarro"};
constexpr std::array<std::string_view, 6> kNotes = {
    "Entregar por la mañana.", "Llamar antes de entregar.", "Facturar a la central.",
    "Urgente, obra en curso.", "Dejar en recepción.",       "Mismo pedido que el mes pasado."};
const std::array<orders::Address, 4> kAddresses = {{
    {"Calle Mayor 12", std::nullopt, "Madrid", std::string("Madrid"), std::string("28013"), "ES"},
    {"Avinguda Diagonal 400", std::string("Nave 3"), "Barcelona", std::string("Barcelona"),
     std::string("08037"), "ES"},
    {"Av. Constitución 1500", std::nullopt, "Monterrey", std::string("Nuevo León"),
     std::string("64000"), "MX"},
    {"1200 Brickell Ave", std::string("Suite 310"), "Miami", std::string("FL"),
     std::string("33131"), "US"},
}};

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  uint64_t Below(uint64_t n) { return engine_() % n; }
  Micros Between(Micros low, Micros high) {
    return low + static_cast<Micros>(Uniform() * static_cast<double>(high - low));
  }
  double Normal() { return std::normal_distribution<double>(0, 1)(engine_); }
  template <typename Array>
  auto Pick(const Array& values) -> decltype(values[0]) {
    return values[Below(values.size())];
  }
  // A version-4 UUID, as browsers' crypto.randomUUID() makes for Idempotency-Key.
  std::string Uuid() {
    const uint64_t a = engine_(), b = engine_();
    char text[40];
    std::snprintf(text, sizeof text, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                  static_cast<unsigned long long>(a >> 32),
                  static_cast<unsigned long long>((a >> 16) & 0xffff),
                  static_cast<unsigned long long>(a & 0xfff),
                  static_cast<unsigned long long>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return text;
  }

 private:
  std::mt19937_64 engine_;
};

struct CustomerInfo {
  int64_t id = 0;
  size_t currency = 0;  // index in kCurrencies
  int64_t discount = 0;
  std::optional<int64_t> credit_limit;
  int64_t terms_days = 0;
  int64_t link_id = 0;  // its quick-order link, 0: none
  Micros link_since = 0;
  Micros last_order_at = 0;
  // Unpaid, live, not-held orders, as (until when, total): what the credit check sums.
  std::vector<std::pair<Micros, int64_t>> outstanding;
};

struct ProductInfo {
  int64_t id = 0;
  std::string sku, name;
  std::array<int64_t, 3> price = {-1, -1, -1};  // per kCurrencies; -1: no price
};

struct LinkInfo {
  int64_t id = 0;
  int64_t orders = 0;
  Micros last_used_at = 0;
};

struct Staff {
  int64_t id = 0;
  std::string name;
};

struct LaterEvent {
  Micros at = 0;
  std::string type;
  json::object data;
};

std::string Seconds(std::chrono::steady_clock::time_point since) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count());
  return text;
}

// The first staff user (the owner), created as bench@example.com if there is none.
Staff OwnerOf(storage::Database& database) {
  auto find = [&database]() -> std::optional<Staff> {
    auto connection = database.Acquire();
    const auto rows = connection->Query("SELECT id, name, email FROM staff_users ORDER BY id");
    if (rows.empty()) return std::nullopt;
    const std::string name = rows[0].Text(1);
    return Staff{rows[0].Int(0), name.empty() ? rows[0].Text(2) : name};
  };
  if (auto owner = find()) return *owner;
  staff::AuthService auth(database);
  staff::StaffService staff(database, auth);
  auto created =
      staff.Create(nullptr, {"bench@example.com", "Owner", StaffRole::kOwner, "bench-password"});
  if (!created.ok())
    throw std::runtime_error("cannot create the owner: " + created.error().message);
  return *find();
}

// Product types, warehouses, products with prices and stock, in one transaction.
std::vector<ProductInfo> WriteCatalogue(Connection& connection, Random& random, int64_t count,
                                        Micros at, std::vector<int64_t>& warehouse_ids) {
  connection.Begin();
  std::vector<int64_t> type_ids;
  for (const auto& type : kTypes) {
    type_ids.push_back(connection
                           .Query("INSERT INTO product_types (name, name_key, created_at, "
                                  "updated_at, version) VALUES ($1, $2, $3, $3, 1) RETURNING id",
                                  {std::string(type.name), text::Normalise(type.name), at})
                           .at(0)
                           .Int(0));
  }
  for (const auto name : kWarehouses) {
    warehouse_ids.push_back(
        connection
            .Query("INSERT INTO warehouses (name, name_key, created_at, "
                   "updated_at, version) VALUES ($1, $2, $3, $3, 1) RETURNING id",
                   {std::string(name), text::Normalise(name), at})
            .at(0)
            .Int(0));
  }
  std::vector<ProductInfo> products;
  for (int64_t i = 0; i < count; ++i) {
    const size_t t = random.Below(kTypes.size());
    const ProductType& type = kTypes[t];
    ProductInfo product;
    char sku[32];
    std::snprintf(sku, sizeof sku, "%s-%05lld", std::string(type.prefix).c_str(),
                  static_cast<long long>(i + 1));
    product.sku = sku;
    product.name = std::string(random.Pick(type.nouns)) + " " +
                   std::string(random.Pick(kVariants)) + " " + std::string(random.Pick(kSizes));
    const bool active = !random.Chance(0.03);
    const Micros created = at + i * 1'000'000;
    product.id = connection
                     .Query(
                         "INSERT INTO products (sku, sku_key, name, name_key, product_type_id, "
                         "external_id, active, created_at, updated_at, version) VALUES ($1, $2, "
                         "$3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                         {product.sku, text::Normalise(product.sku), product.name,
                          text::Normalise(product.name), type_ids[t], nullptr,
                          int64_t{active ? 1 : 0}, created, created, int64_t{1}})
                     .at(0)
                     .Int(0);
    // A base price in cents, log-normal around 15 €, from 0.50 € to 2,000 €; MXN at about 22
    // pesos (whole pesos, in centavos), USD at about 1.16 dollars.
    const double eur =
        std::clamp(std::exp(std::log(1500.0) + 1.1 * random.Normal()), 50.0, 200000.0);
    const int64_t eur_minor = static_cast<int64_t>(eur / 10) * 10 + 9;
    product.price[0] = eur_minor;
    if (!random.Chance(0.15)) product.price[1] = (eur_minor * 22 / 100) * 100;
    if (!random.Chance(0.08))
      product.price[2] = static_cast<int64_t>(eur_minor * 1.16 / 10) * 10 + 9;
    for (size_t c = 0; c < kCurrencies.size(); ++c) {
      if (product.price[c] < 0) continue;
      connection.Execute(
          "INSERT INTO product_prices (product_id, currency, amount_minor) VALUES ($1, $2, $3)",
          {product.id, std::string(kCurrencies[c]), product.price[c]});
    }
    for (const int64_t warehouse : warehouse_ids) {
      if (!random.Chance(0.6)) continue;
      const int64_t quantity = random.Chance(0.2) ? 0 : static_cast<int64_t>(random.Below(2000));
      connection.Execute(
          "INSERT INTO stock (product_id, warehouse_id, quantity) VALUES ($1, $2, $3)",
          {product.id, warehouse, quantity});
    }
    if (!active) product.price = {-1, -1, -1};  // not ordered any more (nor in old orders here)
    products.push_back(std::move(product));
  }
  connection.Commit();
  return products;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: cartera_bench_generate_orders DB_URL PRODUCTS ORDERS\n";
    return 2;
  }
  crypto::Initialise();
  const std::string url = argv[1];
  const int64_t product_count = std::atoll(argv[2]);
  const int64_t order_count = std::atoll(argv[3]);
  const auto started = std::chrono::steady_clock::now();
  Staff owner;
  {
    auto database = storage::Open(url, 1);
    storage::Migrate(*database);
    owner = OwnerOf(*database);
  }
  // Reopened so that this is the only connection: the journal mode can change only then.
  auto database = storage::Open(url, 1);
  auto pooled = database->Acquire();
  Connection& connection = *pooled;
  if (connection.Query("SELECT 1 FROM orders LIMIT 1").size() +
          connection.Query("SELECT 1 FROM products LIMIT 1").size() >
      0) {
    std::cerr << "this database already has products or orders\n";
    return 1;
  }
  connection.Query("PRAGMA journal_mode=OFF");
  connection.Execute("PRAGMA synchronous=OFF");
  connection.Execute("PRAGMA cache_size=-4000000");  // 4 GB: the random-order indexes stay hot

  Random random(20261122);
  const Micros now = time::Now();
  const Micros start = now - 3 * 365 * kDay;

  std::vector<int64_t> warehouse_ids;
  std::vector<ProductInfo> products =
      WriteCatalogue(connection, random, product_count, start - 60 * kDay, warehouse_ids);
  std::array<std::vector<size_t>, 3> priced;  // indexes of products with a price, per currency
  for (size_t i = 0; i < products.size(); ++i) {
    for (size_t c = 0; c < kCurrencies.size(); ++c) {
      if (products[i].price[c] >= 0) priced[c].push_back(i);
    }
  }
  std::cerr << "  " << products.size() << " products (" << Seconds(started) << ")\n";

  // Current, active customers place orders; their weights are Pareto (alpha 1.5), so a few
  // have thousands of orders and most a handful. Customers under a credit limit are kept
  // small, as they would be in a real book (and as their limits of 1,000-50,000 imply).
  std::vector<CustomerInfo> customers;
  std::vector<double> cumulative;
  double total_weight = 0;
  for (const auto& row : connection.Query(
           "SELECT id, currency, discount_hundredths, credit_limit_minor, payment_terms_days FROM "
           "customers WHERE status = 'current' AND account_status = 'active' ORDER BY id")) {
    CustomerInfo customer;
    customer.id = row.Int(0);
    const std::string currency = row.Text(1);
    customer.currency = static_cast<size_t>(
        std::find(kCurrencies.begin(), kCurrencies.end(), currency) - kCurrencies.begin());
    if (customer.currency >= kCurrencies.size()) continue;
    customer.discount = row.Int(2);
    customer.credit_limit = row.OptionalInt(3);
    customer.terms_days = row.OptionalInt(4).value_or(0);
    double weight = std::min(std::pow(1.0 - random.Uniform(), -1.0 / 1.5), 3000.0);
    if (customer.credit_limit) weight = std::min(weight, 3.0);
    total_weight += weight;
    cumulative.push_back(total_weight);
    customers.push_back(std::move(customer));
  }
  if (customers.empty()) {
    std::cerr << "no current customers to place orders\n";
    return 1;
  }

  // Quick-order links for a quarter of them (who then place 70% of their orders through it), made
  // at some time in the period, in time order.
  std::vector<std::pair<Micros, size_t>> link_plan;
  for (size_t i = 0; i < customers.size(); ++i) {
    if (random.Chance(0.25))
      link_plan.emplace_back(random.Between(start - 30 * kDay, now - kDay), i);
  }
  std::sort(link_plan.begin(), link_plan.end());
  std::map<int64_t, LinkInfo> links;
  connection.Begin();
  for (const auto& [at, index] : link_plan) {
    const int64_t id =
        connection
            .Query(
                "INSERT INTO quick_links (customer_id, token_hash, created_at, created_by, "
                "expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                {customers[index].id, crypto::Sha256Hex(crypto::RandomToken(32)), at, owner.id,
                 nullptr})
            .at(0)
            .Int(0);
    customers[index].link_id = id;
    customers[index].link_since = at;
    links[id] = LinkInfo{id, 0, 0};
  }
  connection.Commit();
  std::cerr << "  " << customers.size() << " customers who order, " << links.size()
            << " quick-order links (" << Seconds(started) << ")\n";

  const int64_t first_sequence =
      connection.Query("SELECT value FROM counters WHERE name = 'order'").at(0).Int(0);
  const int64_t first_id =
      connection.Query("SELECT COALESCE(MAX(id), 0) FROM orders").at(0).Int(0) + 1;

  std::map<std::string, int64_t> by_status, by_payment, by_approval, by_source;
  int64_t lines_written = 0, events_written = 0, max_orders_customer = 0;
  std::vector<int64_t> orders_per_customer(customers.size(), 0);
  const Micros span = now - kMinute - start;
  auto write_event = [&](int64_t customer_id, int64_t order_id, std::string_view type,
                         const orders::Actor& actor, const json::object& data, Micros at) {
    history::RecordEvent(connection, customer_id, order_id, type, actor, data, at);
    ++events_written;
  };
  const orders::Actor staff_actor{"staff", owner.id, owner.name};

  connection.Begin();
  for (int64_t k = 0; k < order_count; ++k) {
    // Placed times rise with k, denser towards now (the business doubled over the three years).
    const double x = (static_cast<double>(k) + random.Uniform()) / static_cast<double>(order_count);
    const Micros placed_at =
        start + static_cast<Micros>(static_cast<double>(span) * (std::sqrt(1.0 + 3.0 * x) - 1.0));
    const size_t index = static_cast<size_t>(
        std::upper_bound(cumulative.begin(), cumulative.end(), random.Uniform() * total_weight) -
        cumulative.begin());
    CustomerInfo& customer = customers[std::min(index, customers.size() - 1)];
    ++orders_per_customer[std::min(index, customers.size() - 1)];
    const std::string currency(kCurrencies[customer.currency]);
    const bool quick =
        customer.link_id != 0 && placed_at >= customer.link_since && random.Chance(0.7);

    orders::Order order;
    order.id = first_id + k;
    order.number = orders::FormatNumber("order", first_sequence + k + 1);
    order.customer_id = customer.id;
    order.source = quick ? "quick_link" : "admin";
    order.currency = currency;
    order.discount_hundredths = customer.discount;
    const double shape = random.Uniform();
    const size_t line_count = shape < 0.5 ? 1 : shape < 0.8 ? 2 : 3;
    const auto& choices = priced[customer.currency];
    json::array body_lines;
    for (size_t i = 0; i < line_count; ++i) {
      const ProductInfo* product = nullptr;
      for (int attempt = 0; attempt < 10 && !product; ++attempt) {
        const ProductInfo& candidate = products[choices[random.Below(choices.size())]];
        if (std::none_of(order.lines.begin(), order.lines.end(), [&](const orders::Line& line) {
              return line.product_id == candidate.id;
            })) {
          product = &candidate;
        }
      }
      if (!product) continue;
      orders::Line line;
      line.product_id = product->id;
      line.sku = product->sku;
      line.name = product->name;
      line.quantity = static_cast<int64_t>(std::exp(random.Uniform() * std::log(60.0)));
      line.base_unit_price_minor = product->price[customer.currency];
      line.unit_price_minor =
          catalog::PersonalUnitPrice(line.base_unit_price_minor, customer.discount);
      line.line_total_minor = line.unit_price_minor * line.quantity;
      order.subtotal_minor += line.line_total_minor;
      body_lines.push_back(
          {{"product_id", std::to_string(line.product_id)}, {"quantity", line.quantity}});
      order.lines.push_back(std::move(line));
    }
    order.total_minor = order.subtotal_minor;
    order.placed_at = placed_at;
    order.due_date = time::FormatDate(placed_at + customer.terms_days * kDay);

    // What the request carried: buyer, note, address, warehouse, Idempotency-Key.
    json::object body;
    std::optional<std::string> scope, key;
    std::string request_hash;
    if (quick) {
      order.quick_link_id = customer.link_id;
      order.buyer_name =
          std::string(random.Pick(kFirstNames)) + " " + std::string(random.Pick(kLastNames));
      if (random.Chance(0.4)) {
        order.buyer_email = "compras" + std::to_string(customer.id) + "@cliente.example";
      }
      body["lines"] = body_lines;
      body["buyer"] = {{"name", *order.buyer_name},
                       {"email", order.buyer_email ? json::value(*order.buyer_email) : nullptr}};
      scope = "quick_link:" + std::to_string(customer.link_id);
    } else {
      order.created_by = owner.id;
      if (random.Chance(0.5))
        order.warehouse_id = warehouse_ids[random.Below(warehouse_ids.size())];
      if (random.Chance(0.15)) order.shipping_address = kAddresses[random.Below(kAddresses.size())];
      body["kind"] = "order";
      body["customer_id"] = std::to_string(customer.id);
      body["lines"] = body_lines;
      if (order.warehouse_id) body["warehouse_id"] = std::to_string(*order.warehouse_id);
      if (order.shipping_address) body["shipping_address"] = orders::ToJson(order.shipping_address);
      if (random.Chance(0.9)) scope = "staff:" + std::to_string(owner.id);
    }
    if (random.Chance(0.1)) {
      order.note = std::string(random.Pick(kNotes));
      body["note"] = *order.note;
    }
    if (scope) {
      key = random.Uuid();
      request_hash = crypto::Sha256Hex(json::serialize(body));
    }

    // The credit check of OrderService::Insert, on the orders unpaid at this moment.
    bool held = false;
    if (customer.credit_limit) {
      auto& outstanding = customer.outstanding;
      std::erase_if(outstanding, [&](const auto& entry) { return entry.first <= placed_at; });
      int64_t unpaid = 0;
      for (const auto& entry : outstanding) unpaid += entry.second;
      held = unpaid + order.total_minor > *customer.credit_limit;
    }
    order.approval_status = held ? "held" : "not_required";

    // What happened later, up to now: approval, workflow, payment.
    std::vector<LaterEvent> later;
    Micros at = placed_at;
    bool live = true;  // not cancelled
    bool approved = !held;
    if (held) {
      if (random.Chance(0.85)) {
        at += random.Between(2 * kHour, 48 * kHour);
        if (at < now) {
          later.push_back({at, "order_approved", {{"total_minor", order.total_minor}}});
          order.approval_status = "approved";
          approved = true;
        }
      } else {
        at += random.Between(kDay, 5 * kDay);
        if (at < now) {
          later.push_back({at, "order_status_changed", {{"from", "pending"}, {"to", "cancelled"}}});
          order.status = "cancelled";
          live = false;
        }
      }
    }
    Micros cancelled_at = kNever;
    if (approved) {
      std::vector<std::pair<std::string, Micros>> steps = {
          {"confirmed", random.Between(10 * kMinute, kDay)}};
      if (random.Chance(0.5)) steps.push_back({"in_production", random.Between(kDay, 4 * kDay)});
      steps.push_back({"shipped", random.Between(kDay, 3 * kDay)});
      steps.push_back({"delivered", random.Between(kDay, 5 * kDay)});
      // 4% are cancelled: from pending, confirmed or in production (never once shipped).
      const size_t cancellable = steps[1].first == "in_production" ? 3 : 2;
      const size_t cancel_at = random.Chance(0.04) ? random.Below(cancellable) : steps.size();
      for (size_t s = 0; s < steps.size(); ++s) {
        const bool cancel = s == cancel_at;
        const Micros when = at + (cancel ? random.Between(kHour, 3 * kDay) : steps[s].second);
        if (when >= now) break;
        const std::string to = cancel ? "cancelled" : steps[s].first;
        later.push_back({when, "order_status_changed", {{"from", order.status}, {"to", to}}});
        order.status = to;
        at = when;
        if (cancel) {
          live = false;
          cancelled_at = when;
          break;
        }
      }
    }
    Micros paid_at = kNever;
    if (approved && live && !random.Chance(0.015)) {
      const Micros due = placed_at + customer.terms_days * kDay;
      paid_at = customer.terms_days == 0
                    ? placed_at + random.Between(kHour, 3 * kDay)
                    : std::max(placed_at + kHour, due + random.Between(-10 * kDay, 20 * kDay));
      if (paid_at < now && paid_at < cancelled_at) {
        json::array changes;
        changes.push_back({{"field", "payment_status"}, {"from", "unpaid"}, {"to", "paid"}});
        later.push_back({paid_at, "order_updated", {{"changes", std::move(changes)}}});
        order.payment_status = "paid";
      }
    }
    std::stable_sort(later.begin(), later.end(),
                     [](const LaterEvent& a, const LaterEvent& b) { return a.at < b.at; });
    if (customer.credit_limit && approved) {
      customer.outstanding.emplace_back(std::min(paid_at, cancelled_at), order.total_minor);
    }
    order.version = 1 + static_cast<int64_t>(later.size());
    order.updated_at = later.empty() ? placed_at : later.back().at;

    // The rows, as OrderService::Insert writes them (with the final state of the order).
    connection.Execute(
        "INSERT INTO orders (id, number, kind, customer_id, contact_id, buyer_name, buyer_email, "
        "source, status, approval_status, currency, discount_hundredths, subtotal_minor, "
        "total_minor, warehouse_id, shipping_address, note, payment_status, due_date, placed_at, "
        "quote_id, quick_link_id, created_by, idempotency_scope, idempotency_key, request_hash, "
        "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28)",
        {order.id,
         order.number,
         order.kind,
         order.customer_id,
         nullptr,
         storage::Nullable(order.buyer_name),
         storage::Nullable(order.buyer_email),
         order.source,
         order.status,
         order.approval_status,
         order.currency,
         order.discount_hundredths,
         order.subtotal_minor,
         order.total_minor,
         storage::Nullable(order.warehouse_id),
         order.shipping_address ? Value(json::serialize(orders::ToJson(order.shipping_address)))
                                : Value(nullptr),
         storage::Nullable(order.note),
         order.payment_status,
         storage::Nullable(order.due_date),
         order.placed_at,
         nullptr,
         storage::Nullable(order.quick_link_id),
         storage::Nullable(order.created_by),
         storage::Nullable(scope),
         storage::Nullable(key),
         request_hash,
         order.updated_at,
         order.version});
    for (size_t i = 0; i < order.lines.size(); ++i) {
      const orders::Line& line = order.lines[i];
      connection.Execute(
          "INSERT INTO order_lines (order_id, position, product_id, sku, name, quantity, "
          "base_unit_price_minor, unit_price_minor, line_total_minor) VALUES ($1, $2, $3, $4, "
          "$5, $6, $7, $8, $9)",
          {order.id, static_cast<int64_t>(i), line.product_id, line.sku, line.name, line.quantity,
           line.base_unit_price_minor, line.unit_price_minor, line.line_total_minor});
    }
    lines_written += static_cast<int64_t>(order.lines.size());
    const orders::Actor placer =
        quick ? orders::Actor{"quick_link", customer.link_id, order.buyer_name} : staff_actor;
    write_event(customer.id, order.id, "order_placed", placer,
                {{"number", order.number},
                 {"kind", order.kind},
                 {"source", order.source},
                 {"total_minor", order.total_minor},
                 {"currency", order.currency},
                 {"approval_status", held ? "held" : "not_required"}},
                placed_at);
    for (const auto& event : later) {
      write_event(customer.id, order.id, event.type, staff_actor, event.data, event.at);
    }
    customer.last_order_at = std::max(customer.last_order_at, placed_at);
    if (quick) {
      LinkInfo& link = links[customer.link_id];
      ++link.orders;
      link.last_used_at = std::max(link.last_used_at, placed_at);
    }
    ++by_status[order.status];
    ++by_payment[order.payment_status];
    ++by_approval[order.approval_status];
    ++by_source[order.source];

    if ((k + 1) % kOrdersPerTransaction == 0) {
      connection.Commit();
      if ((k + 1) % 500000 == 0) {
        std::cerr << "  " << (k + 1) << " orders (" << Seconds(started) << ")\n";
      }
      connection.Begin();
    }
  }

  // The counter, customers' last_order_at and the links' counters, as Insert leaves them.
  connection.Execute("UPDATE counters SET value = $1 WHERE name = 'order'",
                     {first_sequence + order_count});
  for (size_t i = 0; i < customers.size(); ++i) {
    const CustomerInfo& customer = customers[i];
    max_orders_customer = std::max(max_orders_customer, orders_per_customer[i]);
    if (customer.last_order_at == 0) continue;
    connection.Execute(
        "UPDATE customers SET last_order_at = $1 WHERE id = $2 AND (last_order_at IS NULL OR "
        "last_order_at < $1)",
        {customer.last_order_at, customer.id});
  }
  for (const auto& [id, link] : links) {
    if (link.orders == 0) continue;
    connection.Execute(
        "UPDATE quick_links SET orders_count = orders_count + $1, last_used_at = $2 WHERE id = $3",
        {link.orders, link.last_used_at, id});
  }
  connection.Commit();
  std::cerr << "  all rows written (" << Seconds(started) << "); analysing\n";
  for (const char* table : {"products", "product_prices", "stock", "quick_links", "orders",
                            "order_lines", "customer_events", "customers"}) {
    connection.Execute(std::string("ANALYZE ") + table);
  }
  connection.Query("PRAGMA journal_mode=WAL");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::sort(orders_per_customer.begin(), orders_per_customer.end());
  const auto customers_with_orders = static_cast<int64_t>(
      orders_per_customer.end() -
      std::upper_bound(orders_per_customer.begin(), orders_per_customer.end(), 0));
  std::cerr << "  " << order_count << " orders, " << lines_written << " lines, " << events_written
            << " events; " << customers_with_orders << " customers with orders (median "
            << orders_per_customer[orders_per_customer.size() / 2] << ", p99 "
            << orders_per_customer[orders_per_customer.size() * 99 / 100] << ", max "
            << max_orders_customer << ")\n";
  for (const auto* counts : {&by_status, &by_payment, &by_approval, &by_source}) {
    std::cerr << "   ";
    for (const auto& [name, n] : *counts) std::cerr << " " << name << " " << n;
    std::cerr << "\n";
  }
  std::cout << seconds << "\n";
  return 0;
}
