#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.hpp"
#include "contacts/contact_repository.hpp"
#include "contacts/contact_service.hpp"
#include "customers/customer_repository.hpp"
#include "customers/customer_service.hpp"
#include "http/request.hpp"
#include "staff/auth_service.hpp"
#include "storage/database.hpp"

// Contacts' sign-in to the portal (F11), registration (F12) and the account rules (F14):
// sessions of their own, apart from staff sessions.
namespace cartera::portal {

inline constexpr int64_t kSessionLifetimeMicros = int64_t{30} * 24 * 3600 * 1000000;
inline constexpr std::string_view kSessionCookie = "cartera_portal";
inline constexpr std::string_view kCsrfCookie = "cartera_portal_csrf";

struct PortalSession {
  std::string token;       // the session token (also the cookie value)
  std::string csrf_token;  // for the readable CSRF cookie
  contacts::Contact contact;
  customers::Customer customer;  // the contact's, as the sign-in read it
};

struct Registration {
  std::string company_name, first_name, email, password;
  std::optional<std::string> last_name, phone, tax_id, language;
};

struct Registered {
  bool pending_validation = false;       // validation mode: no session until staff validate
  std::optional<PortalSession> session;  // direct mode
};

class PortalAuth {
 public:
  PortalAuth(storage::Database& database, staff::AuthService& failures,
             customers::CustomerService& customers, contacts::Links links)
      : database_(database), failures_(failures), customers_(customers), links_(std::move(links)) {}

  // Errors: kUnauthenticated `invalid_credentials`; kPermissionDenied `pending_validation`
  // (customer not validated yet), `account_inactive` (customer inactive or cancelled, contact
  // revoked) — these only after a correct password; kResourceExhausted `too_many_requests`.
  // Every sign-in and every failure for a known contact is a `contact_login…` history event.
  Result<PortalSession> Login(const std::string& email, const std::string& password,
                              const std::string& ip);
  // The contact from `Authorization: Bearer` or the portal cookie, while its access and its
  // customer allow it. Errors: kUnauthenticated `unauthenticated`.
  Result<http::Principal> Authenticate(const http::Request& request);
  // The signed-in contact, or nullopt for a visitor (a bad or absent token is a visitor).
  std::optional<http::Principal> Visitor(const http::Request& request);
  void Logout(const http::Principal& principal);

  // Mails a reset link when the email belongs to a contact that may sign in; answers nothing
  // either way (no hint which emails exist).
  void RequestPasswordReset(const std::string& email);
  // Errors: kValidation `invalid_token` (unknown, used or expired).
  Status ConfirmPasswordReset(const std::string& token, const std::string& password);
  // Sets the password of an invited contact and signs it in. Errors: kValidation
  // `invalid_token`; as Login for a customer that may not sign in.
  Result<PortalSession> AcceptInvitation(const std::string& token, const std::string& password,
                                         const std::string& ip);
  // A new customer (registration status `new`, or `validated` in direct mode) with its
  // purchasing contact. Errors: kConflict `email_taken`; kValidation from the customer rules.
  Result<Registered> Register(const Registration& registration, const std::string& ip);

 private:
  // The contact's customer when the contact may sign in. Errors: kPermissionDenied
  // `pending_validation`, `account_inactive` (customer inactive or cancelled, contact revoked).
  Result<customers::Customer> Admit(storage::Connection& connection,
                                    const contacts::Contact& contact);
  // Opens a session in the caller's transaction and records the sign-in.
  PortalSession OpenSession(storage::Connection& connection, contacts::Contact contact,
                            customers::Customer customer, const std::string& ip, time::Micros now);

  storage::Database& database_;
  staff::AuthService& failures_;
  customers::CustomerService& customers_;
  contacts::Links links_;
  contacts::ContactRepository contacts_;
  customers::CustomerRepository customer_reads_;
};

}  // namespace cartera::portal
