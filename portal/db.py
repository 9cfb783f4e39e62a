"""Database wiring: one engine per app, one session per app context.

SQLite is the embedded default and is made safe for a web server here: WAL so readers never
wait for a writer, ``synchronous=FULL`` so an acknowledged submission survives a power cut,
a busy timeout instead of "database is locked" errors, foreign keys enforced, and
``BEGIN IMMEDIATE`` for requests that write so two writers queue rather than deadlock on a
lock upgrade. PostgreSQL needs none of this and gets none of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, g, has_request_context, request
from sqlalchemy import MetaData, create_engine, event, make_url
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_BUSY_TIMEOUT_MS = 10_000
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def normalise_url(url: str) -> str:
    """Accept the ``postgresql://`` URLs people paste and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **kwargs)
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver so BEGIN is ours to issue.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("portal_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def writing_engine(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at BEGIN on SQLite."""
    return engine.execution_options(portal_begin="IMMEDIATE")


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["portal.engine"] = engine
    app.extensions["portal.write_engine"] = writing_engine(engine)
    app.teardown_appcontext(_close_session)


def get_session(write: bool | None = None) -> Session:
    """The session for this app context, created on first use.

    Requests that change something (and CLI commands that ask for ``write=True``) get a
    session whose transactions start with ``BEGIN IMMEDIATE`` on SQLite.
    """
    from flask import current_app

    if "db_session" not in g:
        if write is None:
            write = has_request_context() and request.method in _WRITE_METHODS
        key = "portal.write_engine" if write else "portal.engine"
        # No autoflush: an operation's lazy loads must not write its half-made change early
        # (each early UPDATE would bump a case's version); operations flush when they need to.
        g.db_session = Session(
            bind=current_app.extensions[key], expire_on_commit=False, autoflush=False
        )
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
