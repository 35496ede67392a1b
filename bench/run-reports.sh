#!/usr/bin/env bash
# bench/run-reports.sh — mandatory reports (强制报告) at 100,000 reports (docs/PERFORMANCE.md,
# section "Mandatory reports"): issue 5's two benchmarks on both backends, every number next to
# a reference measured in the same run (the machine is shared and noisy).
#
#   bench/run-reports.sh > report.md    build, load, measure, print a Markdown report on stdout;
#                                       progress on stderr. About 10 minutes for both backends.
#
# Environment:
#   REPORTS=100000                      reports in the database before the measurements
#   BACKENDS="sqlite pg" PG=auto|on|off  as in bench/run-children.sh
#   ROUNDS=3 DURATION=10                wrk rounds (shouhu and the bare reference alternating)
#   SAMPLE=300                          queue pages replayed as SQL through the CLI
#   KEEP=1 SEED=20261122 BUILD=build/ NO_BUILD=1   as in bench/run-visits.sh
#
# Per backend, in a fresh temp database (PostgreSQL: a throwaway cluster of scripts/pg-temp.sh,
# fsync off):
#  1. `shouhu init`, `shouhu demo` (the demo county 秀山, its users and children); `shouhu serve`;
#     the demo users `school` (隘口镇中心小学), `police` (秀山县公安局) and `county` log in and
#     change their initial password.
#  2. The load, through the API: the school files reports with wrk (64 connections, the same
#     requests as (a)) until REPORTS are stored — every report about a child not in the register
#     (a provisional record) in a village of the county, routed by default to the police, civil
#     affairs and education (a pupil). Timed; not a measurement.
#  3. (b) and (b') below first, at the loaded size; then
#     (a) filing a report: `wrk -t2 -c64 -s bench/reports/wrk.lua` POST /api/v1/reports as the
#     school, a fresh client_id per request (aim p99 ≤ 20 ms).
#     (b) the police queue: GET /api/v1/reports?box=queue (first page of 20; every report is in
#     it) as `police` (aim p95 ≤ 20 ms); (b') the county's supervision list
#     GET /api/v1/reports?box=supervise as `county`, for comparison.
#     ROUNDS rounds each, alternating with build/bench/bench_bare answering every request with the
#     bytes and headers of a real answer: the HTTP floor. One more round with one connection.
#  4. SAMPLE queue pages as the server's SQL through sqlite3 `.timer on` / psql `\timing on`
#     (bench/reports/sql-sample.mjs): the database floor, at the loaded size too (run between
#     (b') and (a)). EXPLAIN of one.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
REPORTS=${REPORTS:-100000}
BACKENDS=${BACKENDS:-sqlite pg}
PG=${PG:-auto}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
SAMPLE=${SAMPLE:-300}
SEED=${SEED:-20261122}
WARMUP=2
CONNS=64
WRK_THREADS=2
PW_INITIAL='Shouhu@2026'   # the demo's (src/app/app.h DEMO_PASSWORD)
PW_NEW='Bench#2026-reports'
HERE=$ROOT/bench/reports

BENCH_TAG=reports
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

need_tools wrk curl node sqlite3 psql /usr/bin/time timeout
need_positive REPORTS ROUNDS DURATION SAMPLE

bench_start
bench_build

DB=''
q_db() { db_query "$DB" "$1"; }
cli_db() { db_cli "$DB" 3600 -bail; }

machine_facts
FREE_G=$(free -g | awk '/^Mem:/ { printf "%s GiB total, %s GiB available", $2, $7 }')
SQLITE_VERSION=$(sqlite3 --version | cut -d' ' -f1)
declare -A R
ROWS_OUT=()

# cookies and CSRF tokens of the three users (login sets SID CSRF)
declare -A SIDS CSRFS

bench_backend() {   # NAME DATABASE
  local name=$1 dir=$WORK/$1 url spid t0 u
  DB=$2
  mkdir -p "$dir"
  write_conf "$dir/shouhu.conf" "$DB" "$dir/key"
  local S=("$SHOUHU" -c "$dir/shouhu.conf")
  log "$name: init, demo"
  { env -u PORT "${S[@]}" init && env -u PORT "${S[@]}" demo; } >"$dir/init.log" 2>&1 ||
    { cat "$dir/init.log" >&2; die "init/demo failed"; }
  env -u PORT "${S[@]}" serve >"$dir/serve.log" 2>&1 &
  spid=$!
  track "$spid"
  url=$(wait_listen "$dir/serve.log" "$spid")
  for u in school police county; do
    first_login "$url" "$u"
    login "$url" "$u" "$PW_NEW" || die "login of $u failed"
    SIDS[$u]=$SID CSRFS[$u]=$CSRF
  done
  q_db "SELECT code FROM regions WHERE level = 5 AND code BETWEEN 500241000000 AND 500241999999 ORDER BY code" >"$dir/regions"
  R[$name.villages]=$(wc -l <"$dir/regions")

  run_post() {   # OUT BASEURL SECONDS [CONNECTIONS]
    local conns=${4:-$CONNS} threads=$WRK_THREADS
    ((conns >= threads)) || threads=$conns
    MODE=post REGIONS=$dir/regions SEED=$SEED timeout $(($3 + 60)) \
      wrk -t"$threads" -c"$conns" -d"$3s" --timeout 5s -s "$HERE/wrk.lua" \
      -H "Cookie: shouhu_sid=${SIDS[school]}" -H "X-CSRF-Token: ${CSRFS[school]}" \
      -H 'Content-Type: application/json' "$2" >"$1" 2>&1 || { cat "$1" >&2; die "wrk failed"; }
    grep -q '^wrk-summary' "$1" || { cat "$1" >&2; die "no summary from wrk"; }
  }

  # ---- 2. the load
  log "$name: filing $REPORTS reports through the API"
  t0=$(now)
  # Chunks sized from the rate of the one before (the first is 5 s), so that the load ends
  # close to REPORTS rather than up to a whole chunk past it.
  local n=0 k=0 secs=5 before rate
  while :; do
    n=$(q_db "SELECT count(*) FROM reports")
    ((n < REPORTS)) || break
    k=$((k + 1))
    before=$n
    run_post "$dir/load-$k" "$url" "$secs"
    [ "$(field non2xx "$dir/load-$k")" = 0 ] || die "load: non-2xx answers (see $dir/load-$k)"
    n=$(q_db "SELECT count(*) FROM reports")
    log "$name: $n reports"
    rate=$(((n - before) / secs))
    ((rate > 0)) || rate=1
    secs=$(((REPORTS - n) / rate))
    ((secs >= 1)) || secs=1
    ((secs <= 20)) || secs=20
  done
  R[$name.load_s]=$(elapsed "$t0" "$(now)")
  R[$name.reports]=$n
  R[$name.size_load]=$(db_size_mib "$DB")
  [ "$name" != pg ] || q_db "ANALYZE" >/dev/null

  # ---- 3. the measurements
  # The lists first, at the loaded size; filing (a) then adds its own reports.
  bench_endpoint "$name" queue "$url" "$spid"
  bench_endpoint "$name" supervise "$url" "$spid"
  sql_ref "$name"
  bench_endpoint "$name" file "$url" "$spid"
  R[$name.reports_end]=$(q_db "SELECT count(*) FROM reports")
  R[$name.hwm]=$(vm "$spid" VmHWM)
  stop_pid "$spid"

  R[$name.size_end]=$(db_size_mib "$DB")
  R[$name.done]=1
}

sql_ref() {   # BACKEND
  local name=$1 dir=$WORK/$1 per
  log "$name/queue: $SAMPLE pages as SQL through the CLI"
  node "$HERE/sql-sample.mjs" "$name" queue "$SAMPLE" >"$dir/queue-sample.sql" 2>"$dir/queue-per"
  per=$(sed -n 's/^per=//p' "$dir/queue-per")
  cli_db <"$dir/queue-sample.sql" >"$dir/queue-sample.out" 2>&1 || { tail "$dir/queue-sample.out" >&2; die "SQL sample failed"; }
  cli_ms "$name" "$dir/queue-sample.out" "$per" "$dir/queue-sql-ms" queue
  read -r R[$name.queue.sql_p50] R[$name.queue.sql_p95] R[$name.queue.sql_p99] R[$name.queue.sql_mean] R[$name.queue.sql_max] < <(quantiles "$dir/queue-sql-ms")
  node "$HERE/sql-sample.mjs" "$name" explain 1 2>/dev/null | cli_db >"$dir/queue-explain.txt" 2>&1 || true
}

bench_endpoint() {   # BACKEND KIND URL PID
  local name=$1 ep=$2 url=$3 spid=$4 dir=$WORK/$1 i code user path
  case $ep in
  file) user=school path=/api/v1/reports ;;
  queue) user=police path='/api/v1/reports?box=queue' ;;
  supervise) user=county path='/api/v1/reports?box=supervise' ;;
  esac
  log "$name/$ep: sampling answers"
  : >"$dir/$ep-sizes"
  : >"$dir/$ep-totals"
  for ((i = 1; i <= 30; i++)); do
    if [ "$ep" = file ]; then
      code=$(curl -s --max-time 60 -o "$dir/$ep-ans-$i.json" -D "$dir/$ep-ans-$i.hdr" -w '%{http_code}' -X POST \
        -H "Cookie: shouhu_sid=${SIDS[school]}" -H "X-CSRF-Token: ${CSRFS[school]}" -H 'Content-Type: application/json' \
        --data "{\"situation\":\"abuse_violence\",\"urgency\":\"urgent\",\"seen\":\"学生身上多处淤青，自述在家中被打（压测数据）\",\"happened_at\":\"$(TZ=Asia/Shanghai date +%F)\",\"place\":\"家中\",\"region_code\":\"$(sed -n "${i}p" "$dir/regions")\",\"pupil\":true,\"child\":{\"name\":\"测某$i\",\"sex\":\"M\",\"age\":10,\"description\":\"压测虚构儿童\"},\"channel\":\"online\",\"client_id\":\"$(cat /proc/sys/kernel/random/uuid)\"}" \
        "$url$path")
      [ "$code" = 201 ] || { head -c 500 "$dir/$ep-ans-$i.json" >&2; die "POST $path answered $code"; }
    else
      code=$(curl -s --max-time 60 -o "$dir/$ep-ans-$i.json" -D "$dir/$ep-ans-$i.hdr" -w '%{http_code}' \
        -H "Cookie: shouhu_sid=${SIDS[$user]}" "$url$path")
      [ "$code" = 200 ] || { head -c 500 "$dir/$ep-ans-$i.json" >&2; die "GET $path answered $code"; }
      printf '%s %s\n' "$(grep -o '"total":[0-9]*' "$dir/$ep-ans-$i.json" | cut -d: -f2)" "$i" >>"$dir/$ep-totals"
    fi
    printf '%s %s\n' "$(wc -c <"$dir/$ep-ans-$i.json")" "$i" >>"$dir/$ep-sizes"
  done
  bare_for_sample "$name" "$ep" "$dir"

  run_get() {   # OUT BASEURL SECONDS [CONNECTIONS]
    local conns=${4:-$CONNS} threads=$WRK_THREADS
    ((conns >= threads)) || threads=$conns
    MODE=get PATH_=$path SEED=$SEED timeout $(($3 + 60)) \
      wrk -t"$threads" -c"$conns" -d"$3s" --timeout 5s -s "$HERE/wrk.lua" \
      -H "Cookie: shouhu_sid=${SIDS[$user]}" "$2" >"$1" 2>&1 || { cat "$1" >&2; die "wrk failed"; }
    grep -q '^wrk-summary' "$1" || { cat "$1" >&2; die "no summary from wrk"; }
  }
  if [ "$ep" = file ]; then
    wrk_rounds "$name" "$ep" "$dir/$ep" "$url" "$spid" run_post
  else
    wrk_rounds "$name" "$ep" "$dir/$ep" "$url" "$spid" run_get
  fi
  R[$name.$ep.non2xx]=$((R[$name.$ep.non2xx] + R[$name.$ep.c1_non2xx]))
  stop_pid "$BARE_PID"
}

# ---- run -------------------------------------------------------------------------------------
for name in $BACKENDS; do
  case $name in
  sqlite) bench_backend sqlite "sqlite:$WORK/sqlite/shouhu.db" ;;
  pg)
    [ "$PG" != off ] || { PG_NOTE="PostgreSQL not measured (PG=off)"; continue; }
    pg_cluster bench_reports
    if [ -n "$PG_BASE" ]; then
      PG_SETTINGS=$(psql "$PG_CONNINFO" -qAtX -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'fsync', 'synchronous_commit')")
      bench_backend pg "postgresql:$PG_BASE dbname=bench_reports"
    fi
    ;;
  *) die "unknown backend $name" ;;
  esac
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----------------------------------------------------------------------------------
label() { case $1 in sqlite) echo "SQLite $SQLITE_VERSION" ;; pg) echo "PostgreSQL ${PG_VERSION:-}" ;; esac; }
ep_label() {
  case $1 in
  file) echo "(a) filing a report \`POST /api/v1/reports\` (aim p99 ≤ 20 ms)" ;;
  queue) echo "(b) the police queue \`GET /api/v1/reports?box=queue\` (aim p95 ≤ 20 ms)" ;;
  supervise) echo "(b') the county's supervision list \`GET /api/v1/reports?box=supervise\`" ;;
  esac
}
echo "## bench/run-reports.sh — $STARTED"
echo
echo "- machine: \`nproc\` $NPROC × $CPU; \`free -g\`: $FREE_G; Linux $(uname -r); load average $LOAD_START at start, $LOAD_END at end"
echo "- shouhu $COMMIT ($DIRTY uncommitted paths), $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2), node $(node --version)${PG_SETTINGS:+; PostgreSQL: $PG_SETTINGS}"
echo "- data: the demo county (秀山) and $REPORTS reports filed through the API by the school user about provisional children in the county's villages, all open and routed to the police, civil affairs and education"
echo "- HTTP: \`wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s --timeout 5s -s bench/reports/wrk.lua\`, $ROUNDS rounds per target, order alternating, medians; reference build/bench/bench_bare with the bytes of a median real answer"
echo
for name in sqlite pg; do
  [ -n "${R[$name.done]:-}" ] || continue
  echo "### $(label "$name")"
  echo
  echo "Loaded ${R[$name.reports]} reports through the API in ${R[$name.load_s]} s (${R[$name.villages]} villages); ${R[$name.reports_end]} at the end. Database ${R[$name.size_load]} MiB after the load, ${R[$name.size_end]} MiB at the end; server VmHWM $(mib "${R[$name.hwm]}") MiB."
  echo
  echo "| measurement | shouhu | reference, same run | shouhu / reference |"
  echo "|---|---:|---:|---:|"
  for ep in file queue supervise; do
    [ -n "${R[$name.$ep.s_p95]:-}" ] || continue
    echo "| $(ep_label "$ep"): p50 / p95 / p99, ms | ${R[$name.$ep.s_p50]} / **${R[$name.$ep.s_p95]}** / **${R[$name.$ep.s_p99]}** | bare MHD ${R[$name.$ep.b_p50]} / ${R[$name.$ep.b_p95]} / ${R[$name.$ep.b_p99]} | |"
    echo "| … req/s (64 connections) | ${R[$name.$ep.s_rps]} | bare MHD ${R[$name.$ep.b_rps]} | $(awk -v a="${R[$name.$ep.s_rps]}" -v b="${R[$name.$ep.b_rps]}" 'BEGIN { printf "%.3f", a / b }') |"
    echo "| … shouhu CPU per request, µs | ${R[$name.$ep.s_cpu]} | | |"
    [ "$name" != pg ] || echo "| … PostgreSQL cluster CPU per request, µs | ${R[$name.$ep.pg_cpu]} | | |"
    echo "| … one connection: p50 / p95 / p99, ms (req/s) | ${R[$name.$ep.c1_p50]} / ${R[$name.$ep.c1_p95]} / ${R[$name.$ep.c1_p99]} (${R[$name.$ep.c1_rps]}) | | |"
    [ "$ep" != queue ] || echo "| … the queue page's SQL alone, one at a time: p50 / p95 / p99 / mean, ms | | ${R[$name.queue.sql_p50]} / ${R[$name.queue.sql_p95]} / ${R[$name.queue.sql_p99]} / ${R[$name.queue.sql_mean]} | |"
  done
  echo
  for ep in file queue supervise; do
    [ -n "${R[$name.$ep.s_p95]:-}" ] || continue
    echo "- $ep: answer ${R[$name.$ep.bytes]} bytes (median, range of 30)${R[$name.$ep.totals]:+; \`total\` ${R[$name.$ep.totals]}}; p95 over rounds ${R[$name.$ep.s_p95_range]}, p99 ${R[$name.$ep.s_p99_range]}; non-2xx ${R[$name.$ep.non2xx]}, socket errors ${R[$name.$ep.errors]}"
  done
  echo
  [ ! -f "$WORK/$name/queue-explain.txt" ] || plan_details "$(label "$name"): plan of one queue page" "$WORK/$name/queue-explain.txt"
done
[ -z "$PG_NOTE" ] || { echo "$PG_NOTE"; echo; }
report_rounds measurement
