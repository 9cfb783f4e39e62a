"""What a person can do from the tracking page. Each records an event for the complaints
team and marks the case as waiting on us; staff act on it with the triage tools."""

from __future__ import annotations

from datetime import datetime

from portal.core.text import clean_text
from portal.models import Event, Representation
from portal.tracking import progress as plain
from portal.triage.priority import queue_rank

MAX_TEXT = 5000


class NotNow(Exception):
    """The case is not at a point where this makes sense (it closed meanwhile)."""


def _ask(rep: Representation, request: str, action: str, text: str | None, now: datetime) -> None:
    rep.events.append(
        Event(
            at=now,
            actor="public",
            action=action,
            from_status=rep.status,
            to_status=rep.status,
            reason=clean_text(text, MAX_TEXT) or None,
        )
    )
    rep.person_request = request
    rep.person_request_at = now
    rep.queue_rank = queue_rank(rep)


def add_information(
    rep: Representation, allowed: frozenset[str], *, text: str, now: datetime
) -> None:
    """More information, which is the answer when we asked for some (pre-complaint)."""
    if plain.ADD not in allowed:
        raise NotNow
    _ask(rep, "information", "information added", text, now)


def ask_to_withdraw(
    rep: Representation, allowed: frozenset[str], *, reason: str | None, now: datetime
) -> None:
    if plain.WITHDRAW not in allowed:
        raise NotNow
    _ask(rep, "withdraw", "asked to withdraw", reason, now)


def ask_for_next_stage(
    rep: Representation, allowed: frozenset[str], *, stage: int, why: str, now: datetime
) -> None:
    if plain.NEXT_STAGE not in allowed:
        raise NotNow
    _ask(rep, "next_stage", f"asked for stage {stage}", why, now)
