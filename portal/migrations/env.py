"""Alembic environment: runs against the app's engine (``flask db upgrade``) or, when run
by the ``alembic`` command line, against ``PORTAL_DATABASE_URL``."""

from __future__ import annotations

from alembic import context

import portal.models  # noqa: F401  (registers every table)
from portal import config as portal_config
from portal.db import Base, make_engine

target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes.get("engine")
    if engine is None:
        engine = make_engine(portal_config.load()["DATABASE_URL"])
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
