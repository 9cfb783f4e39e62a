"""Free text is kept as typed (emoji, right-to-left scripts, very long words), markup is
stripped in one place, and words that suggest a child is at risk flag the representation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import Representation
from tests import helpers
from tests.helpers import page_text


def _send_compliment(forms, what: str) -> None:
    pages = dict(helpers.COMPLIMENT)
    pages["what-went-well"] = {"what_happened": what}
    forms.walk("thank-you", "thanks", "adult", pages)
    forms.post("/thank-you/check-answers")


@pytest.mark.parametrize(
    "typed",
    [
        "Thank you 👍🏽 👨‍👩‍👧 for everything",
        "شكراً جزيلاً لفريق الرعاية mixed with English",
        "آپ کا بہت شکریہ",
        "Supercalifragilistic" * 25,
        "Line one\nLine two\n\nLine four",
        "Tom & Jerry said 3 < 4 and 5 > 2",
    ],
)
def test_free_text_is_stored_exactly_as_typed(forms, session, typed):
    _send_compliment(forms, typed)
    stored = session.scalars(select(Representation.what_happened)).one()
    assert stored == typed


def test_markup_is_stripped_before_storing_and_escaped_on_the_page(forms, session):
    _send_compliment(forms, 'Great <script>alert("x")</script><b>team</b>')
    stored = session.scalars(select(Representation.what_happened)).one()
    assert "<" not in stored and "team" in stored


def test_typed_markup_is_shown_escaped_on_check_answers(forms):
    pages = dict(helpers.COMPLIMENT)
    pages["who"] = {"team_named": "the <i>fostering</i> team"}
    forms.walk("thank-you", "thanks", "adult", pages)
    html = forms.get("/thank-you/check-answers").get_data(as_text=True)
    assert "<i>fostering" not in html
    assert "the fostering team" in html


def test_risk_words_flag_the_representation_and_show_help_now(forms, session):
    pages = dict(helpers.YOUNG_PERSON)
    pages["what-happened"] = {"what_happened": "my foster dad hits me when he is angry"}
    forms.walk("young-person", "complain", "young_person", pages)
    forms.post("/young-person/check-answers")
    rep = session.scalars(select(Representation)).one()
    assert rep.safeguarding and "hits me" in rep.safeguarding_phrases
    text = page_text(forms.get("/young-person/confirmation"))
    assert "Get help now if you need it" in text
    assert "0800 1111" in text and "999" in text


def test_ordinary_complaints_are_not_flagged(forms, session):
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    forms.post("/adult/check-answers")
    rep = session.scalars(select(Representation)).one()
    assert not rep.safeguarding
    assert "Get help now if you need it" not in page_text(forms.get("/adult/confirmation"))


def test_something_that_happened_over_a_year_ago_is_allowed_and_flagged(forms, session):
    pages = dict(helpers.ADULT)
    pages["when"] = {"happened_on-day": "1", "happened_on-month": "6", "happened_on-year": "2020"}
    forms.walk("adult", "complain", "adult", pages)
    check = page_text(forms.get("/adult/check-answers"))
    assert "more than 12 months ago" in check
    forms.post("/adult/check-answers")
    assert session.scalars(select(Representation.out_of_time)).one() is True
