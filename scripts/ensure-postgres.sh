#!/usr/bin/env bash
# PostgreSQL is the production database: the suite runs against it too. Start it if it is down.
set -euo pipefail
HOST=${PGHOST:-127.0.0.1}
if pg_isready -q -h "$HOST" 2>/dev/null; then exit 0; fi
echo "Starting PostgreSQL..."
for version in $(ls /etc/postgresql 2>/dev/null); do
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
done
for _ in $(seq 1 30); do
  pg_isready -q -h "$HOST" && exit 0
  sleep 1
done
echo "PostgreSQL did not start on $HOST:5432" >&2
exit 1
