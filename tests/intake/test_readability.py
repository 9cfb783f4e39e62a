"""The young person's pages read easily: each page's question and hint text has a
Flesch-Kincaid grade of 4.2 or lower (the standard a national children's charity sets)."""

from __future__ import annotations

import html
import re

import pytest
import textstat

from portal.intake.journeys import YOUNG_PERSON
from tests.helpers import FormClient

MAX_GRADE = 4.2
# The question and hint text of a page: headings, question labels, legends, hints and the
# reading text inside the form. Not answer options ("Yes", "No"), whose short words would
# flatter the score, and not the shared header, safety strip or footer.
READ = re.compile(
    r'<(h1|label|legend|p|li|div)[^>]*class="(?![^"]*__label)[^"]*(govuk-heading|govuk-label|'
    r'govuk-fieldset__legend|govuk-hint|govuk-body)[^"]*"[^>]*>(.*?)</\1>',
    re.S,
)


def _reading_text(page: str) -> str:
    form = page[page.index("<form") : page.index("</form>")]
    parts = [re.sub(r"<[^>]+>", " ", m.group(3)) for m in READ.finditer(form)]
    sentences = []
    for part in parts:
        text = " ".join(html.unescape(part).split())
        if text and "characters" not in text:  # the character count's own message
            sentences.append(text if text[-1] in ".?!" else text + ".")
    return " ".join(dict.fromkeys(sentences))


def _begin(forms: FormClient, intent: str) -> None:
    forms.post("/start/what", {"intent": intent})
    forms.post("/start/who", {"role": "young_person"})


PAGES = [
    (intent, step.name)
    for intent in ("complain", "worry")
    for step in YOUNG_PERSON.steps
    if step.show_if({"intent": intent})
]


@pytest.mark.parametrize(("intent", "step"), PAGES)
def test_young_person_page_reads_at_grade_four_or_below(forms, intent, step):
    _begin(forms, intent)
    page = forms.get(f"/young-person/{step}").get_data(as_text=True)
    text = _reading_text(page)
    assert text
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"grade {grade}: {text}"
