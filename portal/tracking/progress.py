"""Where things are, in plain words, for the person who wrote in: what is happening, when
the next step is due, and what they can do now. Nothing here shows what they wrote."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from portal.core.timescales import Timescale
from portal.models import Representation
from portal.triage import deadlines, states

WITHDRAW = "withdraw"
ADD = "add"
NEXT_STAGE = "next_stage"


@dataclass(frozen=True)
class Progress:
    headline: object
    explanation: object | None = None
    due: date | None = None
    # What the person may do now (ADD, WITHDRAW, NEXT_STAGE).
    can: frozenset[str] = field(default_factory=frozenset)
    next_stage: int | None = None
    ask_until: date | None = None
    request: str | None = None


def progress(rep: Representation, timescales: dict[str, Timescale]) -> Progress:
    request = rep.person_request
    if rep.kind == "compliment":
        return Progress(_l("Thank you"), _l("We have passed on your kind words."))
    if rep.status == states.CLOSED:
        if rep.classification == "refused":
            return Progress(
                _l("We cannot look at this as a complaint"),
                _l(
                    "We have written to you to explain why. If you do not agree, you can ask "
                    "the Ombudsman to look at it."
                ),
            )
        return Progress(
            _l("This is finished"), _l("We have closed this. Thank you for telling us.")
        )
    can = {ADD, WITHDRAW}
    if rep.status == states.PRE_COMPLAINT:
        return Progress(
            _l("We need more information from you"),
            _l("Please add the information we asked for, or call us."),
            can=frozenset(can),
            request=request,
        )
    if rep.status == states.DEFERRED:
        return Progress(
            _l("We have paused your complaint"),
            _l("We will look at it again after the court case ends."),
            due=rep.deferred_until,
            can=frozenset(can),
            request=request,
        )
    stage = rep.current_stage
    if rep.status == states.OPEN and stage is not None and stage.responded_on is not None:
        last = deadlines.last_stage(rep.route)
        window = deadlines.escalation_window_ends(stage, timescales)
        if stage.number < last:
            can.add(NEXT_STAGE)
        return Progress(
            _l("We have sent you our answer"),
            _l("If you are not happy with our answer, you can ask us to look at it again."),
            can=frozenset(can),
            next_stage=stage.number + 1 if stage.number < last else None,
            ask_until=window,
            request=request,
        )
    return Progress(
        _l("We are looking at it"),
        _l("We will get back to you by the date below."),
        due=rep.next_due_on,
        can=frozenset(can),
        request=request,
    )
