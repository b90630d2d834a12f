#include "portal/portal_auth.hpp"

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "contacts/contact_tokens.hpp"
#include "history/event_log.hpp"
#include "mail/outbox.hpp"
#include "settings/settings.hpp"
#include "staff/auth_service.hpp"

namespace cartera::portal {
namespace {

namespace json = boost::json;
using storage::Connection;

constexpr int64_t kResetMailIntervalMicros = int64_t{60} * 1000000;

Error InvalidCredentials() {
  return MakeError(ErrorCode::kUnauthenticated, "invalid_credentials", "Wrong email or password.");
}

Error Unauthenticated() {
  return MakeError(ErrorCode::kUnauthenticated, "unauthenticated", "Sign in first.");
}

Error InvalidToken() {
  return ValidationError(
      {{"token", "invalid_token", "This link is not valid any more: ask for a new one."}});
}

Error AccountInactive() {
  return MakeError(ErrorCode::kPermissionDenied, "account_inactive",
                   "This account cannot sign in. Contact the store.");
}

history::EventActor ContactActor(const contacts::Contact& contact) {
  return {"contact", contact.id, contact.FullName()};
}

}  // namespace

Result<customers::Customer> PortalAuth::Admit(Connection& connection,
                                              const contacts::Contact& contact) {
  if (contact.access == contacts::PortalAccess::kRevoked) return AccountInactive();
  auto customer = customer_reads_.FindById(connection, contact.customer_id);
  if (!customer) return AccountInactive();
  using customers::RegistrationStatus;
  if (customer->registration_status == RegistrationStatus::kNew) {
    return MakeError(ErrorCode::kPermissionDenied, "pending_validation",
                     "Your registration is waiting for the store to validate it.");
  }
  if (customer->registration_status == RegistrationStatus::kCancelled ||
      customer->account_status != customers::AccountStatus::kActive) {
    return AccountInactive();
  }
  return std::move(*customer);
}

PortalSession PortalAuth::OpenSession(Connection& connection, contacts::Contact contact,
                                      customers::Customer customer, const std::string& ip,
                                      time::Micros now) {
  const contacts::IssuedToken issued = contacts::IssueToken(
      connection, contact.id, contacts::TokenPurpose::kSession, kSessionLifetimeMicros, now);
  contacts_.SetLastLogin(connection, contact.id, now);
  contact.last_login_at = now;
  history::RecordEvent(
      connection, contact.customer_id, std::nullopt, "contact_login", ContactActor(contact),
      {{"contact_id", std::to_string(contact.id)}, {"name", contact.FullName()}, {"ip", ip}}, now);
  return PortalSession{issued.token, issued.csrf_token, std::move(contact), std::move(customer)};
}

Result<PortalSession> PortalAuth::Login(const std::string& email, const std::string& password,
                                        const std::string& ip) {
  const std::string email_key = text::Normalise(email);
  const time::Micros now = time::Now();
  if (auto refused = failures_.CheckSignInLimits(email_key, ip, now)) return *refused;
  std::optional<contacts::ContactLogin> found;
  {
    auto connection = database_.Acquire();
    found = contacts_.FindByEmail(*connection, email);
  }
  const bool has_hash = found && !found->password_hash.empty();
  const bool verified =
      crypto::VerifyPassword(password, has_hash ? found->password_hash : staff::DummyHash());
  if (!has_hash || !verified) {
    failures_.RecordFailure(email_key, now, ip);
    if (found) {
      const contacts::Contact& contact = found->contact;
      (void)database_.InTransaction([&](Connection& connection) -> Status {
        history::RecordEvent(
            connection, contact.customer_id, std::nullopt, "contact_login_failed",
            ContactActor(contact),
            {{"contact_id", std::to_string(contact.id)}, {"name", contact.FullName()}, {"ip", ip}},
            now);
        return Ok{};
      });
    }
    return InvalidCredentials();
  }
  return database_.InTransaction([&](Connection& connection) -> Result<PortalSession> {
    TRY_ASSIGN(auto customer, Admit(connection, found->contact));
    return OpenSession(connection, found->contact, std::move(customer), ip, now);
  });
}

Result<http::Principal> PortalAuth::Authenticate(const http::Request& request) {
  std::string token;
  bool via_cookie = false;
  if (const auto authorization = request.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->rfind(kBearer, 0) != 0) return Unauthenticated();
    token = std::string(text::Trim(authorization->substr(kBearer.size())));
  } else if (auto cookie = request.Cookie(kSessionCookie)) {
    token = std::move(*cookie);
    via_cookie = true;
  }
  if (token.empty()) return Unauthenticated();
  auto connection = database_.Acquire();
  // A revoked contact or an inactive customer is refused at once.
  const auto session = contacts_.FindSession(*connection, crypto::Sha256Hex(token));
  if (!session || session->expires_at < time::Now() ||
      session->access != contacts::PortalAccess::kActive) {
    return Unauthenticated();
  }
  const auto customer = customer_reads_.FindById(*connection, session->customer_id);
  if (!customer || customer->account_status != customers::AccountStatus::kActive ||
      customer->registration_status != customers::RegistrationStatus::kValidated) {
    return Unauthenticated();
  }
  http::Principal principal;
  principal.kind = http::PrincipalKind::kContact;
  principal.id = session->contact_id;
  principal.customer_id = session->customer_id;
  principal.name =
      session->last_name ? session->first_name + " " + *session->last_name : session->first_name;
  principal.email = session->email;
  principal.token_id = session->token_id;
  principal.via_cookie = via_cookie;
  if (via_cookie) {
    const auto header = request.Header("x-csrf-token");
    const auto& csrf_hash = session->csrf_hash;
    principal.csrf_ok =
        header && csrf_hash && crypto::ConstantTimeEquals(crypto::Sha256Hex(*header), *csrf_hash);
  }
  return principal;
}

std::optional<http::Principal> PortalAuth::Visitor(const http::Request& request) {
  auto principal = Authenticate(request);
  if (!principal.ok()) return std::nullopt;
  return std::move(principal).value();
}

void PortalAuth::Logout(const http::Principal& principal) {
  (void)database_.InTransaction([&](Connection& connection) -> Status {
    contacts_.DeleteSession(connection, principal.token_id, principal.id);
    return Ok{};
  });
}

void PortalAuth::RequestPasswordReset(const std::string& email) {
  (void)database_.InTransaction([&](Connection& connection) -> Status {
    const auto found = contacts_.FindByEmail(connection, email);
    if (!found) return Ok{};
    const contacts::Contact& contact = found->contact;
    const auto customer = Admit(connection, contact);
    if (!customer.ok()) return Ok{};
    const time::Micros now = time::Now();
    // At most one reset mail a minute per contact, so the form cannot be used to flood a
    // mailbox; the caller is told nothing either way.
    if (contacts_.HasTokenSince(connection, contact.id, contacts::TokenPurpose::kPasswordReset,
                                now - kResetMailIntervalMicros)) {
      return Ok{};
    }
    const auto issued =
        contacts::IssueToken(connection, contact.id, contacts::TokenPurpose::kPasswordReset,
                             contacts::kPasswordResetLifetimeMicros, now);
    mail::MailRequest request;
    request.template_name = "password_reset";
    request.language = contact.language.value_or(customer->language);
    request.to_address = contact.email;
    request.to_name = contact.FullName();
    request.values = {{"contact", {{"first_name", contact.first_name}}},
                      {"link", links_.PasswordResetUrl(issued.token)},
                      {"expires_minutes", contacts::kPasswordResetLifetimeMicros / 60'000'000}};
    request.customer_id = contact.customer_id;
    request.contact_id = contact.id;
    mail::Enqueue(connection, request);
    return Ok{};
  });
}

Status PortalAuth::ConfirmPasswordReset(const std::string& token, const std::string& password) {
  const std::string hash = crypto::HashPassword(password);
  return database_.InTransaction([&](Connection& connection) -> Status {
    const time::Micros now = time::Now();
    const auto contact_id =
        contacts::ConsumeToken(connection, token, contacts::TokenPurpose::kPasswordReset, now);
    if (!contact_id) return InvalidToken();
    contacts_.SetPassword(connection, *contact_id, hash, false, now);
    // Whoever knew the old password is signed out.
    contacts::EndSessions(connection, *contact_id);
    return Ok{};
  });
}

Result<PortalSession> PortalAuth::AcceptInvitation(const std::string& token,
                                                   const std::string& password,
                                                   const std::string& ip) {
  const std::string hash = crypto::HashPassword(password);
  return database_.InTransaction([&](Connection& connection) -> Result<PortalSession> {
    const time::Micros now = time::Now();
    const auto contact_id =
        contacts::ConsumeToken(connection, token, contacts::TokenPurpose::kInvitation, now);
    if (!contact_id) return InvalidToken();
    auto contact = contacts_.Find(connection, *contact_id);
    if (!contact || contact->access == contacts::PortalAccess::kRevoked) return InvalidToken();
    contacts_.SetPassword(connection, *contact_id, hash, true, now);
    contact->access = contacts::PortalAccess::kActive;
    contact->has_password = true;
    contact->version += 1;
    history::RecordEvent(connection, contact->customer_id, std::nullopt, "contact_access_active",
                         ContactActor(*contact),
                         {{"contact_id", std::to_string(contact->id)},
                          {"name", contact->FullName()},
                          {"invitation_accepted", true}},
                         now);
    // The password is set even when the customer may not sign in yet (a later validation
    // lets it in); the answer says why not now.
    auto customer = Admit(connection, *contact);
    if (!customer.ok()) return WithMembers(std::move(customer).error(), {{"password_set", true}});
    return OpenSession(connection, std::move(*contact), std::move(customer).value(), ip, now);
  });
}

Result<Registered> PortalAuth::Register(const Registration& registration, const std::string& ip) {
  const std::string hash = crypto::HashPassword(registration.password);
  auto result = database_.InTransaction([&](Connection& connection) -> Result<Registered> {
    const time::Micros now = time::Now();
    const settings::Settings store = settings::Load(connection);
    const bool direct = store.registration_mode == settings::RegistrationMode::kDirect;
    json::object body{{"name", registration.company_name},
                      {"email", registration.email},
                      {"registration_status", direct ? "validated" : "new"},
                      {"status", "potential"}};
    if (registration.tax_id) body["tax_id"] = *registration.tax_id;
    if (registration.phone) body["phone"] = *registration.phone;
    if (registration.language) body["language"] = *registration.language;
    if (registration.last_name) {
      body["contact_person"] = registration.first_name + " " + *registration.last_name;
    } else {
      body["contact_person"] = registration.first_name;
    }
    const history::EventActor actor{"contact", std::nullopt,
                                    registration.last_name
                                        ? registration.first_name + " " + *registration.last_name
                                        : registration.first_name};
    TRY_ASSIGN(auto created, customers_.CreateOn(connection, body, actor));
    const customers::Customer& customer = created.customer;
    contacts::ContactInput input;
    input.first_name = registration.first_name;
    input.last_name = registration.last_name;
    input.email = registration.email;
    input.phone = registration.phone;
    input.role = contacts::Role::kPurchasing;
    TRY_ASSIGN(contacts::Contact contact,
               contacts::InsertContact(connection, customer.id, input, hash, now));
    history::RecordEvent(connection, customer.id, std::nullopt, "contact_registered",
                         ContactActor(contact),
                         {{"contact_id", std::to_string(contact.id)},
                          {"name", contact.FullName()},
                          {"email", contact.email},
                          {"mode", settings::RegistrationModeName(store.registration_mode)},
                          {"ip", ip}},
                         now);
    Registered registered;
    if (direct) {
      registered.session = OpenSession(connection, std::move(contact), customer, ip, now);
      return registered;
    }
    registered.pending_validation = true;
    if (const auto recipient = settings::AlertRecipient(connection)) {
      mail::MailRequest request;
      request.template_name = "registration_alert";
      request.language = store.default_language;
      request.to_address = *recipient;
      request.values = {
          {"customer",
           {{"name", customer.name},
            {"tax_id", customer.tax_id ? json::value(*customer.tax_id) : json::value("")}}},
          {"contact",
           {{"first_name", contact.first_name},
            {"last_name", contact.last_name.value_or("")},
            {"email", contact.email}}},
          {"link", links_.AdminCustomerUrl(customer.id)}};
      request.customer_id = customer.id;
      mail::Enqueue(connection, request);
    }
    return registered;
  });
  return result;
}

}  // namespace cartera::portal
