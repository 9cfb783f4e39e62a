"""The ``flask --app portal`` commands: database, demo data and a plain list of arrivals."""

from __future__ import annotations

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from portal.config import ROOT
from portal.db import get_session
from portal.intake.operations import council_date
from portal.models import Representation
from portal.models.types import utcnow
from portal.reports import demo_history, rollup
from portal.seed import (
    DEMO_PASSWORD,
    DEMO_STAFF,
    ensure_categories,
    load_demo_representations,
    load_demo_settings,
    load_demo_staff,
)

db_cli = AppGroup("db", help="Database schema.")
representations_cli = AppGroup("representations", help="What has arrived.")


def alembic_config(app: Flask) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ROOT / "portal" / "migrations"))
    config.attributes["engine"] = app.extensions["portal.engine"]
    return config


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations, then add any default category terms that are missing."""
    command.upgrade(alembic_config(current_app), revision)
    session = get_session(write=True)
    added = ensure_categories(session)
    if rollup.needs_rebuild(session):
        read = rollup.rebuild(session)
        click.echo(f"Report figures worked out for {read} existing representations.")
    session.commit()
    click.echo(f"Database is up to date; {added} default category terms added.")


@click.command("demo-data")
@with_appcontext
def demo_data() -> None:
    """Council settings and category lists for trying the portal out."""
    session = get_session(write=True)
    added = ensure_categories(session)
    load_demo_settings(session)
    load_demo_staff(session)
    load_demo_representations(session, utcnow())
    history = demo_history.load(session, council_date(utcnow()), utcnow())
    session.commit()
    click.echo(f"Demo settings loaded; {added} category terms added.")
    click.echo(f"Demo history: {history.added} earlier representations added for the reports.")
    click.echo("")
    click.echo("Staff sign-in: http://127.0.0.1:5000/staff/sign-in")
    for email, _name, role, _team in DEMO_STAFF:
        click.echo(f"  {email:<24} {role}")
    click.echo(f"  password for each: {DEMO_PASSWORD}")
    click.echo("  code: run `.venv/bin/flask --app portal staff code EMAIL` in another terminal")


@representations_cli.command("list")
@click.option("--limit", default=50, show_default=True, help="How many, newest first.")
def representations_list(limit: int) -> None:
    """One line per representation: reference, route, received, flags (no personal data)."""
    session = get_session()
    rows = session.scalars(
        select(Representation).order_by(Representation.received_at.desc()).limit(limit)
    ).all()
    if not rows:
        click.echo("No representations yet.")
        return
    click.echo(f"{'reference':<16}{'kind':<12}{'route':<14}{'received (UTC)':<19}  flags")
    for rep in rows:
        received = rep.received_at.strftime("%Y-%m-%d %H:%M")
        flags = ", ".join(rep.flags) or "-"
        click.echo(f"{rep.reference:<16}{rep.kind:<12}{rep.journey:<14}{received:<19}  {flags}")


def init_app(app: Flask) -> None:
    from portal.accounts.cli import staff_cli
    from portal.notify.cli import outbox_cli
    from portal.reports.cli import import_cli, report_cli

    app.cli.add_command(staff_cli)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(db_cli)
    app.cli.add_command(demo_data)
    app.cli.add_command(representations_cli)
    app.cli.add_command(report_cli)
    app.cli.add_command(import_cli)
