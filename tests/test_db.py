"""The database is set up the way the design promises, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from portal.db import Base, make_engine, normalise_url


def test_migrations_build_exactly_the_schema_the_models_describe(database_url):
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_sqlite_is_durable_and_safe_for_concurrent_requests(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'portal.db'}")
    with engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    engine.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 10_000,
    }


def test_writing_requests_take_the_sqlite_write_lock_at_begin(tmp_path):
    """BEGIN IMMEDIATE: a second writer waits at BEGIN instead of failing mid-transaction."""
    from portal.db import writing_engine

    engine = writing_engine(make_engine(f"sqlite:///{tmp_path / 'portal.db'}"))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    with engine.begin() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None and raw.in_transaction
    engine.dispose()


def test_postgres_urls_use_the_psycopg_driver():
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
