"""Staff forms for triage."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField

from portal.forms.base import QuestionForm
from portal.forms.fields import (
    TEXT_MAX,
    CheckboxesField,
    DateInputField,
    LineField,
    RadiosField,
    Required,
    SelectOneField,
    TextField,
    limit,
)
from portal.intake.forms.base import email_field, phone_field
from portal.triage.states import CLASSIFICATIONS


class ClassifyForm(QuestionForm):
    classification = RadiosField(
        _l("What is this?"),
        choices=[(c.code, _l(c.label)) for c in CLASSIFICATIONS.values()],
        message=_l("Select what this is"),
    )
    refused_route = SelectOneField(
        _l("If refused: the procedure it was refused from"),
        choices=[("statutory", _l("Statutory")), ("corporate", _l("Corporate"))],
    )
    refusal_reason_code = SelectOneField(_l("If refused: the reason"))
    refusal_explanation = TextField(
        _l("If refused: the explanation for the person"),
        description=_l(
            "Say why, in plain words. The letter will tell them they can go to the Local "
            "Government and Social Care Ombudsman."
        ),
        validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))],
    )
    deferred_until = DateInputField(
        _l("If deferred: the date to invite the complaint again"),
        description=_l("When the court proceedings are expected to end. For example, 1 6 2027"),
        past_only=False,
    )
    missing_information = TextField(
        _l("If a pre-complaint: what information is missing"),
        validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))],
    )
    concern_team_code = SelectOneField(_l("If a case concern: the team it goes to today"))
    compliment_category_code = SelectOneField(_l("If a compliment: its category"))
    nature_code = SelectOneField(_l("If a complaint: its nature"))
    service_code = SelectOneField(_l("Service or team (complaints and compliments)"))
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
    # No conditional reveals: GOV.UK radios that reveal questions carry aria-expanded, which
    # ARIA does not allow on a radio. Each detail says when it is needed instead.

    def answer_fields(self) -> list[Field]:
        return [f for f in super().answer_fields() if f.name != "version"]


YES_NO_UNKNOWN = [("yes", _l("Yes")), ("no", _l("No")), ("not_sure", _l("Not known"))]
ROUTES = [
    ("email", _l("Email")),
    ("phone", _l("Phone call")),
    ("text", _l("Text message")),
    ("post", _l("Post")),
    ("social_worker", _l("Through their social worker")),
    ("advocate", _l("Through their advocate")),
]


class EntryForm(QuestionForm):
    """A representation received by email, letter, phone or in person, typed in by staff.

    One page rather than one question a page: staff copy from a letter or a call note.
    """

    intent = RadiosField(
        _l("What is it?"),
        choices=[
            ("complain", _l("Complaint")),
            ("worry", _l("Concern")),
            ("thanks", _l("Compliment")),
        ],
        message=_l("Select what it is"),
    )
    method = SelectOneField(_l("How it arrived"), message=_l("Select how it arrived"))
    received_on = DateInputField(
        _l("Date received"),
        description=_l("For example, 27 3 2026"),
        required_message=_l("Enter the date it was received"),
    )
    role = SelectOneField(_l("Who it is from"), message=_l("Select who it is from"))
    first_name = LineField(
        _l("Their first name (optional)"),
        validators=[limit(100, _l("Name must be 100 characters or less"))],
    )
    last_name = LineField(
        _l("Their last name (optional)"),
        validators=[limit(100, _l("Name must be 100 characters or less"))],
    )
    parental_responsibility = RadiosField(
        _l("Do they have parental responsibility?"),
        choices=YES_NO_UNKNOWN,
        message=_l("Select yes, no or not known"),
    )
    child_first_name = LineField(
        _l("Child's first name (optional)"),
        validators=[limit(100, _l("Name must be 100 characters or less"))],
    )
    child_last_name = LineField(
        _l("Child's last name (optional)"),
        validators=[limit(100, _l("Name must be 100 characters or less"))],
    )
    child_date_of_birth = DateInputField(_l("Child's date of birth (optional)"))
    email = email_field(_l("Email address (optional)"))
    phone = phone_field(_l("Phone number (optional)"))
    address = TextField(
        _l("Address (optional)"),
        validators=[limit(500, _l("Address must be 500 characters or less"))],
    )
    contact_routes = CheckboxesField(
        _l("Ways it is safe to contact them"),
        description=_l("Leave all unticked if they asked not to be contacted."),
        choices=ROUTES,
    )
    service = SelectOneField(_l("Service or team"), message=_l("Select the service or team"))
    what_happened = TextField(
        _l("What they told us"),
        validators=[
            Required(_l("Enter what they told us")),
            limit(TEXT_MAX, _l("This must be 5000 characters or less")),
        ],
    )
    happened_on = DateInputField(_l("When it happened (optional)"))
    outcome_wanted = TextField(
        _l("What they want to happen (optional)"),
        validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))],
    )
    outcomes_sought = CheckboxesField(_l("Outcomes sought"))
    wants_advocate = RadiosField(
        _l("Would they like an advocate?"),
        choices=YES_NO_UNKNOWN,
        message=_l("Select yes, no or not known"),
    )
    needs_action_today = RadiosField(
        _l("Does something need doing today?"),
        choices=YES_NO_UNKNOWN,
        message=_l("Select yes, no or not known"),
    )
    entry_key = HiddenField()

    vocabularies = {
        "method": "method",
        "role": "role",
        "service": "service",
        "outcomes_sought": "outcome_sought",
    }

    def answer_fields(self) -> list[Field]:
        return [f for f in super().answer_fields() if f.name != "entry_key"]
