"""Staff sign-in (password, then a one-time code) and sign-out."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from portal.accounts import operations, sessions, totp
from portal.accounts.admin_forms import EditStaffForm, NewStaffForm
from portal.accounts.forms import CodeForm, SignInForm
from portal.accounts.roles import ADMINS, acting_staff, staff_only
from portal.db import get_session
from portal.forms.base import QuestionForm
from portal.forms.rendering import error_list, render_fields
from portal.intake.queries import choices
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


def _fill(form: QuestionForm) -> None:
    form.fill_choices(lambda vocabulary: choices(get_session(), vocabulary))


@blueprint.route("/accounts/new", methods=["GET", "POST"])
@staff_only(ADMIN)
def new_account() -> str:
    form = NewStaffForm()
    _fill(form)
    created = None
    if form.validate_on_submit():
        session = get_session()
        try:
            created = operations.create_staff(
                session,
                email=form.email.data,
                display_name=form.display_name.data,
                role=str(form.role.data),
                password=form.password.data,
                team_code=form.team_code.data,
            )
            session.commit()
        except operations.AccountProblem as problem:
            session.rollback()
            form.password.errors = [str(problem)]
    form.password.data = ""
    if created is not None:
        # The key is shown this once, to set up their authenticator app.
        return render_template(
            "accounts/created.html",
            staff=created,
            uri=totp.provisioning_uri(created.totp_secret, created.email),
            title=_l("Account created"),
        )
    return render_template(
        "accounts/form.html",
        form=form,
        fields=render_fields(form, heading=_l("Add a staff account")),
        errors=error_list(form),
        title=_l("Add a staff account"),
    )


@blueprint.route("/accounts/<int:staff_id>", methods=["GET", "POST"])
@staff_only(ADMIN)
def edit_account(staff_id: int) -> str | BaseResponse:
    session = get_session()
    staff = session.get(Staff, staff_id)
    if staff is None:
        abort(404)
    form = EditStaffForm(
        data={
            "role": staff.role,
            "team_code": staff.team_code,
            "active": "yes" if staff.active else "no",
        }
    )
    _fill(form)
    if form.validate_on_submit():
        acting = acting_staff()
        try:
            operations.update_staff(
                session,
                staff,
                role=str(form.role.data),
                team_code=form.team_code.data,
                active=form.active.data == "yes",
                acting=acting,
            )
            session.commit()
        except operations.AccountProblem as problem:
            session.rollback()
            form.role.errors = [str(problem)]
        else:
            return redirect(url_for("accounts.accounts"))
    return render_template(
        "accounts/form.html",
        form=form,
        fields=render_fields(form, heading=staff.display_name),
        errors=error_list(form),
        title=staff.display_name,
    )
