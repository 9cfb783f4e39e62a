"""Account changes and the two sign-in checks. Operations never commit."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts import passwords, throttle, totp
from portal.models import Staff
from portal.models.staff import ROLES


class AccountProblem(Exception):
    """A named reason an account change or sign-in was refused (shown to the person)."""


class Throttled(AccountProblem):
    pass


class WrongDetails(AccountProblem):
    pass


@cache
def _dummy_hash() -> str:
    """Verified against when the email matches no account, so both cases take as long."""
    return passwords.hash_password("not-a-real-password-for-timing-only")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_staff(
    session: Session,
    *,
    email: str,
    display_name: str,
    role: str,
    password: str,
    team_code: str | None = None,
) -> Staff:
    if role not in ROLES:
        raise AccountProblem(f"Role must be one of: {', '.join(ROLES)}")
    email = normalise_email(email)
    if session.scalar(select(func.count(Staff.id)).where(Staff.email == email)):
        raise AccountProblem("An account with that email address already exists")
    problem = passwords.password_problem(password, [email, display_name])
    if problem:
        raise AccountProblem(problem)
    staff = Staff(
        email=email,
        display_name=display_name,
        role=role,
        team_code=team_code,
        password_hash=passwords.hash_password(password),
        totp_secret=totp.new_secret(),
    )
    session.add(staff)
    return staff


def check_password(
    session: Session, email: str, password: str, address: str, now: datetime
) -> Staff:
    """The account these details open, or a named refusal. Every try is recorded."""
    if throttle.is_throttled(session, email, address, now):
        raise Throttled("Too many attempts. Wait 15 minutes, then try again.")
    staff = session.scalars(select(Staff).where(Staff.email == normalise_email(email))).first()
    if staff is None or not staff.active:
        passwords.verify_password(_dummy_hash(), password)
        throttle.record(session, email, address, now, succeeded=False)
        raise WrongDetails("Enter a correct email address and password")
    if not passwords.verify_password(staff.password_hash, password):
        throttle.record(session, email, address, now, succeeded=False)
        raise WrongDetails("Enter a correct email address and password")
    if passwords.needs_rehash(staff.password_hash):
        staff.password_hash = passwords.hash_password(password)
    return staff


def check_code(session: Session, staff: Staff, code: str, address: str, now: datetime) -> None:
    """Accept a one-time code once; the attempt counts towards the same throttle."""
    if throttle.is_throttled(session, staff.email, address, now):
        raise Throttled("Too many attempts. Wait 15 minutes, then try again.")
    step = totp.accepted_step(staff.totp_secret, code, staff.totp_last_step, now)
    if step is None:
        throttle.record(session, staff.email, address, now, succeeded=False)
        raise WrongDetails("Enter the 6-digit code from your authenticator app")
    staff.totp_last_step = step
    throttle.record(session, staff.email, address, now, succeeded=True)


def update_staff(
    session: Session,
    staff: Staff,
    *,
    role: str,
    team_code: str | None,
    active: bool,
    acting: Staff,
) -> None:
    """Change an account's role, team or whether it can sign in.

    Nobody can lock themselves out this way: an administrator cannot deactivate or demote
    their own account (another administrator must).
    """
    if role not in ROLES:
        raise AccountProblem("Select a role")
    if staff.id == acting.id and (not active or role != staff.role):
        raise AccountProblem("You cannot change your own role or deactivate yourself")
    staff.role = role
    staff.team_code = team_code or None
    staff.active = active
