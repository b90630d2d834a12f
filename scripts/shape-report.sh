#!/usr/bin/env bash
# Counts what issue 12 measures about the shape of the modules (docs/architecture.md, "The shape
# of a module"). Run from any checkout: scripts/shape-report.sh [DIR] (default: this checkout).
# Test files (*_test.cpp) are left out: tests may set up rows with SQL of their own.
set -eu
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

sources() { git ls-files 'src/*.cpp' 'src/*.hpp' | grep -v '_test\.cpp$'; }
count() { grep -cE "$1" "$@" 2>/dev/null | awk -F: '{s += $NF} END {print s + 0}'; }

# A statement starts a string literal with an SQL verb.
sql='"\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|PRAGMA)\s'
outside=$(sources | grep '\.cpp$' | grep -v '_repository\.cpp$' | grep -v '^src/storage/' || true)
sql_outside=0
[ -n "$outside" ] && sql_outside=$(grep -cE "$sql" $outside | awk -F: '{s += $2} END {print s + 0}')

layers=$(sources | grep -E '_(service|repository)\.(cpp|hpp)$' || true)
http_includes=0
[ -n "$layers" ] && http_includes=$(grep -cE '#include "http/' $layers | awk -F: '{s += $2} END {print s + 0}')

routes=$(sources | grep -E '_routes\.cpp$' || true)
problems=$(grep -c 'ProblemResponse' $routes | awk -F: '{s += $2} END {print s + 0}')

# `x == "pending"` or `"pending" != x`: a closed set compared as text.
enum_strings=$(sources | xargs grep -cE '(==|!=) *"[a-z_]+"|"[a-z_]+" *(==|!=)' |
  awk -F: '{s += $2} END {print s + 0}')

catches=$(sources | grep -v '^src/storage/' | xargs grep -c 'catch (const storage::UniqueViolation' |
  awk -F: '{s += $2} END {print s + 0}')

echo "SQL statements outside *_repository.cpp, storage/ and migrations: $sql_outside"
echo "http/ includes in services and repositories:                 $http_includes"
echo "ProblemResponse calls in routes:                             $problems"
echo "string comparisons against enum-like names:                  $enum_strings"
echo "UniqueViolation caught outside storage/:                     $catches"
if [ "${2:-}" = "--files" ]; then
  echo "--- SQL outside repositories, by file"
  [ -n "$outside" ] && grep -cE "$sql" $outside | grep -v ':0$' | sort -t: -k2 -nr
fi
