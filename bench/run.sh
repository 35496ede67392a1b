#!/usr/bin/env bash
# bench/run.sh — the measurements of docs/PERFORMANCE.md, each next to a reference measured in
# the same run (the machine is shared and noisy: absolute numbers drift, same-run ratios less).
#
#   bench/run.sh > report.md      build (ninja -C build), measure, print a Markdown report on
#                                 stdout; progress goes to stderr. About 4–5 minutes.
#
# Environment: ROUNDS (default 5) alternating server/bare wrk rounds of 10 s per backend;
# PG=auto|on|off (default auto: PostgreSQL is measured when scripts/pg-temp.sh can start a
# throwaway cluster, skipped with a note otherwise; on: failure is an error); BUILD (default
# build/); NO_BUILD=1 (use the binaries in BUILD without running ninja first); KEEP=1 (keep the
# temp directory and the stopped cluster).
#
# Per backend (SQLite, then PostgreSQL): a fresh temp config and database, `shouhu demo`,
# `shouhu serve` on 127.0.0.1 with port 0; log in as sysadmin and change the initial password;
# fetch GET /api/v1/me once and start build/bench/bench_bare answering every request with those
# exact body bytes and headers (same MHD flags and thread pool); then ROUNDS rounds of
# `wrk -t2 -c64 -d10s --latency` against each (order alternating per round), with the same
# session cookie. Reported: median req/s of each, median of the per-round ratios and their
# range, latency p50/p99, server CPU per request (utime+stime from /proc/PID/stat), RSS idle
# (after start + demo), VmHWM after one login, and under load (VmRSS sampled every 0.5 s from
# /proc/PID/status, VmHWM reset through /proc/PID/clear_refs before the load when allowed).
# A login round trip (curl, hyperfine) is compared with a curl GET /me. Once: bench_pwhash under
# /usr/bin/time -v (argon2id hash/verify mean and p95, peak RSS).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
ROUNDS=${ROUNDS:-5}
PG=${PG:-auto}
DURATION=10        # seconds per wrk run
WARMUP=2           # seconds of unreported wrk warm-up per target
CONNS=64
WRK_THREADS=2
PW_RUNS=20
PW_INITIAL='Shouhu@2026'
PW_NEW='Bench#2026-shouhu'
DATA_SIZE=

BENCH_TAG=bench BENCH_LOG_CLOCK=0
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

for tool in wrk hyperfine curl /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (apt-get install wrk hyperfine curl time)"
done
need_positive ROUNDS

bench_start
PWHASH=$BUILD/bench/bench_pwhash
bench_build "$PWHASH"

# ---- small helpers ---------------------------------------------------------------------------
minmax() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f", lo, hi }'; }
to_ms() {   # wrk duration (512.00us, 1.23ms, 1.01s, 2.00m) -> milliseconds
  awk -v d="$1" 'BEGIN { v = d + 0; u = d; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 0
    printf "%.2f", v * f }'
}

# run_wrk OUT URL PID: one wrk run against URL/api/v1/me with the session cookie while sampling
# PID's VmRSS; sets RPS REQS P50 P99 NON2XX SOCKERR CPU_US RSS_MAX.
run_wrk() {
  local out=$1 url=$2 pid=$3 secs=${4:-$DURATION} t0 t1 w rss
  RSS_MAX=0
  t0=$(cpu_ticks "$pid")
  timeout $((secs + 30)) wrk -t"$WRK_THREADS" -c"$CONNS" -d"${secs}s" --timeout 5s --latency \
    -H "Cookie: shouhu_sid=$SID" "$url/api/v1/me" >"$out" 2>&1 &
  w=$!
  track "$w"
  while kill -0 "$w" 2>/dev/null; do
    rss=$(vm "$pid" VmRSS)
    if ((rss > RSS_MAX)); then RSS_MAX=$rss; fi
    sleep 0.5
  done
  wait "$w" || { cat "$out" >&2; die "wrk failed against $url"; }
  untrack "$w"
  t1=$(cpu_ticks "$pid")
  RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  REQS=$(awk '/requests in/ { print $1 }' "$out")
  P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  NON2XX=$(awk '/Non-2xx/ { print $NF }' "$out")
  NON2XX=${NON2XX:-0}
  SOCKERR=$(grep -o 'Socket errors:.*' "$out" || true)
  if [ -z "$RPS" ] || [ -z "$REQS" ]; then cat "$out" >&2; die "cannot read wrk output"; fi
  CPU_US=$(awk -v t=$((t1 - t0)) -v hz="$CLK_TCK" -v n="$REQS" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
}

# ---- machine ---------------------------------------------------------------------------------
machine_facts
MHD_VERSION=$(pkg-config --modversion libmicrohttpd 2>/dev/null || echo '?')

# ---- 1. password hashing ---------------------------------------------------------------------
log "bench_pwhash $PW_RUNS (argon2id)"
/usr/bin/time -v "$PWHASH" "$PW_RUNS" >"$WORK/pwhash.out" 2>"$WORK/pwhash.time" ||
  { cat "$WORK/pwhash.out" "$WORK/pwhash.time" >&2; die "bench_pwhash failed"; }
pw_field() { awk -v n="$1" -v f="$2" '$1 == n { for (i = 2; i <= NF; i++) if (index($i, f "=") == 1) print substr($i, length(f) + 2) }' "$WORK/pwhash.out"; }
PWH_MEAN=$(pw_field password_hash mean_ms) PWH_P95=$(pw_field password_hash p95_ms)
PWV_MEAN=$(pw_field password_verify mean_ms) PWV_P95=$(pw_field password_verify p95_ms)
PW_RSS=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/pwhash.time")
cat "$WORK/pwhash.out" >&2

# ---- 2./3. one backend -----------------------------------------------------------------------
# bench_backend NAME DATABASE: fills the R_* variables for NAME.
declare -A R
ROUND_ROWS=()
bench_backend() {
  local name=$1 db=$2 dir=$WORK/$1 url bare spid bpid i
  local -a s_rps=() b_rps=() ratio=() s_p50=() s_p99=() b_p50=() b_p99=() s_cpu=() b_cpu=()
  local s_rss=0 b_rss=0 non2xx=0
  mkdir -p "$dir"
  write_conf "$dir/shouhu.conf" "$db" "$dir/key"
  log "$name: shouhu demo"
  env -u PORT "$SHOUHU" -c "$dir/shouhu.conf" demo >"$dir/demo.log" 2>&1 ||
    { cat "$dir/demo.log" >&2; die "shouhu demo failed"; }
  if [ "$name" = sqlite ] && command -v sqlite3 >/dev/null 2>&1; then
    DATA_SIZE=$(sqlite3 -batch "${db#sqlite:}" "SELECT (SELECT count(*) FROM regions) || ' regions, ' || (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM orgs) || ' orgs'" 2>/dev/null || true)
  fi
  env -u PORT "$SHOUHU" -c "$dir/shouhu.conf" serve >"$dir/serve.log" 2>&1 &
  spid=$!
  track "$spid"
  url=$(wait_listen "$dir/serve.log" "$spid")
  sleep 1
  R[$name.idle_rss]=$(vm "$spid" VmRSS)
  R[$name.idle_hwm]=$(vm "$spid" VmHWM)
  log "$name: shouhu pid $spid at $url, idle VmRSS $(mib "${R[$name.idle_rss]}" 1) MiB"

  first_login "$url" sysadmin
  local code
  code=$(curl -s -o "$dir/me.json" -D "$dir/me.hdr" -w '%{http_code}' -H "Cookie: shouhu_sid=$SID" "$url/api/v1/me")
  if [ "$code" = 401 ]; then   # the change ended the session: log in again
    login "$url" sysadmin "$PW_NEW" || die "login with the new password failed"
    code=$(curl -s -o "$dir/me.json" -D "$dir/me.hdr" -w '%{http_code}' -H "Cookie: shouhu_sid=$SID" "$url/api/v1/me")
  fi
  [ "$code" = 200 ] || die "GET /api/v1/me answered $code"
  grep -q '"must_change_password":false' "$dir/me.json" || die "/me still asks for a password change"
  R[$name.login_hwm]=$(vm "$spid" VmHWM)
  R[$name.me_bytes]=$(wc -c <"$dir/me.json")

  # the bare server answers with the same body and the same headers
  bare_start "$dir/me.hdr" "$dir/me.json" "$dir/bare"
  bpid=$BARE_PID bare=$BARE_URL
  R[$name.bare_idle_rss]=$(vm "$bpid" VmRSS)
  curl -s -o "$dir/bare.json" -D "$dir/bare.hdr.got" -H "Cookie: shouhu_sid=$SID" "$bare/api/v1/me"
  cmp -s "$dir/me.json" "$dir/bare.json" || die "bench_bare does not answer the same body"
  local hs hb
  hs=$(tr -d '\r' <"$dir/me.hdr" | grep -viE '^date:' | sort)
  hb=$(tr -d '\r' <"$dir/bare.hdr.got" | grep -viE '^date:' | sort)
  if [ "$hs" = "$hb" ]; then R[$name.same_headers]=yes; else
    R[$name.same_headers]=no
    log "$name: header difference (shouhu < > bare):"
    diff <(echo "$hs") <(echo "$hb") >&2 || true
  fi
  R[$name.resp_bytes]=$(($(wc -c <"$dir/bare.hdr.got") + ${R[$name.me_bytes]}))

  # the load peak, without the 64 MiB the argon2id of the login left in VmHWM
  if echo 5 >"/proc/$spid/clear_refs" 2>/dev/null; then R[$name.hwm_reset]=yes; else R[$name.hwm_reset]=no; fi

  log "$name: warm-up ${WARMUP}s each"
  run_wrk "$dir/warm-s.txt" "$url" "$spid" "$WARMUP"
  run_wrk "$dir/warm-b.txt" "$bare" "$bpid" "$WARMUP"
  for ((i = 1; i <= ROUNDS; i++)); do
    local order targets t
    if ((i % 2)); then order="shouhu→bare" targets="s b"; else order="bare→shouhu" targets="b s"; fi
    for t in $targets; do
      if [ "$t" = s ]; then
        run_wrk "$dir/r$i-s.txt" "$url" "$spid"
        s_rps+=("$RPS") s_p50+=("$P50") s_p99+=("$P99") s_cpu+=("$CPU_US")
        if ((RSS_MAX > s_rss)); then s_rss=$RSS_MAX; fi
        non2xx=$((non2xx + NON2XX))
        local srps=$RPS sn=$NON2XX serr=$SOCKERR sp99=$P99
      else
        run_wrk "$dir/r$i-b.txt" "$bare" "$bpid"
        b_rps+=("$RPS") b_p50+=("$P50") b_p99+=("$P99") b_cpu+=("$CPU_US")
        if ((RSS_MAX > b_rss)); then b_rss=$RSS_MAX; fi
        local brps=$RPS berr=$SOCKERR bp99=$P99
      fi
    done
    local r
    r=$(awk -v a="$srps" -v b="$brps" 'BEGIN { printf "%.3f", a / b }')
    ratio+=("$r")
    ROUND_ROWS+=("| $name | $i | $order | $srps | $brps | $r | $sp99 / $bp99 | $sn | ${serr:-none} / ${berr:-none} |")
    log "$name round $i/$ROUNDS ($order): shouhu $srps req/s, bare $brps req/s, ratio $r, non-2xx $sn"
  done
  R[$name.s_rps]=$(median "${s_rps[@]}") R[$name.b_rps]=$(median "${b_rps[@]}")
  R[$name.ratio]=$(median "${ratio[@]}") R[$name.ratio_range]=$(minmax "${ratio[@]}")
  R[$name.s_rps_range]=$(span "${s_rps[@]}")
  R[$name.b_rps_range]=$(span "${b_rps[@]}")
  R[$name.s_p50]=$(median "${s_p50[@]}") R[$name.s_p99]=$(median "${s_p99[@]}")
  R[$name.b_p50]=$(median "${b_p50[@]}") R[$name.b_p99]=$(median "${b_p99[@]}")
  R[$name.s_cpu]=$(median "${s_cpu[@]}") R[$name.b_cpu]=$(median "${b_cpu[@]}")
  R[$name.load_rss]=$s_rss R[$name.load_hwm]=$(vm "$spid" VmHWM) R[$name.bare_load_rss]=$b_rss
  R[$name.non2xx]=$non2xx
  sleep 2
  R[$name.after_rss]=$(vm "$spid" VmRSS)

  log "$name: login round trip (hyperfine)"
  printf '{"username":"sysadmin","password":"%s"}' "$PW_NEW" >"$dir/login-body.json"
  hyperfine -N --style none --runs "$PW_RUNS" --warmup 2 --export-csv "$dir/login.csv" \
    -n login "curl -sf -o /dev/null -X POST -H Content-Type:application/json --data @$dir/login-body.json $url/api/v1/session" \
    -n me "curl -sf -o /dev/null -H Cookie:shouhu_sid=$SID $url/api/v1/me" >&2 ||
    die "hyperfine login failed"
  R[$name.login_ms]=$(awk -F, '$1 == "login" { printf "%.1f ± %.1f", $2 * 1000, $3 * 1000 }' "$dir/login.csv")
  R[$name.curl_me_ms]=$(awk -F, '$1 == "me" { printf "%.1f ± %.1f", $2 * 1000, $3 * 1000 }' "$dir/login.csv")
  R[$name.login_extra]=$(awk -F, '$1 == "login" { l = $2 } $1 == "me" { m = $2 } END { printf "%.1f", (l - m) * 1000 }' "$dir/login.csv")

  stop_pid "$bpid"
  stop_pid "$spid"
  R[$name.done]=1
}

bench_backend sqlite "sqlite:$WORK/sqlite/shouhu.db"

if [ "$PG" != off ]; then
  pg_cluster bench_me
  if [ -n "$PG_BASE" ]; then bench_backend pg "postgresql:$PG_BASE dbname=bench_me"; fi
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----------------------------------------------------------------------------------
label() { case $1 in sqlite) echo SQLite ;; pg) echo "PostgreSQL ${PG_VERSION:-}" ;; esac; }
echo "## bench/run.sh — $STARTED"
echo
echo "- machine: $NPROC × $CPU, $(mib "$MEM_KB" 1) MiB RAM, Linux $(uname -r); load average $LOAD_START at start, $LOAD_END at end"
echo "- shouhu $COMMIT ($DIRTY uncommitted paths in the working tree), libmicrohttpd $MHD_VERSION, $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2), $(hyperfine --version)"
echo "- data: the demo county (\`shouhu demo\`${DATA_SIZE:+: $DATA_SIZE}); load: \`wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s --latency -H 'Cookie: shouhu_sid=…' /api/v1/me\`, $ROUNDS rounds per target, order alternating, medians reported; wrk runs on the same $NPROC cores"
echo
echo "| measurement | shouhu | reference, same run | shouhu / reference |"
echo "|---|---:|---:|---:|"
for name in sqlite pg; do
  [ -n "${R[$name.done]:-}" ] || continue
  L=$(label "$name")
  echo "| \`GET /api/v1/me\` on $L, req/s (median; min–max) | ${R[$name.s_rps]} (${R[$name.s_rps_range]}) | bare MHD ${R[$name.b_rps]} (${R[$name.b_rps_range]}) | **$(printf '%.2f' "${R[$name.ratio]}")** (rounds ${R[$name.ratio_range]}) |"
  echo "| … latency p50 / p99, ms | ${R[$name.s_p50]} / ${R[$name.s_p99]} | ${R[$name.b_p50]} / ${R[$name.b_p99]} | |"
  echo "| … server CPU per request, µs | ${R[$name.s_cpu]} | ${R[$name.b_cpu]} | $(awk -v a="${R[$name.s_cpu]}" -v b="${R[$name.b_cpu]}" 'BEGIN { printf "%.1f×", a / b }') |"
  echo "| … non-2xx answers during the rounds | ${R[$name.non2xx]} | | |"
  echo "| login round trip on $L (curl, hyperfine $PW_RUNS runs, mean ± sd), ms | ${R[$name.login_ms]} | curl \`GET /me\` ${R[$name.curl_me_ms]} | +${R[$name.login_extra]} ms |"
  echo "| server VmRSS idle after start + demo ($L), MiB | $(mib "${R[$name.idle_rss]}" 1) | bare MHD $(mib "${R[$name.bare_idle_rss]}" 1) | |"
  echo "| server VmHWM after the first login + password change ($L), MiB | $(mib "${R[$name.login_hwm]}" 1) | | |"
  echo "| server VmRSS under load: max of samples / VmHWM$([ "${R[$name.hwm_reset]}" = yes ] && echo ' (reset before load)') ($L), MiB | $(mib "${R[$name.load_rss]}" 1) / $(mib "${R[$name.load_hwm]}" 1) | bare MHD $(mib "${R[$name.bare_load_rss]}" 1) | |"
  echo "| server VmRSS 2 s after the load ($L), MiB | $(mib "${R[$name.after_rss]}" 1) | | |"
done
echo "| \`password_hash\` argon2id INTERACTIVE, mean / p95 of $PW_RUNS, ms | $PWH_MEAN / $PWH_P95 | | |"
echo "| \`password_verify\` (= one login), mean / p95 of $PW_RUNS, ms | $PWV_MEAN / $PWV_P95 | | |"
echo "| bench_pwhash peak RSS (/usr/bin/time -v), MiB | $(mib "$PW_RSS" 1) | | |"
echo
[ -z "$PG_NOTE" ] || { echo "$PG_NOTE"; echo; }
for name in sqlite pg; do
  [ -n "${R[$name.done]:-}" ] || continue
  echo "- $(label "$name"): \`/me\` answer ${R[$name.resp_bytes]} bytes (body ${R[$name.me_bytes]}); bare MHD sends the same headers: ${R[$name.same_headers]}"
done
echo
echo "Rounds (req/s, $DURATION s each):"
echo
echo "| backend | round | order | shouhu | bare MHD | ratio | p99 ms shouhu / bare | non-2xx | socket errors shouhu / bare |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${ROUND_ROWS[@]}"
