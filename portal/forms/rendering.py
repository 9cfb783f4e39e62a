"""Turn a step's form into GOV.UK component calls.

Kept out of the templates so one ``question.html`` serves every page: which field is the
page heading, which fields are revealed under a choice, autocomplete tokens (WCAG 1.3.5),
character-count limits and the translated hidden "Error:" prefix are all decided here.
"""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_babel import gettext as _
from markupsafe import Markup
from wtforms import Field
from wtforms.validators import Length

from portal.forms.base import QuestionForm
from portal.forms.fields import (
    CheckboxesField,
    DateInputField,
    RadiosField,
    SelectOneField,
    TextField,
)

AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "email": "email",
    "phone": "tel",
    "mobile": "tel",
    "address": "street-address",
    "organisation": "organization",
}
WIDTHS = {
    "first_name": "govuk-input--width-20",
    "last_name": "govuk-input--width-20",
    "child_first_name": "govuk-input--width-20",
    "child_last_name": "govuk-input--width-20",
    "phone": "govuk-input--width-20",
    "mobile": "govuk-input--width-20",
    "age": "govuk-input--width-3",
    "email": "govuk-!-width-two-thirds",
}


def revealed_names(form: QuestionForm) -> set[str]:
    return {name for names in form.reveals.values() for name in names}


def primary_fields(form: QuestionForm) -> list[Field]:
    hidden = revealed_names(form)
    return [f for f in form.answer_fields() if f.name not in hidden]


def page_title(form: QuestionForm, heading: Any) -> str:
    if heading:
        return str(heading)
    fields = primary_fields(form)
    return str(fields[0].label.text) if fields else ""


def _max_length(field: Field) -> int | None:
    for validator in field.validators:
        if isinstance(validator, Length) and validator.max and validator.max > 0:
            return int(validator.max)
    return None


def _error(field: Field) -> dict[str, Any] | None:
    if not field.errors:
        return None
    return {"text": str(field.errors[0]), "visuallyHiddenText": _("Error")}


def _label(field: Field, as_heading: bool) -> dict[str, Any]:
    label: dict[str, Any] = {"text": str(field.label.text)}
    if as_heading:
        label.update(isPageHeading=True, classes="govuk-label--l")
    return label


def _legend(field: Field, as_heading: bool) -> dict[str, Any]:
    legend: dict[str, Any] = {"text": str(field.label.text)}
    if as_heading:
        legend.update(isPageHeading=True, classes="govuk-fieldset__legend--l")
    else:
        legend["classes"] = "govuk-fieldset__legend--s"
    return legend


def _hint(field: Field) -> dict[str, Any] | None:
    return {"text": str(field.description)} if field.description else None


def _choice_field(form: QuestionForm, field: Field, as_heading: bool) -> Markup:
    chosen = field.data if isinstance(field.data, list) else [field.data]
    items: list[dict[str, Any]] = []
    for value, label in field.options:
        if form.exclusive == value:
            items.append({"divider": _("or")})
        item: dict[str, Any] = {
            "value": value,
            "text": str(label),
            "checked": value in chosen,
        }
        if form.exclusive == value:
            item["behaviour"] = "exclusive"
        revealed = form.reveals.get(value)
        if revealed:
            html = Markup("").join(render_field(form, form[name], False) for name in revealed)
            item["conditional"] = {"html": html}
        items.append(item)
    params: dict[str, Any] = {
        "idPrefix": field.id,
        "name": field.name,
        "items": items,
        "hint": _hint(field),
        "errorMessage": _error(field),
        "fieldset": {"legend": _legend(field, as_heading)},
    }
    params.update(getattr(form, "field_params", {}).get(field.name, {}))
    template = (
        "govuk_frontend_wtf/checkboxes.html"
        if isinstance(field, CheckboxesField)
        else "govuk_frontend_wtf/radios.html"
    )
    # Autoescaped template output: marking it safe does not trust any input.
    return Markup(render_template(template, params=params))  # noqa: S704  # nosec B704


def _select_field(field: SelectOneField) -> Markup:
    items = [{"value": "", "text": _("Choose"), "selected": not field.data}]
    items += [
        {"value": value, "text": str(label), "selected": value == field.data}
        for value, label in field.options
    ]
    params = {
        "id": field.id,
        "name": field.name,
        "label": _label(field, False),
        "hint": _hint(field),
        "errorMessage": _error(field),
        "items": items,
    }
    # Autoescaped template output: marking it safe does not trust any input.
    return Markup(render_template("govuk_frontend_wtf/select.html", params=params))  # noqa: S704  # nosec B704


def render_field(form: QuestionForm, field: Field, as_heading: bool) -> Markup:
    if isinstance(field, SelectOneField):
        return _select_field(field)
    if isinstance(field, RadiosField | CheckboxesField):
        return _choice_field(form, field, as_heading)
    if isinstance(field, DateInputField):
        params: dict[str, Any] = {"fieldset": {"legend": _legend(field, as_heading)}}
        if field.errors:
            params["errorMessage"] = _error(field)
        return field(params=params)
    params = {"label": _label(field, as_heading), "errorMessage": _error(field)}
    if isinstance(field, TextField):
        params.update(
            maxlength=_max_length(field),
            rows=5 if as_heading else 3,
            textareaDescriptionText=_("You can enter up to %{count} characters"),
            charactersUnderLimitText={
                "one": _("You have %{count} character remaining"),
                "other": _("You have %{count} characters remaining"),
            },
            charactersAtLimitText=_("You have 0 characters remaining"),
            charactersOverLimitText={
                "one": _("You have %{count} character too many"),
                "other": _("You have %{count} characters too many"),
            },
        )
    else:
        params["classes"] = WIDTHS.get(field.name, "")
        if field.name in AUTOCOMPLETE:
            params["autocomplete"] = AUTOCOMPLETE[field.name]
        if field.name in {"email"}:
            params.update(type="email", spellcheck=False)
        if field.name in {"phone", "mobile"}:
            params["type"] = "tel"
        if field.name == "age":
            params["inputmode"] = "numeric"
    result: Markup = field(params=params)
    return result


def render_fields(form: QuestionForm, heading: Any) -> list[Markup]:
    """Every field the page shows, the first as the page heading when the page has none."""
    fields = primary_fields(form)
    return [
        render_field(form, f, as_heading=(i == 0 and not heading)) for i, f in enumerate(fields)
    ]


def error_list(form: QuestionForm) -> list[dict[str, str]]:
    """The error summary's links, each pointing at the input that needs fixing."""
    items = []
    for field in form.answer_fields():
        if not field.errors:
            continue
        anchor = field.error_anchor if isinstance(field, DateInputField) else field.id
        items.append({"text": str(field.errors[0]), "href": f"#{anchor}"})
    return items
