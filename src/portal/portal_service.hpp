#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "common/principal.hpp"
#include "common/result.hpp"
#include "contacts/contact_repository.hpp"
#include "contacts/contact_service.hpp"
#include "customers/customer_repository.hpp"
#include "orders/customer_catalog.hpp"
#include "orders/order_service.hpp"
#include "settings/settings.hpp"
#include "storage/database.hpp"

// What the portal shows a signed-in contact or a visitor (F13, F22, F24): its account, the
// catalogue with the prices it may see, its favourites. Sign-in lives in PortalAuth.
namespace cartera::portal {

// The signed-in contact and its customer, read fresh.
struct Account {
  contacts::Contact contact;
  customers::Customer customer;
};

// `GET /portal/me`: the account and, for those who may see invoices, the customer's credit.
struct Profile {
  Account account;
  std::optional<orders::Credit> credit;
};

// A page of the catalogue as the caller may see it.
struct CatalogView {
  bool signed_in = false;
  bool prices_visible = false;
  std::string currency;
  orders::CatalogPage page;
  std::unordered_set<int64_t> favorites;  // product ids
};

// Whether the contact may ask for what `kind` (orders::kKinds) names.
// Errors: kPermissionDenied `permission_required`.
Status CheckMayPlace(const contacts::Contact& contact, std::string_view kind);

class PortalService {
 public:
  PortalService(storage::Database& database, customers::CustomerRepository& customers,
                contacts::ContactService& contacts, orders::OrderService& orders)
      : database_(database), customers_(customers), contacts_(contacts), orders_(orders) {}

  // The store's settings the portal shows before sign-in.
  settings::Settings Store();
  // Errors: kNotFound `contact` (deleted since the session was read).
  Result<Account> AccountOf(const Principal& principal);
  // Errors: as AccountOf.
  Result<Profile> ProfileOf(const Principal& principal);
  // The contact edits itself; a new password needs the current one.
  // Errors: kUnauthenticated `invalid_credentials`; as ContactService::Update.
  Result<contacts::Contact> UpdateProfile(const Principal& principal,
                                          const contacts::ContactInput& input,
                                          const std::optional<std::string>& current_password);
  // `principal`: the signed-in contact, nullopt for a visitor. Errors: kNotFound `customer`;
  // kInvalidArgument (cursor).
  Result<CatalogView> Catalog(const std::optional<Principal>& principal,
                              const orders::CatalogQuery& query);
  // Only a product the contact's customer may buy. Errors: kNotFound `product`, `contact`.
  Status AddFavorite(const Principal& principal, int64_t product_id);

 private:
  storage::Database& database_;
  customers::CustomerRepository& customers_;
  contacts::ContactService& contacts_;
  orders::OrderService& orders_;
  contacts::ContactRepository contact_reads_;
};

}  // namespace cartera::portal
