#!/usr/bin/env bash
# bench/run-children.sh — the child's file at a million children (docs/PERFORMANCE.md, section
# "The child's file at a million children"): a province of synthetic children imported through
# the real import endpoint, then the file, the name search and a town's list under load. Every
# number is paired with a reference measured in the same run (the machine is shared and noisy).
#
#   bench/run-children.sh > report.md     build, generate, measure, print a Markdown report on
#                                         stdout; progress on stderr. About 20 min for a
#                                         million children on both backends (2 cores), plus
#                                         2 min to generate them; ~5 GB in /tmp while it runs.
#
# Environment:
#   COUNT=1000000        children to generate and import (batches of 5,000, the import's limit)
#   BACKENDS="sqlite pg" which backends, in order; PG=auto|on|off as in bench/run.sh (auto: pg
#                        is skipped with a note when scripts/pg-temp.sh cannot start a cluster)
#   ROUNDS=3 DURATION=10 wrk rounds (server and bare reference alternating) of DURATION s per
#                        endpoint and backend
#   SAMPLE=300           requests per endpoint replayed as SQL through sqlite3 / psql
#   IMPORT_BUDGET=3600   seconds of import per backend; when it runs out the import stops and
#                        the report says how many rows were imported (the queries run on those)
#   DATA=DIR             reuse (or keep) the generated data in DIR instead of a temp directory
#   KEEP=1               keep the temp directory with both databases (and the stopped PostgreSQL
#                        cluster: `scripts/pg-temp.sh start DIR` restarts it) for a closer look
#   SEED=20261122 BUILD=build/
#   NO_BUILD=1           use the binaries in BUILD without running ninja first
#
# What it does, per backend (each in a fresh temp database; PostgreSQL in a throwaway cluster
# from scripts/pg-temp.sh, which runs with fsync off):
#  1. `shouhu init`, `shouhu region import 50` (Chongqing: 38 counties, 1,031 towns, 11,270
#     villages), `SHOUHU_PASSWORD=... shouhu user add bench --role county --region 500000000000`,
#     `shouhu serve` (port 0); log in as bench, change the password, keep cookie and CSRF token.
#     A second database of the same engine gets the same schema and regions (init + region
#     import) and nothing else: the raw reference.
#  2. Once: GET /api/v1/children/import-template.xlsx, its header row (xlsx-headers.mjs), and
#     bench/children/gen.mjs writes COUNT children over the province's villages as import
#     batches keyed by those headers and as plain SQL of the same rows.
#  3. Import: for each batch, `curl POST /api/v1/children/import {"mode":"valid_rows",...}`
#     (full validation, encryption, name index, history, audit; one transaction) and then the
#     same rows as plain INSERTs into the raw database, one transaction per batch (`sqlite3`
#     with journal_mode=WAL, synchronous=NORMAL, foreign_keys=ON like the server; `psql -f`).
#     Both timed per batch (wall clock, EPOCHREALTIME), alternating, so noise hits both alike.
#  4. Queries, ROUNDS rounds each, the order alternating: `wrk -t2 -c64 -d${DURATION}s -s
#     bench/children/paths.lua` with random paths from a list — GET /api/v1/children/{id} (20,000
#     random ids), GET /api/v1/children?q=<two characters> (2,000 name parts drawn from the
#     generated names), GET /api/v1/children?region=<town>&page=1 (every town) — against
#     shouhu and against build/bench/bench_bare answering every request with the bytes of a
#     median-sized real answer (same headers): the HTTP and load-generator floor. Then SAMPLE
#     requests of each endpoint replayed as the server's SQL (sql-sample.mjs) through the CLI
#     with `.timer on` / `\timing on`: the database floor (for the search also the rewrite
#     docs/PERFORMANCE.md proposes, `search2`). EXPLAIN of the heaviest sampled request. One
#     more round with one connection (`-t1 -c1`): the latency without a queue. CPU per request
#     of the server (/proc/PID/stat) and of the whole PostgreSQL cluster.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
COUNT=${COUNT:-1000000}
BACKENDS=${BACKENDS:-sqlite pg}
PG=${PG:-auto}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
SAMPLE=${SAMPLE:-300}
IMPORT_BUDGET=${IMPORT_BUDGET:-3600}
SEED=${SEED:-20261122}
DATA=${DATA:-}
BATCH=5000
WARMUP=2
CONNS=64
WRK_THREADS=2
PROVINCE=50
SCOPE=500000000000
PW_INITIAL='Bench#2026x'
PW_NEW='Bench#2026-children'
HERE=$ROOT/bench/children

BENCH_TAG=children
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

need_tools wrk curl node sqlite3 /usr/bin/time timeout
need_positive COUNT ROUNDS DURATION SAMPLE IMPORT_BUDGET

bench_start
bench_build

# SQL on a backend's databases: q_srv / q_raw SQL -> rows, tab-separated
SRV_DB='' RAW_DB=''
q_srv() { db_query "$SRV_DB" "$1"; }
q_raw() { db_query "$RAW_DB" "$1"; }
# the CLI on a database with a script on stdin (timing output on stdout), at most 20 minutes
cli_db() { db_cli "$1" 1200; }

# ---- machine ---------------------------------------------------------------------------------
machine_facts
SQLITE_VERSION=$(sqlite3 --version | cut -d' ' -f1)
declare -A R
ROWS_OUT=()

# ---- the data, once --------------------------------------------------------------------------
GEN=
generate() {   # URL: template headers from the running server, villages from its database
  local url=$1 code
  GEN=${DATA:-$WORK/data}
  mkdir -p "$GEN"
  code=$(curl -s --max-time 60 -o "$WORK/template.xlsx" -w '%{http_code}' -H "Cookie: shouhu_sid=$SID" \
    "$url/api/v1/children/import-template.xlsx")
  [ "$code" = 200 ] || die "GET import-template.xlsx answered $code"
  node "$HERE/xlsx-headers.mjs" "$WORK/template.xlsx" >"$WORK/headers.txt"
  R[headers]=$(wc -l <"$WORK/headers.txt")
  q_srv "SELECT v.code, v.name, t.name, c.name FROM regions v JOIN regions t ON t.code = v.parent
         JOIN regions c ON c.code = t.parent WHERE v.level = 5 ORDER BY v.code" >"$WORK/villages.tsv"
  R[villages]=$(wc -l <"$WORK/villages.tsv")
  R[towns]=$(q_srv "SELECT count(*) FROM regions WHERE level = 4")
  R[counties]=$(q_srv "SELECT count(*) FROM regions WHERE level = 3")
  if [ -f "$GEN/meta.json" ] && grep -q "\"children\": $COUNT," "$GEN/meta.json" &&
     grep -q "\"seed\": $SEED," "$GEN/meta.json" && cmp -s "$WORK/villages.tsv" "$GEN/villages.tsv"; then
    log "reusing the generated data in $GEN"
  else
    log "generating $COUNT children (seed $SEED) into $GEN"
    rm -rf "$GEN/batches" "$GEN/raw"
    cp "$WORK/villages.tsv" "$GEN/villages.tsv"
    /usr/bin/time -f '%e %M' -o "$WORK/gen.time" timeout 3600 node "$HERE/gen.mjs" --villages "$GEN/villages.tsv" \
      --headers "$WORK/headers.txt" --out "$GEN" --count "$COUNT" --batch "$BATCH" --seed "$SEED" >&2 ||
      die "gen.mjs failed"
    R[gen_s]=$(cut -d' ' -f1 "$WORK/gen.time")
  fi
  R[gen_json_mb]=$(du -sm "$GEN/batches" | cut -f1)
  R[gen_sql_mb]=$(du -sm "$GEN/raw" | cut -f1)
  R[members]=$(sed -n 's/.*"members": \([0-9]*\).*/\1/p' "$GEN/meta.json")
  R[caregivers]=$(sed -n 's/.*"caregivers": \([0-9]*\).*/\1/p' "$GEN/meta.json")
}

# ---- one backend -----------------------------------------------------------------------------
# bench_backend NAME SRV_DATABASE RAW_DATABASE
bench_backend() {
  local name=$1 dir=$WORK/$1 url spid code
  SRV_DB=$2 RAW_DB=$3
  mkdir -p "$dir"
  write_conf "$dir/shouhu.conf" "$SRV_DB" "$dir/key"
  write_conf "$dir/raw.conf" "$RAW_DB" "$dir/raw.key"
  log "$name: init, region import $PROVINCE, user bench (server and raw databases)"
  for c in shouhu raw; do
    env -u PORT "$SHOUHU" -c "$dir/$c.conf" init >"$dir/$c-init.log" 2>&1 || { cat "$dir/$c-init.log" >&2; die "init failed"; }
    env -u PORT "$SHOUHU" -c "$dir/$c.conf" region import "$PROVINCE" >>"$dir/$c-init.log" 2>&1 ||
      { cat "$dir/$c-init.log" >&2; die "region import failed"; }
  done
  SHOUHU_PASSWORD=$PW_INITIAL env -u PORT "$SHOUHU" -c "$dir/shouhu.conf" user add bench --role county \
    --region "$SCOPE" >>"$dir/shouhu-init.log" 2>&1 || { cat "$dir/shouhu-init.log" >&2; die "user add failed"; }
  env -u PORT "$SHOUHU" -c "$dir/shouhu.conf" serve >"$dir/serve.log" 2>&1 &
  spid=$!
  track "$spid"
  url=$(wait_listen "$dir/serve.log" "$spid")
  log "$name: shouhu pid $spid at $url"
  first_login "$url" bench
  code=$(curl -s --max-time 30 -o "$dir/me.json" -w '%{http_code}' -H "Cookie: shouhu_sid=$SID" "$url/api/v1/me")
  if [ "$code" = 401 ]; then login "$url" bench "$PW_NEW" || die "login with the new password failed"; fi

  [ -n "$GEN" ] || generate "$url"

  # ---- 3. import, batch by batch, each followed by the raw insert of the same rows
  local batches=("$GEN"/batches/*.json) i=0 stem f t0 t1 t2 t3 c0 c1 created rejected imported=0
  local started_at=$SECONDS stopped=''
  local raw_start=()
  # the cost of starting the raw client with nothing to insert
  for i in 1 2 3 4 5; do
    t0=$(now)
    if [ "$name" = sqlite ]; then
      sqlite3 -batch "${RAW_DB#sqlite:}" "PRAGMA journal_mode=WAL" "PRAGMA synchronous=NORMAL" "PRAGMA foreign_keys=ON" >/dev/null
    else
      psql "${RAW_DB#postgresql:}" -qX -v ON_ERROR_STOP=1 -c 'BEGIN' -c 'COMMIT' >/dev/null
    fi
    t1=$(now)
    raw_start+=("$(elapsed "$t0" "$t1" 4)")
  done
  R[$name.raw_start_ms]=$(awk -v s="$(median "${raw_start[@]}")" 'BEGIN { printf "%.1f", s * 1000 }')
  printf 'batch\timport_s\traw_s\tserver_cpu_s\tcreated\trejected\tpg_cpu_s\n' >"$dir/import.tsv"
  log "$name: importing ${#batches[@]} batches of $BATCH (budget ${IMPORT_BUDGET}s)"
  for f in "${batches[@]}"; do
    stem=$(basename "$f" .json)
    if ((SECONDS - started_at > IMPORT_BUDGET)); then stopped=yes; break; fi
    c0=$(cpu_ticks "$spid") g0=$(pg_ticks)
    t0=$(now)
    code=$(curl -s --max-time 1200 -o "$dir/import.json" -w '%{http_code}' -X POST -H "Cookie: shouhu_sid=$SID" \
      -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' --data-binary @"$f" \
      "$url/api/v1/children/import") || code=curl-failed
    t1=$(now)
    c1=$(cpu_ticks "$spid") g1=$(pg_ticks)
    [ "$code" = 200 ] || { head -c 2000 "$dir/import.json" >&2; die "import of $stem answered $code"; }
    created=$(grep -o '"created":[0-9]*' "$dir/import.json" | cut -d: -f2)
    rejected=$(grep -o '"row":' "$dir/import.json" | wc -l || true)
    ((rejected == 0)) || log "$name: batch $stem: $rejected rows rejected, e.g. $(grep -o '"rejected":\[{[^}]*}' "$dir/import.json" | head -c 300)"
    t2=$(now)
    if [ "$name" = sqlite ]; then
      timeout 1200 sqlite3 -batch "${RAW_DB#sqlite:}" "PRAGMA journal_mode=WAL" "PRAGMA synchronous=NORMAL" \
        "PRAGMA foreign_keys=ON" ".read $GEN/raw/$stem.sql" >/dev/null || die "raw insert of $stem failed"
    else
      timeout 1200 psql "${RAW_DB#postgresql:}" -qX -v ON_ERROR_STOP=1 -f "$GEN/raw/$stem.sql" >/dev/null ||
        die "raw insert of $stem failed"
    fi
    t3=$(now)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stem" "$(elapsed "$t0" "$t1" 4)" "$(elapsed "$t2" "$t3" 4)" \
      "$(awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')" "$created" "$rejected" \
      "$(awk -v t=$((g1 - g0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')" >>"$dir/import.tsv"
    imported=$((imported + created))
    if ((10#$stem % 20 == 19)); then
      log "$name: $imported rows imported; last batch: import $(elapsed "$t0" "$t1" 4) s, raw $(elapsed "$t2" "$t3" 4) s"
    fi
  done
  R[$name.imported]=$imported
  R[$name.stopped]=${stopped:-no}
  local srv_count raw_count
  srv_count=$(q_srv "SELECT count(*) FROM children")
  raw_count=$(q_raw "SELECT count(*) FROM children")
  R[$name.srv_count]=$srv_count R[$name.raw_count]=$raw_count
  R[$name.members]=$(q_srv "SELECT count(*) FROM child_members")
  R[$name.grams]=$(q_srv "SELECT count(*) FROM child_name_grams")
  [ "$srv_count" = "$imported" ] || log "$name: warning: $srv_count children in the database, $imported reported created"
  # rates: all batches, and the first and last tenth (how the rate changes as the tables grow)
  awk -F'\t' -v batch=$BATCH 'NR > 1 { n++; imp[n] = $2; raw[n] = $3; cpu[n] = $4; rows[n] = $5; tg += $7 }
    END {
      for (i = 1; i <= n; i++) { ti += imp[i]; tr += raw[i]; tc += cpu[i]; tn += rows[i] }
      printf "pg_cpu_ms_per_row=%.3f ", tg * 1000 / tn
      k = int(n / 10); if (k < 1) k = 1
      for (i = 1; i <= k; i++) { fi += imp[i]; fr += raw[i]; fn += rows[i] }
      for (i = n - k + 1; i <= n; i++) { li += imp[i]; lr += raw[i]; ln += rows[i] }
      printf "imp_s=%.1f raw_s=%.1f imp_rate=%.0f raw_rate=%.0f ratio=%.3f cpu_ms_per_row=%.3f ", ti, tr, tn / ti, tn / tr, tr / ti, tc * 1000 / tn
      printf "first_imp=%.0f first_raw=%.0f first_ratio=%.3f last_imp=%.0f last_raw=%.0f last_ratio=%.3f tenth=%d\n", fn / fi, fn / fr, fr / fi, ln / li, ln / lr, lr / li, k
    }' "$dir/import.tsv" >"$dir/import.sum"
  for k in pg_cpu_ms_per_row imp_s raw_s imp_rate raw_rate ratio cpu_ms_per_row first_imp first_raw first_ratio last_imp last_raw last_ratio tenth; do
    R[$name.$k]=$(field "$k" <(echo " $(cat "$dir/import.sum")"))
  done
  # per-batch ratios: their median and range
  tail -n +2 "$dir/import.tsv" | awk -F'\t' '{ printf "%.4f\n", $3 / $2 }' >"$dir/batch-ratios"
  R[$name.batch_ratio]=$(quantiles "$dir/batch-ratios" | cut -d' ' -f1)
  R[$name.batch_ratio_range]=$(sort -g "$dir/batch-ratios" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f", lo, hi }')
  R[$name.hwm_import]=$(vm "$spid" VmHWM)
  R[$name.srv_size]=$(db_size_mib "$SRV_DB")
  R[$name.raw_size]=$(db_size_mib "$RAW_DB")
  if [ "$name" = sqlite ]; then
    R[$name.stats]=$(q_srv "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'" | sed 's/^0$/no ANALYZE statistics (sqlite_stat1 absent)/; s/^1$/sqlite_stat1 present/')
  else
    R[$name.stats]=$(q_srv "SELECT 'children last autoanalyze ' || coalesce(to_char(last_autoanalyze, 'HH24:MI:SS'), 'never') || ', child_name_grams last autoanalyze ' || coalesce((SELECT to_char(last_autoanalyze, 'HH24:MI:SS') FROM pg_stat_user_tables WHERE relname = 'child_name_grams'), 'never') FROM pg_stat_user_tables WHERE relname = 'children'")
  fi
  log "$name: import done: ${R[$name.imp_rate]} rows/s through HTTP, raw ${R[$name.raw_rate]} rows/s, ratio ${R[$name.ratio]}"

  # ---- 4. queries
  local lo hi
  read -r lo hi < <(q_srv "SELECT min(id), max(id) FROM children" | tr '\t' ' ')
  awk -v lo="$lo" -v hi="$hi" -v seed="$SEED" 'BEGIN { srand(seed); for (i = 0; i < 20000; i++) printf "/api/v1/children/%d\n", lo + int(rand() * (hi - lo + 1)) }' >"$dir/paths-file"
  q_srv "SELECT DISTINCT parent FROM regions WHERE level = 5 ORDER BY parent" |
    awk '{ printf "/api/v1/children?region=%s&page=1\n", $1 }' >"$dir/paths-town"
  node -e 'const fs = require("fs"); for (const t of fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean))
    console.log("/api/v1/children?q=" + encodeURIComponent(t))' "$GEN/names.txt" >"$dir/paths-search"
  local ep
  for ep in file search town; do
    bench_endpoint "$name" "$ep" "$url" "$spid"
  done
  R[$name.hwm_end]=$(vm "$spid" VmHWM)
  stop_pid "$spid"
  R[$name.done]=1
}

# bench_endpoint BACKEND ENDPOINT URL PID
bench_endpoint() {
  local name=$1 ep=$2 url=$3 spid=$4 dir=$WORK/$1 i p code
  local paths=$dir/paths-$ep
  # a sample of real answers: all must be 200; sizes; the median-sized one feeds bench_bare
  log "$name/$ep: sampling answers"
  : >"$dir/$ep-sizes"
  shuf -n 50 --random-source=<(yes "$SEED") "$paths" >"$dir/$ep-sample"
  i=0
  while read -r p; do
    i=$((i + 1))
    code=$(curl -s --max-time 30 -o "$dir/$ep-ans-$i.json" -D "$dir/$ep-ans-$i.hdr" -w '%{http_code}' \
      -H "Cookie: shouhu_sid=$SID" "$url$p")
    [ "$code" = 200 ] || { head -c 500 "$dir/$ep-ans-$i.json" >&2; die "GET $p answered $code"; }
    printf '%s %s\n' "$(wc -c <"$dir/$ep-ans-$i.json")" "$i" >>"$dir/$ep-sizes"
    if [ "$ep" != file ]; then
      printf '%s %s\n' "$(grep -o '"total":[0-9]*' "$dir/$ep-ans-$i.json" | cut -d: -f2)" "$i" >>"$dir/$ep-totals"
    fi
  done <"$dir/$ep-sample"
  bare_for_sample "$name" "$ep" "$dir"
  # EXPLAIN takes the heaviest of the sampled requests (largest total; for the file, the first)
  local heavy=1
  [ "$ep" = file ] || heavy=$(sort -n "$dir/$ep-totals" | tail -n 1 | cut -d' ' -f2)
  sed -n "${heavy}p" "$dir/$ep-sample" |
    sed 's#^/api/v1/children/\([0-9]*\)$#\1#; s#^/api/v1/children?q=##; s#^/api/v1/children?region=\([0-9]*\)&page=1$#\1#' |
    node -e 'process.stdout.write(decodeURIComponent(require("fs").readFileSync(0, "utf8").trim()))' >"$dir/$ep-explain-value"

  run_paths() {   # OUT BASEURL SECONDS [CONNECTIONS]
    local conns=${4:-$CONNS} threads=$WRK_THREADS
    ((conns >= threads)) || threads=$conns
    PATHS=$paths SEED=$SEED timeout $(($3 + 60)) wrk -t"$threads" -c"$conns" -d"$3s" --timeout 5s \
      -s "$HERE/paths.lua" -H "Cookie: shouhu_sid=$SID" "$2" >"$1" 2>&1 || { cat "$1" >&2; die "wrk failed"; }
    grep -q '^paths-summary' "$1" || { cat "$1" >&2; die "no summary from wrk"; }
  }
  wrk_rounds "$name" "$ep" "$dir/$ep" "$url" "$spid" run_paths
  stop_pid "$BARE_PID"

  # the database floor: SAMPLE requests of the same list replayed as SQL, one at a time
  log "$name/$ep: $SAMPLE requests as SQL through the CLI"
  shuf -n "$SAMPLE" --random-source=<(yes "$((SEED + 1))") "$paths" |
    sed 's#^/api/v1/children/\([0-9]*\)$#\1#; s#^/api/v1/children?q=##; s#^/api/v1/children?region=\([0-9]*\)&page=1$#\1#' |
    node -e 'const fs = require("fs"); for (const l of fs.readFileSync(0, "utf8").split("\n").filter(Boolean)) console.log(decodeURIComponent(l))' \
    >"$dir/$ep-sql-values"
  sql_time() {   # KIND -> $dir/KIND-sql-ms, one total per request
    local kind=$1 per=3
    [ "$kind" = file ] || per=2
    node "$HERE/sql-sample.mjs" "$name" "$kind" "$dir/$ep-sql-values" "$SCOPE" >"$dir/$kind-sample.sql"
    cli_db "$SRV_DB" <"$dir/$kind-sample.sql" >"$dir/$kind-sample.out" 2>&1 || { tail "$dir/$kind-sample.out" >&2; die "SQL sample failed"; }
    cli_ms "$name" "$dir/$kind-sample.out" "$per" "$dir/$kind-sql-ms" "$kind"
  }
  sql_time "$ep"
  read -r R[$name.$ep.sql_p50] R[$name.$ep.sql_p95] R[$name.$ep.sql_p99] R[$name.$ep.sql_mean] R[$name.$ep.sql_max] < <(quantiles "$dir/$ep-sql-ms")
  if [ "$ep" = search ]; then   # the rewrite proposed in docs/PERFORMANCE.md, same values
    sql_time search2
    read -r R[$name.search.sql2_p50] R[$name.search.sql2_p95] R[$name.search.sql2_p99] R[$name.search.sql2_mean] R[$name.search.sql2_max] < <(quantiles "$dir/search2-sql-ms")
  fi
  # the plan of one request (the first value of the sample)
  R[$name.$ep.explain_value]=$(cat "$dir/$ep-explain-value")
  node "$HERE/sql-sample.mjs" "$name" explain "$ep" "${R[$name.$ep.explain_value]}" "$SCOPE" |
    cli_db "$SRV_DB" >"$dir/$ep-explain.txt" 2>&1 || true
  if [ "$ep" = search ]; then
    node "$HERE/sql-sample.mjs" "$name" explain search2 "${R[$name.$ep.explain_value]}" "$SCOPE" |
      cli_db "$SRV_DB" >"$dir/search2-explain.txt" 2>&1 || true
  fi
}

# ---- run -------------------------------------------------------------------------------------
for name in $BACKENDS; do
  case $name in
  sqlite)
    bench_backend sqlite "sqlite:$WORK/sqlite/shouhu.db" "sqlite:$WORK/sqlite/raw.db"
    ;;
  pg)
    [ "$PG" != off ] || { PG_NOTE="PostgreSQL not measured (PG=off)"; continue; }
    pg_cluster bench_children bench_raw
    if [ -n "$PG_BASE" ]; then
      bench_backend pg "postgresql:$PG_BASE dbname=bench_children" "postgresql:$PG_BASE dbname=bench_raw"
    fi
    ;;
  *) die "unknown backend $name" ;;
  esac
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----------------------------------------------------------------------------------
label() { case $1 in sqlite) echo "SQLite $SQLITE_VERSION" ;; pg) echo "PostgreSQL ${PG_VERSION:-}" ;; esac; }
ep_label() { case $1 in file) echo 'child'"'"'s file `GET /api/v1/children/{id}`' ;; search) echo 'name search `?q=` (2 characters)' ;; town) echo 'town list `?region=TOWN&page=1`' ;; esac; }
echo "## bench/run-children.sh — $STARTED"
echo
echo "- machine: $NPROC × $CPU, $(mib "$MEM_KB") MiB RAM, Linux $(uname -r); load average $LOAD_START at start, $LOAD_END at end"
echo "- shouhu $COMMIT ($DIRTY uncommitted paths), $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2), node $(node --version)"
echo "- data: $COUNT children generated (seed $SEED${R[gen_s]:+, ${R[gen_s]} s}), ${R[members]} parents, ${R[caregivers]} caregivers, over ${R[villages]} villages / ${R[towns]} towns / ${R[counties]} counties of Chongqing; import JSON ${R[gen_json_mb]} MB, raw SQL ${R[gen_sql_mb]} MB; the template has ${R[headers]} columns"
echo "- queries: \`wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s --timeout 5s -s bench/children/paths.lua\`, $ROUNDS rounds per target, order alternating, medians; account \`bench\` (county role, scope 重庆市 $SCOPE)"
echo
for name in sqlite pg; do
  [ -n "${R[$name.done]:-}" ] || continue
  L=$(label "$name")
  echo "### $L"
  echo
  echo "Imported ${R[$name.imported]} children in $(( (R[$name.imported] + BATCH - 1) / BATCH )) batches$([ "${R[$name.stopped]}" = yes ] && echo " (**stopped by IMPORT_BUDGET=${IMPORT_BUDGET}s before $COUNT**)"); database: ${R[$name.srv_count]} children, ${R[$name.members]} members, ${R[$name.grams]} name grams, ${R[$name.srv_size]} MiB (raw reference: ${R[$name.raw_count]} children, ${R[$name.raw_size]} MiB); ${R[$name.stats]}."
  echo
  echo "| measurement | shouhu | reference, same run | shouhu / reference |"
  echo "|---|---:|---:|---:|"
  echo "| import, rows/s (all batches; wall time ${R[$name.imp_s]} s vs ${R[$name.raw_s]} s) | ${R[$name.imp_rate]} | raw INSERT ${R[$name.raw_rate]} | **$(printf '%.2f' "${R[$name.ratio]}")** (per batch: median $(printf '%.2f' "${R[$name.batch_ratio]}"), ${R[$name.batch_ratio_range]}) |"
  echo "| … first ${R[$name.tenth]} batches, rows/s | ${R[$name.first_imp]} | ${R[$name.first_raw]} | $(printf '%.2f' "${R[$name.first_ratio]}") |"
  echo "| … last ${R[$name.tenth]} batches, rows/s | ${R[$name.last_imp]} | ${R[$name.last_raw]} | $(printf '%.2f' "${R[$name.last_ratio]}") |"
  echo "| … shouhu CPU per imported row, ms | ${R[$name.cpu_ms_per_row]} | | |"
  [ "$name" != pg ] || echo "| … PostgreSQL cluster CPU per imported row, ms | ${R[$name.pg_cpu_ms_per_row]} | | |"
  for ep in file search town; do
    E=$(ep_label "$ep")
    echo "| $E: p50 / p95 / p99, ms | ${R[$name.$ep.s_p50]} / **${R[$name.$ep.s_p95]}** / **${R[$name.$ep.s_p99]}** | bare MHD ${R[$name.$ep.b_p50]} / ${R[$name.$ep.b_p95]} / ${R[$name.$ep.b_p99]} | |"
    echo "| … req/s (64 connections) | ${R[$name.$ep.s_rps]} | bare MHD ${R[$name.$ep.b_rps]} | $(awk -v a="${R[$name.$ep.s_rps]}" -v b="${R[$name.$ep.b_rps]}" 'BEGIN { printf "%.3f", a / b }') |"
    echo "| … shouhu process CPU per request, µs | ${R[$name.$ep.s_cpu]} | | |"
    [ "$name" != pg ] || echo "| … PostgreSQL cluster CPU per request, µs | ${R[$name.$ep.pg_cpu]} | | |"
    echo "| … one connection (\`-t1 -c1\`): p50 / p95 / p99, ms (req/s) | ${R[$name.$ep.c1_p50]} / ${R[$name.$ep.c1_p95]} / ${R[$name.$ep.c1_p99]} (${R[$name.$ep.c1_rps]}) | | |"
    echo "| … the server's SQL alone, one at a time ($SAMPLE requests): p50 / p95 / p99 / mean, ms | | ${R[$name.$ep.sql_p50]} / ${R[$name.$ep.sql_p95]} / ${R[$name.$ep.sql_p99]} / ${R[$name.$ep.sql_mean]} | |"
    if [ "$ep" = search ]; then
      echo "| … the proposed gram-driven SQL (\`sql-sample.mjs search2\`), same requests: p50 / p95 / p99 / mean, ms | | ${R[$name.search.sql2_p50]} / ${R[$name.search.sql2_p95]} / ${R[$name.search.sql2_p99]} / ${R[$name.search.sql2_mean]} | |"
    fi
  done
  echo
  for ep in file search town; do
    echo "- $(ep_label "$ep"): answer ${R[$name.$ep.bytes]} bytes (median, range of 50)${R[$name.$ep.totals]:+; \`total\` ${R[$name.$ep.totals]}}; p95 over rounds ${R[$name.$ep.s_p95_range]}, p99 ${R[$name.$ep.s_p99_range]}; non-2xx ${R[$name.$ep.non2xx]}, socket errors ${R[$name.$ep.errors]}"
  done
  echo "- raw client start (no rows), median of 5: ${R[$name.raw_start_ms]} ms per batch, included in the raw time; server VmHWM after the import $(mib "${R[$name.hwm_import]}") MiB, at the end $(mib "${R[$name.hwm_end]}") MiB"
  echo
  for ep in file search search2 town; do
    [ -f "$WORK/$name/$ep-explain.txt" ] || continue
    case $ep in
    search2) w="the proposed search SQL for the same request (${R[$name.search.explain_value]})" ;;
    file) w="one file request (${R[$name.$ep.explain_value]})" ;;
    *) w="the heaviest (largest \`total\`) of the 50 sampled $ep requests (${R[$name.$ep.explain_value]})" ;;
    esac
    plan_details "$(label "$name"): plan of $w" "$WORK/$name/$ep-explain.txt"
  done
done
[ -z "$PG_NOTE" ] || { echo "$PG_NOTE"; echo; }
report_rounds endpoint
