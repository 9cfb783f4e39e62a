"""Submitting twice, or from two tabs at once, makes one representation."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from portal.models import Representation
from tests import helpers
from tests.helpers import CSRF


def test_submitting_twice_makes_one_representation_with_one_reference(forms, session):
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    token = forms.csrf_token("/adult/check-answers")
    first = forms.client.post("/adult/check-answers", data={"csrf_token": token})
    second = forms.client.post("/adult/check-answers", data={"csrf_token": token})
    assert first.location == second.location == "/adult/confirmation"
    assert session.scalar(select(func.count(Representation.id))) == 1
    page_one = forms.get("/adult/confirmation").get_data(as_text=True)
    page_two = forms.get("/adult/confirmation").get_data(as_text=True)
    reference = session.scalars(select(Representation.reference)).one()
    assert reference in page_one and reference in page_two


def test_two_tabs_submitting_at_the_same_moment_make_one_representation(forms, app, session):
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    token = forms.csrf_token("/adult/check-answers")
    cookie = forms.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    tabs = 6
    barrier = threading.Barrier(tabs)
    results: list[int] = []

    def tab() -> None:
        client = app.test_client()
        client.set_cookie(cookie.key, cookie.value)
        barrier.wait()
        response = client.post("/adult/check-answers", data={"csrf_token": token})
        results.append(response.status_code)

    threads = [threading.Thread(target=tab) for _ in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [302] * tabs
    assert session.scalar(select(func.count(Representation.id))) == 1


def test_after_sending_the_questions_lead_to_the_confirmation(forms):
    forms.walk("thank-you", "thanks", "adult", helpers.COMPLIMENT)
    forms.post("/thank-you/check-answers")
    response = forms.get("/thank-you/who")
    assert response.location == "/thank-you/confirmation"
    again = forms.get("/start-again")
    assert again.location == "/start/what"
    assert forms.get("/thank-you/confirmation").status_code == 302


def test_check_answers_sends_the_person_back_to_a_page_they_skipped(forms):
    forms.post("/start/what", {"intent": "complain"})
    forms.post("/start/who", {"role": "adult"})
    forms.post("/adult/relationship", {"relationship": "parent"})
    response = forms.get("/adult/check-answers")
    assert response.location == "/adult/parental-responsibility"


def test_change_link_returns_to_check_answers(forms):
    forms.walk("thank-you", "thanks", "adult", helpers.COMPLIMENT)
    token = CSRF.search(forms.get("/thank-you/who?change=1").get_data(as_text=True))
    assert token
    response = forms.client.post(
        "/thank-you/who?change=1", data={"csrf_token": token.group(1), "team_named": "Sam"}
    )
    assert response.location == "/thank-you/check-answers"
    assert "Sam" in forms.get("/thank-you/check-answers").get_data(as_text=True)
