#include "transfer/columns.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "common/text.hpp"

namespace cartera::transfer {
namespace {

namespace json = boost::json;
using customers::Customer;

CellValue Text(const std::optional<std::string>& value) {
  if (!value) return std::monostate{};
  return std::string_view(*value);
}

CellValue Integer(const std::optional<int64_t>& value) {
  if (!value) return std::monostate{};
  return *value;
}

CellValue Joined(const std::vector<std::string>& values) {
  if (values.empty()) return std::monostate{};
  std::string joined;
  for (const auto& value : values) {
    if (!joined.empty()) joined += ", ";
    joined += value;
  }
  return joined;
}

template <typename Member>
CellValue AddressPart(const Customer& customer, Member member) {
  if (!customer.default_address) return std::monostate{};
  if constexpr (std::is_same_v<decltype((*customer.default_address).*member),
                               const std::optional<std::string>&>) {
    return Text((*customer.default_address).*member);
  } else {
    return std::string_view((*customer.default_address).*member);
  }
}

using Address = customers::DefaultAddress;
constexpr double kNarrow = 10, kMedium = 16, kWide = 28, kNotes = 40;

// Captureless lambdas convert to the plain function pointers of Column.
const std::array<Column, 43> kColumns = {{
    {"id", ColumnType::kId, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return c.id; }},
    {"name", ColumnType::kText, true, WhenEmpty::kBlank, kWide,
     [](const Customer& c) -> CellValue { return std::string_view(c.name); }},
    {"legal_name", ColumnType::kText, true, WhenEmpty::kNull, kWide,
     [](const Customer& c) { return Text(c.legal_name); }},
    {"tax_id", ColumnType::kText, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Text(c.tax_id); }},
    {"external_id", ColumnType::kText, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Text(c.external_id); }},
    {"customer_type", ColumnType::kEnum, true, WhenEmpty::kNull, kNarrow,
     [](const Customer& c) { return Text(c.customer_type); }},
    {"contact_person", ColumnType::kText, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Text(c.contact_person); }},
    {"email", ColumnType::kText, true, WhenEmpty::kNull, kWide,
     [](const Customer& c) { return Text(c.email); }},
    {"phone", ColumnType::kText, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Text(c.phone); }},
    {"whatsapp", ColumnType::kText, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Text(c.whatsapp); }},
    {"status", ColumnType::kEnum, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return Name(c.status); }},
    {"temperature", ColumnType::kEnum, true, WhenEmpty::kNull, kNarrow,
     [](const Customer& c) { return Text(c.temperature); }},
    {"discount_percent", ColumnType::kPercent, true, WhenEmpty::kNull, kNarrow,
     [](const Customer& c) -> CellValue {
       if (c.discount_hundredths % 100 == 0) return c.discount_hundredths / 100;
       return static_cast<double>(c.discount_hundredths) / 100.0;
     }},
    {"currency", ColumnType::kText, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return std::string_view(c.currency); }},
    {"language", ColumnType::kText, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return std::string_view(c.language); }},
    {"account_status", ColumnType::kEnum, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return Name(c.account_status); }},
    {"registration_status", ColumnType::kEnum, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return Name(c.registration_status); }},
    {"shared_account", ColumnType::kBool, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return c.shared_account; }},
    {"credit_limit_minor", ColumnType::kInteger, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Integer(c.credit_limit_minor); }},
    {"payment_terms_days", ColumnType::kInteger, true, WhenEmpty::kNull, kNarrow,
     [](const Customer& c) { return Integer(c.payment_terms_days); }},
    {"payment_methods", ColumnType::kList, true, WhenEmpty::kNull, kWide,
     [](const Customer& c) { return Joined(c.payment_methods); }},
    {"default_payment_method", ColumnType::kText, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Text(c.default_payment_method); }},
    {"shipping_method", ColumnType::kText, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Text(c.shipping_method); }},
    {"logistics_notes", ColumnType::kText, true, WhenEmpty::kNull, kNotes,
     [](const Customer& c) { return Text(c.logistics_notes); }},
    {"tags", ColumnType::kList, true, WhenEmpty::kNull, kWide,
     [](const Customer& c) { return Joined(c.tags); }},
    {"catalog_scope", ColumnType::kEnum, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return Name(c.catalog_scope); }},
    {"product_type_ids", ColumnType::kList, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Joined(c.product_type_ids); }},
    {"product_ids", ColumnType::kList, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Joined(c.product_ids); }},
    {"warehouse_ids", ColumnType::kList, true, WhenEmpty::kNull, kMedium,
     [](const Customer& c) { return Joined(c.warehouse_ids); }},
    {"default_warehouse_id", ColumnType::kText, true, WhenEmpty::kNull, kNarrow,
     [](const Customer& c) { return Text(c.default_warehouse_id); }},
    {"default_address.label", ColumnType::kText, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) { return AddressPart(c, &Address::label); }},
    {"default_address.line1", ColumnType::kText, false, WhenEmpty::kOmit, kWide,
     [](const Customer& c) { return AddressPart(c, &Address::line1); }},
    {"default_address.line2", ColumnType::kText, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) { return AddressPart(c, &Address::line2); }},
    {"default_address.postal_code", ColumnType::kText, false, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) { return AddressPart(c, &Address::postal_code); }},
    {"default_address.city", ColumnType::kText, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) { return AddressPart(c, &Address::city); }},
    {"default_address.region", ColumnType::kText, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) { return AddressPart(c, &Address::region); }},
    {"default_address.country", ColumnType::kText, false, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) { return AddressPart(c, &Address::country); }},
    {"balance_overdue_minor", ColumnType::kInteger, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) -> CellValue { return c.balance_overdue_minor; }},
    {"balance_not_due_minor", ColumnType::kInteger, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) -> CellValue { return c.balance_not_due_minor; }},
    {"last_order_at", ColumnType::kDateTime, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) -> CellValue {
       if (!c.last_order_at) return std::monostate{};
       return DateTimeCell{*c.last_order_at};
     }},
    {"created_at", ColumnType::kDateTime, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) -> CellValue { return DateTimeCell{c.created_at}; }},
    {"updated_at", ColumnType::kDateTime, false, WhenEmpty::kOmit, kMedium,
     [](const Customer& c) -> CellValue { return DateTimeCell{c.updated_at}; }},
    // Read back on import: a row whose customer changed since the export is refused (stale).
    {"version", ColumnType::kInteger, true, WhenEmpty::kOmit, kNarrow,
     [](const Customer& c) -> CellValue { return c.version; }},
}};

// Folded for comparison: lower case, no accents, every run of other characters than letters
// and digits one space ("Razón social" -> "razon social", "legal_name" -> "legal name").
std::string Key(std::string_view text) {
  const std::string folded = text::Normalise(text);
  std::string key;
  bool gap = false;
  for (const char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || byte >= 0x80) {
      if (gap && !key.empty()) key += ' ';
      key += c;
      gap = false;
    } else {
      gap = true;
    }
  }
  return key;
}

// Labels the UI shows for each column (Spanish and English) and common spreadsheet headings.
// The API name itself is always recognised.
constexpr std::pair<std::string_view, std::string_view> kHeaderLabels[] = {
    {"id", "identificador"},
    {"name", "nombre"},
    {"name", "nombre comercial"},
    {"name", "cliente"},
    {"name", "customer"},
    {"legal_name", "razón social"},
    {"legal_name", "legal name"},
    {"legal_name", "denominación social"},
    {"tax_id", "NIF"},
    {"tax_id", "CIF"},
    {"tax_id", "NIF / CIF"},
    {"tax_id", "NIF / CIF / RFC"},
    {"tax_id", "RFC"},
    {"tax_id", "NIE"},
    {"tax_id", "Tax ID"},
    {"tax_id", "Tax ID (VAT)"},
    {"tax_id", "VAT"},
    {"tax_id", "VAT number"},
    {"external_id", "ID externo"},
    {"external_id", "External ID"},
    {"external_id", "Código externo"},
    {"customer_type", "Tipo de cliente"},
    {"customer_type", "Tipo"},
    {"customer_type", "Customer type"},
    {"contact_person", "Persona de contacto"},
    {"contact_person", "Contacto"},
    {"contact_person", "Contact person"},
    {"email", "Correo electrónico"},
    {"email", "Correo"},
    {"email", "E-mail"},
    {"email", "Mail"},
    {"phone", "Teléfono"},
    {"phone", "Tel"},
    {"phone", "Phone"},
    {"phone", "Telephone"},
    {"status", "Estado"},
    {"temperature", "Temperatura"},
    {"discount_percent", "Descuento"},
    {"discount_percent", "Descuento (%)"},
    {"discount_percent", "Dto"},
    {"discount_percent", "Discount"},
    {"currency", "Moneda"},
    {"currency", "Divisa"},
    {"language", "Idioma"},
    {"account_status", "Estado de la cuenta"},
    {"account_status", "Account status"},
    {"registration_status", "Estado del registro"},
    {"registration_status", "Estado de registro"},
    {"registration_status", "Registration status"},
    {"shared_account", "Cuenta compartida"},
    {"shared_account", "Shared account"},
    {"payment_terms_days", "Plazo de pago"},
    {"payment_terms_days", "Plazo de pago (días)"},
    {"payment_terms_days", "Payment terms"},
    {"payment_terms_days", "Payment terms (days)"},
    {"payment_methods", "Métodos de pago"},
    {"payment_methods", "Formas de pago"},
    {"payment_methods", "Payment methods"},
    {"default_payment_method", "Método de pago predeterminado"},
    {"default_payment_method", "Forma de pago"},
    {"default_payment_method", "Default payment method"},
    {"shipping_method", "Método de envío"},
    {"shipping_method", "Forma de envío"},
    {"shipping_method", "Shipping method"},
    {"logistics_notes", "Notas de logística"},
    {"logistics_notes", "Logistics notes"},
    {"tags", "Etiquetas"},
    {"default_address.line1", "Dirección"},
    {"default_address.line1", "Address"},
    {"default_address.postal_code", "Código postal"},
    {"default_address.postal_code", "CP"},
    {"default_address.postal_code", "Postal code"},
    {"default_address.city", "Ciudad"},
    {"default_address.city", "Población"},
    {"default_address.city", "City"},
    {"default_address.region", "Provincia"},
    {"default_address.region", "Región"},
    {"default_address.region", "Region"},
    {"default_address.country", "País"},
    {"default_address.country", "Country"},
    {"balance_overdue_minor", "Saldo vencido"},
    {"balance_not_due_minor", "Saldo por vencer"},
    {"last_order_at", "Último pedido"},
    {"last_order_at", "Last order"},
};

// Labels of enum values (the UI's, Spanish and English); an empty value means null.
struct EnumLabel {
  std::string_view field, label, value;
};
constexpr EnumLabel kEnumLabels[] = {
    {"status", "actual", "current"},
    {"status", "cliente actual", "current"},
    {"status", "potencial", "potential"},
    {"status", "cliente potencial", "potential"},
    {"temperature", "caliente", "hot"},
    {"temperature", "tibio", "warm"},
    {"temperature", "templado", "warm"},
    {"temperature", "frío", "cold"},
    {"temperature", "no interesado", "not_interested"},
    {"temperature", "sin temperatura", ""},
    {"temperature", "no temperature", ""},
    {"customer_type", "empresa", "company"},
    {"customer_type", "particular", "individual"},
    {"customer_type", "sin especificar", ""},
    {"customer_type", "not specified", ""},
    {"account_status", "activa", "active"},
    {"account_status", "activo", "active"},
    {"account_status", "cuenta activa", "active"},
    {"account_status", "active account", "active"},
    {"account_status", "inactiva", "inactive"},
    {"account_status", "inactivo", "inactive"},
    {"account_status", "cuenta inactiva", "inactive"},
    {"account_status", "inactive account", "inactive"},
    {"registration_status", "nuevo", "new"},
    {"registration_status", "nuevo (pendiente de validar)", "new"},
    {"registration_status", "new (awaiting validation)", "new"},
    {"registration_status", "validado", "validated"},
    {"registration_status", "cancelado", "cancelled"},
    {"registration_status", "canceled", "cancelled"},
};

std::span<const std::string_view> EnumValues(std::string_view field) {
  if (field == "status") return customers::kStatuses;
  if (field == "temperature") return customers::kTemperatures;
  if (field == "customer_type") return customers::kCustomerTypes;
  if (field == "account_status") return customers::kAccountStatuses;
  if (field == "registration_status") return customers::kRegistrationStatuses;
  if (field == "catalog_scope") return customers::kCatalogScopes;
  return {};
}

const std::unordered_map<std::string, size_t>& HeaderIndex() {
  static const auto index = [] {
    std::unordered_map<std::string, size_t> map;
    for (size_t i = 0; i < kColumns.size(); ++i) map.emplace(Key(kColumns[i].name), i);
    for (const auto& [name, label] : kHeaderLabels) {
      for (size_t i = 0; i < kColumns.size(); ++i) {
        if (kColumns[i].name == name) map.emplace(Key(label), i);
      }
    }
    return map;
  }();
  return index;
}

std::string FormatDouble(double value) {
  std::array<char, 32> buffer;
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return error == std::errc() ? std::string(buffer.data(), end) : std::to_string(value);
}

// A number in `text` ("12", "-3", "12.5", "12,5", "1.5E3"), or nullopt.
std::optional<double> ParseNumber(std::string_view text) {
  std::string normal(text);
  std::erase(normal, ' ');
  if (normal.empty()) return std::nullopt;
  // A single comma and no point is a decimal comma (Spanish spreadsheets).
  if (std::count(normal.begin(), normal.end(), ',') == 1 && normal.find('.') == std::string::npos) {
    normal[normal.find(',')] = '.';
  }
  const char* begin = normal.data();
  if (*begin == '+') ++begin;
  double value = 0;
  const auto [end, error] = std::from_chars(begin, normal.data() + normal.size(), value);
  if (error != std::errc() || end != normal.data() + normal.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ParseBool(std::string_view text) {
  const std::string key = Key(text);
  for (const std::string_view yes : {"true", "1", "si", "yes", "verdadero", "x"}) {
    if (key == yes) return true;
  }
  for (const std::string_view no : {"false", "0", "no", "falso"}) {
    if (key == no) return false;
  }
  return std::nullopt;
}

}  // namespace

std::span<const Column> Columns() { return kColumns; }

std::optional<size_t> FindColumn(std::string_view header) {
  const auto& index = HeaderIndex();
  const auto it = index.find(Key(header));
  if (it == index.end()) return std::nullopt;
  return it->second;
}

std::string CellText(const CellValue& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(std::string_view text) const { return std::string(text); }
    std::string operator()(const std::string& text) const { return text; }
    std::string operator()(int64_t number) const { return std::to_string(number); }
    std::string operator()(double number) const { return FormatDouble(number); }
    std::string operator()(bool flag) const { return flag ? "true" : "false"; }
    std::string operator()(DateTimeCell time) const { return time::FormatRfc3339(time.at); }
  };
  return std::visit(Visitor{}, value);
}

std::optional<json::value> CellJson(const Column& column, std::string_view cell) {
  const std::string_view trimmed = text::Trim(cell);
  if (trimmed.empty()) {
    switch (column.when_empty) {
      case WhenEmpty::kNull:
        return column.type == ColumnType::kList ? json::value(json::array()) : json::value(nullptr);
      case WhenEmpty::kOmit:
        return std::nullopt;
      case WhenEmpty::kBlank:
        return json::value("");
    }
  }
  switch (column.type) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kDateTime:
      return json::value(trimmed);
    case ColumnType::kEnum: {
      const std::string key = Key(trimmed);
      for (const auto value : EnumValues(column.name)) {
        if (key == Key(value)) return json::value(value);
      }
      for (const auto& label : kEnumLabels) {
        if (label.field == column.name && key == Key(label.label)) {
          return label.value.empty() ? json::value(nullptr) : json::value(label.value);
        }
      }
      return json::value(trimmed);  // ApplyJson answers invalid_enum with the allowed values
    }
    case ColumnType::kInteger: {
      const auto number = ParseNumber(trimmed);
      if (number && std::trunc(*number) == *number && std::fabs(*number) < 9e15) {
        return json::value(static_cast<int64_t>(*number));
      }
      return json::value(trimmed);
    }
    case ColumnType::kPercent: {
      std::string_view digits = trimmed;
      if (digits.ends_with('%')) digits = text::Trim(digits.substr(0, digits.size() - 1));
      if (const auto number = ParseNumber(digits)) return json::value(*number);
      return json::value(trimmed);
    }
    case ColumnType::kBool: {
      if (const auto flag = ParseBool(trimmed)) return json::value(*flag);
      return json::value(trimmed);
    }
    case ColumnType::kList: {
      json::array items;
      std::string_view rest = trimmed;
      while (!rest.empty()) {
        const size_t comma = rest.find(',');
        const std::string_view item = text::Trim(rest.substr(0, comma));
        if (!item.empty()) items.emplace_back(item);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
      return json::value(std::move(items));
    }
  }
  return std::nullopt;
}

}  // namespace cartera::transfer
