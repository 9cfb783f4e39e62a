"""The public "check your complaint" pages: look up with reference and secret words, see
where things are, add information, ask to stop, ask for the next stage."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from portal.db import get_session
from portal.forms.base import QuestionForm
from portal.forms.rendering import error_list, render_fields
from portal.intake.queries import timescales
from portal.models import Representation
from portal.models.types import utcnow
from portal.tracking import access, operations
from portal.tracking import progress as plain
from portal.tracking.forms import AddInformationForm, LookupForm, NextStageForm, WithdrawForm

blueprint = Blueprint("tracking", __name__, url_prefix="/check")

NOT_RIGHT = _l(
    "We could not find a message with that reference number and those secret words. "
    "Check them and try again."
)
TOO_MANY = _l(
    "You have tried too many times. Wait an hour and try again, or call us and give your "
    "reference number."
)
BAD_REFERENCE = _l("Check your reference number: it should look like 9A4N-PMPK-WJTF")


def _address() -> str:
    return (request.remote_addr or "unknown")[:64]


@blueprint.route("", methods=["GET", "POST"])
def lookup() -> str | tuple[str, int] | BaseResponse:
    form = LookupForm()
    problem: Any = None
    status = 200
    if form.validate_on_submit():
        db = get_session()
        now = utcnow()
        try:
            rep = access.open_representation(
                db,
                reference=form.reference.data or "",
                words=form.words.data or "",
                address=_address(),
                now=now,
            )
        except access.BadReference:
            db.rollback()
            form.reference.errors = [BAD_REFERENCE]
        except access.TooManyTries:
            db.rollback()
            problem, status = TOO_MANY, 429
        except access.LookupRefused:
            db.commit()  # the failed try counts towards the throttle
            problem = NOT_RIGHT
        else:
            access.grant(db, rep, now)
            db.commit()
            return redirect(url_for("tracking.progress_page"))
    errors = error_list(form)
    if problem is not None:
        errors = [{"text": str(problem), "href": "#reference"}]
    page = render_template(
        "tracking/lookup.html",
        form=form,
        fields=render_fields(form, _l("Check your complaint")),
        errors=errors,
        title=_l("Check your complaint"),
        expired=bool(request.args.get("expired")),
    )
    return (page, status) if status != 200 else page


def _opened() -> tuple[Representation, plain.Progress] | None:
    db = get_session()
    rep = access.current(db, utcnow())
    if rep is None:
        return None
    return rep, plain.progress(rep, timescales(db))


@blueprint.get("/your-complaint")
def progress_page() -> str | BaseResponse:
    opened = _opened()
    if opened is None:
        return redirect(url_for("tracking.lookup", expired=1))
    rep, where = opened
    return render_template(
        "tracking/progress.html",
        rep=rep,
        where=where,
        done=request.args.get("done"),
        title=_l("Your complaint"),
    )


ASKS: dict[str, dict[str, Any]] = {
    "add": {
        "form": AddInformationForm,
        "heading": _l("Add information"),
        "button": _l("Send"),
        "allowed": plain.ADD,
    },
    "withdraw": {
        "form": WithdrawForm,
        "heading": _l("Stop your complaint"),
        "button": _l("Ask to stop my complaint"),
        "allowed": plain.WITHDRAW,
    },
    "next-stage": {
        "form": NextStageForm,
        "heading": _l("Ask us to look at it again"),
        "button": _l("Ask us to look again"),
        "allowed": plain.NEXT_STAGE,
    },
}


def _do(what: str, rep: Representation, where: plain.Progress, form: QuestionForm) -> None:
    now = utcnow()
    data = form.answers()
    if what == "add":
        operations.add_information(rep, where.can, text=data["text"], now=now)
    elif what == "withdraw":
        operations.ask_to_withdraw(rep, where.can, reason=data.get("reason"), now=now)
    else:
        stage = where.next_stage or 0
        operations.ask_for_next_stage(rep, where.can, stage=stage, why=data["why"], now=now)


@blueprint.route("/<any(add, withdraw, 'next-stage'):what>", methods=["GET", "POST"])
def ask(what: str) -> str | BaseResponse:
    opened = _opened()
    if opened is None:
        return redirect(url_for("tracking.lookup", expired=1))
    rep, where = opened
    page = ASKS[what]
    if page["allowed"] not in where.can:
        return redirect(url_for("tracking.progress_page"))
    form = page["form"]()
    if form.validate_on_submit():
        try:
            _do(what, rep, where, form)
        except operations.NotNow:
            get_session().rollback()
            return redirect(url_for("tracking.progress_page"))
        get_session().commit()
        return redirect(url_for("tracking.progress_page", done=what))
    return render_template(
        "tracking/ask.html",
        form=form,
        what=what,
        where=where,
        heading=page["heading"],
        button=page["button"],
        fields=render_fields(form, page["heading"]),
        errors=error_list(form),
        title=page["heading"],
        back_url=url_for("tracking.progress_page"),
    )


@blueprint.get("/sign-out")
def sign_out() -> BaseResponse:
    db = get_session(write=True)
    access.close(db)
    db.commit()
    return redirect(url_for("tracking.lookup", signed_out=1))
