"""Contact safety: which way, if any, a message to a person may travel.

A person lists the routes we may use, best first, and may tell us a route is not safe
(someone else reads their email or shares their phone). A route marked unsafe is never used,
whatever else is recorded. Phone calls and "through my social worker" are for staff to do;
the outbox only sends email, text messages and letters.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from portal.core.markers import N_
from portal.models.outbox import EMAIL, LETTER, SMS
from portal.models.person import Person

# Route (as people choose it) -> channel the outbox sends by.
SENDABLE = {"email": EMAIL, "text": SMS, "post": LETTER}

# Why a route is unsafe, as the person told us (or staff recorded).
UNSAFE_REASONS = {
    "shared_email": N_("Someone else reads their email"),
    "shared_phone": N_("Someone else uses their phone or sees their texts"),
    "shared_post": N_("Someone else opens their post"),
    "staff": N_("Staff were told this way is not safe"),
}
# Which routes each reason rules out.
ROUTES_FOR_REASON = {
    "shared_email": ("email",),
    "shared_phone": ("text", "phone"),
    "shared_post": ("post",),
}

# Why a message was not sent, for the staff case page.
WITHHELD_REASONS = {
    "unsafe": N_("Not sent: the way they chose is not safe"),
    "no_contact": N_("Not sent: they asked us not to get in touch"),
    "staff_route": N_("Not sent: they asked to be contacted by phone or through someone"),
    "no_address": N_("Not sent: we have no address for the way they chose"),
    "no_sender": N_("Not sent: this portal cannot send that way"),
}


@dataclass(frozen=True)
class Choice:
    channel: str | None
    reason: str | None = None


def unsafe_routes_for(reasons: Collection[str]) -> dict[str, str]:
    """The routes ruled out by the reasons a person ticked, each with its reason."""
    found: dict[str, str] = {}
    for reason in reasons:
        for route in ROUTES_FOR_REASON.get(reason, ()):
            found.setdefault(route, reason)
    return found


def address_for(person: Person, channel: str) -> str | None:
    if channel == EMAIL:
        return person.email
    if channel == SMS:
        return person.mobile
    if channel == LETTER:
        return person.address
    return None


def choose(person: Person | None, available: Collection[str]) -> Choice:
    """The first route the person chose that is safe, sendable and has an address."""
    if person is None or not person.contact_routes:
        return Choice(None, "no_contact")
    unsafe = person.unsafe_routes or {}
    reason = None
    for route in person.contact_routes:
        if route in unsafe:
            reason = reason or "unsafe"
            continue
        channel = SENDABLE.get(route)
        if channel is None:
            reason = reason or "staff_route"
        elif channel not in available:
            reason = reason or "no_sender"
        elif not address_for(person, channel):
            reason = reason or "no_address"
        else:
            return Choice(channel)
    return Choice(None, reason or "no_contact")
