"""Staff pages: the queue and the case page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from portal.accounts.roles import CASEWORKERS, signed_in_staff, staff_only
from portal.db import get_session
from portal.intake.operations import council_date
from portal.intake.queries import choices
from portal.models.types import utcnow
from portal.triage import audit, queries

blueprint = Blueprint("triage", __name__, url_prefix="/staff")


@blueprint.get("/")
@staff_only(*CASEWORKERS)
def home() -> BaseResponse:
    return redirect(url_for("triage.queue"))


@blueprint.get("/queue")
@staff_only(*CASEWORKERS)
def queue() -> str:
    staff = signed_in_staff()
    assert staff is not None
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
        title="Queue",
    )


@blueprint.get("/case/<reference>")
@staff_only(*CASEWORKERS)
def case(reference: str) -> str:
    staff = signed_in_staff()
    assert staff is not None
    session = get_session()
    representation = queries.representation_for(session, staff, reference)
    if representation is None:
        abort(404)
    audit.record_opened(representation.id, staff.id, utcnow())
    return render_template(
        "triage/case.html",
        rep=representation,
        title=f"Case {representation.reference}",
    )
