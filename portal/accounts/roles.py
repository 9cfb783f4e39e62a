"""Who may open which staff page.

``staff_only(*roles)`` guards a view: without a live, fully signed-in session it sends the
person to sign in; with the wrong role it answers 403. It also records the view's roles in
``ROUTE_ROLES`` so a test can compare every staff route with the agreed table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, g, redirect, request, url_for
from sqlalchemy import update

from portal.accounts import sessions
from portal.db import get_session
from portal.models import Staff, StaffSession
from portal.models.staff import ADMIN, MANAGER, OFFICER, RESPONDER, ROLES
from portal.models.types import utcnow

EVERYONE = ROLES
CASEWORKERS = (OFFICER, MANAGER, RESPONDER)
TEAM = (OFFICER, MANAGER)
MANAGERS = (MANAGER,)
ADMINS = (ADMIN, MANAGER)

ROUTE_ROLES: dict[str, tuple[str, ...]] = {}
TOUCH_EVERY = timedelta(seconds=60)

F = TypeVar("F", bound=Callable[..., Any])


def signed_in_staff() -> Staff | None:
    """The staff member behind this request, if fully signed in (cached on ``g``)."""
    if "staff" not in g:
        now = utcnow()
        row = sessions.current(get_session(), now)
        g.staff = row.staff if row else None
        if row is not None and now - row.last_seen_at > TOUCH_EVERY:
            _touch(row.id, now)
    staff: Staff | None = g.staff
    return staff


def acting_staff() -> Staff:
    """The signed-in staff member, for views behind ``staff_only``. Were the decorator ever
    missing, the request is refused rather than carried on without an actor (an ``assert``
    would vanish under ``python -O``)."""
    staff = signed_in_staff()
    if staff is None:
        abort(403)
    return staff


def _touch(session_id: int, now: Any) -> None:
    """Keep the idle clock honest without turning every page view into a write transaction."""
    engine = current_app.extensions["portal.write_engine"]
    with engine.begin() as connection:
        connection.execute(
            update(StaffSession).where(StaffSession.id == session_id).values(last_seen_at=now)
        )


def staff_only(*roles: str) -> Callable[[F], F]:
    allowed = tuple(roles) or EVERYONE

    def decorate(view: F) -> F:
        ROUTE_ROLES[view.__name__] = allowed

        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            staff = signed_in_staff()
            if staff is None:
                return redirect(url_for("accounts.sign_in", next=request.path))
            if staff.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


__all__ = ["ADMIN", "ADMINS", "CASEWORKERS", "MANAGER", "MANAGERS", "OFFICER", "RESPONDER"]
