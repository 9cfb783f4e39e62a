"""Sign-in forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput
from wtforms import PasswordField

from portal.forms.base import QuestionForm
from portal.forms.fields import LineField, Required, limit


class SignInForm(QuestionForm):
    email = LineField(
        _l("Email address"),
        validators=[
            Required(_l("Enter your email address")),
            limit(254, _l("Email address must be 254 characters or less")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[
            Required(_l("Enter your password")),
            limit(200, _l("Password must be 200 characters or less")),
        ],
    )


class CodeForm(QuestionForm):
    code = LineField(
        _l("Code from your authenticator app"),
        description=_l("Open the app on your phone and enter the 6-digit code for Speak Up."),
        validators=[
            Required(_l("Enter the 6-digit code from your authenticator app")),
            limit(10, _l("Enter the 6-digit code from your authenticator app")),
        ],
    )
