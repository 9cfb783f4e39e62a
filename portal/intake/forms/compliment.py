"""Pages for saying thank you."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.forms.fields import (
    LINE_MAX,
    TEXT_MAX,
    LineField,
    RadiosField,
    Required,
    TextField,
    limit,
)
from portal.intake.forms.base import (
    YES_NO,
    QuestionForm,
    email_field,
    name_field,
)


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


class ComplimentReplyForm(QuestionForm):
    first_name = name_field(_l("Your name"), required=_l("Enter your name"))
    email = email_field(required=_l("Enter your email address"))
