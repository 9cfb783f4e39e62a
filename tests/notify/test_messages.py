"""What each message says and where it goes: in plain words, with dates and the reference,
never the complaint text, and never by a route the person said is not safe."""

from __future__ import annotations

import email
from datetime import timedelta
from email.policy import default
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.models import Event, OutboxMessage, Person, Representation
from portal.models.outbox import POSTED, QUEUED, SENT, TO_PRINT, WITHHELD
from portal.models.types import utcnow
from portal.notify import outbox
from tests import helpers
from tests.helpers import FormClient, errors, page_text
from tests.helpers import date_fields as _date

STATUTORY = {
    "classification": "statutory_complaint",
    "nature_code": "poor_communication",
    "service_code": "children_in_care",
}


def _act(browser: FormClient, rep: Representation, action: str, data: dict) -> None:
    response = browser.post(f"/staff/case/{rep.reference}/{action}", data)
    assert response.status_code == 302, (action, errors(response))


def _submit(forms: FormClient, journey: str, intent: str, role: str, pages: dict) -> None:
    forms.walk(journey, intent, role, pages)
    assert forms.post(f"/{journey}/check-answers").status_code == 302


def _rep(session: Session) -> Representation:
    session.rollback()
    session.expire_all()
    return session.scalars(select(Representation).order_by(Representation.id.desc())).first()


def _outbox(session: Session) -> list[OutboxMessage]:
    session.rollback()
    session.expire_all()
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _delivered(app, session: Session) -> list[tuple[OutboxMessage, str, str]]:
    """Send everything by the development file sender; (message, subject, body) each."""
    outbox.run(app, once=True)
    found = []
    mail = Path(app.config["MAIL_DIR"])
    for message in _outbox(session):
        if message.status != SENT:
            continue
        if message.channel == "sms":
            text = (mail / f"{message.dedupe_key}.sms.txt").read_text(encoding="utf-8")
            found.append((message, "", text))
        else:
            parsed = email.message_from_bytes(
                (mail / f"{message.dedupe_key}.eml").read_bytes(), policy=default
            )
            found.append((message, str(parsed["Subject"]), parsed.get_content()))
    return found


def test_each_stage_step_tells_the_person_what_happens_and_by_when(
    app, forms, staff_client, session
):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    rep = _rep(session)
    today = utcnow().date()
    _act(staff_client, rep, "classify", STATUTORY)
    _act(staff_client, rep, "acknowledge", _date("on", today))
    _act(staff_client, rep, "extend", {"reason": "Waiting for the school's records"})
    _act(staff_client, rep, "statement", {"points": "Calls not returned"})
    _act(staff_client, rep, "respond", {**_date("on", today), "point_1": "upheld"})
    _act(
        staff_client,
        rep,
        "escalate",
        {
            **_date("requested_on", today),
            "investigating_officer": "I. O",
            "independent_person": "I. P",
        },
    )
    sent = _delivered(app, session)
    assert [m.kind for m, _s, _b in sent] == [
        "receipt",
        "acknowledgement",
        "extension",
        "escalation",
    ]
    rep = _rep(session)
    first, second = rep.stages
    by_kind = {m.kind: (subject, body) for m, subject, body in sent}
    for subject, body in by_kind.values():
        assert rep.reference in subject and rep.reference in body
        assert "Nobody returned my calls" not in body and "Calls not returned" not in body
        assert body.startswith("Dear Pat,")
    ack = by_kind["acknowledgement"][1]
    assert "We will send you our answer by" in ack and "advocate" in ack
    extension = by_kind["extension"][1]
    assert f"{first.extended_to.day} {first.extended_to:%B %Y}" in extension
    escalation = by_kind["escalation"][1]
    assert "is now at stage 2" in escalation and "has not worked on your case" in escalation
    assert all(m.channel == "email" and m.person.email == "pat@example.com" for m, _s, _b in sent)
    assert second.number == 2


def test_a_refusal_gives_the_reason_and_the_way_to_the_ombudsman(app, forms, staff_client, session):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    rep = _rep(session)
    _act(
        staff_client,
        rep,
        "classify",
        {
            "classification": "refused",
            "refused_route": "statutory",
            "refusal_reason_code": "court_proceedings",
            "refusal_explanation": "The family court is deciding contact.",
        },
    )
    [(_r, _rs, _rb), (message, _subject, body)] = _delivered(app, session)
    assert message.kind == "refusal"
    assert "Court proceedings" in body and "The family court is deciding contact." in body
    assert "Ombudsman" in body and "0300 061 0614" in body


def test_a_pre_complaint_asks_for_exactly_what_is_missing(app, forms, staff_client, session):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    rep = _rep(session)
    _act(
        staff_client,
        rep,
        "classify",
        {"classification": "pre_complaint", "missing_information": "Which month was the meeting?"},
    )
    message, _subject, body = _delivered(app, session)[-1]
    assert message.kind == "information_request"
    assert "Which month was the meeting?" in body and "/check" in body


def test_a_young_persons_text_message_is_short_and_holds_no_complaint_text(app, forms, session):
    _submit(forms, "young-person", "complain", "young_person", helpers.YOUNG_PERSON)
    rep = _rep(session)
    [(message, _subject, text)] = [s for s in _delivered(app, session) if s[0].kind == "receipt"]
    assert message.channel == "sms" and "To: 07700 900 982" in text
    body = text.split("\n\n", 1)[1]
    assert rep.reference in body and len(body) <= 306  # two text message parts at most
    assert "social worker" not in body


def test_a_safeguarding_flag_tells_the_duty_inbox_at_once_without_the_words(app_with, session):
    app = app_with(DUTY_EMAIL="duty@council.example")
    forms = FormClient(app.test_client())
    pages = {**helpers.YOUNG_PERSON, "what-happened": {"what_happened": "My dad hits me."}}
    _submit(forms, "young-person", "complain", "young_person", pages)
    rep = _rep(session)
    assert rep.safeguarding
    [alert] = [s for s in _delivered(app, session) if s[0].kind == "safeguarding_alert"]
    message, subject, body = alert
    assert message.address == "duty@council.example" and rep.reference in subject
    assert f"/staff/case/{rep.reference}" in body and "hits me" not in body


def test_an_advocacy_referral_goes_only_with_the_young_persons_consent(app_with, session):
    app = app_with(ADVOCACY_EMAIL="referrals@advocacy.example", ADVOCACY_NAME="Voices")
    forms = FormClient(app.test_client())
    _submit(forms, "young-person", "complain", "young_person", helpers.YOUNG_PERSON)
    rep = _rep(session)
    assert rep.wants_advocate and rep.advocacy_consent
    [(message, _subject, body)] = [
        s for s in _delivered(app, session) if s[0].kind == "advocacy_referral"
    ]
    assert message.address == "referrals@advocacy.example"
    assert "First name: Sam" in body and "Age: 12" in body
    assert "Text message: 07700 900 982" in body and "To Voices," in body
    assert "social worker keeps changing" not in body.lower()

    declined = FormClient(app.test_client())
    pages = {**helpers.YOUNG_PERSON, "advocate-consent": {"advocacy_consent": "no"}}
    _submit(declined, "young-person", "complain", "young_person", pages)
    kinds = [m.kind for m in _outbox(session) if m.representation_id == _rep(session).id]
    assert kinds == ["receipt"]


def test_a_route_the_person_says_is_not_safe_is_never_used_and_staff_see_why(
    app, forms, staff_client, session
):
    pages = {**helpers.ADULT, "contact-safety": {"unsafe": ["shared_email"]}}
    _submit(forms, "adult", "complain", "adult", pages)
    rep = _rep(session)
    [message] = _outbox(session)
    assert (message.status, message.reason) == (WITHHELD, "unsafe")
    assert _delivered(app, session) == []
    assert not Path(app.config["MAIL_DIR"]).exists(), "nothing was written for any route"
    text = page_text(staff_client.get(f"/staff/case/{rep.reference}"))
    assert "Not sent: the way they chose is not safe" in text
    assert "Someone else reads their email" in text


def test_a_route_marked_unsafe_after_queueing_is_honoured_when_sending(app, forms, session):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    [queued] = _outbox(session)
    assert queued.status == QUEUED
    session.rollback()
    session.execute(update(Person).values(unsafe_routes={"email": "staff"}))
    session.commit()
    assert _delivered(app, session) == []
    [message] = _outbox(session)
    assert (message.status, message.reason) == (WITHHELD, "unsafe")


def test_a_young_person_who_chose_a_phone_call_gets_nothing_automatic(app, forms, session):
    pages = {
        **helpers.YOUNG_PERSON,
        "contact": {"contact_routes": ["phone"], "phone": "01632 960 002"},
        "advocate-consent": {"advocacy_consent": "no"},
    }
    _submit(forms, "young-person", "complain", "young_person", pages)
    [message] = _outbox(session)
    assert (message.status, message.reason) == (WITHHELD, "staff_route")


def test_people_who_asked_for_post_get_a_printable_letter(app, forms, staff_client, session):
    pages = {
        **{k: v for k, v in helpers.ADULT.items() if k != "contact-email"},
        "contact": {"preferred_contact": "post"},
        "contact-address": {"address": "1 High Street\nNorthtown NT1 1AA"},
    }
    pages["contact-safety"] = pages.pop("contact-safety")
    pages["help"] = pages.pop("help")
    pages["equality"] = pages.pop("equality")
    _submit(forms, "adult", "complain", "adult", pages)
    rep = _rep(session)
    [message] = _outbox(session)
    assert (message.status, message.channel) == (TO_PRINT, "letter")
    case = page_text(staff_client.get(f"/staff/case/{rep.reference}"))
    assert "Letter to print and post" in case
    url = f"/staff/case/{rep.reference}/messages/{message.id}/letter"
    letter = page_text(staff_client.get(url))
    assert "1 High Street" in letter and "Dear Pat," in letter and rep.reference in letter
    assert "Nobody returned my calls" not in letter
    posted = staff_client.post(f"{url[: -len('/letter')]}/posted", from_page=url)
    assert posted.status_code == 302
    [message] = _outbox(session)
    assert message.status == POSTED
    assert "letter posted" in [e.action for e in session.scalars(select(Event))]


def test_each_responding_manager_gets_one_digest_a_day_of_what_is_due(
    app, forms, staff_client, make_staff, session
):
    responder = make_staff("responding_manager", team_code="children_in_care")
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    rep = _rep(session)
    _act(staff_client, rep, "classify", STATUTORY)
    _act(
        staff_client,
        rep,
        "assign",
        {"team_code": "children_in_care", "assignee_id": str(responder.id)},
    )
    overdue = utcnow().date() - timedelta(days=3)
    session.rollback()
    session.execute(update(Representation).values(next_due_on=overdue))
    session.commit()
    runner = app.test_cli_runner()
    assert "1 digests queued" in runner.invoke(args=["outbox", "digest"]).output
    assert "0 digests queued" in runner.invoke(args=["outbox", "digest"]).output
    [(message, subject, body)] = [s for s in _delivered(app, session) if s[0].kind == "digest"]
    assert message.staff_id == responder.id
    assert "due and overdue" in subject
    assert rep.reference in body and "OVERDUE since" in body
    assert "Pat" not in body and "Nobody returned" not in body
