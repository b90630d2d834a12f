#pragma once

// The outbox's statements and types moved to mail/outbox_repository.hpp; this header forwards
// there until every includer names it.
#include "mail/outbox_repository.hpp"
