#!/usr/bin/env bash
# Load test (not part of `dotnet test`): builds the app, starts it on 127.0.0.1 with a fresh temp database,
# generates 5,000 articles with the CLI, and runs 50 readers over the stories list, story and article pages while
# the import runs and one editor merges and splits. Prints requests, errors, p50/p95/p99 and GET /health?deep=1.
# Usage: tests/load/run.sh [articles=5000] [readers=50] [maxSeconds=180]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ARTICLES="${1:-5000}"
READERS="${2:-50}"
MAX_SECONDS="${3:-180}"
WORK="$(mktemp -d -t newscluster-load-XXXXXX)"
PASSWORD="load-test-$RANDOM$RANDOM"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
APP_PID=""

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build -c Release "$ROOT/src/NewsCluster.Web" -v quiet -nologo >/dev/null
dotnet build -c Release "$ROOT/src/NewsCluster.Cli" -v quiet -nologo >/dev/null
dotnet build -c Release "$ROOT/tests/NewsCluster.LoadDriver" -v quiet -nologo >/dev/null

echo "== generate $ARTICLES articles"
dotnet run -c Release --no-build --project "$ROOT/src/NewsCluster.Cli" -- generate --articles "$ARTICLES" --seed 7 --out "$WORK/corpus" >/dev/null
(cd "$WORK/corpus" && rm -f labels.tsv && zip -qr "$WORK/corpus.zip" .)
ls -l "$WORK/corpus.zip" | awk '{print "   zip: " $5 " bytes"}'

echo "== start the app on 127.0.0.1:$PORT"
WEB_DIR="$ROOT/src/NewsCluster.Web/bin/Release/net10.0"
(
  cd "$WEB_DIR"
  ASPNETCORE_URLS="http://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__NewsCluster="Data Source=$WORK/newscluster.db" \
  NewsCluster__AdminPassword="$PASSWORD" NewsCluster__Upload__Folder="$WORK/uploads" \
  NewsCluster__KeysFolder="$WORK/keys" NewsCluster__BackupFolder="$WORK/backups" \
  NewsCluster__Upload__MaxRequestBytes=1073741824 \
  Serilog__WriteTo__1__Args__path="$WORK/logs/newscluster-.log" \
  exec dotnet NewsCluster.Web.dll >"$WORK/app.out" 2>&1
) &
APP_PID=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.out"; exit 1; }
  sleep 0.1
done

echo "== load: $READERS readers while the import runs and at least 15 s (at most $MAX_SECONDS s), after a short warm-up"
set +e
dotnet "$ROOT/tests/NewsCluster.LoadDriver/bin/Release/net10.0/NewsCluster.LoadDriver.dll" \
  "http://127.0.0.1:$PORT" "$WORK/corpus.zip" "$PASSWORD" "$READERS" "$MAX_SECONDS"
STATUS=$?
set -e

echo "== stop (SIGTERM)"
kill -TERM "$APP_PID"
for _ in $(seq 1 200); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
wait "$APP_PID" 2>/dev/null && echo "   app exited cleanly" || echo "   app exit status $?"
APP_PID=""
exit "$STATUS"
