#!/usr/bin/env bash
# scripts/test.sh — run every test suite and end with one line "N passed, N failed".
#
# Suites, in order (each adds its own counts to the totals):
#   unit+store        meson test -C build            (cmocka; store contract on sqlite and pg)
#   unit+store asan   meson test -C build-asan       (same, built with -Db_sanitize=address,undefined)
#   http sqlite       node --test tests/http/        (the real binary over HTTP)
#   http pg           the same with SHOUHU_TEST_BACKEND=pg
#   http asan         tests/http on SQLite against build-asan/shouhu (a sanitizer report or a
#                     non-zero exit of the server fails the file)
#   e2e               node --test tests/e2e/         (headless Chromium)
# A throwaway PostgreSQL cluster (scripts/pg-temp.sh) serves the pg suites through
# SHOUHU_TEST_PG; it is stopped and removed on exit. A suite that crashes or prints no
# counts counts as one failure. Exit status is non-zero when anything failed.
#
# Environment: SUITES="unit asan http-sqlite http-pg http-asan e2e" picks suites; KEEP_LOGS=1 keeps
# the log directory; TEST_TIMEOUT (seconds, default 900) bounds each suite.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SUITES=${SUITES:-"unit asan http-sqlite http-pg http-asan e2e"}
SUITE_TIMEOUT=${TEST_TIMEOUT:-900}
LOGDIR=$(mktemp -d /tmp/shouhu-test-logs.XXXXXX)
PGDIR=$(mktemp -d /tmp/shouhu-pg.XXXXXX)

TOTAL_PASS=0
TOTAL_FAIL=0
SUMMARY=()

cleanup() {
  bash scripts/pg-temp.sh stop "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
  if [ -z "${KEEP_LOGS:-}" ]; then rm -rf "$LOGDIR"; else echo "logs kept in $LOGDIR" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

want() { [[ " $SUITES " == *" $1 "* ]]; }

banner() { printf '\n==== %s ====\n' "$*"; }

# record NAME PASS FAIL [NOTE]
record() {
  local name=$1 p=$2 f=$3 note=${4:-}
  TOTAL_PASS=$((TOTAL_PASS + p))
  TOTAL_FAIL=$((TOTAL_FAIL + f))
  SUMMARY+=("$(printf '%-16s %4d passed, %3d failed%s' "$name" "$p" "$f" "${note:+  ($note)}")")
  printf -- '---- %s: %d passed, %d failed%s\n' "$name" "$p" "$f" "${note:+ ($note)}"
}

# meson_suite NAME BUILDDIR: run `meson test` and count cmocka results per test.
meson_suite() {
  local name=$1 bdir=$2 counts rc
  banner "$name (meson test -C $bdir)"
  rm -f "$bdir/meson-logs/testlog.json"
  timeout "$SUITE_TIMEOUT" meson test -C "$bdir" --print-errorlogs --no-rebuild \
    2>&1 | tee "$LOGDIR/$name.log"
  rc=${PIPESTATUS[0]}
  if ! counts=$(node scripts/test-counts.mjs meson "$bdir/meson-logs/testlog.json"); then
    record "$name" 0 1 "no test log (meson exit $rc)"
    return
  fi
  read -r p f <<<"$counts"
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    record "$name" "$p" 1 "meson exit $rc"
  else
    record "$name" "$p" "$f"
  fi
}

# node_suite NAME DIR CONCURRENCY [ENV=VALUE...]: node --test over DIR/*.test.mjs (CONCURRENCY
# files at once), counting from TAP.
node_suite() {
  local name=$1 dir=$2 conc=$3 rc counts tap="$LOGDIR/$1.tap"
  shift 3
  banner "$name (node --test $dir)"
  local files=()
  mapfile -t files < <(find "$dir" -maxdepth 2 \( -name '*.test.mjs' -o -name '*.test.js' \) 2>/dev/null | sort)
  if ((${#files[@]} == 0)); then
    record "$name" 0 1 "no test files in $dir"
    return
  fi
  env "$@" timeout "$SUITE_TIMEOUT" node --test --test-timeout=180000 --test-concurrency="$conc" \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "${files[@]}" 2>&1 | tee "$LOGDIR/$name.log"
  rc=${PIPESTATUS[0]}
  if ! counts=$(node scripts/test-counts.mjs tap "$tap"); then
    record "$name" 0 1 "no counts (node exit $rc)"
    return
  fi
  read -r p f <<<"$counts"
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    record "$name" "$p" 1 "node exit $rc"
  else
    record "$name" "$p" "$f"
  fi
}

# build_dir NAME DIR [MESON SETUP OPTIONS...]: configure once, then ninja.
build_dir() {
  local name=$1 bdir=$2
  shift 2
  banner "build $bdir"
  if ! [ -f "$bdir/build.ninja" ]; then
    meson setup "$bdir" "$@" 2>&1 | tee "$LOGDIR/$name-setup.log" | tail -n 30
    [ "${PIPESTATUS[0]}" = 0 ] || return 1
  elif (($#)); then
    # keep an existing directory's options in step with this script
    meson configure "$bdir" "$@" >/dev/null || return 1
  fi
  ninja -C "$bdir" 2>&1 | tee "$LOGDIR/$name-ninja.log" | grep -Ev '^\[[0-9]+/[0-9]+\] '
  local st=("${PIPESTATUS[@]}")
  [ "${st[0]}" = 0 ]
}

# ---- PostgreSQL for the pg suites -----------------------------------------
if want unit || want asan || want http-pg; then
  banner "PostgreSQL (scripts/pg-temp.sh start $PGDIR)"
  if SHOUHU_TEST_PG=$(bash scripts/pg-temp.sh start "$PGDIR"); then
    export SHOUHU_TEST_PG
    echo "SHOUHU_TEST_PG=$SHOUHU_TEST_PG"
  else
    unset SHOUHU_TEST_PG
    record "postgresql" 0 1 "could not start a throwaway cluster"
  fi
fi

# ---- the server build ------------------------------------------------------
BUILD_OK=1
if want unit || want http-sqlite || want http-pg || want e2e; then
  if build_dir build build; then :; else
    BUILD_OK=0
    record "build" 0 1 "meson/ninja failed: see above"
  fi
fi

if want unit; then
  if ((BUILD_OK)); then meson_suite "unit+store" build; else record "unit+store" 0 1 "not run: build failed"; fi
fi

ASAN_OK=0
if want asan || want http-asan; then
  # werror off here: the sanitizers make gcc warn where the plain build (warnings as
  # errors) does not; this build is for the run-time checks.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:halt_on_error=1:print_summary=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:abort_on_error=1:print_summary=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
  if build_dir build-asan build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=false; then
    ASAN_OK=1
    if want asan; then meson_suite "asan unit+store" build-asan; fi
  else
    record "asan build" 0 1 "meson/ninja failed: see above"
  fi
fi

if want http-sqlite; then
  if ((BUILD_OK)); then node_suite "http sqlite" tests/http 3 SHOUHU_TEST_BACKEND=sqlite
  else record "http sqlite" 0 1 "not run: build failed"; fi
fi

if want http-pg; then
  if ((BUILD_OK)) && [ -n "${SHOUHU_TEST_PG:-}" ]; then node_suite "http pg" tests/http 3 SHOUHU_TEST_BACKEND=pg
  else record "http pg" 0 1 "not run: no build or no PostgreSQL"; fi
fi

if want http-asan; then
  if ((ASAN_OK)); then node_suite "http asan" tests/http 2 SHOUHU_TEST_BACKEND=sqlite SHOUHU_BIN=build-asan/shouhu
  else record "http asan" 0 1 "not run: asan build failed"; fi
fi

if want e2e; then
  banner "build web app"
  if ! make --no-print-directory -s web; then
    record "e2e" 0 1 "web build failed"
  elif ((BUILD_OK)); then
    node_suite "e2e" tests/e2e 1 SHOUHU_TEST_BACKEND=sqlite
  else
    record "e2e" 0 1 "not run: build failed"
  fi
fi

banner "summary"
printf '%s\n' "${SUMMARY[@]}"
echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
[ "$TOTAL_FAIL" = 0 ]
