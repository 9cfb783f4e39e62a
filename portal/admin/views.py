"""Settings pages: timescales (complaints managers) and category lists (administrators and
complaints managers)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from portal.accounts.roles import ADMINS, MANAGERS, staff_only
from portal.admin import operations
from portal.admin.council import FIELDS, council
from portal.core.timescales import DEFAULT_TIMESCALES
from portal.core.vocab import VOCABULARIES
from portal.db import get_session
from portal.intake.queries import timescales
from portal.models import Category
from portal.models.staff import ADMIN

blueprint = Blueprint("admin", __name__, url_prefix="/staff/settings")


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


@blueprint.route("/timescales", methods=["GET", "POST"])
@staff_only(*MANAGERS)
def timescales_page() -> str | BaseResponse:
    session = get_session()
    current = timescales(session)
    problem: operations.SettingProblem | None = None
    typed: dict[str, str] = {}
    if request.method == "POST":
        typed = {k: v for k, v in request.form.items() if k != "csrf_token"}
        values: dict[str, tuple[int, int | None]] = {}
        try:
            for key, default in DEFAULT_TIMESCALES.items():
                target = _int(typed.get(f"{key}_target"))
                if target is None:
                    raise operations.SettingProblem("Enter a whole number of days", f"{key}_target")
                extended = None
                if default.extended_days is not None:
                    extended = _int(typed.get(f"{key}_extended"))
                    if extended is None:
                        raise operations.SettingProblem(
                            "Enter a whole number of days", f"{key}_extended"
                        )
                values[key] = (target, extended)
            operations.save_timescales(session, values)
            session.commit()
        except operations.SettingProblem as error:
            session.rollback()
            problem = error
        else:
            return redirect(url_for("admin.timescales_page", saved=1))
    rows = [
        {
            "key": key,
            "label": default.label,
            "target": typed.get(f"{key}_target", str(current[key].target_days)),
            "extended": typed.get(f"{key}_extended", str(current[key].extended_days or ""))
            if default.extended_days is not None
            else None,
        }
        for key, default in DEFAULT_TIMESCALES.items()
    ]
    return render_template(
        "admin/timescales.html",
        rows=rows,
        problem=problem,
        errors=[problem] if problem else [],
        saved=bool(request.args.get("saved")),
        title="Timescales",
    )


@blueprint.get("/categories")
@staff_only(*ADMINS)
def categories() -> str:
    session = get_session()
    vocabulary = request.args.get("list") or next(iter(VOCABULARIES))
    if vocabulary not in VOCABULARIES:
        abort(404)
    terms = session.scalars(
        select(Category)
        .where(Category.vocabulary == vocabulary)
        .order_by(Category.position, Category.id)
    ).all()
    return render_template(
        "admin/categories.html",
        vocabulary=vocabulary,
        errors=[request.args["problem"]] if request.args.get("problem") else [],
        vocabularies=list(VOCABULARIES),
        terms=terms,
        problem=request.args.get("problem"),
        done=request.args.get("done"),
        title="Category lists",
    )


@blueprint.post("/categories")
@staff_only(*ADMINS)
def change_category() -> BaseResponse:
    session = get_session()
    vocabulary = request.form.get("list", "")
    if vocabulary not in VOCABULARIES:
        abort(404)
    action = request.form.get("action")
    term_id = _int(request.form.get("term_id")) or 0
    label = (request.form.get("label") or "")[:200]
    back: dict[str, Any] = {"list": vocabulary}
    try:
        if action == "add":
            operations.add_term(session, vocabulary, label)
        elif action == "rename":
            operations.rename_term(session, term_id, label)
        elif action in ("retire", "restore"):
            operations.set_active(session, term_id, action == "restore")
        else:
            abort(400)
        session.commit()
        back["done"] = action
    except operations.SettingProblem as error:
        session.rollback()
        back["problem"] = str(error)
    return redirect(url_for("admin.categories", **back))


@blueprint.route("/council", methods=["GET", "POST"])
@staff_only(ADMIN)
def council_page() -> str | BaseResponse:
    session = get_session()
    shown = council()
    values = {field: getattr(shown, field) for field in FIELDS}
    problem: operations.SettingProblem | None = None
    if request.method == "POST":
        values = {k: (request.form.get(k) or "")[:200] for k in values}
        try:
            operations.save_council(session, values)
            session.commit()
        except operations.SettingProblem as error:
            session.rollback()
            problem = error
        else:
            return redirect(url_for("admin.council_page", saved=1))
    return render_template(
        "admin/council.html",
        values=values,
        problem=problem,
        errors=[problem] if problem else [],
        saved=bool(request.args.get("saved")),
        title="Council details",
    )
