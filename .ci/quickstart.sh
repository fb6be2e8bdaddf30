#!/usr/bin/env bash
# The README's quick start, command by command, as a newcomer runs it: `npm start` (embedded database,
# fresh data folder, free port), a token, a GraphQL query, a sample ledger imported and the 整改台账
# exported WHILE the hub runs, then SIGTERM and a clean stop. Fails loudly at the first step that does.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer();s.listen(0,()=>{console.log(s.address().port);s.close()})')
log=$(mktemp)
out="$data/整改台账.xlsx"
export HUB_DATA_DIR="$data" PORT="$port"
unset DATABASE_URL HUB_JWT_SECRET
fail() { echo "QUICKSTART FAILED: $*" >&2; echo "--- hub log (last 20 lines)" >&2; tail -n 20 "$log" >&2; exit 1; }
step() { echo "== quick start: $*"; }

step "npm start (data in $data, port $port)"
# own process group, so SIGTERM reaches the hub itself as a service manager would send it
setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -KILL -- "-$pid" 2>/dev/null || true; rm -rf "$data" "$log"; }
trap cleanup EXIT
for _ in $(seq 1 240); do
  if curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then break; fi
  kill -0 "$pid" 2>/dev/null || fail "the hub exited before it was ready"
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || fail "not ready after 120 s"

step "npm run -s token -- --role FINANCE"
token=$(npm run -s token -- --role FINANCE) || fail "npm run token"
[ -n "$token" ] || fail "npm run token printed no token"

step "a GraphQL query with curl"
body='{"query":"{ findings(first: 3) { totalCount nodes { __typename title } } }"}'
res=$(curl -sS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -H "authorization: Bearer $token" -d "$body") || fail "curl /graphql"
node -e '
const r = JSON.parse(process.argv[1]);
if (r.errors || !(r.data?.findings?.totalCount > 0)) { console.error("unexpected answer:", process.argv[1].slice(0, 500)); process.exit(1); }
console.log(`  ${r.data.findings.totalCount} findings`);
' "$res" || fail "the query"

step "the dashboard at /dashboard/ (built by npm install's prepare script) and its bundled script"
page=$(curl -sf "http://127.0.0.1:$port/dashboard/") || fail "GET /dashboard/ (was the dashboard built? npm run build:dashboard)"
echo "$page" | grep -q '综合看板' || fail "the dashboard page is not the dashboard"
script=$(echo "$page" | grep -o '/dashboard/assets/[^"]*\.js' | head -1)
[ -n "$script" ] && curl -sf -o /dev/null "http://127.0.0.1:$port$script" || fail "the dashboard's script $script"

step "npm run import -- examples/ledgers/审计问题台账.xlsx --org HC-SJJ (while the hub runs)"
summary=$(npm run -s import -- examples/ledgers/审计问题台账.xlsx --org HC-SJJ) || fail "npm run import (exit $?)"
echo "  $summary"
node -e 'const s = JSON.parse(process.argv[1].trim().split("\n").pop()); if (!s.written || s.problems) process.exit(1);' \
  "$summary" || fail "the import wrote nothing"

step "npm run export -- --role AUDIT --org HC-SJJ --out $out (while the hub runs)"
npm run -s export -- --role AUDIT --org HC-SJJ --out "$out" || fail "npm run export (exit $?)"
[ -s "$out" ] || fail "the export wrote no file"
[ "$(head -c 2 "$out")" = "PK" ] || fail "the export is not an .xlsx"
echo "  $(wc -c <"$out") bytes"

step "SIGTERM: clean stop"
kill -TERM -- "-$pid"
wait "$pid" || true
for _ in $(seq 1 40); do pgrep -g "$pid" >/dev/null || break; sleep 0.25; done
pgrep -g "$pid" >/dev/null && fail "hub still running 10 s after SIGTERM"
grep -aq '"msg":"stopped"' "$log" || fail "no clean stop in the log"
[ ! -e "$data/hub.json" ] || fail "hub.json left behind after a clean stop"
if grep -aq "$token" "$log"; then fail "a token leaked into the logs"; fi
echo "quick start passed"
