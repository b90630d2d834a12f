#pragma once

#include "contacts/contact_service.hpp"
#include "http/json_input.hpp"
#include "http/router.hpp"
#include "orders/order_service.hpp"

namespace cartera::contacts {

// Which fields a contact body may carry: staff creating or updating one, or a contact editing
// itself in the portal (no email, role, permissions or access).
enum class ContactFields { kCreate, kUpdate, kSelf };

// Reads a contact body; errors go to `reader`.
ContactInput ReadContactInput(http::FieldReader& reader, ContactFields fields);

// A page of orders as `GET /orders` answers it.
Result<http::Response> OrdersResponse(orders::OrderService& orders,
                                      const orders::OrderQuery& query);

// Staff routes: /customers/{id}/contacts, /contacts/{id}, its invitation, orders and favourites.
void RegisterRoutes(http::Router& router, ContactService& contacts, orders::OrderService& orders);

}  // namespace cartera::contacts
