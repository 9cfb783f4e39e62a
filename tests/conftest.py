"""Shared fixtures: a migrated database (SQLite, or PostgreSQL when
``PORTAL_TEST_DATABASE_URL`` is set; each pytest-xdist worker gets a database of its own),
an app, a test client that sends real CSRF tokens, and a session for looking at what was
stored."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from alembic import command
from argon2 import PasswordHasher, profiles
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, delete, make_url, text
from sqlalchemy.orm import Session

from portal import create_app
from portal.accounts import passwords
from portal.cli import alembic_config
from portal.db import Base, make_engine
from portal.seed import ensure_categories
from portal.tracking import secret_words
from tests.helpers import FormClient

KEPT_TABLES = {"category", "alembic_version"}

# argon2's default costs ~0.3 s a hash: fine for people, too slow for hundreds of tests.
passwords.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
secret_words.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))


@contextmanager
def _worker_database(url: str, worker: str) -> Iterator[str]:
    """A database named after the run's own and the worker (``speakup_test_…_gw1``), created
    empty and dropped at the end: two workers sharing one would empty each other's tables."""
    given = make_url(url)
    name = f"{given.database}_{worker}"
    server = create_engine(given.set(database="postgres"), isolation_level="AUTOCOMMIT")
    quoted = server.dialect.identifier_preparer.quote(name)
    try:
        with server.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {quoted}"))
        yield given.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
        server.dispose()


def _migrate(url: str) -> None:
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    with app.app_context():
        command.upgrade(alembic_config(app), "head")
    engine = make_engine(url)
    with Session(engine) as session:
        ensure_categories(session)
        session.commit()
    engine.dispose()
    app.extensions["portal.engine"].dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    with ExitStack() as stack:
        if url and worker:
            url = stack.enter_context(_worker_database(url, worker))
        elif not url:
            path: Path = tmp_path_factory.mktemp("db") / "portal.db"
            url = f"sqlite:///{path}"
        _migrate(url)
        yield url


def _empty_tables(app: Flask) -> None:
    engine = app.extensions["portal.engine"]
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEPT_TABLES:
                connection.execute(delete(table))


def make_app(database_url: str, mail_dir: Path, **config: object) -> Flask:
    """An app on the test database; messages go to files in ``mail_dir`` unless
    ``config`` chooses another sender."""
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test",
            "MAIL_DIR": str(mail_dir),
            **config,
        }
    )


@pytest.fixture
def app_with(database_url: str, tmp_path: Path) -> Iterator:
    """``app_with(**config)``: an app with extra settings, tables emptied before and after."""
    made: list[Flask] = []

    def build(**config: object) -> Flask:
        app = make_app(database_url, tmp_path / "mail", **config)
        if not made:
            _empty_tables(app)
        made.append(app)
        return app

    yield build
    if made:
        _empty_tables(made[0])
    for app in made:
        app.extensions["portal.engine"].dispose()


@pytest.fixture
def app(app_with) -> Flask:
    return app_with()


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


@pytest.fixture
def make_staff(app: Flask):
    """Create a staff account: ``make_staff(role)`` returns it with ``.password`` set.

    Each account is written in its own short transaction, so a test's long-lived ``session``
    never tries to write from an old read snapshot.
    """
    from portal.accounts import operations

    made = 0

    def make(role: str = "complaints_officer", team_code: str | None = None):
        nonlocal made
        made += 1
        password = "violet kettle harbour lantern"
        with Session(app.extensions["portal.engine"], expire_on_commit=False) as own:
            staff = operations.create_staff(
                own,
                email=f"staff{made}@example.org",
                display_name=f"Staff Member {made}",
                role=role,
                password=password,
                team_code=team_code,
            )
            own.commit()
        staff.password = password
        return staff

    return make


def sign_in(forms: FormClient, staff) -> None:
    """Sign in through the real pages: password, then the current one-time code."""
    from portal.accounts import totp
    from portal.models.types import utcnow

    response = forms.post("/staff/sign-in", {"email": staff.email, "password": staff.password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    code = totp.code_for(staff.totp_secret, utcnow())
    response = forms.post("/staff/sign-in/code", {"code": code})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


@pytest.fixture
def staff_client(app: Flask, make_staff) -> FormClient:
    """A browser signed in as a complaints officer."""
    forms = FormClient(app.test_client())
    forms.staff = make_staff("complaints_officer")
    sign_in(forms, forms.staff)
    return forms
