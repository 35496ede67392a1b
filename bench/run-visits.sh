#!/usr/bin/env bash
# bench/run-visits.sh — visits at a million children (docs/PERFORMANCE.md, section "Visits at a
# million children"): issue 4's benchmarks on both backends, every number next to a reference
# measured in the same run (the machine is shared and noisy).
#
#   bench/run-visits.sh > report.md     build, load, measure, print a Markdown report on stdout;
#                                       progress on stderr. At COUNT=1000000 (30 M visits) about
#                                       30 min for both backends on 2 cores; ~10 GB (SQLite),
#                                       then ~14 GB (PostgreSQL) in /tmp while it runs.
#
# Environment:
#   COUNT=1000000 VISITS_PER_CHILD=30   children, and visit records per child on average
#   BACKENDS="sqlite pg" PG=auto|on|off  as in bench/run-children.sh
#   ROUNDS=3 DURATION=10                wrk rounds (shouhu and the bare reference alternating)
#   SAMPLE=300                          requests per measurement replayed as SQL through the CLI
#   DIRECTORS=100 TOWNS=30              sessions the list benchmarks spread their requests over
#   KEEP=1                              keep the temp directory (and the stopped cluster)
#   SEED=20261122 BUILD=build/
#   NO_BUILD=1                          use the binaries in BUILD without running ninja first
#
# Per backend, in a fresh temp database (PostgreSQL: a throwaway cluster of scripts/pg-temp.sh,
# fsync off):
#  1. `shouhu init`, `shouhu region import 50` (Chongqing: 38 counties, 1,031 towns, 11,270
#     villages); `shouhu user add` of a county user `bench` (the first county), a town
#     supervisor `town0` (its first town) and a child director `dir0` (its first village);
#     `shouhu serve`, each logs in and changes its password (curl, cookie and CSRF token).
#     Then one town supervisor per town and one director per village by SQL, copies of town0 /
#     dir0 (same password hash, no forced change): `shouhu user add` costs an argon2id hash
#     and a process per account, 12,000 of them would take longer than the rest of the run.
#  2. The load, straight into the database: bench/visits/load-sql.mjs (children, parents,
#     caregivers, visits, problems generated in SQL; every child has its village's director;
#     see that file for the shapes), timed. Not a measurement of shouhu.
#  3. (c) the daily sweep, `shouhu sweep` under /usr/bin/time: first right after the load
#     (every child never graded, and every child's categories due for re-derivation: a full
#     grading), then again (a normal day with nothing due: the sweep's fixed cost), and at the
#     end of the backend with the clock one day ahead (test_clock_offset_days=1) (the next day: what the calendar moves).
#     Reference: the database alone reading every child's row as the sweep does and rewriting
#     each child's standing columns once (one statement each, CLI timing). PostgreSQL then gets
#     ANALYZE (the sweep rewrote every row; autovacuum would analyse within a minute or two).
#  4. `shouhu serve` (waits for its own start-up sweep to finish), logins: bench, DIRECTORS
#     directors and TOWNS town supervisors drawn at random.
#  5. (a) a director's due list: `wrk -t2 -c64 -s bench/visits/wrk.lua` GET /api/v1/schedule
#     with a director's cookie drawn at random per request (scope: one village);
#     (b) a town's overdue list: GET /api/v1/schedule?state=overdue with a town supervisor's
#     cookie; (d) recording a visit: POST /api/v1/children/{id}/visits as `bench` (county),
#     a fresh random UUID as client_id per request, a child of the county drawn at random.
#     ROUNDS rounds each, alternating with build/bench/bench_bare answering every request with
#     the bytes and headers of a median-sized real answer (for (d), a real 201): the HTTP floor.
#     One more round with one connection. CPU per request of shouhu (and of the cluster).
#  6. SAMPLE requests of each replayed as the server's SQL (bench/visits/sql-sample.mjs) through
#     sqlite3 `.timer on` / psql `\timing on`, one at a time: the database floor. EXPLAIN of one.
#  7. Database sizes; the next-day sweep (3).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
COUNT=${COUNT:-1000000}
VISITS_PER_CHILD=${VISITS_PER_CHILD:-30}
BACKENDS=${BACKENDS:-sqlite pg}
PG=${PG:-auto}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
SAMPLE=${SAMPLE:-300}
DIRECTORS=${DIRECTORS:-100}
TOWNS=${TOWNS:-30}
SEED=${SEED:-20261122}
WARMUP=2
CONNS=64
WRK_THREADS=2
PROVINCE=50
PW_INITIAL='Bench#2026x'
PW_NEW='Bench#2026-visits'
HERE=$ROOT/bench/visits
TABLES="'children', 'child_members', 'child_caregivers', 'visits', 'problems'"

BENCH_TAG=visits
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

need_tools wrk curl node sqlite3 psql /usr/bin/time timeout shuf
need_positive COUNT VISITS_PER_CHILD ROUNDS DURATION SAMPLE DIRECTORS TOWNS

bench_start
bench_build

# the backend's database (bench_backend sets DB)
DB=''
q_db() { db_query "$DB" "$1"; }   # SQL -> rows, tab-separated
cli_db() { db_cli "$DB" 3600 -bail; }   # a script on stdin, at most 60 minutes

# ---- machine ---------------------------------------------------------------------------------
machine_facts
FREE_G=$(free -g | awk '/^Mem:/ { printf "%s GiB total, %s GiB available", $2, $7 }')
SQLITE_VERSION=$(sqlite3 --version | cut -d' ' -f1)
TODAY=$(TZ=Asia/Shanghai date +%F)
declare -A R
ROWS_OUT=()

# ---- one backend -----------------------------------------------------------------------------
bench_backend() {   # NAME DATABASE
  local name=$1 dir=$WORK/$1 url spid code t0 t1
  DB=$2
  mkdir -p "$dir"
  write_conf "$dir/shouhu.conf" "$DB" "$dir/key"
  local S=("$SHOUHU" -c "$dir/shouhu.conf")
  log "$name: init, region import $PROVINCE, users bench/town0/dir0"
  { env -u PORT "${S[@]}" init && env -u PORT "${S[@]}" region import "$PROVINCE"; } >"$dir/init.log" 2>&1 ||
    { cat "$dir/init.log" >&2; die "init failed"; }
  local county town village
  county=$(q_db "SELECT min(code) FROM regions WHERE level = 3")
  town=$(q_db "SELECT min(code) FROM regions WHERE level = 4 AND parent = $county")
  village=$(q_db "SELECT min(code) FROM regions WHERE level = 5 AND parent = $town")
  R[$name.county]=$county
  R[$name.county_name]=$(q_db "SELECT name FROM regions WHERE code = $county")
  local u sref
  for u in "bench county $county" "town0 town $town" "dir0 director $village"; do
    set -- $u
    SHOUHU_PASSWORD=$PW_INITIAL env -u PORT "${S[@]}" user add "$1" --role "$2" --region "$3" \
      >>"$dir/init.log" 2>&1 || { cat "$dir/init.log" >&2; die "user add $1 failed"; }
  done
  env -u PORT "${S[@]}" serve >"$dir/serve0.log" 2>&1 &
  spid=$!
  track "$spid"
  url=$(wait_listen "$dir/serve0.log" "$spid")
  for u in bench town0 dir0; do first_login "$url" "$u"; done
  stop_pid "$spid"
  # one town supervisor per town and one director per village: copies of town0 and dir0
  q_db "INSERT INTO users (username, display_name, password_hash, role, region_code, status,
          must_change_password, password_changed_at, created_at, updated_at)
        SELECT CASE r.level WHEN 4 THEN 't' ELSE 'd' END || r.code,
          r.name || CASE r.level WHEN 4 THEN '督导员' ELSE '儿童主任' END, u.password_hash, u.role,
          r.code, 'active', 0, u.password_changed_at, u.created_at, u.updated_at
        FROM regions r JOIN users u ON u.username = CASE r.level WHEN 4 THEN 'town0' ELSE 'dir0' END
        WHERE r.level IN (4, 5) AND r.code <> u.region_code ORDER BY r.code" >/dev/null
  R[$name.users]=$(q_db "SELECT count(*) FROM users")

  # ---- 2. the load
  log "$name: loading $COUNT children, ~$((COUNT * VISITS_PER_CHILD)) visits"
  node "$HERE/load-sql.mjs" "$name" --count "$COUNT" --visits "$VISITS_PER_CHILD" --today "$TODAY" \
    --seed "$SEED" >"$dir/load.sql"
  if [ "$name" = sqlite ]; then   # the CLI cannot EXECUTE a string: drop/recreate from here
    local sel="FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($TABLES)"
    q_db "SELECT sql || ';' $sel" >"$dir/indexes.sql"
    { q_db "SELECT 'DROP INDEX ' || name || ';' $sel"; cat "$dir/load.sql"; echo 'PRAGMA synchronous=OFF;'
      cat "$dir/indexes.sql"; } >"$dir/load-all.sql"
  else
    cp "$dir/load.sql" "$dir/load-all.sql"
  fi
  t0=$(now)
  cli_db <"$dir/load-all.sql" >"$dir/load.out" 2>&1 || { tail -n 20 "$dir/load.out" >&2; die "load failed"; }
  t1=$(now)
  R[$name.load_s]=$(elapsed "$t0" "$t1")
  R[$name.children]=$(q_db "SELECT count(*) FROM children")
  R[$name.visits]=$(q_db "SELECT count(*) FROM visits")
  R[$name.members]=$(q_db "SELECT count(*) FROM child_members")
  R[$name.problems]=$(q_db "SELECT count(*) FROM problems")
  R[$name.never]=$(q_db "SELECT count(*) FROM children WHERE last_contact_on IS NULL")
  R[$name.size_load]=$(db_size_mib "$DB")
  log "$name: loaded ${R[$name.children]} children, ${R[$name.visits]} visits in ${R[$name.load_s]} s, ${R[$name.size_load]} MiB"

  # ---- 3. the sweep: full, then again the same day
  sweep() {   # TAG [days ahead: the server's test clock, test_clock_offset_days]
    local tag=$1 off=${2:-0}
    /usr/bin/time -f '%e %U %S %M' -o "$dir/sweep-$tag.time" env -u PORT "${S[@]}" -o "test_clock_offset_days=$off" sweep \
      >"$dir/sweep-$tag.out" 2>"$dir/sweep-$tag.err" || { cat "$dir/sweep-$tag.err" >&2; die "sweep $tag failed"; }
    read -r R[$name.sweep_${tag}_s] R[$name.sweep_${tag}_user] R[$name.sweep_${tag}_sys] R[$name.sweep_${tag}_kb] <"$dir/sweep-$tag.time"
    R[$name.sweep_${tag}_out]=$(grep -h 'sweep' "$dir/sweep-$tag.out" "$dir/sweep-$tag.err" | sed 's/^.*info //' | tr '\n' ' ' | sed 's/ *$//')
    log "$name: sweep $tag: ${R[$name.sweep_${tag}_s]} s (${R[$name.sweep_${tag}_out]})"
  }
  sweep full
  sweep again
  if [ "$name" = pg ]; then
    # the sweeps rewrote every child's row: statistics as autovacuum would leave them a minute
    # later (without, the first minutes of list requests run on plans made for NULL due days)
    t0=$(now)
    q_db "ANALYZE" >/dev/null
    R[$name.analyze_s]=$(elapsed "$t0" "$(now)")
  fi
  R[$name.graded]=$(q_db "SELECT count(*) FROM children WHERE restand_on IS NOT NULL")
  R[$name.risk]=$(q_db "SELECT coalesce(risk_level, 'none'), count(*) FROM children GROUP BY risk_level ORDER BY 1" | tr '\t\n' ' ,' | sed 's/,$//; s/,/, /g')
  R[$name.overdue]=$(q_db "SELECT count(*) FROM children WHERE status = 'active' AND next_due_on < '$TODAY'")
  R[$name.warnings]=$(q_db "SELECT count(*) FROM warnings WHERE closed_at IS NULL" 2>/dev/null || echo '?')
  # reference: the database alone reading every child's row and rewriting its standing once
  {
    if [ "$name" = sqlite ]; then echo '.output /dev/null'; echo '.timer on'; else echo '\o /dev/null'; echo '\timing on'; fi
    echo "SELECT c.*, CASE WHEN EXISTS (SELECT 1 FROM child_members m WHERE m.child_id = c.id AND m.relation IN ('father', 'mother') AND m.status = 'severe_disability') THEN 1 ELSE 0 END, (SELECT COUNT(*) FROM problems p WHERE p.child_id = c.id AND p.state = 'open'), (SELECT MIN(p.created_at) FROM problems p WHERE p.child_id = c.id AND p.state = 'open'), k.* FROM children c LEFT JOIN child_risk k ON k.child_id = c.id ORDER BY c.id;"
    echo "UPDATE children SET contact_due_on = contact_due_on, visit_due_on = visit_due_on, next_due_on = next_due_on, risk_level = risk_level, risk_score = risk_score, restand_on = restand_on;"
  } >"$dir/sweep-ref.sql"
  cli_db <"$dir/sweep-ref.sql" >"$dir/sweep-ref.out" 2>&1 || { tail "$dir/sweep-ref.out" >&2; die "sweep reference failed"; }
  if [ "$name" = sqlite ]; then
    mapfile -t sref < <(awk '/^Run Time:/ { printf "%.2f\n", $4 }' "$dir/sweep-ref.out")
  else
    mapfile -t sref < <(awk '/^Time:/ { printf "%.2f\n", $2 / 1000 }' "$dir/sweep-ref.out")
  fi
  R[$name.ref_read_s]=${sref[0]:-?} R[$name.ref_write_s]=${sref[1]:-?}
  log "$name: sweep reference: read ${R[$name.ref_read_s]} s, rewrite ${R[$name.ref_write_s]} s"
  R[$name.size_swept]=$(db_size_mib "$DB")

  # ---- 4. serve and log in
  env -u PORT "${S[@]}" serve >"$dir/serve.log" 2>&1 &
  spid=$!
  track "$spid"
  url=$(wait_listen "$dir/serve.log" "$spid")
  local i
  for ((i = 0; i < 3000; i++)); do grep -q 'sweep' "$dir/serve.log" && break; sleep 0.2; done
  R[$name.serve_sweep]=$(grep -m1 'sweep' "$dir/serve.log" | sed 's/^.*info //')
  log "$name: shouhu pid $spid at $url; its start-up sweep: ${R[$name.serve_sweep]}"
  login "$url" bench "$PW_NEW" || die "login of bench failed"
  local bench_sid=$SID bench_csrf=$CSRF bench_id
  bench_id=$(q_db "SELECT id FROM users WHERE username = 'bench'")
  : >"$dir/cookies-due"
  : >"$dir/cookies-overdue"
  q_db "SELECT username, region_code FROM users WHERE role = 'director' ORDER BY id" |
    shuf -n "$DIRECTORS" --random-source=<(yes "$SEED") >"$dir/directors"
  q_db "SELECT username, region_code FROM users WHERE role = 'town' ORDER BY id" |
    shuf -n "$TOWNS" --random-source=<(yes "$SEED") >"$dir/towns"
  t0=$(now)
  while read -r u _; do login "$url" "$u" "$PW_NEW" || die "login of $u failed"; echo "shouhu_sid=$SID" >>"$dir/cookies-due"; done <"$dir/directors"
  while read -r u _; do login "$url" "$u" "$PW_NEW" || die "login of $u failed"; echo "shouhu_sid=$SID" >>"$dir/cookies-overdue"; done <"$dir/towns"
  log "$name: $DIRECTORS directors and $TOWNS town supervisors logged in in $(elapsed "$t0" "$(now)") s"
  # the county's active children, for the visits
  local lo=$county hi=$((county + 999999))
  q_db "SELECT id, region_code FROM children WHERE status = 'active' AND region_code BETWEEN $lo AND $hi ORDER BY id" >"$dir/county-children"
  cut -f1 "$dir/county-children" >"$dir/ids"
  R[$name.county_children]=$(wc -l <"$dir/ids")

  # ---- 5. the measurements
  bench_endpoint "$name" due "$url" "$spid"
  bench_endpoint "$name" overdue "$url" "$spid"
  SID=$bench_sid CSRF=$bench_csrf
  local before after
  before=$(q_db "SELECT count(*) FROM visits")
  bench_endpoint "$name" visit "$url" "$spid"
  after=$(q_db "SELECT count(*) FROM visits")
  R[$name.visits_added]=$((after - before))
  R[$name.hwm]=$(vm "$spid" VmHWM)
  stop_pid "$spid"

  # ---- 6. the SQL alone, one request at a time (server stopped: nothing else runs)
  sql_ref "$name" due "$dir/directors" ""
  sql_ref "$name" overdue "$dir/towns" ""
  shuf -n "$SAMPLE" --random-source=<(yes "$((SEED + 2))") "$dir/county-children" | tr '\t' ' ' >"$dir/visit-values"
  sql_ref "$name" visit "$dir/visit-values" "$county $bench_id"

  # ---- 7. sizes, the next day's sweep
  R[$name.size_end]=$(db_size_mib "$DB")
  if [ "$name" = pg ]; then
    R[$name.visits_mib]=$(q_db "SELECT pg_total_relation_size('visits') / 1048576")
    R[$name.children_mib]=$(q_db "SELECT pg_total_relation_size('children') / 1048576")
  else
    R[$name.visits_mib]=$(q_db "SELECT sum(pgsize) / 1048576 FROM dbstat WHERE name = 'visits' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'visits')" 2>/dev/null || echo '?')
    R[$name.children_mib]=$(q_db "SELECT sum(pgsize) / 1048576 FROM dbstat WHERE name = 'children' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'children')" 2>/dev/null || echo '?')
  fi
  sweep next 1
  R[$name.done]=1
}

# sql_ref BACKEND KIND VALUES_SOURCE "SCOPE USER": SAMPLE requests as SQL through the CLI
sql_ref() {
  local name=$1 kind=$2 src=$3 extra=$4 dir=$WORK/$1 per
  log "$name/$kind: $SAMPLE requests as SQL through the CLI"
  if [ "$kind" = visit ]; then
    cp "$src" "$dir/$kind-sql-values"
  else   # one value per request: the caller's region, drawn from the sampled sessions
    cut -f2 "$src" | awk -v n="$SAMPLE" -v seed="$SEED" 'BEGIN { srand(seed) } { a[NR] = $1 } END { for (i = 0; i < n; i++) print a[1 + int(rand() * NR)] }' >"$dir/$kind-sql-values"
  fi
  # shellcheck disable=SC2086
  node "$HERE/sql-sample.mjs" "$name" "$kind" "$dir/$kind-sql-values" $extra >"$dir/$kind-sample.sql" 2>"$dir/$kind-per"
  per=$(sed -n 's/^per=//p' "$dir/$kind-per")
  cli_db <"$dir/$kind-sample.sql" >"$dir/$kind-sample.out" 2>&1 || { tail "$dir/$kind-sample.out" >&2; die "SQL sample $kind failed"; }
  cli_ms "$name" "$dir/$kind-sample.out" "$per" "$dir/$kind-sql-ms" "$kind"
  read -r R[$name.$kind.sql_p50] R[$name.$kind.sql_p95] R[$name.$kind.sql_p99] R[$name.$kind.sql_mean] R[$name.$kind.sql_max] < <(quantiles "$dir/$kind-sql-ms")
  # the plan of the first value
  # shellcheck disable=SC2086
  node "$HERE/sql-sample.mjs" "$name" explain "$kind" "$(head -n 1 "$dir/$kind-sql-values")" $extra 2>/dev/null |
    cli_db >"$dir/$kind-explain.txt" 2>&1 || true
}

# bench_endpoint BACKEND KIND URL PID
bench_endpoint() {
  local name=$1 ep=$2 url=$3 spid=$4 dir=$WORK/$1 i code
  local path=/api/v1/schedule mode=get cookies=''
  [ "$ep" != overdue ] || path='/api/v1/schedule?state=overdue'
  [ "$ep" != due ] || cookies=$dir/cookies-due
  [ "$ep" != overdue ] || cookies=$dir/cookies-overdue
  [ "$ep" != visit ] || mode=post
  # a sample of real answers: all must succeed; the median-sized one feeds bench_bare
  log "$name/$ep: sampling answers"
  : >"$dir/$ep-sizes"
  : >"$dir/$ep-totals"
  for ((i = 1; i <= 30; i++)); do
    if [ "$mode" = get ]; then
      code=$(curl -s --max-time 60 -o "$dir/$ep-ans-$i.json" -D "$dir/$ep-ans-$i.hdr" -w '%{http_code}' \
        -H "Cookie: $(sed -n "$(( (i - 1) % $(wc -l <"$cookies") + 1 ))p" "$cookies")" "$url$path")
      [ "$code" = 200 ] || { head -c 500 "$dir/$ep-ans-$i.json" >&2; die "GET $path answered $code"; }
      printf '%s %s\n' "$(grep -o '"total":[0-9]*' "$dir/$ep-ans-$i.json" | cut -d: -f2)" "$i" >>"$dir/$ep-totals"
    else
      local id uuid
      id=$(shuf -n 1 --random-source=<(yes "$((SEED + i))") "$dir/ids")
      uuid=$(cat /proc/sys/kernel/random/uuid)
      code=$(curl -s --max-time 60 -o "$dir/$ep-ans-$i.json" -D "$dir/$ep-ans-$i.hdr" -w '%{http_code}' -X POST \
        -H "Cookie: shouhu_sid=$SID" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
        --data "{\"kind\":\"phone_video\",\"occurred_at\":\"$(date -u -d '-1 min' +%Y-%m-%dT%H:%M:%SZ)\",\"client_id\":\"$uuid\",\"met\":\"儿童本人\",\"checklist\":{\"living\":{\"status\":\"ok\",\"note\":\"\"},\"psychological\":{\"status\":\"ok\",\"note\":\"\"}},\"notes\":\"视频通话，孩子情绪稳定\"}" \
        "$url/api/v1/children/$id/visits")
      [ "$code" = 201 ] || { head -c 500 "$dir/$ep-ans-$i.json" >&2; die "POST visit answered $code"; }
    fi
    printf '%s %s\n' "$(wc -c <"$dir/$ep-ans-$i.json")" "$i" >>"$dir/$ep-sizes"
  done
  bare_for_sample "$name" "$ep" "$dir"

  run_wrk() {   # OUT BASEURL SECONDS [CONNECTIONS]
    local conns=${4:-$CONNS} threads=$WRK_THREADS
    ((conns >= threads)) || threads=$conns
    local hdr=()
    [ "$mode" = get ] || hdr=(-H "Cookie: shouhu_sid=$SID" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json')
    MODE=$mode PATH_=$path COOKIES=$cookies IDS=$dir/ids SEED=$SEED timeout $(($3 + 60)) \
      wrk -t"$threads" -c"$conns" -d"$3s" --timeout 5s -s "$HERE/wrk.lua" "${hdr[@]}" "$2" >"$1" 2>&1 ||
      { cat "$1" >&2; die "wrk failed"; }
    grep -q '^wrk-summary' "$1" || { cat "$1" >&2; die "no summary from wrk"; }
  }
  wrk_rounds "$name" "$ep" "$dir/$ep" "$url" "$spid" run_wrk
  R[$name.$ep.non2xx]=$((R[$name.$ep.non2xx] + R[$name.$ep.c1_non2xx]))
  stop_pid "$BARE_PID"
}

# ---- run -------------------------------------------------------------------------------------
for name in $BACKENDS; do
  case $name in
  sqlite)
    bench_backend sqlite "sqlite:$WORK/sqlite/shouhu.db"
    ;;
  pg)
    [ "$PG" != off ] || { PG_NOTE="PostgreSQL not measured (PG=off)"; continue; }
    pg_cluster bench_visits
    if [ -n "$PG_BASE" ]; then
      PG_SETTINGS=$(psql "$PG_CONNINFO" -qAtX -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'fsync', 'synchronous_commit')")
      bench_backend pg "postgresql:$PG_BASE dbname=bench_visits"
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
  due) echo "(a) director's due list \`GET /api/v1/schedule\` (aim p95 ≤ 10 ms)" ;;
  overdue) echo "(b) town's overdue list \`GET /api/v1/schedule?state=overdue\` (aim p95 ≤ 20 ms)" ;;
  visit) echo "(d) recording a visit \`POST /api/v1/children/{id}/visits\` (aim p99 ≤ 10 ms)" ;;
  esac
}
echo "## bench/run-visits.sh — $STARTED"
echo
echo "- machine: \`nproc\` $NPROC × $CPU; \`free -g\`: $FREE_G; Linux $(uname -r); load average $LOAD_START at start, $LOAD_END at end"
echo "- shouhu $COMMIT ($DIRTY uncommitted paths), $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2), node $(node --version)${PG_SETTINGS:+; PostgreSQL: $PG_SETTINGS}"
echo "- data: $COUNT children, $VISITS_PER_CHILD visits per child on average over the last 3 years (bench/visits/load-sql.mjs, seed $SEED, today $TODAY CST), one director per village, one supervisor per town"
echo "- HTTP: \`wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s --timeout 5s -s bench/visits/wrk.lua\`, $ROUNDS rounds per target, order alternating, medians; (a) spread over $DIRECTORS directors' sessions, (b) over $TOWNS town supervisors', (d) as the county user \`bench\`; reference build/bench/bench_bare with the bytes of a median real answer"
echo "- SQL alone: $SAMPLE requests replayed one at a time through the CLI (bench/visits/sql-sample.mjs; SQLite user+sys of \`.timer on\`, PostgreSQL \`\\timing on\` of prepared statements), p50 / p95 / p99 / mean"
echo
for name in sqlite pg; do
  [ -n "${R[$name.done]:-}" ] || continue
  echo "### $(label "$name")"
  echo
  echo "Loaded ${R[$name.children]} children, ${R[$name.members]} parents, ${R[$name.visits]} visits (${R[$name.never]} children never visited), ${R[$name.problems]} problems, ${R[$name.users]} users in ${R[$name.load_s]} s by SQL. Database: ${R[$name.size_load]} MiB after the load, ${R[$name.size_swept]} MiB after the sweeps, ${R[$name.size_end]} MiB at the end (visits table with its indexes ${R[$name.visits_mib]} MiB, children ${R[$name.children_mib]} MiB). After the sweeps: ${R[$name.graded]} children graded; levels ${R[$name.risk]}; ${R[$name.overdue]} with something overdue; ${R[$name.warnings]} open warnings. County for (d): ${R[$name.county_name]} ${R[$name.county]}, ${R[$name.county_children]} children.${R[$name.analyze_s]:+ \`ANALYZE\` after the sweeps (as autovacuum would): ${R[$name.analyze_s]} s.}"
  echo
  echo "| measurement | shouhu | reference, same run | shouhu / reference |"
  echo "|---|---:|---:|---:|"
  for t in full again next; do
    [ -n "${R[$name.sweep_${t}_s]:-}" ] || continue
    case $t in
    full) w="(c) sweep right after the load: every child graded (aim ≤ 10 s)" ;;
    again) w="(c) sweep again the same day: a normal day with nothing due" ;;
    next) w="(c) sweep the next day (\`-o test_clock_offset_days=1\`, after the HTTP runs)" ;;
    esac
    ref=''
    [ "$t" != full ] || ref="read every child as the sweep does ${R[$name.ref_read_s]} s + rewrite every child's standing ${R[$name.ref_write_s]} s"
    ratio=''
    [ "$t" != full ] || ratio=$(awk -v a="${R[$name.sweep_full_s]}" -v b="${R[$name.ref_read_s]}" -v c="${R[$name.ref_write_s]}" 'BEGIN { if (b + c > 0) printf "%.1f", a / (b + c) }')
    echo "| $w, wall s | **${R[$name.sweep_${t}_s]}** (user ${R[$name.sweep_${t}_user]} s, sys ${R[$name.sweep_${t}_sys]} s, max RSS $(mib "${R[$name.sweep_${t}_kb]}") MiB; \`${R[$name.sweep_${t}_out]}\`) | $ref | $ratio |"
  done
  for ep in due overdue visit; do
    [ -n "${R[$name.$ep.s_p95]:-}" ] || continue
    echo "| $(ep_label "$ep"): p50 / p95 / p99, ms | ${R[$name.$ep.s_p50]} / **${R[$name.$ep.s_p95]}** / **${R[$name.$ep.s_p99]}** | bare MHD ${R[$name.$ep.b_p50]} / ${R[$name.$ep.b_p95]} / ${R[$name.$ep.b_p99]} | |"
    echo "| … req/s (64 connections) | ${R[$name.$ep.s_rps]} | bare MHD ${R[$name.$ep.b_rps]} | $(awk -v a="${R[$name.$ep.s_rps]}" -v b="${R[$name.$ep.b_rps]}" 'BEGIN { printf "%.3f", a / b }') |"
    echo "| … shouhu CPU per request, µs | ${R[$name.$ep.s_cpu]} | | |"
    [ "$name" != pg ] || echo "| … PostgreSQL cluster CPU per request, µs | ${R[$name.$ep.pg_cpu]} | | |"
    echo "| … one connection: p50 / p95 / p99, ms (req/s) | ${R[$name.$ep.c1_p50]} / ${R[$name.$ep.c1_p95]} / ${R[$name.$ep.c1_p99]} (${R[$name.$ep.c1_rps]}) | | |"
    echo "| … the server's SQL alone, one at a time: p50 / p95 / p99 / mean, ms | | ${R[$name.$ep.sql_p50]} / ${R[$name.$ep.sql_p95]} / ${R[$name.$ep.sql_p99]} / ${R[$name.$ep.sql_mean]} | |"
  done
  echo
  for ep in due overdue visit; do
    [ -n "${R[$name.$ep.s_p95]:-}" ] || continue
    echo "- $ep: answer ${R[$name.$ep.bytes]} bytes (median, range of 30)${R[$name.$ep.totals]:+; \`total\` ${R[$name.$ep.totals]}}; p95 over rounds ${R[$name.$ep.s_p95_range]}, p99 ${R[$name.$ep.s_p99_range]}; non-2xx ${R[$name.$ep.non2xx]}, socket errors ${R[$name.$ep.errors]}"
  done
  echo "- (d) stored ${R[$name.visits_added]} visits during the runs; server VmHWM $(mib "${R[$name.hwm]}") MiB; the server's own start-up sweep: \`${R[$name.serve_sweep]}\`"
  echo
  for ep in due overdue visit; do
    [ -f "$WORK/$name/$ep-explain.txt" ] || continue
    plan_details "$(label "$name"): plan of one $ep request ($(head -n 1 "$WORK/$name/$ep-sql-values"))" "$WORK/$name/$ep-explain.txt"
  done
done
[ -z "$PG_NOTE" ] || { echo "$PG_NOTE"; echo; }
report_rounds measurement
