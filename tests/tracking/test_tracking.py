""" "Check your complaint": reference and secret words open a plain-words page where the
person can add information, ask to stop, or ask for the next stage. Guessing is throttled
and never tells anyone whether a reference exists."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select, update

from portal.core.references import new_reference
from portal.models import Event, Representation, TrackingAttempt, TrackingGrant
from portal.models.types import utcnow
from portal.tracking import throttle
from tests import helpers
from tests.helpers import CSRF, FormClient, errors, page_text
from tests.helpers import date_fields as _date

STATUTORY = {
    "classification": "statutory_complaint",
    "nature_code": "poor_communication",
    "service_code": "children_in_care",
}


def _submit(
    forms: FormClient,
    journey="young-person",
    intent="complain",
    role="young_person",
    pages=helpers.YOUNG_PERSON,
) -> tuple[str, str]:
    """Send a representation; return the reference and secret words the person was shown."""
    forms.walk(journey, intent, role, pages)
    forms.post(f"/{journey}/check-answers")
    page = forms.get(f"/{journey}/confirmation").get_data(as_text=True)
    reference = re.search(r'class="app-reference">([^<]+)<', page).group(1)
    words = re.search(r'app-secret-words"><strong>([^<]+)<', page).group(1)
    return reference, words


def _look_up(forms: FormClient, reference: str, words: str, **environ):
    return forms.post("/check", {"reference": reference, "words": words})


def _rep(session) -> Representation:
    session.rollback()
    session.expire_all()
    return session.scalars(select(Representation)).one()


def test_the_confirmation_gives_four_secret_words_that_open_the_case(forms, session):
    reference, words = _submit(forms)
    assert len(words.split()) == 4
    rep = _rep(session)
    assert rep.secret_hash and words not in rep.secret_hash
    # Case, commas and spacing do not matter; a fresh browser has only what the person wrote down.
    stranger = FormClient(forms.client.application.test_client())
    response = _look_up(stranger, reference.lower(), ", ".join(words.upper().split()))
    assert response.location == "/check/your-complaint"
    page = page_text(stranger.get("/check/your-complaint"))
    assert "We are looking at it" in page and reference in page
    assert "Next step due by" in page
    assert "social worker keeps changing" not in page.lower(), "what they wrote is not shown"


def test_wrong_words_and_an_unknown_reference_get_the_same_answer(forms, session):
    reference, words = _submit(forms)
    stranger = FormClient(forms.client.application.test_client())
    wrong = _look_up(stranger, reference, "apple apple apple apple")
    unknown = _look_up(stranger, new_reference(), words)
    assert wrong.status_code == unknown.status_code == 200
    assert (
        errors(wrong)
        == errors(unknown)
        == [
            "We could not find a message with that reference number and those secret words. "
            "Check them and try again."
        ]
    )
    # What was typed is kept.
    assert f'value="{reference}"' in wrong.get_data(as_text=True)
    mistyped = _look_up(stranger, reference[:-1] + ("A" if reference[-1] != "A" else "C"), words)
    assert errors(mistyped) == ["Check your reference number: it should look like 9A4N-PMPK-WJTF"]


def test_empty_look_up_explains_both_questions(forms):
    response = forms.post("/check", {"reference": "", "words": ""})
    assert errors(response) == ["Enter your reference number", "Enter your secret words"]


def _guess(client, token: str, reference: str, words: str, address: str):
    return client.post(
        "/check",
        data={"csrf_token": token, "reference": reference, "words": words},
        environ_base={"REMOTE_ADDR": address},
    )


def _answers(responses) -> list[tuple[int, str]]:
    return [(r.status_code, " | ".join(errors(r))) for r in responses]


def test_a_thousand_wrong_guesses_are_throttled_and_reveal_nothing(forms, session, app):
    reference, words = _submit(forms)
    missing = new_reference()
    while missing == reference:
        missing = new_reference()
    attacker = app.test_client()
    page = attacker.get("/check").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    # 500 guesses at a real case and 500 at a reference that does not exist, each spread
    # over 50 addresses: both are answered identically, and both lock after ten misses.
    real = [
        _guess(attacker, token, reference, f"wrong guess {i}", f"10.0.{i % 50}.1")
        for i in range(500)
    ]
    fake = [
        _guess(attacker, token, missing, f"wrong guess {i}", f"10.1.{i % 50}.1") for i in range(500)
    ]
    assert _answers(real) == _answers(fake)
    statuses = [status for status, _text in _answers(real)]
    assert statuses[: throttle.PER_REFERENCE] == [200] * throttle.PER_REFERENCE
    assert set(statuses[throttle.PER_REFERENCE :]) == {429}
    assert "You have tried too many times" in page_text(real[-1])
    # While locked, even the right words do not open it; an hour later they do.
    assert _guess(attacker, token, reference, words, "10.9.9.9").status_code == 429
    session.rollback()
    session.execute(update(TrackingAttempt).values(at=utcnow() - timedelta(hours=2)))
    session.commit()
    assert _guess(attacker, token, reference, words, "10.9.9.9").status_code == 302
    # Audited: every try is recorded (hashed reference, no words), and staff see the lock.
    rep = _rep(session)
    tries = session.scalar(select(func.count(TrackingAttempt.id)))
    assert tries == 2 * throttle.PER_REFERENCE + 1
    assert [e.action for e in rep.events].count("tracking locked") == 1


def test_one_place_trying_many_references_is_stopped(forms, app):
    attacker = app.test_client()
    token = CSRF.search(attacker.get("/check").get_data(as_text=True)).group(1)
    statuses = [
        _guess(attacker, token, new_reference(), "some words here now", "10.2.0.1").status_code
        for _ in range(throttle.PER_ADDRESS + 5)
    ]
    assert statuses == [200] * throttle.PER_ADDRESS + [429] * 5
    # Someone else, elsewhere, is not affected.
    assert _guess(attacker, token, new_reference(), "x y z w", "10.3.0.1").status_code == 200


def _open(forms: FormClient, reference: str, words: str) -> FormClient:
    person = FormClient(forms.client.application.test_client())
    assert _look_up(person, reference, words).location == "/check/your-complaint"
    return person


def test_the_longest_answer_allowed_is_kept_whole(forms, staff_client, session):
    """5,000 characters may be added: all of them are kept, on PostgreSQL as on SQLite."""
    reference, words = _submit(forms)
    staff_client.post(
        f"/staff/case/{reference}/classify",
        {"classification": "pre_complaint", "missing_information": "Which home were you in?"},
    )
    person = _open(forms, reference, words)
    longest = ("Oak House, from March. " * 250)[:5000].strip()
    done = person.post("/check/add", {"text": longest})
    assert done.location == "/check/your-complaint?done=add"
    assert _rep(session).events[-1].reason == longest
    too_long = person.post("/check/add", {"text": longest + " and more" * 100})
    assert too_long.status_code == 200 and errors(too_long)


def test_adding_information_answers_a_request_for_it(forms, staff_client, session):
    reference, words = _submit(forms)
    rep = _rep(session)
    asked = staff_client.post(
        f"/staff/case/{reference}/classify",
        {"classification": "pre_complaint", "missing_information": "Which home were you in?"},
    )
    assert asked.status_code == 302
    person = _open(forms, reference, words)
    page = page_text(person.get("/check/your-complaint"))
    assert "We need more information from you" in page and "Add information" in page
    empty = person.post("/check/add", {"text": ""})
    assert errors(empty) == ["Write what you want to add"]
    done = person.post("/check/add", {"text": "Oak House, from March."})
    assert done.location == "/check/your-complaint?done=add"
    assert "We have added this to your complaint" in page_text(person.get(done.location))
    rep = _rep(session)
    assert rep.person_request == "information" and "added information" in rep.flags
    assert rep.events[-1].action == "information added"
    assert rep.events[-1].reason == "Oak House, from March."
    case = page_text(staff_client.get(f"/staff/case/{reference}"))
    assert "information added" in case and "Oak House, from March." in case
    queue = staff_client.get("/staff/queue").get_data(as_text=True)
    assert reference in queue


def test_asking_to_stop_is_recorded_for_staff_to_confirm(forms, staff_client, session):
    reference, words = _submit(forms)
    person = _open(forms, reference, words)
    assert person.post("/check/withdraw", {"reason": ""}).status_code == 302
    rep = _rep(session)
    assert rep.person_request == "withdraw" and rep.status == "new"
    assert rep.events[-1].action == "asked to withdraw"
    assert "asks to withdraw" in page_text(staff_client.get(f"/staff/case/{reference}"))
    assert "You asked to stop your complaint on" in page_text(person.get("/check/your-complaint"))


def test_the_next_stage_can_be_asked_for_only_after_our_answer(forms, staff_client, session):
    reference, words = _submit(forms)
    person = _open(forms, reference, words)
    assert "look at it again" not in page_text(person.get("/check/your-complaint"))
    assert person.get("/check/next-stage").location == "/check/your-complaint"
    today = utcnow().date()
    for action, data in (
        ("classify", STATUTORY),
        ("acknowledge", _date("on", today)),
        ("statement", {"points": "Social worker keeps changing"}),
        ("respond", {**_date("on", today), "point_1": "not_upheld"}),
    ):
        response = staff_client.post(f"/staff/case/{reference}/{action}", data)
        assert response.status_code == 302, (action, errors(response))
    page = page_text(person.get("/check/your-complaint"))
    assert "We have sent you our answer" in page
    assert "Ask us to look at it again (stage 2)" in page and "You can ask until" in page
    empty = person.post("/check/next-stage", {"why": ""})
    assert errors(empty) == ["Tell us what you are still unhappy about"]
    asked = person.post("/check/next-stage", {"why": "Nobody asked me what I think."})
    assert asked.location == "/check/your-complaint?done=next-stage"
    rep = _rep(session)
    assert rep.person_request == "next_stage" and rep.events[-1].action == "asked for stage 2"
    escalated = staff_client.post(
        f"/staff/case/{reference}/escalate",
        {
            **_date("requested_on", today),
            "investigating_officer": "I. O",
            "independent_person": "I. P",
        },
    )
    assert escalated.status_code == 302, errors(escalated)
    rep = _rep(session)
    assert rep.person_request is None and rep.current_stage.number == 2
    assert "We are looking at it" in page_text(person.get("/check/your-complaint"))


def test_the_page_closes_after_thirty_minutes_and_on_request(forms, session):
    reference, words = _submit(forms)
    person = _open(forms, reference, words)
    session.rollback()
    session.execute(update(TrackingGrant).values(expires_at=utcnow() - timedelta(minutes=1)))
    session.commit()
    gone = person.get("/check/your-complaint")
    assert gone.location == "/check?expired=1"
    assert "we closed your complaint's page after 30 minutes" in page_text(
        person.get(gone.location)
    )
    person = _open(forms, reference, words)
    assert person.get("/check/sign-out").status_code == 302
    assert person.get("/check/your-complaint").location == "/check?expired=1"


def test_an_advocate_follows_the_young_persons_case_the_same_way(forms, session):
    reference, words = _submit(
        forms, journey="advocate", intent="complain", role="advocate", pages=helpers.ADVOCATE
    )
    person = _open(forms, reference, words)
    assert "We are looking at it" in page_text(person.get("/check/your-complaint"))
    assert session.scalar(select(func.count(Event.id))) >= 1
