"""``flask staff …``: add accounts, and (development only) show a demo account's code."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from portal.accounts import operations, totp
from portal.db import get_session
from portal.models import Staff
from portal.models.staff import ROLES
from portal.models.types import utcnow

staff_cli = AppGroup("staff", help="Staff accounts.")


@staff_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--team", "team_code", default=None, help="A service category code.")
@click.password_option()
def create(email: str, display_name: str, role: str, team_code: str | None, password: str) -> None:
    """Add a staff account and print how to set up its authenticator app."""
    session = get_session(write=True)
    try:
        staff = operations.create_staff(
            session,
            email=email,
            display_name=display_name,
            role=role,
            password=password,
            team_code=team_code,
        )
    except operations.AccountProblem as problem:
        raise click.ClickException(str(problem)) from None
    session.commit()
    click.echo(f"Created {staff.email} ({staff.role}).")
    click.echo("Add this account to an authenticator app with this key or link:")
    click.echo(f"  key:  {staff.totp_secret}")
    click.echo(f"  link: {totp.provisioning_uri(staff.totp_secret, staff.email)}")


@staff_cli.command("code")
@click.argument("email")
def code(email: str) -> None:
    """Print the current sign-in code for a demo account (development only)."""
    if current_app.config["ENV"] != "development":
        raise click.ClickException("Only available in development.")
    session = get_session()
    staff = session.scalars(select(Staff).where(Staff.email == email.lower())).first()
    if staff is None:
        raise click.ClickException("No such account.")
    click.echo(totp.code_for(staff.totp_secret, utcnow()))
