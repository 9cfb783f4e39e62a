"""Shared fixtures: a migrated database (SQLite, or PostgreSQL when
``PORTAL_TEST_DATABASE_URL`` is set), an app, a test client that sends real CSRF tokens, and
a session for looking at what was stored."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete
from sqlalchemy.orm import Session

from portal import create_app
from portal.cli import alembic_config
from portal.db import Base, make_engine
from portal.seed import ensure_categories
from tests.helpers import FormClient

KEPT_TABLES = {"category", "alembic_version"}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if not url:
        path: Path = tmp_path_factory.mktemp("db") / "portal.db"
        url = f"sqlite:///{path}"
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    with app.app_context():
        command.upgrade(alembic_config(app), "head")
    engine = make_engine(url)
    with Session(engine) as session:
        ensure_categories(session)
        session.commit()
    engine.dispose()
    app.extensions["portal.engine"].dispose()
    yield url


def _empty_tables(app: Flask) -> None:
    engine = app.extensions["portal.engine"]
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEPT_TABLES:
                connection.execute(delete(table))


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test"})
    _empty_tables(app)
    yield app
    _empty_tables(app)
    app.extensions["portal.engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def forms(client: FlaskClient) -> FormClient:
    return FormClient(client)


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    engine = app.extensions["portal.engine"]
    with Session(engine, expire_on_commit=False) as session:
        yield session
