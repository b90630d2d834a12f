#pragma once

#include "history/history_service.hpp"
#include "http/router.hpp"

namespace cartera::history {

// The largest upload body: one file of kMaxFileBytes plus the multipart framing and a comment.
inline constexpr size_t kMaxUploadBodyBytes = kMaxFileBytes + 64 * 1024;

// /api/v1/customers/{id}/history (GET), …/history/comments (POST), …/history/attachments
// (POST, multipart/form-data) and /api/v1/attachments/{id} (GET: the file).
void RegisterRoutes(http::Router& router, HistoryService& history);

}  // namespace cartera::history
