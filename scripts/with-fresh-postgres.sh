#!/usr/bin/env bash
# Run a command against a brand-new PostgreSQL database, dropped afterwards.
set -euo pipefail
HOST=${PGHOST:-127.0.0.1}
DB="speakup_test_$(date +%s)_$$"
psql -q -h "$HOST" -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null
drop_all() {
  # The run's database, and any that pytest-xdist workers made beside it ("${DB}_gw0", ...)
  # and could not drop themselves because the run was stopped.
  local name
  for name in $(psql -h "$HOST" -U postgres -d postgres -Atc \
      "SELECT datname FROM pg_database WHERE datname = '$DB' OR datname LIKE '${DB}\_%'"); do
    psql -q -h "$HOST" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
  done
}
trap drop_all EXIT
export PORTAL_TEST_DATABASE_URL="postgresql+psycopg://postgres@$HOST:5432/$DB"
echo "PostgreSQL run: database $DB"
"$@"
