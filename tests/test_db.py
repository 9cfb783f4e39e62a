"""The database is set up the way the design promises, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
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
    """BEGIN IMMEDIATE: a writer holds the lock from its first statement, so a second writer
    queues at BEGIN instead of failing midway. A DEFERRED begin would leave the lock free."""
    import sqlite3

    from portal.db import writing_engine

    path = tmp_path / "portal.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with writing_engine(engine).begin() as connection:
        connection.execute(text("SELECT 1"))  # a read only: the lock must already be held
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    with engine.begin() as connection:  # a reading request leaves the lock free
        connection.execute(text("SELECT 1"))
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    other.close()
    engine.dispose()


def test_postgres_urls_use_the_psycopg_driver():
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
