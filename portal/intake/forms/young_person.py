"""The young person's pages: short everyday words (held to a reading age of about nine)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from portal.forms.fields import (
    LINE_MAX,
    NAME_MAX,
    TEXT_MAX,
    CheckboxesField,
    LineField,
    RadiosField,
    Required,
    TextField,
    limit,
)
from portal.intake.forms.base import (
    YES_NO_NOT_SURE,
    QuestionForm,
    email_field,
    needed_for,
    phone_field,
)


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
    email = email_field(
        needed=needed_for("contact_routes", {"email"}, _l("Tell us your email address"))
    )
    mobile = phone_field(
        _l("Mobile phone number for texts"),
        needed=needed_for("contact_routes", {"text"}, _l("Tell us your mobile phone number")),
    )
    phone = phone_field(
        _l("Phone number for calls"),
        needed=needed_for("contact_routes", {"phone"}, _l("Tell us your phone number")),
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


class YoungContactSafetyForm(QuestionForm):
    unsafe = CheckboxesField(
        _l("Could anyone else see what we send you?"),
        description=_l("We will not use a way that someone else could see."),
        choices=[
            ("shared_email", _l("Someone else reads my emails")),
            ("shared_phone", _l("Someone else uses my phone or reads my texts")),
            ("shared_post", _l("Someone else opens my letters")),
            ("none", _l("No, only I will see it")),
        ],
        message=_l("Pick who could see what we send, or pick only I will see it"),
    )
    exclusive = "none"

    def validate_unsafe(self, field: Field) -> None:
        if "none" in field.data and len(field.data) > 1:
            raise StopValidation(_l("Pick who could see, or pick only I will see it, not both"))


class YoungAdvocacyConsentForm(QuestionForm):
    advocacy_consent = RadiosField(
        _l("Can we tell the advocacy service about you?"),
        description=_l(
            "We would tell them your first name, your age and how to get in touch with you. "
            "We will not tell them what you wrote. An advocate will then get in touch."
        ),
        choices=[
            ("yes", _l("Yes, tell them")),
            ("no", _l("No, I will call them myself")),
        ],
        message=_l("Say if we can tell the advocacy service about you"),
    )
