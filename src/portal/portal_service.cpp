#include "portal/portal_service.hpp"

#include "history/event_log.hpp"

namespace cartera::portal {

Status CheckMayPlace(const contacts::Contact& contact, std::string_view kind) {
  const bool quote = kind == "quote";  // orders' kind, still text
  if (contact.Can(quote ? contacts::Permission::kRequestQuotes
                        : contacts::Permission::kPlaceOrders)) {
    return Ok{};
  }
  return MakeError(
      ErrorCode::kPermissionDenied, "permission_required",
      "Your account may not " + std::string(quote ? "ask for quotes." : "place orders."));
}

settings::Settings PortalService::Store() {
  auto connection = database_.Acquire();
  return settings::Load(*connection);
}

Result<Account> PortalService::AccountOf(const Principal& principal) {
  auto connection = database_.Acquire();
  auto contact = contact_reads_.Find(*connection, principal.id);
  auto customer = customers_.FindById(*connection, principal.customer_id);
  if (!contact || !customer) return NotFound("contact");
  return Account{std::move(*contact), std::move(*customer)};
}

Result<Profile> PortalService::ProfileOf(const Principal& principal) {
  TRY_ASSIGN(Account account, AccountOf(principal));
  Profile profile{std::move(account), std::nullopt};
  // Balances only for those who may see invoices (billing contacts).
  if (profile.account.contact.Can(contacts::Permission::kViewInvoices)) {
    if (auto credit = orders_.CreditOf(profile.account.customer.id); credit.ok()) {
      profile.credit = std::move(credit).value();
    }
  }
  return profile;
}

Result<contacts::Contact> PortalService::UpdateProfile(
    const Principal& principal, const contacts::ContactInput& input,
    const std::optional<std::string>& current_password) {
  if (input.password && !contacts_.CheckPassword(principal.id, current_password.value_or(""))) {
    return MakeError(ErrorCode::kUnauthenticated, "invalid_credentials",
                     "Your current password is not this one.");
  }
  return contacts_.Update(principal.id, input, std::nullopt, history::ActorOf(principal));
}

Result<CatalogView> PortalService::Catalog(const std::optional<Principal>& principal,
                                           const orders::CatalogQuery& query) {
  auto connection = database_.Acquire();
  const settings::Settings store = settings::Load(*connection);
  // A visitor buys nothing: it sees every active product at base prices in the store's
  // currency (when prices are for everyone).
  customers::Customer buyer;
  buyer.currency = store.default_currency;
  buyer.language = store.default_language;
  std::optional<contacts::Contact> contact;
  if (principal) {
    auto found = customers_.FindById(*connection, principal->customer_id);
    contact = contact_reads_.Find(*connection, principal->id);
    if (!found || !contact) return NotFound("customer");
    buyer = std::move(*found);
  }
  CatalogView view;
  view.signed_in = contact.has_value();
  view.currency = buyer.currency;
  // F13: the server decides, and a caller without the right gets no price fields at all.
  const bool may_see = !contact || contact->Can(contacts::Permission::kViewPrices);
  view.prices_visible =
      store.price_visibility == settings::PriceVisibility::kEveryone
          ? may_see
          : store.price_visibility == settings::PriceVisibility::kSignedIn && contact && may_see;
  TRY_ASSIGN(view.page, orders::CustomerCatalog::List(*connection, buyer, query));
  if (contact) {
    for (const int64_t id : contact_reads_.FavoriteIds(*connection, contact->id)) {
      view.favorites.insert(id);
    }
  }
  return view;
}

Status PortalService::AddFavorite(const Principal& principal, int64_t product_id) {
  {
    auto connection = database_.Acquire();
    const auto customer = customers_.FindById(*connection, principal.customer_id);
    const auto offers = customer
                            ? orders::CustomerCatalog::ByIds(*connection, *customer, {product_id})
                            : std::vector<orders::Offer>{};
    if (offers.empty() || offers.front().Refusal() == "not_in_catalog") {
      return NotFound("product");
    }
  }
  return contacts_.AddFavorite(principal.id, product_id);
}

}  // namespace cartera::portal
