"""What we tell people, and queuing it.

Operations call ``tell_person`` (and the staff and service variants) inside the transaction
of the change that causes the message, so the message exists exactly when the change does.
A message holds values (reference, dates, labels), never complaint text; it is written out
in the person's language only when it is sent or printed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app
from flask_babel import force_locale, format_date, gettext
from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.admin.council import council
from portal.core.markers import N_
from portal.models import OutboxMessage, Person, Representation, Staff
from portal.models.outbox import LETTER, QUEUED, SMS, TO_PRINT, WITHHELD
from portal.models.person import ADVOCATE, SUBMITTER
from portal.notify import routes
from portal.notify.senders import available_channels

# How dates read in messages: "27 November 2026" (and the same order in every language).
DATE_FORMAT = "d MMMM yyyy"


@dataclass(frozen=True)
class Kind:
    subject: str
    # The text message version: short, no complaint text, points to the tracking page.
    sms: str | None = None
    # Staff alerts and referrals go to professionals and are written in English.
    professional: bool = False


KINDS: dict[str, Kind] = {
    "receipt": Kind(
        N_("We have got your message (reference %(reference)s)"),
        N_(
            "%(council)s: we have got your message. Your reference is %(reference)s. "
            "We will be in touch by %(due)s."
        ),
    ),
    "thank_you": Kind(
        N_("Thank you for your kind words"),
        N_("%(council)s: thank you for your kind words. We will pass them on."),
    ),
    "acknowledgement": Kind(
        N_("We are looking into your complaint (reference %(reference)s)"),
        N_(
            "%(council)s: we are looking into your complaint %(reference)s. "
            "We will reply by %(due)s. An advocate can help you: call %(advocacy_phone)s."
        ),
    ),
    "information_request": Kind(
        N_("We need more information (reference %(reference)s)"),
        N_(
            "%(council)s: we need a bit more information about %(reference)s. "
            "Please call %(phone)s or add it at %(check_url)s"
        ),
    ),
    "refusal": Kind(
        N_("Your complaint (reference %(reference)s): what happens now"),
        N_(
            "%(council)s: we cannot look at %(reference)s as a complaint. We have written to "
            "explain why. You can ask the Ombudsman to look at it: 0300 061 0614."
        ),
    ),
    "extension": Kind(
        N_("We need more time (reference %(reference)s)"),
        N_("%(council)s: we need more time to look into %(reference)s. We will reply by %(due)s."),
    ),
    "escalation": Kind(
        N_("Your complaint has moved to stage %(stage)s (reference %(reference)s)"),
        N_(
            "%(council)s: your complaint %(reference)s has moved to stage %(stage)s. "
            "We will reply by %(due)s."
        ),
    ),
    "advocacy_referral": Kind(
        N_("Advocacy referral from %(council)s (reference %(reference)s)"), professional=True
    ),
    "safeguarding_alert": Kind(
        N_("Safeguarding flag on a new representation (reference %(reference)s)"),
        professional=True,
    ),
    "digest": Kind(N_("Complaint deadlines due and overdue on %(day)s"), professional=True),
}


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def recipient(rep: Representation) -> Person | None:
    """Who hears from us: the person who wrote in, or the advocate who wrote for a child."""
    return rep.person(SUBMITTER) or rep.person(ADVOCATE)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _new_message(
    rep: Representation | None, kind: str, context: Mapping[str, Any]
) -> OutboxMessage:
    if kind not in KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    values = {k: _plain(v) for k, v in context.items()}
    if rep is not None:
        values.setdefault("reference", rep.reference)
    return OutboxMessage(
        dedupe_key=uuid.uuid4().hex,
        representation_id=rep.id if rep is not None else None,
        kind=kind,
        language=rep.language if rep is not None and not KINDS[kind].professional else "en",
        context=values,
    )


def place(message: OutboxMessage, person: Person | None) -> None:
    """Choose how a message to a person travels, or hold it back and say why."""
    choice = routes.choose(person, available_channels(current_app.config))
    message.channel = choice.channel
    message.reason = choice.reason
    if choice.channel is None:
        message.status = WITHHELD
    elif choice.channel == LETTER:
        message.status = TO_PRINT
    else:
        message.status = QUEUED


def tell_person(
    db: Session, rep: Representation, kind: str, *, now: datetime, **context: Any
) -> OutboxMessage:
    """Queue a message to the person who wrote in, by the first route that is safe."""
    message = _new_message(rep, kind, context)
    person = recipient(rep)
    if person is not None and person.id is None:
        db.flush()
    message.person_id = person.id if person is not None else None
    message.created_at = message.next_attempt_at = now
    place(message, person)
    db.add(message)
    return message


def tell_address(
    db: Session,
    rep: Representation | None,
    kind: str,
    address: str,
    *,
    now: datetime,
    **context: Any,
) -> OutboxMessage:
    """Queue a message to a fixed inbox (the duty inbox, the advocacy service)."""
    message = _new_message(rep, kind, context)
    message.address = address
    message.channel = "email"
    message.created_at = message.next_attempt_at = now
    db.add(message)
    return message


def tell_staff(
    db: Session, staff: Staff, kind: str, *, key: str, now: datetime, **context: Any
) -> OutboxMessage | None:
    """Queue a message to a staff account once per ``key`` (a digest per person per day)."""
    taken = db.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key))
    if taken is not None:
        return None
    message = _new_message(None, kind, context)
    message.dedupe_key = key
    message.staff_id = staff.id
    message.channel = "email"
    message.created_at = message.next_attempt_at = now
    db.add(message)
    return message


def on_arrival(db: Session, rep: Representation, *, now: datetime, due: date) -> None:
    """The messages a new representation causes: a receipt (or thanks), the duty inbox for a
    safeguarding flag, and the advocacy service when a young person asked and agreed."""
    details = council()
    if rep.kind == "compliment":
        person = recipient(rep)
        if person is not None and person.contact_routes:
            tell_person(db, rep, "thank_you", now=now)
    else:
        tell_person(db, rep, "receipt", now=now, due=due)
    if rep.safeguarding and details.duty_email:
        tell_address(
            db,
            rep,
            "safeguarding_alert",
            details.duty_email,
            now=now,
            received=now.isoformat(timespec="minutes"),
            flags=rep.flags,
        )
    if rep.wants_advocate and rep.advocacy_consent and details.advocacy_email:
        tell_address(db, rep, "advocacy_referral", details.advocacy_email, now=now)


# --- Writing a message out ----------------------------------------------------------------


def _dates(value: Any) -> Any:
    """ISO dates anywhere in the stored values, written out in the message's language."""
    if isinstance(value, Mapping):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(date.fromisoformat(value), format=DATE_FORMAT)
        except ValueError:
            return value
    return value


def extras(message: OutboxMessage, rep: Representation | None) -> dict[str, Any]:
    """Facts looked up when a message is written, so they are never copied into the outbox:
    for an advocacy referral, the young person's first name, age and safe ways to reach them."""
    public_url = current_app.config["PUBLIC_URL"].rstrip("/")
    found: dict[str, Any] = {"public_url": public_url}
    if rep is not None:
        found["case_url"] = f"{public_url}/staff/case/{rep.reference}"
    if message.kind == "advocacy_referral" and rep is not None:
        person = rep.person(SUBMITTER)
        if person is not None:
            found.update(
                first_name=person.first_name,
                age=person.age_given,
                language=rep.language,
                contact=_safe_contact_lines(person),
            )
    return found


def _safe_contact_lines(person: Person) -> list[str]:
    labels = {
        "email": N_("Email: %(value)s"),
        "text": N_("Text message: %(value)s"),
        "phone": N_("Phone: %(value)s"),
        "post": N_("Post: %(value)s"),
        "social_worker": N_("Through their social worker"),
        "advocate": N_("Through their advocate"),
    }
    values = {"email": person.email, "text": person.mobile, "phone": person.phone}
    values["post"] = person.address
    lines = []
    for route in person.contact_routes:
        if route in (person.unsafe_routes or {}) or route not in labels:
            continue
        lines.append(gettext(labels[route], value=values.get(route) or ""))
    return lines or [gettext("No safe way to contact them was given: call the complaints team.")]


def _text_templates() -> Environment:
    """The app's templates, but keeping every newline: in plain text, blank lines are the
    paragraphs (the HTML environment trims the newline after each block tag)."""
    env = current_app.extensions.get("portal.text_templates")
    if env is None:
        env = current_app.jinja_env.overlay(trim_blocks=False, lstrip_blocks=False)
        current_app.extensions["portal.text_templates"] = env
    return env


def check_url() -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + "/check"


def render(
    message: OutboxMessage, *, name: str | None = None, extra: Mapping[str, Any] | None = None
) -> Rendered:
    """The message in its language: subject and plain-text body (email and letter), or the
    short text for a text message. Rendered without a request, so it needs no browser."""
    kind = KINDS[message.kind]
    details = council()
    with force_locale(message.language or "en"):
        values = _dates(message.context)
        # Labels from the council's lists are stored in English and read in the message's
        # language.
        for key, value in list(values.items()):
            if key.endswith("_label") and isinstance(value, str) and value:
                values[key] = gettext(value)
        values.update(
            council=details.name,
            phone=details.phone,
            advocacy_name=details.advocacy_name,
            advocacy_phone=details.advocacy_phone,
            check_url=check_url(),
        )
        subject = gettext(kind.subject, **values)
        if message.channel == SMS and kind.sms:
            return Rendered(subject, gettext(kind.sms, **values))
        template = _text_templates().get_template(f"messages/{message.kind}.txt")
        body = template.render(m=values, name=name, council=details, extra=extra or {})
    # Optional paragraphs leave runs of blank lines behind: one blank line between paragraphs.
    return Rendered(subject, re.sub(r"\n{3,}", "\n\n", body).strip() + "\n")
