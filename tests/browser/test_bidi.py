"""Answers that mix right-to-left and left-to-right writing display in the right order.

A young person writing in Arabic often uses English for names of places and services; a
parent writing in English may give an Arabic name. Each answer is shown in its own
direction, worked out from its first letters (``dir="auto"``), and kept apart from the
English page around it, so that neither reorders the other. The order is read from where
the words are drawn on the screen, not from the HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from sqlalchemy.orm import Session

from portal.accounts import operations, totp
from portal.i18n import LANG_COOKIE
from portal.models.types import utcnow
from tests import helpers
from tests.browser.conftest import LiveServer, newest_reference, open_context, post_form

pytestmark = pytest.mark.browser

PASSWORD = "violet kettle harbour lantern"
# "The manager took my phone at the Children's Home and did not give it back, and he hits
# me with a knife." (Two of the Arabic safeguarding phrases: يضربني, سكين.)
ARABIC_WITH_ENGLISH = "أخذ المدير هاتفي في Children's Home ولم يرجعه، وهو يضربني بسكين"
PHRASES = ("يضربني", "سكين")
# An English answer that names someone in Arabic.
ENGLISH_WITH_ARABIC = "I want Mr أحمد to give my phone back"

# Where a piece of an element's text is drawn: the box of its first occurrence.
_BOX = """(e, piece) => {
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node && !node.textContent.includes(piece)) node = walker.nextNode();
  if (!node) return null;
  const range = document.createRange();
  const start = node.textContent.indexOf(piece);
  range.setStart(node, start);
  range.setEnd(node, start + piece.length);
  const box = range.getBoundingClientRect();
  return {left: box.left, right: box.right, top: box.top};
}"""


def _box(element: Locator, piece: str) -> dict[str, float]:
    box: dict[str, float] | None = element.evaluate(_BOX, piece)
    assert box is not None, f"{piece!r} is not in {element}"
    return box


def _direction(element: Locator) -> str:
    return str(element.evaluate("(e) => getComputedStyle(e).direction"))


def _send_young_persons_complaint(context: BrowserContext, language: str) -> None:
    """The young person's complaint, sent through the public pages over HTTP."""
    answers: dict[str, dict[str, Any]] = {
        **helpers.YOUNG_PERSON,
        "what-happened": {"what_happened": ARABIC_WITH_ENGLISH},
        "make-it-better": {"outcome_wanted": ENGLISH_WITH_ARABIC},
    }
    posts = [("/start/what", {"intent": "complain"}), ("/start/who", {"role": "young_person"})]
    posts += [(f"/young-person/{step}", data) for step, data in answers.items()]
    posts.append(("/young-person/check-answers", {}))
    for url, data in posts:
        post_form(context, url, data)


@pytest.fixture(scope="module")
def case_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    public = open_context(browser, live_server)
    public.add_cookies([{"name": LANG_COOKIE, "value": "ar", "url": live_server.base_url}])
    _send_young_persons_complaint(public, "ar")
    public.close()
    reference = newest_reference(live_server)

    engine = live_server.app.extensions["portal.write_engine"]
    with Session(engine, expire_on_commit=False) as session:
        officer = operations.create_staff(
            session,
            email="bidi-officer@example.org",
            display_name="Bidi Officer",
            role="complaints_officer",
            password=PASSWORD,
        )
        session.commit()
    staff = open_context(browser, live_server)
    post_form(staff, "/staff/sign-in", {"email": officer.email, "password": PASSWORD})
    post_form(staff, "/staff/sign-in/code", {"code": totp.code_for(officer.totp_secret, utcnow())})
    page = staff.new_page()
    page.goto(f"/staff/case/{reference}")
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    yield page
    staff.close()


def _answer(page: Page, key: str) -> Locator:
    key_cell = page.locator(".govuk-summary-list__key").get_by_text(key, exact=True)
    row = page.locator(".govuk-summary-list__row").filter(has=key_cell)
    return row.locator("dd .app-preserve-lines")


def test_an_arabic_answer_with_english_words_reads_right_to_left(case_page: Page) -> None:
    expect(case_page.locator("html")).to_have_attribute("dir", "ltr")
    received = case_page.locator(".govuk-summary-list__row").filter(has_text="Received")
    expect(received.locator("dd")).to_contain_text("written in Arabic")

    answer = _answer(case_page, "What happened")
    assert _direction(answer) == "rtl"
    first, english, last = (_box(answer, w) for w in ("أخذ", "Children's Home", "بسكين"))
    # Read right to left: the answer's first word at the right, its last at the left, and
    # the English words between them in their own left-to-right order.
    assert first["left"] > english["right"] > english["left"] > last["right"]
    children, home = _box(answer, "Children's"), _box(answer, "Home")
    assert children["right"] <= home["left"]
    # Kept apart from the English page: the label stays to the left of the answer.
    label = case_page.locator(".govuk-summary-list__key").get_by_text("What happened", exact=True)
    assert label.bounding_box()["x"] < answer.bounding_box()["x"]  # type: ignore[index]


def test_an_english_answer_with_an_arabic_name_reads_left_to_right(case_page: Page) -> None:
    answer = _answer(case_page, "Outcome wanted")
    assert _direction(answer) == "ltr"
    start, name, end = (_box(answer, w) for w in ("I want Mr", "أحمد", "phone back"))
    assert start["right"] <= name["left"] and name["right"] <= end["left"]


def test_arabic_safeguarding_words_are_listed_in_order_in_the_english_warning(
    case_page: Page,
) -> None:
    warning = case_page.locator(".govuk-warning-text__text").filter(
        has_text="Words suggesting a child may be at risk:"
    )
    expect(warning).to_be_visible()
    text = warning.inner_text()
    first, second = sorted(PHRASES, key=text.index)
    # Left to right, as the English sentence reads: two Arabic words side by side would
    # otherwise run together right to left and swap places.
    lead, one, two = (_box(warning, p) for p in ("at risk:", first, second))
    assert lead["right"] <= one["left"] and one["right"] <= two["left"]
