"""What every question page shares: the base form, validators and field factories."""

from __future__ import annotations

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from portal.forms.base import QuestionForm
from portal.forms.fields import (
    NAME_MAX,
    DateInputField,
    LineField,
    RadiosField,
    Required,
    limit,
)

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]
YES_NO_NOT_SURE = [*YES_NO, ("not_sure", _l("I'm not sure"))]
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{7,20}$")


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


def name_field(label: Any, *, required: Any = None, too_long: Any = None) -> LineField:
    """A name; ``required`` is the message when it is left blank (omit for optional)."""
    validators: list[Any] = [Required(required)] if required else []
    validators.append(limit(NAME_MAX, too_long or _l("Name must be 100 characters or less")))
    return LineField(label, validators=validators)


def email_field(label: Any = None, *, required: Any = None, needed: Any = None) -> LineField:
    """An email address, required always (``required``) or for a chosen route (``needed``)."""
    validators: list[Any] = [Required(required)] if required else []
    if needed:
        validators.append(needed)
    validators += [
        limit(254, _l("Email address must be 254 characters or less")),
        email_address,
    ]
    return LineField(label or _l("Email address"), validators=validators)


def phone_field(label: Any, *, required: Any = None, needed: Any = None) -> LineField:
    """A phone number, required always (``required``) or for a chosen route (``needed``)."""
    validators: list[Any] = [Required(required)] if required else []
    if needed:
        validators.append(needed)
    validators += [limit(20, _l("Enter a phone number, like 07700 900 982")), phone_number]
    return LineField(label, validators=validators)


# Start: what would you like to do, and who are you.


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


# Shared by the advocate, adult and worry journeys.
class ChildDetailsForm(QuestionForm):
    child_first_name = name_field(
        _l("First name"), required=_l("Enter the child or young person's first name")
    )
    child_last_name = name_field(_l("Last name (optional)"))
    child_date_of_birth = DateInputField(
        _l("Date of birth (optional)"),
        description=_l("For example, 27 3 2012"),
    )
