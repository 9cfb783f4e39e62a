"""Form fields that the GOV.UK widgets from govuk-frontend-wtf get wrong for us.

* Dates: the packaged date widget crashes on a POST without exactly three parts, hard-codes
  English labels and points error links at the wrapper. ``DateInputField`` reads
  ``name-day``, ``name-month`` and ``name-year`` itself and never raises.
* Text: every free-text field runs through ``core.text`` so markup is stripped in one place.
* Required: ``Required`` gives a GOV.UK message without putting ``required`` on fieldsets.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template
from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovTextInput,
)
from markupsafe import Markup
from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, StopValidation

from portal.core.text import clean_line, clean_text

NAME_MAX = 100
LINE_MAX = 200
TEXT_MAX = 5000


class _TranslatedErrorPrefix:
    """govuk-frontend-wtf replaces a field's error message with ``{"text": ...}``, which drops
    the visually hidden "Error:" prefix a screen reader announces, so it was English on every
    page in every language. Put the translated prefix back after the widget's own mapping."""

    def map_gov_params(self, field: Field, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)  # type: ignore[misc]
        if field.errors:
            params["errorMessage"] = {
                "text": field.errors[0],
                "visuallyHiddenText": _("Error"),
            }
        return params


class _OwnDirection:
    """``dir="auto"``: what a person types shows in its own direction, so an Arabic name
    typed on an English page, or an email address on an Arabic page, reads the right way
    round. An empty box follows the page."""

    def map_gov_params(self, field: Field, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)  # type: ignore[misc]
        params["attributes"] = {**params.get("attributes", {}), "dir": "auto"}
        return params


class TextInput(_OwnDirection, _TranslatedErrorPrefix, GovTextInput):
    pass


class CharacterCount(_OwnDirection, _TranslatedErrorPrefix, GovCharacterCount):
    pass


class RadioInput(_TranslatedErrorPrefix, GovRadioInput):
    pass


class CheckboxesInput(_TranslatedErrorPrefix, GovCheckboxesInput):
    pass


class Required:
    """Stop with a message when a field has no answer.

    Unlike ``InputRequired`` it sets no field flags, so widgets do not put a ``required``
    attribute on a fieldset (invalid HTML) and the browser never pre-empts our messages.
    """

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, _form: Any, field: Field) -> None:
        data = field.data
        if data is None or data == "" or data == [] or data is False:
            field.errors[:] = []
            raise StopValidation(self.message)


def limit(maximum: int, message: str) -> Length:
    return Length(max=maximum, message=message)


class LineField(StringField):
    """A one-line answer, cleaned of markup and stray whitespace."""

    widget = TextInput()

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = clean_line(valuelist[0]) if valuelist else ""


class TextField(TextAreaField):
    """A free-text answer kept as typed, cleaned of markup, with a GOV.UK character count."""

    widget = CharacterCount()

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = clean_text(valuelist[0]) if valuelist else ""


class DateInputField(Field):
    """A GOV.UK date input whose answer is a ``date`` (or ``None`` when left blank).

    ``self.parts`` keeps exactly what was typed so an error never loses it.
    """

    def __init__(
        self,
        label: Any = None,
        validators: Any = None,
        *,
        required_message: str | None = None,
        past_only: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(label, validators, **kwargs)
        self.required_message = required_message
        self.past_only = past_only
        self.parts: dict[str, str] = {"day": "", "month": "", "year": ""}

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors: list[Any] = []
        self.raw_data = None
        self.data = data if isinstance(data, date) else None
        if isinstance(data, str) and data:
            try:
                self.data = date.fromisoformat(data)
            except ValueError:
                self.data = None
        if self.data is not None:
            self.parts = {
                "day": str(self.data.day),
                "month": str(self.data.month),
                "year": str(self.data.year),
            }
        if formdata is None:
            return
        keys = [f"{self.name}-{part}" for part in ("day", "month", "year")]
        if not any(key in formdata for key in keys):
            return
        self.parts = {
            part: clean_line(formdata.get(f"{self.name}-{part}", ""))[:10]
            for part in ("day", "month", "year")
        }
        self.raw_data = list(self.parts.values())
        self.data = None

    def pre_validate(self, form: Any) -> None:
        day, month, year = (self.parts[p] for p in ("day", "month", "year"))
        if not (day or month or year):
            if self.required_message:
                raise StopValidation(self.required_message)
            return
        missing = [p for p, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            self.error_part = missing[0]
            names = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
            raise StopValidation(_("The date must include %(part)s", part=names[missing[0]]))
        try:
            value = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise StopValidation(_("Enter a real date, for example 27 3 2024")) from None
        if int(year) < 1900:
            raise StopValidation(_("Enter a year after 1900"))
        if self.past_only and value > date.today():
            raise StopValidation(_("The date must be today or in the past"))
        self.data = value

    def _value(self) -> str:
        return self.data.isoformat() if self.data else ""

    def __call__(self, **kwargs: Any) -> Markup:
        params = kwargs.get("params", {})
        error_part = getattr(self, "error_part", None)
        items = []
        for part, label, width in (
            ("day", _("Day"), 2),
            ("month", _("Month"), 2),
            ("year", _("Year"), 4),
        ):
            in_error = bool(self.errors) and (error_part in (None, part))
            items.append(
                {
                    "id": f"{self.name}-{part}",
                    "name": f"{self.name}-{part}",
                    "label": label,
                    "value": self.parts[part],
                    "classes": f"govuk-input--width-{width}"
                    + (" govuk-input--error" if in_error else ""),
                    "inputmode": "numeric",
                }
            )
        merged = {
            "id": self.name,
            "fieldset": {"legend": {"text": str(self.label.text)}},
            "hint": {"text": str(self.description)} if self.description else None,
            "items": items,
            **params,
        }
        if self.errors:
            merged["errorMessage"] = {"text": self.errors[0], "visuallyHiddenText": _("Error")}
        # Autoescaped template output: marking it safe does not trust any input.
        return Markup(render_template("macros/date_input.html", params=merged))  # noqa: S704  # nosec B704

    @property
    def error_anchor(self) -> str:
        return f"{self.name}-{getattr(self, 'error_part', None) or 'day'}"


class _Options:
    """Choices as ``(value, label)`` pairs, stored the way WTForms 3.3 wants them."""

    choices: Any

    def set_options(self, pairs: Any) -> None:
        self.choices = [SelectChoice(str(value), label) for value, label in pairs]

    @property
    def options(self) -> list[tuple[str, Any]]:
        return [(c.value, c.label) for c in self.choices or []]


class RadiosField(_Options, RadioField):
    """GOV.UK radios that answer a missing or unknown choice with our own message.

    WTForms says "Not a valid choice" in English for both; a person needs to be told what to
    choose, and a bot posting nonsense gets the same calm message.
    """

    widget = RadioInput()

    def __init__(
        self, label: Any = None, *, message: str, choices: Any = (), **kwargs: Any
    ) -> None:
        super().__init__(label, choices=[SelectChoice(str(v), lb) for v, lb in choices], **kwargs)
        self.message = message

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = valuelist[0] if valuelist else None

    def pre_validate(self, form: Any) -> None:
        valid = {value for value, _label in self.options}
        if self.data is None or str(self.data) not in valid:
            self.data = None
            raise StopValidation(self.message)


class SelectOneField(_Options, RadioField):
    """A GOV.UK select (for long staff lists); an unknown value counts as no answer."""

    def __init__(
        self, label: Any = None, *, message: str | None = None, choices: Any = (), **kwargs: Any
    ) -> None:
        super().__init__(label, choices=[SelectChoice(str(v), lb) for v, lb in choices], **kwargs)
        self.message = message

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = valuelist[0] if valuelist and valuelist[0] else None

    def pre_validate(self, form: Any) -> None:
        if self.data is not None and self.data not in {v for v, _label in self.options}:
            self.data = None
        if self.data is None and self.message:
            raise StopValidation(self.message)


class CheckboxesField(_Options, SelectMultipleField):
    """GOV.UK checkboxes; unknown values are dropped rather than shown as an error."""

    widget = CheckboxesInput()

    def __init__(
        self, label: Any = None, *, message: str | None = None, choices: Any = (), **kwargs: Any
    ) -> None:
        super().__init__(label, choices=[SelectChoice(str(v), lb) for v, lb in choices], **kwargs)
        self.message = message

    def process_formdata(self, valuelist: list[Any]) -> None:
        # Choices filled from the database arrive after processing; keep what was sent and
        # drop unknown values in pre_validate.
        self.data = [str(v) for v in valuelist]

    def pre_validate(self, form: Any) -> None:
        valid = {value for value, _label in self.options}
        self.data = [v for v in self.data or [] if v in valid]
        if self.message and not self.data:
            raise StopValidation(self.message)


__all__ = [
    "LINE_MAX",
    "NAME_MAX",
    "TEXT_MAX",
    "CheckboxesField",
    "DateInputField",
    "LineField",
    "RadiosField",
    "Required",
    "SelectOneField",
    "TextField",
    "limit",
]
