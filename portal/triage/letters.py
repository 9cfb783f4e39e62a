"""Staff pages for a case's messages: each message as a printable letter (in the person's
language, for people who asked for post), and marking a letter as posted."""

from __future__ import annotations

from babel.dates import format_date
from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from werkzeug.wrappers import Response as BaseResponse

from portal.accounts.roles import CASEWORKERS, TEAM, acting_staff, staff_only
from portal.db import get_session
from portal.models import Event, OutboxMessage, Representation
from portal.models.outbox import POSTED, TO_PRINT
from portal.models.types import utcnow
from portal.notify import messages
from portal.triage import queries
from portal.triage.views import blueprint


def _message(reference: str, message_id: int) -> tuple[Representation, OutboxMessage]:
    staff = acting_staff()
    session = get_session()
    rep = queries.representation_for(session, staff, reference)
    message = session.get(OutboxMessage, message_id)
    if rep is None or message is None or message.representation_id != rep.id:
        abort(404)
    return rep, message


@blueprint.get("/case/<reference>/messages/<int:message_id>/letter")
@staff_only(*CASEWORKERS)
def letter(reference: str, message_id: int) -> str:
    rep, message = _message(reference, message_id)
    person = message.person
    rendered = messages.render(
        message,
        name=person.first_name if person else None,
        extra=messages.extras(message, rep),
    )
    return render_template(
        "triage/letter.html",
        rep=rep,
        message=message,
        person=person,
        rendered=rendered,
        paragraphs=[p.strip() for p in rendered.body.split("\n\n") if p.strip()],
        # The letter is in the person's language, date included; the page around it is not.
        letter_date=format_date(
            to_user_timezone(message.created_at).date(), "d MMMM yyyy", locale=message.language
        ),
        title=_("Letter for %(reference)s", reference=rep.reference),
    )


@blueprint.post("/case/<reference>/messages/<int:message_id>/posted")
@staff_only(*TEAM)
def letter_posted(reference: str, message_id: int) -> BaseResponse:
    rep, message = _message(reference, message_id)
    staff = acting_staff()
    if message.status == TO_PRINT:
        now = utcnow()
        message.status = POSTED
        message.sent_at = now
        rep.events.append(
            Event(
                at=now,
                actor=f"staff:{staff.id}",
                action="letter posted",
                detail={"by": staff.display_name, "kind": message.kind},
            )
        )
        get_session().commit()
    return redirect(url_for("triage.case", reference=rep.reference, done="posted") + "#messages")
