#!/usr/bin/env bash
# Builds the gateway, starts the CXone sandbox in a process of its own and the production jar
# against it (as bin/sandbox and the README's "Point it at a real tenant" do), on free loopback
# ports with a known admin password and a fresh data directory, waits for health, runs the Hawtio
# browser check (hawtio-check.mjs) and stops both by their PIDs. Not part of ./mvnw test: it needs
# Debian's chromium and npm.
#
#   e2e/run.sh                 # build, start, check, stop
#   SKIP_BUILD=1 e2e/run.sh    # reuse target/*.jar and the compiled test classes
#   EXPECT_ROUTE=route-conversation e2e/run.sh   # also require this route id in the view
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/e2e/out"
mkdir -p "$OUT"

if [ ! -x /usr/bin/chromium ]; then
  echo "run.sh: /usr/bin/chromium is missing (apt-get update && apt-get install -y chromium)" >&2
  exit 2
fi
if [ ! -d e2e/node_modules/playwright-core ]; then
  (cd e2e && npm ci --no-audit --no-fund)
fi
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f target/test-classpath.txt ]; then
  # -DskipTests still compiles the test sources, where the sandbox lives
  ./mvnw -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
fi
# as the README runs it: the extracted jar (from package) with the JVM options in jvm.options
JAR=$(ls target/app/cxone-guest-gateway-*.jar | head -n 1)

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
PORT=$(free_port)
SANDBOX_PORT=$(free_port)
while [ "$SANDBOX_PORT" = "$PORT" ]; do SANDBOX_PORT=$(free_port); done
DATA=$(mktemp -d)
PASSWORD="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
LOG="$OUT/gateway.log"

ROUTE_ARGS=()
if ! ls routes/*.yaml >/dev/null 2>&1; then
  # no routes in this checkout yet: give the console one fixture route to list
  ROUTE_ARGS=(--camel.main.routes-include-pattern=file:e2e/fixtures/*.yaml)
  echo "run.sh: routes/ has no route files, using e2e/fixtures/*.yaml"
fi

PID=""
SANDBOX_PID=""
stop_by_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1"
    for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$1" 2>/dev/null; then kill -9 "$1"; fi
  fi
}
stop_all() {
  stop_by_pid "$PID"
  stop_by_pid "$SANDBOX_PID"
  rm -rf "$DATA"
}
trap stop_all EXIT

java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.guestgateway.sandbox.StandaloneSandbox --port "$SANDBOX_PORT" >"$OUT/sandbox.log" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 1 60); do
  grep -qs 'SANDBOX ON' "$OUT/sandbox.log" && break
  kill -0 "$SANDBOX_PID" 2>/dev/null || { echo "run.sh: the sandbox did not start:" >&2; cat "$OUT/sandbox.log" >&2; exit 1; }
  sleep 0.5
done

SANDBOX="http://127.0.0.1:$SANDBOX_PORT"
java @jvm.options -jar "$JAR" --server.port="$PORT" \
  --cxone.api-base="$SANDBOX" --cxone.ws-url="ws://127.0.0.1:$SANDBOX_PORT/webchat/v1/ws" \
  --cxone.client-id=sandbox-client --cxone.client-secret=sandbox-secret --crm.url="$SANDBOX/crm/batch" \
  --gateway.data-dir="$DATA" --gateway.admin.password="$PASSWORD" "${ROUTE_ARGS[@]}" >"$LOG" 2>&1 &
PID=$!


BASE="http://127.0.0.1:$PORT"
healthy=0
for _ in $(seq 1 120); do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "run.sh: the gateway exited during start-up; last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/liveness")" = 200 ]; then
    healthy=1
    break
  fi
  sleep 1
done
if [ "$healthy" != 1 ]; then
  echo "run.sh: no healthy gateway on $BASE after 120 s" >&2
  exit 1
fi
grep -o 'Started GatewayApplication in [0-9.]* seconds[^)]*)' "$LOG" || true

HAWTIO_URL="$BASE/actuator/hawtio" HAWTIO_USER=admin HAWTIO_PASSWORD="$PASSWORD" \
  OUT="$OUT" node e2e/hawtio-check.mjs
