"""The check-answers page: what the person told us, step by step, with change links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from wtforms import Field

from portal.forms.base import QuestionForm
from portal.forms.fields import CheckboxesField, DateInputField, RadiosField
from portal.intake.journeys import Answers, Step


@dataclass(frozen=True)
class Row:
    step: str
    question: str
    answer: str
    given: bool


def _display(field: Field, value: Any) -> tuple[str, bool]:
    if isinstance(field, RadiosField):
        labels = dict(field.options)
        return (str(labels.get(value, "")), True) if value in labels else ("", False)
    if isinstance(field, CheckboxesField):
        labels = dict(field.options)
        chosen = [str(labels[v]) for v in (value or []) if v in labels]
        return "\n".join(chosen), bool(chosen)
    if isinstance(field, DateInputField):
        try:
            day = date.fromisoformat(value) if value else None
        except ValueError:
            day = None
        return (format_date(day, "d MMMM yyyy"), True) if day else ("", False)
    text = value if isinstance(value, str) else ""
    return text, bool(text)


def _shown(form: QuestionForm, field: Field, answers: Answers) -> bool:
    """Revealed fields count only when the choice that reveals them was made."""
    for choice, names in form.reveals.items():
        if field.name in names:
            for owner in form.answer_fields():
                chosen = answers.get(owner.name)
                chosen = chosen if isinstance(chosen, list) else [chosen]
                if choice in chosen:
                    return True
            return False
    return True


def rows_for(step: Step, form: QuestionForm, answers: Answers) -> list[Row]:
    rows = []
    for field in form.answer_fields():
        if not _shown(form, field, answers):
            continue
        text, given = _display(field, answers.get(field.name))
        rows.append(Row(step.name, str(field.label.text), text if given else _("Not given"), given))
    return rows
