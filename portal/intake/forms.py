"""The question pages of every public journey, one small form per page.

Labels, hints and messages are written for the person reading them: the young person's forms
use short, everyday words (a test holds them to a reading age of about nine), the adult forms
follow GOV.UK's question-page wording. Choice lists that councils edit are filled in from the
category table by the journey engine (``vocabulary=``).
"""

from __future__ import annotations

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from portal.intake.fields import (
    LINE_MAX,
    NAME_MAX,
    TEXT_MAX,
    CheckboxesField,
    DateInputField,
    LineField,
    RadiosField,
    Required,
    TextField,
    limit,
)

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]
YES_NO_NOT_SURE = [*YES_NO, ("not_sure", _l("I'm not sure"))]
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{7,20}$")


class QuestionForm(FlaskForm):
    """A page of a journey. ``answer_fields`` are the fields stored in the draft.

    ``vocabularies`` maps a field to the editable category list its choices come from;
    ``reveals`` maps a choice to the fields shown under it (GOV.UK conditional reveal, all
    shown when JavaScript is off); ``exclusive`` names a "none of these" checkbox.
    """

    vocabularies: dict[str, str] = {}
    reveals: dict[str, list[str]] = {}
    exclusive: str | None = None

    def answer_fields(self) -> list[Field]:
        return [f for f in self if f.name != "csrf_token"]


def email_address(form: Any, field: Field) -> None:
    """Check the shape of an email address (no DNS look-up: it would leak and be slow)."""
    if not field.data:
        return
    try:
        field.data = validate_email(field.data, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValidationError(
            _l("Enter an email address in the correct format, like name@example.com")
        ) from None


def phone_number(form: Any, field: Field) -> None:
    if field.data and not PHONE_PATTERN.match(field.data):
        raise ValidationError(_l("Enter a phone number, like 07700 900 982"))


def needed_for(route_field: str, routes: set[str], message: Any) -> Any:
    """A validator: this detail is required when one of ``routes`` was chosen."""

    def _check(form: Any, field: Field) -> None:
        chosen = form[route_field].data
        chosen = set(chosen) if isinstance(chosen, list) else {chosen}
        if chosen & routes and not field.data:
            raise StopValidation(message)

    return _check


# --- Start: what would you like to do, and who are you -------------------------------------


class IntentForm(QuestionForm):
    intent = RadiosField(
        _l("What would you like to do?"),
        choices=[
            ("complain", _l("Complain about something")),
            ("worry", _l("Tell us about a worry")),
            ("thanks", _l("Say thank you")),
        ],
        message=_l("Select what you would like to do"),
    )


class RoleForm(QuestionForm):
    role = RadiosField(
        _l("Who are you?"),
        choices=[
            ("young_person", _l("I am a child or young person")),
            ("advocate", _l("I am helping a young person or speaking for them")),
            ("adult", _l("I am a parent, carer or relative")),
            ("professional", _l("I work with children or families")),
            ("other", _l("Someone else")),
        ],
        message=_l("Select who you are"),
    )


# --- Young person -------------------------------------------------------------------------


class ContinueForm(QuestionForm):
    """A page with something to read and a Continue button."""


class YoungNameForm(QuestionForm):
    first_name = LineField(
        _l("What is your first name?"),
        description=_l("Your first name is all we need."),
        validators=[
            Required(_l("Tell us your first name")),
            limit(NAME_MAX, _l("Your first name must be 100 letters or less")),
        ],
    )
    last_name = LineField(
        _l("Last name (you can leave this out)"),
        validators=[limit(NAME_MAX, _l("Your last name must be 100 letters or less"))],
    )


class YoungAgeForm(QuestionForm):
    age = LineField(
        _l("How old are you?"),
        description=_l("You can leave this out."),
        validators=[limit(3, _l("Enter your age as a number, like 12"))],
    )

    def validate_age(self, field: Field) -> None:
        if field.data and (not field.data.isdigit() or not 4 <= int(field.data) <= 25):
            raise ValidationError(_l("Enter your age as a number, like 12"))


class YoungWhatForm(QuestionForm):
    what_happened = TextField(
        _l("What happened?"),
        description=_l("Tell us in your own words."),
        validators=[
            Required(_l("Tell us what happened")),
            limit(TEXT_MAX, _l("What happened must be 5000 letters or less")),
        ],
    )


class YoungWorryForm(QuestionForm):
    what_happened = TextField(
        _l("What are you worried about?"),
        description=_l("Tell us in your own words."),
        validators=[
            Required(_l("Tell us what you are worried about")),
            limit(TEXT_MAX, _l("Your worry must be 5000 letters or less")),
        ],
    )


class YoungTodayForm(QuestionForm):
    needs_action_today = RadiosField(
        _l("Does this need sorting out today?"),
        choices=YES_NO_NOT_SURE,
        message=_l("Say if this needs sorting out today"),
    )


class YoungWhenForm(QuestionForm):
    when_happened = LineField(
        _l("When did it happen?"),
        description=_l("For example, last week or at Christmas. You can leave this out."),
        validators=[limit(LINE_MAX, _l("This must be 200 letters or less"))],
    )


class YoungWhoForm(QuestionForm):
    who_involved = TextField(
        _l("Who was part of it?"),
        description=_l("Tell us their names or jobs if you know them."),
        validators=[limit(TEXT_MAX, _l("This must be 5000 letters or less"))],
    )
    who_unknown = CheckboxesField(
        _l("Not sure who"),
        choices=[("yes", _l("I don't know"))],
    )
    field_params = {"who_unknown": {"fieldset": {"legend": {"classes": "govuk-visually-hidden"}}}}

    def validate_who_involved(self, field: Field) -> None:
        if not field.data and not self.who_unknown.data:
            raise StopValidation(_l("Tell us who was part of it, or tick I don't know"))


class YoungBetterForm(QuestionForm):
    outcome_wanted = TextField(
        _l("What would make it better?"),
        description=_l("You can leave this out if you are not sure."),
        validators=[limit(TEXT_MAX, _l("This must be 5000 letters or less"))],
    )


class YoungAdvocateForm(QuestionForm):
    wants_advocate = RadiosField(
        _l("Would you like an advocate to help you?"),
        description=_l(
            "An advocate is a person who is on your side. They help you say what you want."
        ),
        choices=YES_NO_NOT_SURE,
        message=_l("Say if you would like an advocate"),
    )


YOUNG_ROUTES = [
    ("email", _l("Email")),
    ("text", _l("Text message")),
    ("phone", _l("Phone call")),
    ("social_worker", _l("Through my social worker")),
    ("advocate", _l("Through my advocate")),
    ("post", _l("Letter in the post")),
]


class YoungContactForm(QuestionForm):
    contact_routes = CheckboxesField(
        _l("How is it safe for us to get in touch?"),
        description=_l("Only pick ways where no one else will see or hear what we say."),
        choices=[*YOUNG_ROUTES, ("none", _l("Do not get in touch with me"))],
        message=_l("Pick a way to get in touch, or pick do not get in touch"),
    )
    email = LineField(
        _l("Email address"),
        validators=[
            needed_for("contact_routes", {"email"}, _l("Tell us your email address")),
            limit(254, _l("Your email address must be 254 letters or less")),
            email_address,
        ],
    )
    mobile = LineField(
        _l("Mobile phone number for texts"),
        validators=[
            needed_for("contact_routes", {"text"}, _l("Tell us your mobile phone number")),
            limit(20, _l("Enter a phone number, like 07700 900 982")),
            phone_number,
        ],
    )
    phone = LineField(
        _l("Phone number for calls"),
        validators=[
            needed_for("contact_routes", {"phone"}, _l("Tell us your phone number")),
            limit(20, _l("Enter a phone number, like 07700 900 982")),
            phone_number,
        ],
    )
    address = TextField(
        _l("Address"),
        validators=[
            needed_for("contact_routes", {"post"}, _l("Tell us your address")),
            limit(500, _l("Your address must be 500 letters or less")),
        ],
    )
    contact_notes = TextField(
        _l("Is there anything else we should know? (you can leave this out)"),
        description=_l("For example, a good time to call."),
        validators=[limit(1000, _l("This must be 1000 letters or less"))],
    )

    reveals = {"email": ["email"], "text": ["mobile"], "phone": ["phone"], "post": ["address"]}
    exclusive = "none"

    def validate_contact_routes(self, field: Field) -> None:
        if "none" in field.data and len(field.data) > 1:
            raise StopValidation(
                _l("Pick ways to get in touch, or pick do not get in touch, but not both")
            )


# --- Advocate ------------------------------------------------------------------------------


class AdvocateDetailsForm(QuestionForm):
    first_name = LineField(
        _l("First name"),
        validators=[
            Required(_l("Enter your first name")),
            limit(NAME_MAX, _l("First name must be 100 characters or less")),
        ],
    )
    last_name = LineField(
        _l("Last name"),
        validators=[
            Required(_l("Enter your last name")),
            limit(NAME_MAX, _l("Last name must be 100 characters or less")),
        ],
    )
    organisation = LineField(
        _l("Organisation (optional)"),
        description=_l("For example, the advocacy service you work for"),
        validators=[limit(LINE_MAX, _l("Organisation must be 200 characters or less"))],
    )
    email = LineField(
        _l("Email address"),
        validators=[
            Required(_l("Enter your email address")),
            limit(254, _l("Email address must be 254 characters or less")),
            email_address,
        ],
    )
    phone = LineField(
        _l("Phone number (optional)"),
        validators=[limit(20, _l("Enter a phone number, like 07700 900 982")), phone_number],
    )


class ChildDetailsForm(QuestionForm):
    child_first_name = LineField(
        _l("First name"),
        validators=[
            Required(_l("Enter the child or young person's first name")),
            limit(NAME_MAX, _l("First name must be 100 characters or less")),
        ],
    )
    child_last_name = LineField(
        _l("Last name"),
        validators=[limit(NAME_MAX, _l("Last name must be 100 characters or less"))],
    )
    child_date_of_birth = DateInputField(
        _l("Date of birth (optional)"),
        description=_l("For example, 27 3 2012"),
    )


class AdvocateAskedForm(QuestionForm):
    young_person_asked = CheckboxesField(
        _l("Did the young person ask you to act for them?"),
        description=_l(
            "We can only accept a complaint from you on a young person's behalf if they "
            "asked you to make it."
        ),
        choices=[("yes", _l("I confirm the young person asked me to act for them"))],
        message=_l("Confirm that the young person asked you to act for them"),
    )


class AdvocateWhatForm(QuestionForm):
    what_happened = TextField(
        _l("What does the young person want to tell us?"),
        description=_l("Use their own words where you can."),
        validators=[
            Required(_l("Enter what the young person wants to tell us")),
            limit(TEXT_MAX, _l("This must be 5000 characters or less")),
        ],
    )


class WhenTextForm(QuestionForm):
    when_happened = LineField(
        _l("When did it happen? (optional)"),
        description=_l("For example, 3 March 2025, or since last summer"),
        validators=[limit(LINE_MAX, _l("This must be 200 characters or less"))],
    )


class AdvocateOutcomeForm(QuestionForm):
    outcome_wanted = TextField(
        _l("What does the young person want to happen?"),
        validators=[
            Required(_l("Enter what the young person wants to happen")),
            limit(TEXT_MAX, _l("This must be 5000 characters or less")),
        ],
    )


class AdvocateDirectForm(QuestionForm):
    may_contact_child_directly = RadiosField(
        _l("Can we contact the young person directly?"),
        choices=[
            ("yes", _l("Yes, you can contact them directly")),
            ("no", _l("No, contact them through me")),
        ],
        message=_l("Select whether we can contact the young person directly"),
    )


# --- Adults: complaint and concern ---------------------------------------------------------


class RelationshipForm(QuestionForm):
    relationship = RadiosField(
        _l("What is your relationship to the child or young person?"),
        choices=[],
        message=_l("Select your relationship to the child or young person"),
    )
    vocabularies = {"relationship": "relationship"}


class ParentalResponsibilityForm(QuestionForm):
    parental_responsibility = RadiosField(
        _l("Do you have parental responsibility for the child?"),
        description=_l(
            "Parental responsibility means the legal rights and duties a parent has. "
            "Your answer does not stop you complaining."
        ),
        choices=YES_NO_NOT_SURE,
        message=_l("Select whether you have parental responsibility"),
    )


class AdultChildForm(ChildDetailsForm):
    pass


class ServiceForm(QuestionForm):
    service = RadiosField(
        _l("Which service or team is this about?"),
        choices=[],
        message=_l("Select the service or team, or select not sure"),
    )
    vocabularies = {"service": "service"}


class AdultWhatForm(QuestionForm):
    what_happened = TextField(
        _l("What happened?"),
        description=_l(
            "Tell us what went wrong, and the names of people or teams involved if you know "
            "them. Do not include bank details."
        ),
        validators=[
            Required(_l("Enter what happened")),
            limit(TEXT_MAX, _l("What happened must be 5000 characters or less")),
        ],
    )


class ConcernWhatForm(QuestionForm):
    what_happened = TextField(
        _l("What are you worried about?"),
        validators=[
            Required(_l("Enter what you are worried about")),
            limit(TEXT_MAX, _l("Your worry must be 5000 characters or less")),
        ],
    )


class TodayForm(QuestionForm):
    needs_action_today = RadiosField(
        _l("Does something need to be done about this today?"),
        choices=YES_NO_NOT_SURE,
        message=_l("Select whether something needs to be done today"),
    )


class AdultWhenForm(QuestionForm):
    happened_on = DateInputField(
        _l("When did it happen?"),
        description=_l(
            "If it went on for a while, give the date it started. If you are not sure of the "
            "day, give your best guess. For example, 27 3 2025"
        ),
        required_message=_l("Enter the date it happened"),
    )


class OutcomesForm(QuestionForm):
    outcomes_sought = CheckboxesField(
        _l("What would you like to happen?"),
        description=_l("Select all that apply."),
        choices=[],
        message=_l("Select what you would like to happen"),
    )
    other_outcome = TextField(
        _l("Tell us what else you would like to happen"),
        validators=[
            needed_for(
                "outcomes_sought",
                {"something_else"},
                _l("Enter what else you would like to happen"),
            ),
            limit(TEXT_MAX, _l("This must be 5000 characters or less")),
        ],
    )
    vocabularies = {"outcomes_sought": "outcome_sought"}
    reveals = {"something_else": ["other_outcome"]}


class YourNameForm(QuestionForm):
    first_name = LineField(
        _l("First name"),
        validators=[
            Required(_l("Enter your first name")),
            limit(NAME_MAX, _l("First name must be 100 characters or less")),
        ],
    )
    last_name = LineField(
        _l("Last name"),
        validators=[
            Required(_l("Enter your last name")),
            limit(NAME_MAX, _l("Last name must be 100 characters or less")),
        ],
    )


ADULT_ROUTES = [
    ("email", _l("Email")),
    ("phone", _l("Phone")),
    ("text", _l("Text message")),
    ("post", _l("Post")),
]


class AdultContactForm(QuestionForm):
    preferred_contact = RadiosField(
        _l("How should we contact you?"),
        description=_l("We will only use the way you choose."),
        choices=ADULT_ROUTES,
        message=_l("Select how we should contact you"),
    )
    email = LineField(
        _l("Email address"),
        validators=[
            needed_for("preferred_contact", {"email"}, _l("Enter your email address")),
            limit(254, _l("Email address must be 254 characters or less")),
            email_address,
        ],
    )
    phone = LineField(
        _l("Phone number"),
        validators=[
            needed_for("preferred_contact", {"phone"}, _l("Enter your phone number")),
            limit(20, _l("Enter a phone number, like 07700 900 982")),
            phone_number,
        ],
    )
    mobile = LineField(
        _l("Mobile phone number"),
        validators=[
            needed_for("preferred_contact", {"text"}, _l("Enter your mobile phone number")),
            limit(20, _l("Enter a phone number, like 07700 900 982")),
            phone_number,
        ],
    )
    address = TextField(
        _l("Address"),
        validators=[
            needed_for("preferred_contact", {"post"}, _l("Enter your address")),
            limit(500, _l("Address must be 500 characters or less")),
        ],
    )
    reveals = {"email": ["email"], "phone": ["phone"], "text": ["mobile"], "post": ["address"]}


class AdjustmentsForm(QuestionForm):
    interpreter_language = LineField(
        _l("If you need an interpreter, which language? (optional)"),
        validators=[limit(NAME_MAX, _l("Language must be 100 characters or less"))],
    )
    adjustments = TextField(
        _l("Do you need any other help to use our service? (optional)"),
        description=_l("For example, large print, easy read, or a call at a set time"),
        validators=[limit(1000, _l("This must be 1000 characters or less"))],
    )


class EqualityConsentForm(QuestionForm):
    equality = RadiosField(
        _l("Would you like to answer some optional questions about yourself?"),
        description=_l(
            "We ask so we can check our service is fair to everyone. Your answers are not "
            "used to decide anything about your complaint."
        ),
        choices=YES_NO,
        message=_l("Select yes if you would like to answer the questions"),
    )


def _equality_form(name: str, label: Any, vocabulary: str, message: Any) -> type[QuestionForm]:
    field = RadiosField(label, choices=[], message=message)
    return type(
        name, (QuestionForm,), {vocabulary: field, "vocabularies": {vocabulary: vocabulary}}
    )


AgeBandForm = _equality_form(
    "AgeBandForm", _l("What is your age?"), "age_band", _l("Select your age, or prefer not to say")
)
GenderForm = _equality_form(
    "GenderForm",
    _l("What is your gender?"),
    "gender",
    _l("Select your gender, or prefer not to say"),
)
EthnicityForm = _equality_form(
    "EthnicityForm",
    _l("What is your ethnic group?"),
    "ethnicity",
    _l("Select your ethnic group, or prefer not to say"),
)
DisabilityForm = _equality_form(
    "DisabilityForm",
    _l("Do you consider yourself to have a disability?"),
    "disability",
    _l("Select yes, no or prefer not to say"),
)


# --- Compliment ----------------------------------------------------------------------------


class ComplimentWhoForm(QuestionForm):
    team_named = LineField(
        _l("Who would you like to thank?"),
        description=_l("The person's name, their team, or both"),
        validators=[
            Required(_l("Enter who you would like to thank")),
            limit(LINE_MAX, _l("This must be 200 characters or less")),
        ],
    )


class ComplimentWhatForm(QuestionForm):
    what_happened = TextField(
        _l("What went well?"),
        validators=[
            Required(_l("Enter what went well")),
            limit(TEXT_MAX, _l("This must be 5000 characters or less")),
        ],
    )


class ComplimentShareForm(QuestionForm):
    may_share_with_team = RadiosField(
        _l("Can we share what you said with them?"),
        choices=YES_NO,
        message=_l("Select yes if we can share what you said"),
    )


class ComplimentContactForm(QuestionForm):
    wants_reply = RadiosField(
        _l("Would you like us to reply?"),
        choices=[("email", _l("Yes, by email")), ("no", _l("No, thank you"))],
        message=_l("Select whether you would like a reply"),
    )
    first_name = LineField(
        _l("Your name"),
        validators=[
            needed_for("wants_reply", {"email"}, _l("Enter your name")),
            limit(NAME_MAX, _l("Name must be 100 characters or less")),
        ],
    )
    email = LineField(
        _l("Email address"),
        validators=[
            needed_for("wants_reply", {"email"}, _l("Enter your email address")),
            limit(254, _l("Email address must be 254 characters or less")),
            email_address,
        ],
    )
    reveals = {"email": ["first_name", "email"]}
