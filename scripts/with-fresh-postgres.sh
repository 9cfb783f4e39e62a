#!/usr/bin/env bash
# Run a command against a brand-new PostgreSQL database, dropped afterwards.
set -euo pipefail
HOST=${PGHOST:-127.0.0.1}
DB="speakup_test_$(date +%s)_$$"
psql -q -h "$HOST" -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null
trap 'psql -q -h "$HOST" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null' EXIT
export PORTAL_TEST_DATABASE_URL="postgresql+psycopg://postgres@$HOST:5432/$DB"
echo "PostgreSQL run: database $DB"
"$@"
