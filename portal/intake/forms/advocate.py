"""Pages for an advocate or helper acting on a young person's instructions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.forms.fields import (
    LINE_MAX,
    TEXT_MAX,
    CheckboxesField,
    LineField,
    RadiosField,
    Required,
    TextField,
    limit,
)
from portal.intake.forms.base import (
    QuestionForm,
    email_field,
    name_field,
    phone_field,
)


class AdvocateDetailsForm(QuestionForm):
    first_name = name_field(_l("First name"), required=_l("Enter your first name"))
    last_name = name_field(_l("Last name"), required=_l("Enter your last name"))
    organisation = LineField(
        _l("Organisation (optional)"),
        description=_l("For example, the advocacy service you work for"),
        validators=[limit(LINE_MAX, _l("Organisation must be 200 characters or less"))],
    )
    email = email_field(required=_l("Enter your email address"))
    phone = phone_field(_l("Phone number (optional)"))


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
