#!/usr/bin/env bash
# Starts the hub as a user would (`npm start`, embedded database, fresh data folder), queries it over
# HTTP with a demo token, then stops it with SIGTERM and expects a clean exit.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer();s.listen(0,()=>{console.log(s.address().port);s.close()})')
log=$(mktemp)
export HUB_DATA_DIR="$data" PORT="$port"
start=$(date +%s%N)
# own process group, so SIGTERM reaches the hub itself as a service manager would send it
setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -KILL -- "-$pid" 2>/dev/null || true; rm -rf "$data" "$log"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "hub exited early:"; cat "$log"; exit 1; fi
  sleep 0.5
done
echo "ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"
curl -sf "http://127.0.0.1:$port/healthz"; echo
token=$(npm run --silent token -- --role FINANCE)
body='{"query":"{ findings(first: 5, filterBy: { sources: [AUDIT] }) { totalCount nodes { __typename title unit { name } } } all: findings(first: 1) { totalCount } }"}'
out=$(curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -H "authorization: Bearer $token" -d "$body")
echo "$out" | head -c 600; echo
node -e '
const r = JSON.parse(process.argv[1]);
if (r.errors) { console.error("errors:", JSON.stringify(r.errors)); process.exit(1); }
if (!(r.data.all.totalCount > 1000)) { console.error("expected > 1000 findings"); process.exit(1); }
if (r.data.findings.nodes.length !== 5) { console.error("expected 5 audit findings"); process.exit(1); }
' "$out"
kill -TERM -- "-$pid"
wait "$pid" || true
for _ in $(seq 1 40); do pgrep -g "$pid" >/dev/null || break; sleep 0.25; done
if pgrep -g "$pid" >/dev/null; then echo "hub still running 10 s after SIGTERM"; exit 1; fi
grep -aq '"msg":"stopped"' "$log" || { echo "no clean stop in the log"; cat "$log"; exit 1; }
if grep -aq "$token" "$log"; then echo "a token leaked into the logs"; exit 1; fi
echo "smoke test passed"
