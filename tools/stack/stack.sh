#!/usr/bin/env bash
# The production stack on one machine (issue #19, docs/deployment.md):
#   PostgreSQL database motcua_stack on the local server, the local Redis (database 2), an
#   S3-compatible store (moto's server), two gunicorn instances behind HAProxy, two task
#   workers and the scheduled jobs, all with production settings (DEBUG off, JSON logs).
# Usage: tools/stack/stack.sh up | down | status
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
RUN=$ROOT/var/stack
LB_PORT=${STACK_PORT:-8100}
WEB_PORTS=(${STACK_WEB_PORTS:-8101 8102})
S3_PORT=${STACK_S3_PORT:-9100}
PG_URL=${STACK_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB_NAME=${STACK_DB:-motcua_stack}
REDIS=${STACK_REDIS_URL:-redis://127.0.0.1:6379/2}
BUCKET=motcua-stack

say() { printf '  %s\n' "$*"; }

environment() {
  mkdir -p "$RUN/logs" "$RUN/prometheus"
  [ -s "$RUN/secret" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' > "$RUN/secret"
  # The national systems are the project's demo servers, inside the same site: each shared
  # secret is made here once, both sides read it (the demo portal accepts only its fixed demo
  # account, read from the code rather than copied here).
  if [ ! -s "$RUN/integrations.env" ]; then
    "$PY" - > "$RUN/integrations.env" <<'PYTHON'
import secrets
from motcua.integrations.portal import conf
pairs = {
    ("POPULATION_CLIENT_SECRET", "DEMO_POPULATION_CLIENT_SECRET"): secrets.token_urlsafe(24),
    ("POSTAL_DEMO_API_KEY", "DEMO_POST_API_KEY"): secrets.token_urlsafe(24),
    ("POSTAL_DEMO_CALLBACK_SECRET", "DEMO_POST_CALLBACK_SECRET"): secrets.token_urlsafe(24),
    ("PAYMENT_DEMO_SECRET",): secrets.token_urlsafe(32),
    ("DVCQG_CLIENT_ID",): conf.DEMO_CLIENT_ID,
    ("DVCQG_CLIENT_SECRET",): conf.DEMO_CLIENT_SECRET,
}
for names, value in pairs.items():
    for name in names:
        print(f"export {name}='{value}'")
PYTHON
  fi
  cat > "$RUN/env" <<ENV
export DEBUG=false
export SECRET_KEY=$(cat "$RUN/secret")
export DATABASE_URL=$PG_URL/$DB_NAME
export DB_CONN_MAX_AGE=60
export REDIS_URL=$REDIS
export REDIS_KEY_PREFIX=motcua-stack
export STORAGE_URL='s3://$BUCKET?endpoint_url=http://127.0.0.1:$S3_PORT&region_name=us-east-1'
export AWS_ACCESS_KEY_ID=motcua-stack
export AWS_SECRET_ACCESS_KEY=motcua-stack-secret
export ALLOWED_HOSTS=127.0.0.1,localhost
export CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$LB_PORT,http://localhost:$LB_PORT
export SITE_URL=http://127.0.0.1:$LB_PORT
export SECURE_COOKIES=false
export STATIC_ROOT=$RUN/static
export VAR_DIR=$RUN
export LOG_FORMAT=json
export PROMETHEUS_MULTIPROC_DIR=$RUN/prometheus
# The national portal is the project's demo twin on this same site (not a real portal).
export DEMO_DVCQG_ENABLED=true
$(cat "$RUN/integrations.env")
ENV
  # shellcheck disable=SC1091
  source "$RUN/env"
}

start() {  # name, command...: run in the background, log to var/stack/logs/NAME.log
  local name=$1; shift
  if [ -s "$RUN/$name.pid" ] && kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null; then
    say "$name already running (pid $(cat "$RUN/$name.pid"))"; return
  fi
  nohup "$@" >> "$RUN/logs/$name.log" 2>&1 &
  echo $! > "$RUN/$name.pid"
  say "$name started (pid $!, log var/stack/logs/$name.log)"
}

wait_http() {  # url, seconds
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  echo "stack: $1 did not answer in $2 s" >&2; return 1
}

need_haproxy() {
  command -v haproxy >/dev/null 2>&1 && return
  say "installing haproxy (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
}

up() {
  need_haproxy
  environment
  say "PostgreSQL: database $DB_NAME"
  "$PY" - "$PG_URL/postgres" "$DB_NAME" <<'PYTHON'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[2]]).fetchone():
        conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYTHON
  "$PY" -c "import redis,sys; redis.Redis.from_url(sys.argv[1]).ping()" "$REDIS" \
    || { echo "stack: Redis at $REDIS does not answer" >&2; exit 1; }
  say "Redis: $REDIS"
  start s3 "$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT"
  wait_http "http://127.0.0.1:$S3_PORT/moto-api/" 30
  "$PY" - <<PYTHON
import boto3
s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:$S3_PORT", region_name="us-east-1")
if "$BUCKET" not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
    s3.create_bucket(Bucket="$BUCKET")
PYTHON
  say "S3 store: http://127.0.0.1:$S3_PORT bucket $BUCKET"
  "$PY" manage.py migrate --no-input -v 0
  "$PY" manage.py collectstatic --no-input -v 0
  # STACK_DEMO=0 skips the demo (a benchmark database already holds it, with a million
  # dossiers whose feedback and statistics the demo would walk again).
  if [ "${STACK_DEMO:-1}" != 0 ]; then
    "$PY" manage.py demo --dossiers "${STACK_DEMO_DOSSIERS:-30}" > "$RUN/logs/demo.log" 2>&1
  fi
  rm -f "$RUN"/prometheus/*.db
  local servers="" fallbacks="" index=0
  for port in "${WEB_PORTS[@]}"; do
    index=$((index + 1))
    start "web$index" "$ROOT/.venv/bin/gunicorn" motcua.wsgi -c tools/stack/gunicorn.conf.py \
      --bind "127.0.0.1:$port" --name "motcua-web$index"
    servers+="    server web$index 127.0.0.1:$port"$'\n'
    fallbacks+="    server web$index-fallback 127.0.0.1:$port backup no-check"$'\n'
  done
  start worker1 "$PY" manage.py db_worker --interval 1 --no-reload --worker-id "$(hostname)-w1"
  start worker2 "$PY" manage.py db_worker --interval 1 --no-reload --worker-id "$(hostname)-w2"
  start scheduler tools/stack/scheduler.sh
  local max_body
  max_body=$("$PY" -c 'import os; print(int(os.environ.get("UPLOAD_REQUEST_MAX_BYTES") or 101*1024*1024))')
  "$PY" - "$LB_PORT" "$max_body" "$servers$fallbacks" <<'PYTHON'
import os, sys
text = open("tools/stack/haproxy.cfg.in").read()
text = text.replace("@BIND@", f"127.0.0.1:{sys.argv[1]}").replace("@MAX_BODY@", sys.argv[2])
text = text.replace("@ADMIN_SOCKET@", os.path.abspath("var/stack/haproxy.sock"))
open("var/stack/haproxy.cfg", "w").write(text.replace("@SERVERS@", sys.argv[3]))
PYTHON
  haproxy -c -q -f "$RUN/haproxy.cfg"
  start balancer haproxy -db -f "$RUN/haproxy.cfg"
  wait_http "http://127.0.0.1:$LB_PORT/health/ready" 60
  echo
  say "motcua (production stack) at http://127.0.0.1:$LB_PORT/  —  health: /health/ready  metrics: /metrics"
  say "stop with: make stack-stop    environment for manage.py: source var/stack/env"
}

down() {
  local name pid
  for name in balancer scheduler worker1 worker2 web1 web2 s3; do
    [ -s "$RUN/$name.pid" ] || continue
    pid=$(cat "$RUN/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
      say "$name stopped (pid $pid)"
    fi
    rm -f "$RUN/$name.pid"
  done
}

status() {
  local name
  for name in balancer web1 web2 worker1 worker2 scheduler s3; do
    if [ -s "$RUN/$name.pid" ] && kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null; then
      say "$name running (pid $(cat "$RUN/$name.pid"))"
    else
      say "$name stopped"
    fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
