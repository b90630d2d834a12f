#include "customers/sample_data.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "common/text.hpp"

namespace cartera::customers {
namespace {

constexpr std::array<std::string_view, 24> kCompanyStems = {
    "Eléctrica",     "Ferretería",  "Distribuidora", "Suministros", "Papelería",   "Construcciones",
    "Alimentación",  "Textil",      "Farmacia",      "Óptica",      "Iluminación", "Fontanería",
    "Carpintería",   "Librería",    "Jardinería",    "Hostelería",  "Panadería",   "Talleres",
    "Climatización", "Informática", "Mobiliario",    "Cerámica",    "Droguería",   "Pinturas"};
constexpr std::array<std::string_view, 20> kPlaces = {
    "del Sur",   "Norte",       "Levante", "Andaluza", "Castellana",   "del Valle", "Mediterránea",
    "Atlántica", "Rioplatense", "Azteca",  "Andina",   "del Pacífico", "Central",   "Peninsular",
    "Gallega",   "Catalana",    "Vasca",   "Canaria",  "Balear",       "Aragonesa"};
constexpr std::array<std::string_view, 6> kLegalForms = {"S.A.",   "S.L.", "S.A. de C.V.",
                                                         "S.R.L.", "S.C.", "Hermanos"};
constexpr std::array<std::string_view, 24> kFirstNames = {
    "Andrés", "Julieta",   "Carla", "José",   "María",     "Lucía",   "Martín",   "Sofía",
    "Javier", "Valentina", "Diego", "Camila", "Alejandro", "Daniela", "Fernando", "Paula",
    "Raúl",   "Inés",      "Tomás", "Begoña", "Íñigo",     "Ángela",  "Sergio",   "Nuria"};
constexpr std::array<std::string_view, 24> kLastNames = {
    "García",    "Fernández", "González", "Rodríguez", "López",   "Martínez",
    "Sánchez",   "Pérez",     "Gómez",    "Martín",    "Jiménez", "Ruiz",
    "Hernández", "Díaz",      "Moreno",   "Muñoz",     "Álvarez", "Romero",
    "Núñez",     "Navarro",   "Torres",   "Domínguez", "Vázquez", "Castillo"};
constexpr std::array<std::string_view, 8> kTags = {
    "mayorista",       "VIP",        "instalador",  "exportación",
    "pago anticipado", "feria 2026", "recomendado", "obra pública"};
constexpr std::array<std::string_view, 4> kCurrencies = {"EUR", "EUR", "MXN", "USD"};

std::string Slug(std::string_view text) {
  std::string slug;
  for (const char c : text::Normalise(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) slug.push_back(c);
  }
  return slug;
}

template <typename Array>
std::string_view Pick(std::mt19937_64& random, const Array& values) {
  return values[random() % values.size()];
}

}  // namespace

Customer SampleData::Next(int64_t n) {
  Customer c;
  const bool company = random_() % 4 != 0;
  const std::string first(Pick(random_, kFirstNames));
  const std::string last(Pick(random_, kLastNames));
  const std::string suffix = n >= 1000 ? " " + std::to_string(n) : "";
  if (company) {
    const std::string stem(Pick(random_, kCompanyStems));
    c.name = (random_() % 3 == 0 ? "Comercial " + stem : stem) + " " +
             std::string(Pick(random_, kPlaces)) + suffix;
    c.legal_name = c.name + " " + std::string(Pick(random_, kLegalForms));
    c.customer_type = "company";
    c.contact_person = first + " " + last;
    c.email = "compras." + std::to_string(n) + "@" + Slug(c.name).substr(0, 24) + ".example";
    char tax[16];
    std::snprintf(tax, sizeof tax, "B%08lld",
                  static_cast<long long>(10000000 + n * 7919 % 89999999));
    c.tax_id = tax;
  } else {
    c.name = first + " " + last + " " + std::string(Pick(random_, kLastNames)) + suffix;
    c.customer_type = "individual";
    c.email = Slug(first) + "." + Slug(last) + std::to_string(n) + "@correo.example";
    char tax[16];
    std::snprintf(tax, sizeof tax, "%08lldZ", static_cast<long long>(n * 104729 % 99999999));
    c.tax_id = tax;
  }
  char phone[24];
  std::snprintf(phone, sizeof phone, "+34 6%02d %03d %03d", static_cast<int>(n % 100),
                static_cast<int>(random_() % 1000), static_cast<int>(random_() % 1000));
  c.phone = phone;
  if (random_() % 2 == 0) c.whatsapp = phone;
  c.status = random_() % 3 == 0 ? CustomerStatus::kPotential : CustomerStatus::kCurrent;
  constexpr std::array<std::string_view, 5> kTemperatureChoices = {"hot", "warm", "cold",
                                                                   "not_interested", ""};
  const std::string_view temperature = Pick(random_, kTemperatureChoices);
  if (!temperature.empty()) c.temperature = std::string(temperature);
  constexpr std::array<int64_t, 6> kDiscounts = {0, 0, 500, 750, 1000, 1250};
  c.discount_hundredths = kDiscounts[random_() % kDiscounts.size()];
  c.currency = std::string(Pick(random_, kCurrencies));
  c.language = random_() % 5 == 0 ? "en" : "es";
  c.registration_status = RegistrationStatus::kValidated;
  c.payment_terms_days = std::array<int64_t, 4>{0, 30, 60, 90}[random_() % 4];
  c.payment_methods = {"transferencia", "domiciliación"};
  c.default_payment_method = "transferencia";
  c.shipping_method = random_() % 2 ? "Agencia de transporte" : "Recogida en almacén";
  if (random_() % 3 == 0) c.credit_limit_minor = static_cast<int64_t>(random_() % 50 + 1) * 100000;
  const size_t tag_count = random_() % 3;
  for (size_t i = 0; i < tag_count; ++i) {
    std::string tag(Pick(random_, kTags));
    if (std::find(c.tags.begin(), c.tags.end(), tag) == c.tags.end()) c.tags.push_back(tag);
  }
  return c;
}

}  // namespace cartera::customers
