"""The tracking pages' questions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.forms.base import QuestionForm
from portal.forms.fields import TEXT_MAX, LineField, Required, TextField, limit


class LookupForm(QuestionForm):
    reference = LineField(
        _l("Your reference number"),
        description=_l("It has 12 letters and numbers, like 9A4N-PMPK-WJTF."),
        validators=[
            Required(_l("Enter your reference number")),
            limit(40, _l("Your reference number must be 40 characters or less")),
        ],
    )
    words = LineField(
        _l("Your secret words"),
        description=_l("The four words we gave you when you sent your message."),
        validators=[
            Required(_l("Enter your secret words")),
            limit(200, _l("Your secret words must be 200 characters or less")),
        ],
    )


class AddInformationForm(QuestionForm):
    text = TextField(
        _l("What do you want to add?"),
        description=_l("Tell us anything we asked for, or anything new we should know."),
        validators=[
            Required(_l("Write what you want to add")),
            limit(TEXT_MAX, _l("This must be 5000 characters or less")),
        ],
    )


class WithdrawForm(QuestionForm):
    reason = TextField(
        _l("Why do you want to stop? (you can leave this out)"),
        description=_l("It helps us to know, but you do not have to say."),
        validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))],
    )


class NextStageForm(QuestionForm):
    why = TextField(
        _l("What are you still unhappy about?"),
        description=_l("Tell us which parts of our answer you do not agree with, and why."),
        validators=[
            Required(_l("Tell us what you are still unhappy about")),
            limit(TEXT_MAX, _l("This must be 5000 characters or less")),
        ],
    )
