"""What the person is told after a triage step. Each function is called by the operation
that makes the change, inside its transaction, so the message and the change stand or fall
together."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.intake.queries import timescales
from portal.models import Category, Representation
from portal.notify import messages
from portal.triage import deadlines


def after_classify(session: Session, rep: Representation, *, changed: bool, now: datetime) -> None:
    """A request for information (pre-complaint) or a refusal with its reason; nothing for
    the other classifications, which a person hears about from a person or not at all."""
    if not changed:
        return
    if rep.classification == "pre_complaint":
        messages.tell_person(
            session, rep, "information_request", now=now, request=rep.missing_information
        )
    elif rep.classification == "refused":
        label = session.scalar(
            select(Category.label).where(
                Category.vocabulary == "refusal_reason", Category.code == rep.refusal_reason_code
            )
        )
        messages.tell_person(
            session,
            rep,
            "refusal",
            now=now,
            reason_label=label or "",
            explanation=rep.refusal_explanation,
        )


def _stage_dates(session: Session, rep: Representation) -> dict[str, object]:
    stage = rep.current_stage
    if stage is None:
        return {}
    with session.no_autoflush:
        deadline = deadlines.stage_deadline(stage, timescales(session))
    if deadline is None:
        return {"stage": stage.number}
    limit = deadline.extended_limit if stage.extended_to is None else None
    return {"stage": stage.number, "due": deadline.due, "extended_due": limit}


def after_acknowledge(session: Session, rep: Representation, *, now: datetime) -> None:
    messages.tell_person(session, rep, "acknowledgement", now=now, **_stage_dates(session, rep))


def after_extend(session: Session, rep: Representation, *, now: datetime) -> None:
    messages.tell_person(session, rep, "extension", now=now, **_stage_dates(session, rep))


def after_escalate(session: Session, rep: Representation, *, now: datetime) -> None:
    messages.tell_person(session, rep, "escalation", now=now, **_stage_dates(session, rep))
