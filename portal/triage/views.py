"""Staff pages: the queue and the case page."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response as BaseResponse

from portal.accounts.roles import (
    CASEWORKERS,
    MANAGERS,
    TEAM,
    acting_staff,
    staff_only,
)
from portal.db import get_session
from portal.forms.base import QuestionForm
from portal.forms.rendering import error_list, render_fields
from portal.intake.operations import council_date
from portal.intake.queries import choices
from portal.models import Representation, Staff
from portal.models.types import utcnow
from portal.notify.routes import UNSAFE_REASONS, WITHHELD_REASONS
from portal.triage import audit, entry, operations, queries, restrictions, stages, states
from portal.triage.actions import ACTIONS, offered
from portal.triage.ages import age_warning
from portal.triage.forms import ClassifyForm, EntryForm

blueprint = Blueprint("triage", __name__, url_prefix="/staff")


@blueprint.app_template_global("term")
def term(vocabulary: str, code: str | None) -> str | None:
    """A category code as its label, for staff pages (the code itself if it was retired)."""
    from portal.intake.queries import label

    return label(get_session(), vocabulary, code)


@blueprint.get("/")
@staff_only(*CASEWORKERS)
def home() -> BaseResponse:
    return redirect(url_for("triage.queue"))


@blueprint.get("/queue")
@staff_only(*CASEWORKERS)
def queue() -> str:
    staff = acting_staff()
    session = get_session()
    filters = queries.QueueFilters.from_args(request.args)
    page = queries.queue(session, staff, filters, request.args.get("after"), council_date(utcnow()))
    next_url = None
    if page.next_cursor:
        args: dict[str, Any] = {k: v for k, v in request.args.items() if k != "after"}
        args["after"] = page.next_cursor
        next_url = url_for("triage.queue", **args)
    return render_template(
        "triage/queue.html",
        page=page,
        next_url=next_url,
        services=choices(session, "service"),
        assignees=queries.responders(session),
        title="Queue",
    )


@blueprint.get("/case/<reference>")
@staff_only(*CASEWORKERS)
def case(reference: str) -> str:
    staff = acting_staff()
    session = get_session()
    representation = queries.representation_for(session, staff, reference)
    if representation is None:
        abort(404)
    audit.record_opened(representation.id, staff.id, utcnow())
    return render_template(
        "triage/case.html",
        rep=representation,
        done=request.args.get("done"),
        classification=states.CLASSIFICATIONS.get(representation.classification or ""),
        can_triage=staff.role in TEAM,
        actions=offered(representation, staff.role),
        restrictions=restrictions.active_for(session, representation),
        age=age_warning(representation, council_date(utcnow())),
        stage_view=queries.stage_view(session, representation),
        messages=queries.messages_for(session, representation),
        withheld_reasons=WITHHELD_REASONS,
        unsafe_reasons=UNSAFE_REASONS,
        title=f"Case {representation.reference}",
    )


def _attempt(session: Session, change: Callable[[], object]) -> operations.TriageProblem | None:
    """Run one operation and commit it. A refusal, or losing a race with another officer
    (the version check at UPDATE time), comes back as the problem to show; nothing is saved."""
    try:
        change()
        session.commit()
    except operations.TriageProblem as error:
        session.rollback()
        return error
    except StaleDataError:
        session.rollback()
        return operations.Conflict(
            "Someone else changed this case at the same moment. Nothing you entered was "
            "saved: check the case and try again."
        )
    return None


def _show(form: QuestionForm, problem: operations.TriageProblem | None) -> list[dict[str, str]]:
    """The error summary: the form's own errors, or the refusal beside the field it concerns."""
    if problem is None:
        return error_list(form)
    fields = form.answer_fields()
    name = problem.field if problem.field in form else (fields[0].name if fields else None)
    if name is None:
        return [{"text": str(problem), "href": "#main-content"}]
    form[name].errors = [str(problem)]
    return [{"text": str(problem), "href": f"#{form[name].id}"}]


@blueprint.route("/case/<reference>/classify", methods=["GET", "POST"])
@staff_only(*TEAM)
def classify(reference: str) -> str | BaseResponse:
    staff = acting_staff()
    session = get_session()
    rep = queries.representation_for(session, staff, reference)
    if rep is None:
        abort(404)
    form = ClassifyForm(data={"version": str(rep.version), **_current_coding(rep)})
    form.fill_choices(lambda vocabulary: choices(session, vocabulary))
    problem = None
    if form.validate_on_submit():
        now = utcnow()
        problem = _attempt(
            session,
            lambda: operations.classify(
                session,
                rep,
                staff,
                code=str(form.classification.data),
                seen_version=int(form.version.data or 0),
                details=operations.details_from(form.data),
                reason=form.reason.data,
                today=council_date(now),
                now=now,
            ),
        )
        if problem is None:
            return redirect(url_for("triage.case", reference=reference, done="classified"))
    errors = _show(form, problem)
    return render_template(
        "triage/classify.html",
        rep=rep,
        form=form,
        fields=render_fields(form, heading="Classify"),
        errors=errors,
        qualifying=states.looks_qualifying(rep.submitter_role, _parental_responsibility(rep)),
        title=f"Classify {rep.reference}",
    )


def _current_coding(rep: Representation) -> dict[str, Any]:
    return {
        "nature_code": rep.nature_code,
        "service_code": rep.service_code if rep.service_code != "not_sure" else None,
    }


def _parental_responsibility(rep: Representation) -> str | None:
    submitter = rep.person("submitter")
    return submitter.parental_responsibility if submitter else None


@blueprint.route("/case/<reference>/<action>", methods=["GET", "POST"])
@staff_only(*CASEWORKERS)
def stage_action(reference: str, action: str) -> str | BaseResponse:
    staff = acting_staff()
    step = ACTIONS.get(action)
    if step is None:
        abort(404)
    if staff.role not in step.roles:
        abort(403)
    session = get_session()
    rep = queries.representation_for(session, staff, reference)
    if rep is None:
        abort(404)
    form_class = step.form(rep)
    form = form_class(data={"version": str(rep.version)})
    form.fill_choices(lambda vocabulary: choices(session, vocabulary))
    if "assignee_id" in form:
        form["assignee_id"].set_options(queries.responders(session))
    problem: operations.TriageProblem | None = None
    if not step.offered(rep) and request.method == "GET":
        problem = operations.NotAllowed("That step is not open for this case now.")
    elif form.validate_on_submit():
        now = utcnow()
        problem = _attempt(
            session, lambda: step.run(session, rep, staff, form, council_date(now), now)
        )
        if problem is None:
            return redirect(url_for("triage.case", reference=reference, done=action))
    errors = _show(form, problem)
    return render_template(
        "triage/stage_action.html",
        rep=rep,
        step=step,
        form=form,
        fields=render_fields(form, heading=step.title),
        errors=errors,
        title=f"{step.title}: {rep.reference}",
    )


@blueprint.get("/audit")
@staff_only(*MANAGERS)
def audit_log() -> str:
    """Who did what and who looked at what, newest first (complaints managers only)."""
    session = get_session()
    before = request.args.get("before", type=int)
    reference = (request.args.get("reference") or "").strip()[:40] or None
    rows, next_before = queries.audit_log(session, before, reference)
    names = {f"staff:{s.id}": s.display_name for s in session.scalars(select(Staff))}
    return render_template(
        "triage/audit.html",
        rows=rows,
        names=names,
        reference=reference,
        next_url=url_for("triage.audit_log", before=next_before, reference=reference)
        if next_before
        else None,
        title="Audit log",
    )


@blueprint.route("/log", methods=["GET", "POST"])
@staff_only(*TEAM)
def log_entry() -> str | BaseResponse:
    """Log a representation received by email, letter, phone or in person."""
    staff = acting_staff()
    session = get_session()
    form = EntryForm(data={"entry_key": secrets.token_urlsafe(24)})
    form.fill_choices(lambda vocabulary: choices(session, vocabulary))
    problem: operations.TriageProblem | None = None
    if form.validate_on_submit():
        now = utcnow()
        answers = form.answers()
        try:
            rep = entry.log_representation(
                session,
                staff,
                answers,
                method=str(form.method.data),
                received_on=form.received_on.data or council_date(now),
                entry_key=str(form.entry_key.data or secrets.token_urlsafe(24))[:64],
                today=council_date(now),
                now=now,
            )
            session.commit()
        except operations.TriageProblem as error:
            session.rollback()
            problem = error
        else:
            return redirect(url_for("triage.case", reference=rep.reference, done="logged"))
    errors = _show(form, problem)
    return render_template(
        "triage/log.html",
        form=form,
        fields=render_fields(form, heading="Log"),
        errors=errors,
        title="Log a representation",
    )


@blueprint.post("/case/<reference>/actions/<int:action_id>/done")
@staff_only(*CASEWORKERS)
def action_done(reference: str, action_id: int) -> BaseResponse:
    staff = acting_staff()
    session = get_session()
    rep = queries.representation_for(session, staff, reference)
    if rep is None:
        abort(404)
    now = utcnow()
    try:
        stages.complete_action(
            session, rep, staff, action_id=action_id, today=council_date(now), now=now
        )
        session.commit()
    except operations.TriageProblem:
        session.rollback()
        return redirect(url_for("triage.case", reference=reference, done="nothing"))
    return redirect(url_for("triage.case", reference=reference, done="action"))
