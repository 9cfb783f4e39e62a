"""Forms for the stage actions. The response form is built per case: one question per
point of the agreed statement."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField

from portal.forms.base import QuestionForm
from portal.forms.fields import (
    TEXT_MAX,
    CheckboxesField,
    DateInputField,
    LineField,
    RadiosField,
    SelectOneField,
    TextField,
    limit,
)
from portal.models import Representation

ACTION_SLOTS = 3
POINT_CHOICES = [
    ("upheld", _l("Upheld")),
    ("partially_upheld", _l("Partially upheld")),
    ("not_upheld", _l("Not upheld")),
    ("no_finding", _l("No finding")),
]


class StageForm(QuestionForm):
    version = HiddenField()

    def answer_fields(self) -> list[Field]:
        return [f for f in super().answer_fields() if f.name != "version"]


class ConfirmForm(StageForm):
    pass


class DateForm(StageForm):
    on = DateInputField(_l("Date"), description=_l("For example, 27 3 2026"))


class ReasonForm(StageForm):
    reason = TextField(
        _l("Reason"), validators=[limit(2000, _l("This must be 2000 characters or less"))]
    )


class StatementForm(StageForm):
    points = TextField(
        _l("Points of complaint"),
        description=_l("One point on each line, in the words agreed with the person."),
        validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))],
    )


class AssignForm(StageForm):
    team_code = SelectOneField(_l("Team"))
    assignee_id = SelectOneField(_l("Responding manager (optional)"))
    vocabularies = {"team_code": "service"}


class EscalateForm(StageForm):
    requested_on = DateInputField(
        _l("Date the person asked for the next stage"), description=_l("For example, 27 3 2026")
    )
    investigating_officer = LineField(
        _l("Investigating officer (stage 2)"),
        validators=[limit(200, _l("This must be 200 characters or less"))],
    )
    independent_person = LineField(
        _l("Independent person (stage 2)"),
        validators=[limit(200, _l("This must be 200 characters or less"))],
    )


class OmbudsmanDecisionForm(StageForm):
    vocabularies = {"decision": "ombudsman_decision"}
    decision = SelectOneField(_l("Decision"))
    on = DateInputField(_l("Date of the decision"), description=_l("For example, 27 3 2026"))


def response_form(rep: Representation) -> type[StageForm]:
    """A response form with an outcome question for each agreed point."""
    fields: dict[str, Any] = {
        "on": DateInputField(_l("Date of the response"), description=_l("For example, 27 3 2026"))
    }
    for point in rep.points:
        fields[f"point_{point.number}"] = RadiosField(
            _l("Point %(n)s: %(text)s", n=point.number, text=point.text[:200]),
            choices=POINT_CHOICES,
            message=_l("Select an outcome for point %(n)s", n=point.number),
        )
    fields["actual_outcomes"] = CheckboxesField(_l("What the council did (actual outcomes)"))
    fields["learning"] = TextField(
        _l("Learning from this complaint"),
        validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))],
    )
    for slot in range(1, ACTION_SLOTS + 1):
        fields[f"action{slot}_text"] = TextField(
            _l("Action %(n)s (optional)", n=slot),
            validators=[limit(1000, _l("This must be 1000 characters or less"))],
        )
        fields[f"action{slot}_owner"] = LineField(
            _l("Who will do action %(n)s", n=slot),
            validators=[limit(200, _l("This must be 200 characters or less"))],
        )
        fields[f"action{slot}_due"] = DateInputField(
            _l("By when (action %(n)s)", n=slot), past_only=False
        )
    fields["vocabularies"] = {"actual_outcomes": "actual_outcome"}
    return type("ResponseForm", (StageForm,), fields)


class NoteForm(StageForm):
    text = TextField(
        _l("Note"), validators=[limit(TEXT_MAX, _l("This must be 5000 characters or less"))]
    )


class RestrictForm(StageForm):
    reason = TextField(
        _l("Reason and decision"),
        description=_l("Under the unreasonable contact policy: what was decided and why."),
        validators=[limit(2000, _l("This must be 2000 characters or less"))],
    )
    review_on = DateInputField(_l("Review date"), past_only=False)
