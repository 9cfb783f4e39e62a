"""Answers live on the server: they survive errors and going back, they expire, and the
quick exit removes them at once. The browser's cookies never hold anything personal."""

from __future__ import annotations

import json
from datetime import timedelta

from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select, update

from portal.models import Draft
from portal.models.types import utcnow
from tests import helpers
from tests.helpers import page_text


def _start_adult(forms):
    forms.post("/start/what", {"intent": "complain"})
    forms.post("/start/who", {"role": "adult"})


def test_answers_are_shown_again_when_going_back(forms):
    _start_adult(forms)
    forms.post("/adult/relationship", {"relationship": "grandparent"})
    forms.post("/adult/parental-responsibility", {"parental_responsibility": "no"})
    page = forms.get("/adult/relationship").get_data(as_text=True)
    assert 'value="grandparent" checked' in page
    assert 'href="/start/who"' in page, "the first step's back link returns to the start"


def test_an_error_on_one_page_loses_nothing_saved_before(forms, session):
    _start_adult(forms)
    forms.post("/adult/relationship", {"relationship": "grandparent"})
    assert forms.post("/adult/parental-responsibility", {}).status_code == 200
    draft = session.scalars(select(Draft)).one()
    assert draft.answers["relationship"] == "grandparent"


def test_drafts_expire_and_the_person_is_told(forms, session):
    _start_adult(forms)
    session.execute(update(Draft).values(expires_at=utcnow() - timedelta(minutes=1)))
    session.commit()
    response = forms.get("/adult/relationship")
    assert response.status_code == 302
    page = forms.get(response.location)
    assert "We could not find your answers" in page_text(page)
    assert forms.get("/adult/check-answers").status_code == 302


def test_exit_this_page_ends_the_draft_on_the_server(forms, session, app):
    _start_adult(forms)
    forms.post("/adult/relationship", {"relationship": "grandparent"})
    response = forms.get("/exit")
    assert response.status_code == 302
    assert response.location == app.config["EXIT_URL"]
    assert session.scalars(select(Draft)).all() == []
    assert forms.get("/adult/parental-responsibility").status_code == 302


def test_every_page_offers_the_quick_exit_and_help(forms, app):
    _start_adult(forms)
    pages = ("/", "/start/what", "/adult/relationship", "/help-now", "/privacy", "/accessibility")
    for url in (*pages, "/nope"):
        html = forms.get(url).get_data(as_text=True)
        assert 'class="govuk-exit-this-page"' in html, url
        assert 'href="/exit"' in html, url
        assert "Not safe right now?" in html and "0800 1111" in html, url
        assert app.config["OUT_OF_HOURS_PHONE"] in html, url


def _cookie_values(client) -> list[tuple[str, str]]:
    return [(c.key, c.value) for c in client._cookies.values()]


def test_cookies_hold_no_personal_data(forms, app):
    """Decode every cookie set during a whole journey and look for what the person typed."""
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    forms.post("/adult/check-answers")
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    typed = {
        str(v)
        for page in helpers.ADULT.values()
        for v in page.values()
        if isinstance(v, str) and len(v) > 2
    }
    cookies = _cookie_values(forms.client)
    assert cookies, "the journey sets a session cookie"
    for name, raw in cookies:
        decoded = serializer.loads(raw) if name == app.config["SESSION_COOKIE_NAME"] else raw
        text = json.dumps(decoded)
        if name == app.config["SESSION_COOKIE_NAME"]:
            assert set(decoded) <= {"draft", "csrf_token"}
        for value in typed:
            assert value not in text, (name, value)


def test_session_cookie_is_http_only_and_same_site(forms):
    response = forms.post("/start/what", {"intent": "complain"})
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header


def test_abandoned_drafts_are_removed_once_expired(forms, app, session):
    _start_adult(forms)
    session.execute(update(Draft).values(expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    another_browser = helpers.FormClient(app.test_client())
    another_browser.post("/start/what", {"intent": "thanks"})
    assert len(session.scalars(select(Draft)).all()) == 1


def test_the_accessibility_statement_says_what_was_tested_and_how_to_complain(forms):
    text = " ".join(forms.get("/accessibility").get_data(as_text=True).split())
    # The regulations' parts: compliance status, what is not accessible and why, how to
    # report a problem, the enforcement procedure, and when the statement was prepared.
    assert (
        "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in text
    )
    assert "3.3.2" in text and "Non-accessible content" in text
    assert "Equality Advisory and Support Service" in text
    assert "This statement was prepared on 25 November 2026." in text
    # What was tested and how: the checks the browser tests make, and what they cannot.
    for check in ("axe-core", "Nu HTML Checker", "320 pixels wide", "only a keyboard", "Arabic"):
        assert check in text, check
    assert "not yet been tested with disabled people" in text
