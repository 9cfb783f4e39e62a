"""The triage queue's order: untriaged (or with a request from the tracking page) first,
then safeguarding, a young person, a possible case concern; oldest first within each.
Stored on the row as a rank (0 is most urgent) so the queue is one ascending index range,
page after page."""

from __future__ import annotations

from portal.models import Representation
from portal.models.representation import NEW

LEAST_URGENT = 15


def queue_rank(representation: Representation) -> int:
    return LEAST_URGENT - (
        # A person who added information or asked for something waits like a new arrival.
        (8 if representation.status == NEW or representation.person_request else 0)
        + (4 if representation.safeguarding else 0)
        + (2 if representation.young_person else 0)
        + (1 if representation.possible_case_concern else 0)
    )
