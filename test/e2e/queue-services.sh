#!/usr/bin/env bash
# PostgreSQL and Redis for the queue-mode e2e (test/e2e/queue.ts), from Debian's packages. Reuses servers already
# answering on 127.0.0.1:5432 / :6379. Only as root with apt-get does it install (postgresql, redis-server) and start
# them; otherwise it stops with one line saying how. Ensures a login role n8n_e2e (password n8n_e2e, CREATEDB) that the
# harness uses to create a fresh database per run. Usage: bash test/e2e/queue-services.sh [apt-log-file]
set -euo pipefail
log="${1:-/dev/null}"
root=$([[ "$(id -u)" == 0 ]] && echo yes || echo no)
how="install and start PostgreSQL and Redis (sudo apt-get install postgresql redis-server), create a role: sudo -u postgres psql -c \"CREATE ROLE n8n_e2e LOGIN CREATEDB PASSWORD 'n8n_e2e'\", then rerun."

if ! command -v pg_ctlcluster > /dev/null || ! command -v redis-server > /dev/null; then
  [[ "$root" == yes ]] && command -v apt-get > /dev/null || { echo "PostgreSQL or Redis missing: $how" >&2; exit 1; }
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server; } >> "$log" 2>&1 \
    || { echo "apt-get install postgresql redis-server failed (log: $log): $how" >&2; exit 1; }
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  [[ "$root" == yes ]] || { echo "PostgreSQL is not running on 127.0.0.1:5432: $how" >&2; exit 1; }
  read -r version cluster < <(pg_lsclusters -h | head -n 1 | awk '{print $1, $2}')
  [[ -n "${version:-}" ]] || { pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -n 1)" main >> "$log" 2>&1; read -r version cluster < <(pg_lsclusters -h | head -n 1 | awk '{print $1, $2}'); }
  pg_ctlcluster "$version" "$cluster" start >> "$log" 2>&1 || { echo "pg_ctlcluster $version $cluster start failed (log: $log): $how" >&2; exit 1; }
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if [[ "$root" == yes ]]; then
  runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname = 'n8n_e2e'" | grep -q 1 \
    || runuser -u postgres -- psql -qc "CREATE ROLE n8n_e2e LOGIN CREATEDB PASSWORD 'n8n_e2e'" >> "$log" 2>&1
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping > /dev/null 2>&1; then
  [[ "$root" == yes ]] || { echo "Redis is not running on 127.0.0.1:6379: $how" >&2; exit 1; }
  redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes >> "$log" 2>&1
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping > /dev/null 2>&1 && break; sleep 0.5; done
fi
echo "  $(psql --version | head -n 1) on 127.0.0.1:5432; $(redis-server --version | awk '{print $1, $2, $3}') on 127.0.0.1:6379"
