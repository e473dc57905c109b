#!/usr/bin/env bash
# Builds the gateway, starts it on free loopback ports with a known admin password and a fresh data
# directory, waits for health, runs the Hawtio browser check (hawtio-check.mjs) and stops the
# gateway by its PID. Not part of ./mvnw test: it needs Debian's chromium and npm.
#
#   e2e/run.sh                 # build, start, check, stop
#   SKIP_BUILD=1 e2e/run.sh    # reuse target/*.jar
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
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -DskipTests package
fi
JAR=$(ls target/cxone-guest-gateway-*.jar | grep -v -- '-plain' | head -n 1)

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

java -jar "$JAR" --server.port="$PORT" --cxone.sandbox.port="$SANDBOX_PORT" \
  --gateway.data-dir="$DATA" --gateway.admin.password="$PASSWORD" "${ROUTE_ARGS[@]}" >"$LOG" 2>&1 &
PID=$!

stop_gateway() {
  if kill -0 "$PID" 2>/dev/null; then
    kill "$PID"
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$PID" 2>/dev/null && kill -9 "$PID"
  fi
  rm -rf "$DATA"
}
trap stop_gateway EXIT

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
