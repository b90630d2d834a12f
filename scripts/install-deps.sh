#!/usr/bin/env bash
# Installs what Cartera needs to build, run and test, from Debian 12's packages; only what is
# missing. Idempotent. Usage: scripts/install-deps.sh [build|test|bench]
set -euo pipefail
purpose=${1:-build}

packages=(build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev googletest clang-format libxlsxwriter-dev libzip-dev libexpat1-dev libcurl4-openssl-dev
  libgumbo-dev libphonenumber8 libprotobuf-dev libabsl-dev)
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

# libphonenumber's headers: Debian 12's libphonenumber-dev depends on Boost 1.74's -dev packages,
# which conflict with the Boost 1.81 we build with, so its .deb is fetched from the same Debian
# archive and only unpacked (headers under build/third_party); the library itself is Debian's
# libphonenumber8, installed above. Nothing else of that package is used.
phonenumber_root="$(cd "$(dirname "$0")/.." && pwd)/build/third_party/phonenumber"
if [ ! -f "$phonenumber_root/usr/include/phonenumbers/phonenumberutil.h" ]; then
  echo "==> unpacking libphonenumber-dev's headers into build/third_party"
  download=$(mktemp -d)
  ( cd "$download" && apt-get download libphonenumber-dev >/dev/null 2>&1 ) || {
    [ "$(id -u)" -ne 0 ] && sudo apt-get update -qq || apt-get update -qq
    ( cd "$download" && apt-get download libphonenumber-dev >/dev/null )
  }
  mkdir -p "$phonenumber_root"
  dpkg-deb -x "$download"/libphonenumber-dev_*.deb "$phonenumber_root"
  rm -rf "$download"
fi
