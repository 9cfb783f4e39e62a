"""Staff sign-in (password, then a one-time code) and sign-out."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from portal.accounts import operations, sessions
from portal.accounts.forms import CodeForm, SignInForm
from portal.accounts.roles import ADMINS, staff_only
from portal.db import get_session
from portal.forms.base import QuestionForm
from portal.forms.rendering import error_list, render_fields
from portal.models import Staff
from portal.models.staff import ADMIN
from portal.models.types import utcnow

blueprint = Blueprint("accounts", __name__, url_prefix="/staff")


def _address() -> str:
    return (request.remote_addr or "unknown")[:64]


def _safe_next(target: str | None, home: str) -> str:
    """Only ever return to a staff page on this site (no open redirect)."""
    if target and target.startswith("/staff/") and "//" not in target and "\\" not in target:
        return target
    return home


def _page(form: QuestionForm, title: Any, button: Any, **extra: Any) -> str:
    return render_template(
        "accounts/sign_in.html",
        form=form,
        fields=render_fields(form, heading=title),
        errors=error_list(form),
        title=title,
        button=button,
        **extra,
    )


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> str | BaseResponse:
    form = SignInForm()
    if form.validate_on_submit():
        session = get_session()
        now = utcnow()
        try:
            staff = operations.check_password(
                session, form.email.data, form.password.data, _address(), now
            )
        except operations.AccountProblem as problem:
            session.commit()  # keep the record of the failed attempt
            form.password.errors = [str(problem)]
        else:
            token = sessions.begin(session, staff, now, second_factor_done=False)
            session.commit()
            target = url_for("accounts.second_factor", next=request.args.get("next"))
            response = redirect(target)
            sessions.set_cookie(response, token)
            return response
    form.password.data = ""
    return _page(
        form,
        _l("Sign in"),
        _l("Continue"),
        signed_out=bool(request.args.get("signed_out")),
    )


@blueprint.route("/sign-in/code", methods=["GET", "POST"])
def second_factor() -> str | BaseResponse:
    session = get_session()
    now = utcnow()
    pending = sessions.current(session, now, pending=True)
    if pending is None:
        return redirect(url_for("accounts.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            operations.check_code(session, pending.staff, form.code.data, _address(), now)
        except operations.AccountProblem as problem:
            session.commit()
            form.code.errors = [str(problem)]
        else:
            sessions.end(pending, now)
            token = sessions.begin(session, pending.staff, now, second_factor_done=True)
            session.commit()
            home = "accounts.accounts" if pending.staff.role == ADMIN else "triage.queue"
            response = redirect(_safe_next(request.args.get("next"), url_for(home)))
            sessions.set_cookie(response, token)
            return response
    form.code.data = ""
    return _page(form, _l("Enter your code"), _l("Sign in"))


@blueprint.post("/sign-out")
def sign_out() -> BaseResponse:
    session = get_session()
    now = utcnow()
    row = sessions.current(session, now) or sessions.current(session, now, pending=True)
    if row is not None:
        sessions.end(row, now)
        session.commit()
    g.pop("staff", None)
    response = redirect(url_for("accounts.sign_in", signed_out=1))
    sessions.clear_cookie(response)
    return response


@blueprint.get("/accounts")
@staff_only(*ADMINS)
def accounts() -> str:
    """Every staff account, for administrators and complaints managers."""
    rows = get_session().scalars(select(Staff).order_by(Staff.display_name)).all()
    return render_template("accounts/list.html", rows=rows, title=_l("Staff accounts"))
