#!/usr/bin/env bash
# Installs what Cartera needs to build, run and test, from Debian 12's packages; only what is
# missing. Idempotent. Usage: scripts/install-deps.sh [build|test|bench]
set -euo pipefail
purpose=${1:-build}

packages=(build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev googletest clang-format libxlsxwriter-dev libzip-dev libexpat1-dev libcurl4-openssl-dev)
case "$purpose" in
  test) packages+=(postgresql postgresql-contrib chromium fonts-dejavu-core sqlite3 python3-openpyxl python3-aiosmtpd openssl) ;;
  bench) packages+=(wrk sqlite3) ;;
esac
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
