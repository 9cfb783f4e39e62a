"""Forms administrators use to manage staff accounts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput
from wtforms import PasswordField

from portal.forms.base import QuestionForm
from portal.forms.fields import LineField, RadiosField, Required, SelectOneField, limit
from portal.models.staff import ROLES

ROLE_CHOICES = [(role, _l(role.replace("_", " ").capitalize())) for role in ROLES]


class NewStaffForm(QuestionForm):
    display_name = LineField(
        _l("Full name"),
        validators=[Required(_l("Enter their name")), limit(200, _l("Name is too long"))],
    )
    email = LineField(
        _l("Email address"),
        validators=[Required(_l("Enter their email address")), limit(254, _l("Too long"))],
    )
    role = RadiosField(_l("Role"), choices=ROLE_CHOICES, message=_l("Select a role"))
    team_code = SelectOneField(_l("Team (responding managers see only its cases)"))
    password = PasswordField(
        _l("First password"),
        description=_l("15 characters or more. Give it to them in person; they can change it."),
        widget=GovPasswordInput(),
        validators=[Required(_l("Enter a first password")), limit(200, _l("Too long"))],
    )
    vocabularies = {"team_code": "service"}


class EditStaffForm(QuestionForm):
    role = RadiosField(_l("Role"), choices=ROLE_CHOICES, message=_l("Select a role"))
    team_code = SelectOneField(_l("Team (responding managers see only its cases)"))
    active = RadiosField(
        _l("Can they sign in?"),
        choices=[("yes", _l("Yes")), ("no", _l("No, deactivate the account"))],
        message=_l("Select whether they can sign in"),
    )
    vocabularies = {"team_code": "service"}
