#pragma once

#include "http/router.hpp"
#include "notes/note_service.hpp"

namespace cartera::notes {

// /api/v1/customers/{id}/notes (GET, POST) and /api/v1/notes/{id} (PATCH, DELETE).
void RegisterRoutes(http::Router& router, NoteService& notes);

}  // namespace cartera::notes
