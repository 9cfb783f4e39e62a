"""The base of every form page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field


class QuestionForm(FlaskForm):
    """A page of a journey. ``answer_fields`` are the fields stored in the draft.

    ``vocabularies`` maps a field to the editable category list its choices come from;
    ``reveals`` maps a choice to the fields shown under it (GOV.UK conditional reveal, all
    shown when JavaScript is off); ``exclusive`` names a "none of these" checkbox.
    """

    vocabularies: dict[str, str] = {}
    reveals: dict[str, list[str]] = {}
    exclusive: str | None = None

    def fill_choices(self, lookup: Callable[[str], list[tuple[str, str]]]) -> None:
        """Give each field its category list: ``lookup(vocabulary)`` returns the options."""
        for field_name, vocabulary in self.vocabularies.items():
            self[field_name].set_options(lookup(vocabulary))

    def answers(self) -> dict[str, Any]:
        """The answers as plain values for storing (dates as ISO strings)."""
        return {
            f.name: f.data.isoformat() if isinstance(f.data, date) else f.data
            for f in self.answer_fields()
        }

    def answer_fields(self) -> list[Field]:
        return [f for f in self if f.name != "csrf_token"]
