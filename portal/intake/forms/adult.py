"""Pages for parents, carers, relatives, professionals and others: complaints and worries."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import StopValidation

from portal.forms.fields import (
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
from portal.intake.forms.base import (
    YES_NO,
    YES_NO_NOT_SURE,
    ChildDetailsForm,
    QuestionForm,
    email_field,
    name_field,
    needed_for,
    phone_field,
)


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
    first_name = name_field(_l("First name"), required=_l("Enter your first name"))
    last_name = name_field(_l("Last name"), required=_l("Enter your last name"))


ADULT_ROUTES = [
    ("email", _l("Email")),
    ("phone", _l("Phone")),
    ("text", _l("Text message")),
    ("post", _l("Post")),
]


class AdultContactForm(QuestionForm):
    """How to reach the person; the detail for the way they choose is asked next, on its own
    page (a radio that reveals questions breaks ARIA rules and the one-question pattern)."""

    preferred_contact = RadiosField(
        _l("How should we contact you?"),
        description=_l("We will only use the way you choose."),
        choices=ADULT_ROUTES,
        message=_l("Select how we should contact you"),
    )


class EmailAddressForm(QuestionForm):
    email = email_field(_l("What is your email address?"), required=_l("Enter your email address"))


class PhoneNumberForm(QuestionForm):
    phone = phone_field(_l("What is your phone number?"), required=_l("Enter your phone number"))


class MobileNumberForm(QuestionForm):
    mobile = phone_field(
        _l("What mobile number should we text?"), required=_l("Enter your mobile phone number")
    )


class PostalAddressForm(QuestionForm):
    address = TextField(
        _l("What is your address?"),
        description=_l("Include the postcode"),
        validators=[
            Required(_l("Enter your address")),
            limit(500, _l("Address must be 500 characters or less")),
        ],
    )


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


class ContactSafetyForm(QuestionForm):
    """Asked after the way to contact: someone who shares an inbox or a phone with the
    person they are complaining about must not have our replies read by them."""

    unsafe = CheckboxesField(
        _l("Could someone else see what we send you?"),
        description=_l("We will not send anything a way that someone else could see."),
        choices=[
            ("shared_email", _l("Someone else reads my email")),
            ("shared_phone", _l("Someone else uses my phone or sees my texts")),
            ("shared_post", _l("Someone else opens my post")),
            ("none", _l("No, only I will see it")),
        ],
        message=_l("Select who could see what we send, or select only I will see it"),
    )
    exclusive = "none"

    def validate_unsafe(self, field: Field) -> None:
        if "none" in field.data and len(field.data) > 1:
            raise StopValidation(_l("Select who could see, or select only I will see it, not both"))
