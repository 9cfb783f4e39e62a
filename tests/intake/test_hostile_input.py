"""No input reaches a server error: every question page is sent values no form would send."""

from __future__ import annotations

import pytest

from portal.intake.journeys import JOURNEYS
from tests.helpers import FormClient, open_step

ODD_VALUES = [
    "",
    "\x00\x01\x02",
    "\u202e\u200f",  # bidi overrides
    "A" * 100_000,
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "%s%n{0}{{7*7}}",
    "\uff19\uff19",  # full-width digits
    "-1",
    "2024-02-30",
]


def _fields(journey: str, step: str) -> list[str]:
    form = JOURNEYS[journey].step(step).form  # type: ignore[union-attr]
    names = [name for name in dir(form) if not name.startswith("_")]
    unbound = [n for n in names if type(getattr(form, n, None)).__name__ == "UnboundField"]
    return unbound + [f"{n}-{p}" for n in unbound for p in ("day", "month", "year")]


@pytest.mark.parametrize(
    ("journey", "step"),
    [(j, s.name) for j, journey in JOURNEYS.items() if j != "start" for s in journey.steps],
)
def test_odd_values_in_every_field_never_cause_a_server_error(forms: FormClient, journey, step):
    open_step(forms, journey, step)
    for value in ODD_VALUES:
        data = {name: value for name in _fields(journey, step)}
        response = forms.post(f"/{journey}/{step}", data)
        # 413 is the friendly "too much to send" page for forms of several huge fields.
        assert response.status_code in (200, 302, 413), (value[:20], response.status_code)


def test_a_request_too_large_for_any_form_is_refused_kindly(forms: FormClient):
    forms.post("/start/what", {"intent": "complain"})
    forms.post("/start/who", {"role": "adult"})
    response = forms.post("/adult/what-happened", {"what_happened": "x" * 2_000_000})
    assert response.status_code == 413
    assert "Go back and make your answer shorter" in response.get_data(as_text=True)


def test_a_question_taken_out_of_the_journey_leads_to_the_next_one_needed(forms: FormClient):
    forms.post("/start/what", {"intent": "complain"})
    forms.post("/start/who", {"role": "young_person"})
    response = forms.get("/young-person/today")
    assert response.status_code == 302
    assert response.location == "/young-person/before-you-start"
