"""Staff forms for triage."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField

from portal.forms.base import QuestionForm
from portal.forms.fields import (
    TEXT_MAX,
    DateInputField,
    RadiosField,
    SelectOneField,
    TextField,
    limit,
)
from portal.triage.states import CLASSIFICATIONS


class ClassifyForm(QuestionForm):
    classification = RadiosField(
        _l("What is this?"),
        choices=[(c.code, _l(c.label)) for c in CLASSIFICATIONS.values()],
        message=_l("Select what this is"),
    )
    refusal_reason_code = SelectOneField(_l("Reason for refusing"))
    refusal_explanation = TextField(
        _l("Explanation for the person"),
        description=_l(
            "Say why, in plain words. The letter will tell them they can go to the Local "
            "Government and Social Care Ombudsman."
        ),
        validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))],
    )
    deferred_until = DateInputField(
        _l("Date to invite the complaint again"),
        description=_l("When the court proceedings are expected to end. For example, 1 6 2027"),
        past_only=False,
    )
    missing_information = TextField(
        _l("What information is missing"),
        validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))],
    )
    concern_team_code = SelectOneField(_l("Team it goes to today"))
    compliment_category_code = SelectOneField(_l("Compliment category"))
    nature_code = SelectOneField(_l("Nature of complaint"))
    service_code = SelectOneField(_l("Service or team"))
    reason = TextField(
        _l("Reason for this decision (needed when changing a classification)"),
        validators=[limit(2000, _l("This must be 2000 characters or less"))],
    )
    version = HiddenField()

    vocabularies = {
        "refusal_reason_code": "refusal_reason",
        "concern_team_code": "service",
        "compliment_category_code": "compliment_category",
        "nature_code": "nature",
        "service_code": "service",
    }
    reveals = {
        "refused": ["refusal_reason_code", "refusal_explanation"],
        "deferred": ["deferred_until"],
        "pre_complaint": ["missing_information"],
        "case_concern": ["concern_team_code"],
        "compliment": ["compliment_category_code"],
    }

    def answer_fields(self) -> list[Field]:
        return [f for f in super().answer_fields() if f.name != "version"]
