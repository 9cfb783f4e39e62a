"""The base of every form page."""

from __future__ import annotations

from collections.abc import Callable

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

    def answer_fields(self) -> list[Field]:
        return [f for f in self if f.name != "csrf_token"]
