"""Messages sent through GOV.UK Notify, against a local fake of the Notify API.

The portal's own ``NotifySender`` and the official Notify client talk real HTTP to
``FakeNotify`` (tests/notify/fake_notify.py), which checks tokens, templates and
personalisation as Notify does. Representations arrive through the real web journeys.

Notify does not deduplicate by ``reference``: a message sent twice is delivered twice. So a
message whose earlier try may have reached Notify (``maybe_sent``: the sender died, its lease
ran out, or the try failed in a way that could follow acceptance) is looked up by reference
first, and the tests below count notifications the fake holds, not requests it answered.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests
from flask import Flask
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal import config
from portal.models import OutboxMessage, Person, Representation
from portal.models.outbox import EMAIL, FAILED, LETTER, QUEUED, SENT, SMS
from portal.models.person import SUBMITTER
from portal.models.types import utcnow
from portal.notify import outbox, senders
from tests import helpers
from tests.helpers import FormClient
from tests.notify.fake_notify import FakeNotify, uk_mobile

ROOT = Path(__file__).resolve().parents[2]
YOUNG_PERSON: dict[str, Any] = helpers.YOUNG_PERSON  # chooses text messages
ADULT: dict[str, Any] = helpers.ADULT  # chooses email
YOUNG_MOBILE = YOUNG_PERSON["contact"]["mobile"]
ADULT_EMAIL = ADULT["contact-email"]["email"]
COMPLAINT_WORDS = (
    YOUNG_PERSON["what-happened"]["what_happened"],
    YOUNG_PERSON["make-it-better"]["outcome_wanted"],
    ADULT["what-happened"]["what_happened"],
    ADULT["outcomes"]["other_outcome"],
)


@pytest.fixture
def fake() -> Iterator[FakeNotify]:
    with FakeNotify() as server:
        yield server


@pytest.fixture
def notify_app(app_with: Callable[..., Flask], fake: FakeNotify) -> Callable[..., Flask]:
    """``notify_app(**config)``: an app sending email and text messages through the fake
    Notify, on the test database; ``config`` overrides (a wrong key, say)."""

    def make(**overrides: Any) -> Flask:
        settings: dict[str, Any] = {
            "EMAIL_SENDER": "notify",
            "SMS_SENDER": "notify",
            "NOTIFY_API_KEY": "speakup_test-" + fake.service_id + "-" + fake.secret,
            "NOTIFY_BASE_URL": fake.url,
            "NOTIFY_EMAIL_TEMPLATE": fake.email_template,
            "NOTIFY_SMS_TEMPLATE": fake.sms_template,
            # Only the receipt goes: no referral or duty alert to count as well.
            "ADVOCACY_EMAIL": None,
            "DUTY_EMAIL": None,
        }
        return app_with(**{**settings, **overrides})

    return make


@pytest.fixture
def app(notify_app: Callable[..., Flask]) -> Flask:
    """Overrides the shared ``app``: ``forms`` and ``session`` use this one."""
    return notify_app()


def submit(app: Flask, journey: str, role: str, answers: dict[str, Any]) -> str:
    """Send a representation through the web journey in a fresh browser; its reference."""
    forms = FormClient(app.test_client())
    forms.walk(journey, "complain", role, answers)
    response = forms.post(f"/{journey}/check-answers")
    assert response.location == f"/{journey}/confirmation", helpers.errors(response)
    with Session(app.extensions["portal.engine"]) as db:
        reference = db.scalars(
            select(Representation.reference).order_by(Representation.id.desc())
        ).first()
    assert reference
    return reference


def messages_for(app: Flask, reference: str) -> list[OutboxMessage]:
    """The outbox rows for one representation, read afresh."""
    with Session(app.extensions["portal.engine"]) as db:
        return list(
            db.scalars(
                select(OutboxMessage)
                .join(Representation, Representation.id == OutboxMessage.representation_id)
                .where(Representation.reference == reference)
                .order_by(OutboxMessage.id)
            )
        )


def only_message(app: Flask, reference: str) -> OutboxMessage:
    found = messages_for(app, reference)
    assert len(found) == 1, [(m.kind, m.channel, m.status) for m in found]
    return found[0]


def retry_now(app: Flask, **kwargs: Any) -> int:
    with Session(app.extensions["portal.write_engine"]) as db:
        count = outbox.retry_now(db, utcnow(), **kwargs)
        db.commit()
    return count


def set_row(app: Flask, message_id: int, **values: Any) -> None:
    """Put an outbox row into a state by hand, in its own transaction."""
    with Session(app.extensions["portal.write_engine"]) as db:
        db.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(**values))
        db.commit()


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    return child.pid


def assert_no_complaint_text(text: str) -> None:
    for words in COMPLAINT_WORDS:
        assert words not in text


# --- Sending -------------------------------------------------------------------------------


def test_a_young_persons_receipt_goes_by_text_to_their_mobile(app, fake):
    reference = submit(app, "young-person", "young_person", YOUNG_PERSON)
    queued = only_message(app, reference)
    assert (queued.kind, queued.channel, queued.status) == ("receipt", SMS, QUEUED)

    totals = outbox.run(app, once=True)

    assert totals[SENT] == 1
    (text,) = fake.sent
    assert text.type == "sms"
    assert text.template_id == fake.sms_template
    with Session(app.extensions["portal.engine"]) as db:
        mobile = db.scalar(
            select(Person.mobile)
            .join(Representation, Representation.id == Person.representation_id)
            .where(Representation.reference == reference, Person.part == SUBMITTER)
        )
    assert text.to == mobile
    assert uk_mobile(text.to) == uk_mobile(YOUNG_MOBILE)
    assert set(text.personalisation) == {"body"}
    assert reference in text.personalisation["body"]
    assert text.content["body"] == text.personalisation["body"]
    assert_no_complaint_text(text.personalisation["body"])
    assert text.reference == queued.dedupe_key

    sent = only_message(app, reference)
    assert sent.status == SENT
    assert sent.provider_ref == text.id
    assert str(uuid.UUID(sent.provider_ref)) == sent.provider_ref
    assert sent.sent_at is not None
    assert sent.attempts == 1
    assert sent.last_error is None
    assert sent.claimed_by is None


def test_an_adults_receipt_goes_by_email_with_subject_and_body(app, fake):
    reference = submit(app, "adult", "adult", ADULT)
    queued = only_message(app, reference)
    assert (queued.kind, queued.channel) == ("receipt", EMAIL)

    totals = outbox.run(app, once=True)

    assert totals[SENT] == 1
    (email,) = fake.sent
    assert email.type == "email"
    assert email.to == ADULT_EMAIL
    assert email.template_id == fake.email_template
    assert set(email.personalisation) == {"subject", "body"}
    assert reference in email.personalisation["subject"]
    assert reference in email.personalisation["body"]
    assert email.content["subject"] == email.personalisation["subject"]
    assert_no_complaint_text(email.personalisation["subject"] + email.personalisation["body"])
    assert email.reference == queued.dedupe_key

    sent = only_message(app, reference)
    assert sent.status == SENT
    assert sent.provider_ref == email.id
    assert sent.attempts == 1


def test_an_outage_keeps_messages_queued_until_retry_now_then_sends_each_once(app, fake):
    young = submit(app, "young-person", "young_person", YOUNG_PERSON)
    adult = submit(app, "adult", "adult", ADULT)
    fake.fail_next(2, status=500)
    started = utcnow()

    totals = outbox.run(app, once=True)

    assert totals["retry"] == 2
    assert fake.sent == []
    waiting = [only_message(app, young), only_message(app, adult)]
    for message in waiting:
        assert message.status == QUEUED
        assert message.attempts == 1
        assert message.last_error == "notify:500"
        assert message.next_attempt_at >= started + outbox.FIRST_RETRY - timedelta(seconds=1)
        assert message.claimed_by is None
        assert message.provider_ref is None

    # Not due yet: running again sends nothing and asks Notify nothing.
    assert outbox.run(app, once=True)[SENT] == 0
    assert fake.requests == 2

    # A 500 may come after Notify took the message, so each is marked maybe sent...
    assert all(m.maybe_sent for m in (only_message(app, young), only_message(app, adult)))
    assert fake.lookups() == []

    assert retry_now(app) == 2
    assert outbox.run(app, once=True)[SENT] == 2
    assert outbox.run(app, once=True)[SENT] == 0

    by_reference = {n.reference: n for n in fake.sent}
    assert len(fake.sent) == len(by_reference) == 2
    for message in (only_message(app, young), only_message(app, adult)):
        assert message.status == SENT
        assert message.attempts == 2
        assert message.last_error is None
        assert by_reference[message.dedupe_key].id == message.provider_ref
        # ...and looked up by its reference once before it was sent again.
        assert len(fake.lookups(message.dedupe_key)) == 1
    assert {n.type for n in fake.sent} == {"sms", "email"}
    # Two refused in the outage, two accepted after it; two lookups that found nothing.
    assert len(fake.sends()) == 4
    assert len(fake.lookups()) == 2


def test_a_number_notify_refuses_marks_the_message_failed_without_retrying(app, fake):
    fake.reject_number(YOUNG_MOBILE)
    reference = submit(app, "young-person", "young_person", YOUNG_PERSON)

    totals = outbox.run(app, once=True)

    assert totals[FAILED] == 1
    message = only_message(app, reference)
    assert message.status == FAILED
    assert message.reason == "refused"
    assert message.last_error == "notify:400"
    assert message.attempts == 1
    assert message.provider_ref is None
    assert fake.sent == []
    assert fake.requests == 1

    # Retrying what is waiting does not bring back a message Notify refused for good.
    assert retry_now(app) == 0
    assert outbox.run(app, once=True) == {}
    assert fake.requests == 1
    assert only_message(app, reference).status == FAILED


def test_a_wrong_api_key_is_a_temporary_failure_and_the_message_waits(app, notify_app, fake):
    reference = submit(app, "adult", "adult", ADULT)
    wrong = notify_app(NOTIFY_API_KEY=fake.api_key(secret=str(uuid.uuid4())))
    started = utcnow()

    totals = outbox.run(wrong, once=True)

    assert totals["retry"] == 1
    message = only_message(app, reference)
    assert message.status == QUEUED
    assert message.last_error == "notify:403"
    assert message.attempts == 1
    assert message.next_attempt_at > started
    assert fake.sent == []

    # Once the key is put right, the message that waited is looked up, then goes, once.
    assert retry_now(app) == 1
    assert outbox.run(app, once=True)[SENT] == 1
    (email,) = fake.sent
    assert email.reference == message.dedupe_key
    assert only_message(app, reference).provider_ref == email.id
    assert len(fake.lookups(message.dedupe_key)) == 1


def test_a_key_for_another_service_is_a_temporary_failure(app, notify_app, fake):
    reference = submit(app, "young-person", "young_person", YOUNG_PERSON)
    other = f"speakup_test-{uuid.uuid4()}-{fake.secret}"

    totals = outbox.run(notify_app(NOTIFY_API_KEY=other), once=True)

    assert totals["retry"] == 1
    message = only_message(app, reference)
    assert (message.status, message.last_error) == (QUEUED, "notify:403")
    assert fake.sent == []


# --- Not sending twice: Notify does not deduplicate by reference ---------------------------

# The states a sender leaves behind when it dies (kill -9, the machine lost) after Notify
# accepted a message but before it recorded that: the row is still queued, with no sent_at
# and no provider_ref, and the attempt was never counted. Either another sender already
# released the dead one's claim and marked the row maybe sent (the state the outbox itself
# writes), or the claim is still there, held by a process that is gone from this machine or
# by one whose lease has run out, and the next run must notice.
DIED_AFTER_NOTIFY_ACCEPTED = {
    "claim-released": lambda: {"claimed_by": None, "claimed_until": None, "maybe_sent": True},
    "claimed-by-dead-process-here": lambda: {
        "claimed_by": f"{socket.gethostname()}:{dead_pid()}",
        "claimed_until": utcnow() + timedelta(minutes=5),
        "maybe_sent": False,
    },
    "lease-ran-out-elsewhere": lambda: {
        "claimed_by": "another-host.invalid:4242",
        "claimed_until": utcnow() - timedelta(minutes=1),
        "maybe_sent": False,
    },
}


@pytest.mark.parametrize("died", sorted(DIED_AFTER_NOTIFY_ACCEPTED))
def test_a_message_notify_accepted_but_we_never_recorded_is_not_sent_again(app, fake, died):
    reference = submit(app, "adult", "adult", ADULT)
    assert outbox.run(app, once=True)[SENT] == 1
    (email,) = fake.sent
    message = only_message(app, reference)
    assert message.provider_ref == email.id

    # Undo what the sender recorded after Notify answered: as if it was killed between
    # Notify's 201 and its own commit.
    set_row(
        app,
        message.id,
        status=QUEUED,
        sent_at=None,
        provider_ref=None,
        attempts=0,
        next_attempt_at=utcnow() - timedelta(seconds=1),
        **DIED_AFTER_NOTIFY_ACCEPTED[died](),
    )

    totals = outbox.run(app, once=True)

    assert totals[SENT] == 1
    assert fake.sent == [email], "Notify was asked to send the message a second time"
    assert len(fake.sends()) == 1
    assert len(fake.lookups(message.dedupe_key)) == 1
    again = only_message(app, reference)
    assert again.status == SENT
    assert again.provider_ref == email.id
    assert again.sent_at is not None
    assert again.claimed_by is None
    assert again.attempts == 1


def test_killing_the_sender_after_notify_accepted_sends_the_message_once(
    app, fake, database_url, tmp_path
):
    reference = submit(app, "young-person", "young_person", YOUNG_PERSON)
    fake.hold_after_accept()
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_MAIL_DIR": str(tmp_path),
        "PORTAL_EMAIL_SENDER": "notify",
        "PORTAL_SMS_SENDER": "notify",
        "PORTAL_NOTIFY_API_KEY": fake.api_key(),
        "PORTAL_NOTIFY_BASE_URL": fake.url,
        "PORTAL_NOTIFY_EMAIL_TEMPLATE": fake.email_template,
        "PORTAL_NOTIFY_SMS_TEMPLATE": fake.sms_template,
        "PORTAL_OUTBOX_POLL_SECONDS": "1",
    }
    flask = [sys.executable, "-m", "flask", "--app", "portal", "outbox", "run"]
    with (tmp_path / "sender.log").open("w") as log:
        sender = subprocess.Popen(flask, env=env, cwd=ROOT, stdout=log, stderr=log)
        try:
            held = fake.held.wait(timeout=60)
        finally:
            # Notify has the message; the sender is waiting for its answer. kill -9.
            sender.send_signal(signal.SIGKILL)
            sender.wait(timeout=30)
    assert held, (tmp_path / "sender.log").read_text()
    fake.release.set()
    (text,) = fake.sent
    stranded = only_message(app, reference)
    assert stranded.status == QUEUED
    assert stranded.provider_ref is None
    assert stranded.claimed_by == f"{socket.gethostname()}:{sender.pid}"

    assert outbox.run(app, once=True)[SENT] == 1

    assert fake.sent == [text]
    assert len(fake.lookups(stranded.dedupe_key)) == 1
    sent = only_message(app, reference)
    assert (sent.status, sent.provider_ref, sent.claimed_by) == (SENT, text.id, None)


def test_a_timeout_after_notify_accepted_is_retried_without_sending_twice(app, fake):
    reference = submit(app, "young-person", "young_person", YOUNG_PERSON)
    # Notify takes the message, but the answer that reaches the portal is a 500 (as a
    # timeout or a dropped connection after acceptance would be).
    fake.accept_then_fail_next(1)

    totals = outbox.run(app, once=True)

    assert totals["retry"] == 1
    (text,) = fake.sent
    waiting = only_message(app, reference)
    assert (waiting.status, waiting.last_error, waiting.provider_ref) == (
        QUEUED,
        "notify:500",
        None,
    )
    assert waiting.maybe_sent
    assert waiting.attempts == 1

    assert retry_now(app) == 1
    assert outbox.run(app, once=True)[SENT] == 1

    assert fake.sent == [text], "the message Notify had already accepted went again"
    assert len(fake.sends()) == 1
    assert len(fake.lookups(waiting.dedupe_key)) == 1
    sent = only_message(app, reference)
    assert sent.status == SENT
    assert sent.provider_ref == text.id
    assert sent.attempts == 2
    assert sent.last_error is None


def test_a_maybe_sent_message_notify_does_not_have_is_sent_once(app, fake):
    adult = submit(app, "adult", "adult", ADULT)
    assert outbox.run(app, once=True)[SENT] == 1
    (email,) = fake.sent
    young = submit(app, "young-person", "young_person", YOUNG_PERSON)
    waiting = only_message(app, young)
    # As if a sender died before its request reached Notify: the lookup must find nothing
    # (and certainly not the other representation's email), then send.
    set_row(app, waiting.id, maybe_sent=True)

    assert outbox.run(app, once=True)[SENT] == 1

    assert len(fake.sent) == 2
    text = next(n for n in fake.sent if n.id != email.id)
    assert (text.type, text.reference) == ("sms", waiting.dedupe_key)
    assert len(fake.lookups(waiting.dedupe_key)) == 1
    assert fake.lookups(only_message(app, adult).dedupe_key) == []
    sent = only_message(app, young)
    assert (sent.status, sent.provider_ref) == (SENT, text.id)
    assert only_message(app, adult).provider_ref == email.id


def test_a_failed_lookup_sends_nothing_and_the_message_waits(app, fake):
    reference = submit(app, "young-person", "young_person", YOUNG_PERSON)
    set_row(app, only_message(app, reference).id, maybe_sent=True)
    fake.fail_next(1, status=503)

    assert outbox.run(app, once=True)["retry"] == 1

    # Not knowing whether Notify has it, the sender does not send blind.
    assert fake.sends() == []
    assert fake.sent == []
    waiting = only_message(app, reference)
    assert (waiting.status, waiting.last_error, waiting.attempts) == (
        QUEUED,
        "notify:lookup:503",
        1,
    )
    assert waiting.maybe_sent

    assert retry_now(app) == 1
    assert outbox.run(app, once=True)[SENT] == 1
    (text,) = fake.sent
    assert only_message(app, reference).provider_ref == text.id
    assert len(fake.lookups(waiting.dedupe_key)) == 2


# --- Settings Notify cannot work with ------------------------------------------------------


def _settings(**overrides: Any) -> dict[str, Any]:
    """The settings as the app would read them, with no PORTAL_* environment."""
    return config.load({"TESTING": True, **overrides}, environ={})


def test_choosing_notify_without_an_api_key_is_refused():
    settings = _settings(
        EMAIL_SENDER="notify", SMS_SENDER="none", NOTIFY_EMAIL_TEMPLATE=str(uuid.uuid4())
    )
    with pytest.raises(ValueError, match="NOTIFY_API_KEY"):
        senders.from_config(settings)


@pytest.mark.parametrize(
    ("email_sender", "sms_sender", "missing", "named"),
    [
        ("none", "notify", "NOTIFY_SMS_TEMPLATE", "SMS_SENDER"),
        ("notify", "none", "NOTIFY_EMAIL_TEMPLATE", "EMAIL_SENDER"),
        ("notify", "notify", "NOTIFY_SMS_TEMPLATE", "SMS_SENDER"),
    ],
)
def test_choosing_notify_for_a_channel_without_its_template_is_refused(
    fake, email_sender, sms_sender, missing, named
):
    templates = {
        "NOTIFY_EMAIL_TEMPLATE": fake.email_template,
        "NOTIFY_SMS_TEMPLATE": fake.sms_template,
    }
    settings = _settings(
        EMAIL_SENDER=email_sender,
        SMS_SENDER=sms_sender,
        NOTIFY_API_KEY=fake.api_key(),
        NOTIFY_BASE_URL=fake.url,
        **{**templates, missing: None},
    )
    with pytest.raises(ValueError, match=named):
        senders.from_config(settings)


def test_a_sender_that_cannot_send_text_messages_is_refused_for_them():
    with pytest.raises(ValueError, match="SMS_SENDER"):
        senders.from_config(_settings(EMAIL_SENDER="none", SMS_SENDER="smtp"))


def test_notify_with_both_templates_sends_both_channels_through_one_client(fake):
    settings = _settings(
        EMAIL_SENDER="notify",
        SMS_SENDER="notify",
        NOTIFY_API_KEY=fake.api_key(),
        NOTIFY_BASE_URL=fake.url,
        NOTIFY_EMAIL_TEMPLATE=fake.email_template,
        NOTIFY_SMS_TEMPLATE=fake.sms_template,
    )
    made = senders.from_config(settings)
    try:
        assert set(made) == {EMAIL, SMS}
        assert made[EMAIL] is made[SMS]
        assert isinstance(made[EMAIL], senders.NotifySender)
    finally:
        made[EMAIL].close()
    assert senders.available_channels(settings) == {EMAIL, SMS, LETTER}


def test_notify_counts_a_channel_as_available_only_with_its_template():
    both = {"EMAIL_SENDER": "notify", "SMS_SENDER": "notify"}
    assert senders.available_channels(both) == {LETTER}
    assert senders.available_channels({**both, "NOTIFY_EMAIL_TEMPLATE": "t"}) == {EMAIL, LETTER}
    assert senders.available_channels({**both, "NOTIFY_SMS_TEMPLATE": "t"}) == {SMS, LETTER}


def test_the_outbox_refuses_to_start_with_a_channel_notify_cannot_send(app, notify_app, fake):
    reference = submit(app, "adult", "adult", ADULT)
    with pytest.raises(ValueError, match="SMS_SENDER"):
        outbox.run(notify_app(NOTIFY_SMS_TEMPLATE=None), once=True)
    assert fake.calls == []
    assert only_message(app, reference).status == QUEUED


# --- The fake answers as Notify does -------------------------------------------------------


def _post(fake: FakeNotify, path: str, token: str | None, body: dict[str, Any]) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with requests.Session() as http:
        return http.post(fake.url + path, json=body, headers=headers, timeout=10)


def _token(fake: FakeNotify, *, issued: float, secret: str | None = None) -> str:
    return jwt.encode(
        {"iss": fake.service_id, "iat": int(issued)},
        secret or fake.secret,
        algorithm="HS256",
        headers={"typ": "JWT", "alg": "HS256"},
    )


def test_the_fake_checks_the_token_as_notify_does(fake):
    body = {
        "phone_number": "07700900982",
        "template_id": fake.sms_template,
        "personalisation": {"body": "Hello"},
    }
    now = time.time()

    missing = _post(fake, "/v2/notifications/sms", None, body)
    assert missing.status_code == 401
    assert missing.json()["errors"][0]["error"] == "AuthError"

    for token in (
        _token(fake, issued=now - 60),  # too old
        _token(fake, issued=now + 60),  # from the future
        _token(fake, issued=now, secret=str(uuid.uuid4())),  # signed with another secret
        "not-a-jwt",
    ):
        refused = _post(fake, "/v2/notifications/sms", token, body)
        assert refused.status_code == 403, token
        answer = refused.json()
        assert answer["status_code"] == 403
        assert answer["errors"][0]["error"] == "AuthError"

    accepted = _post(fake, "/v2/notifications/sms", _token(fake, issued=now - 10), body)
    assert accepted.status_code == 201
    assert len(fake.sent) == 1


def test_the_fake_validates_the_notification_as_notify_does(fake):
    client = NotificationsAPIClient(fake.api_key(), base_url=fake.url)
    try:
        cases = [
            (
                lambda: client.send_email_notification(
                    "pat@example.com", fake.email_template, personalisation={"body": "x"}
                ),
                "BadRequestError",
                "Missing personalisation: subject",
            ),
            (
                lambda: client.send_sms_notification("07700900982", fake.sms_template),
                "BadRequestError",
                "Missing personalisation: body",
            ),
            (
                lambda: client.send_sms_notification(
                    "07700900982", str(uuid.uuid4()), personalisation={"body": "x"}
                ),
                "BadRequestError",
                "Template not found",
            ),
            (
                lambda: client.send_email_notification(
                    "pat@example.com", fake.sms_template, personalisation={"body": "x"}
                ),
                "BadRequestError",
                "sms template is not suitable for email notification",
            ),
            (
                lambda: client.send_sms_notification(
                    "01632 960 001", fake.sms_template, personalisation={"body": "x"}
                ),
                "ValidationError",
                "phone_number Not a UK mobile number",
            ),
        ]
        for call, error, message in cases:
            with pytest.raises(APIError) as raised:
                call()
            assert raised.value.status_code == 400
            assert raised.value.message == [{"error": error, "message": message}]
        assert fake.sent == []

        answer = client.send_email_notification(
            "pat@example.com",
            fake.email_template,
            personalisation={"subject": "Hello", "body": "Hello there"},
            reference="ref-1",
        )
    finally:
        client.request_session.close()
    assert str(uuid.UUID(answer["id"])) == answer["id"]
    assert answer["reference"] == "ref-1"
    assert answer["content"]["subject"] == "Hello"
    assert answer["content"]["body"] == "Hello there"
    assert answer["template"]["id"] == fake.email_template
    assert answer["uri"].endswith(answer["id"])
    (email,) = fake.sent
    assert (email.id, email.to, email.reference) == (answer["id"], "pat@example.com", "ref-1")


def test_the_fake_fails_on_request_then_recovers(fake):
    client = NotificationsAPIClient(fake.api_key(), base_url=fake.url)
    fake.fail_next(1, status=500)
    try:
        with pytest.raises(APIError) as raised:
            client.send_sms_notification("07700900982", fake.sms_template, {"body": "x"})
        assert raised.value.status_code == 500
        answer = client.send_sms_notification("07700900982", fake.sms_template, {"body": "x"})
    finally:
        client.request_session.close()
    assert answer["content"]["body"] == "x"
    assert [n.id for n in fake.sent] == [answer["id"]]


def test_the_fake_lists_notifications_by_reference_newest_first_as_notify_does(fake):
    client = NotificationsAPIClient(fake.api_key(), base_url=fake.url)
    try:
        first = client.send_sms_notification(
            "07700900982", fake.sms_template, {"body": "one"}, reference="ref-a"
        )
        email = client.send_email_notification(
            "pat@example.com",
            fake.email_template,
            {"subject": "Hi", "body": "two"},
            reference="ref-b",
        )
        # Notify does not deduplicate: the same reference again is a second notification.
        second = client.send_sms_notification(
            "07700900982", fake.sms_template, {"body": "three"}, reference="ref-a"
        )

        found = client.get_all_notifications(reference="ref-a")
        assert [n["id"] for n in found["notifications"]] == [second["id"], first["id"]]
        newest = found["notifications"][0]
        assert newest["reference"] == "ref-a"
        assert (newest["type"], newest["phone_number"], newest["email_address"]) == (
            "sms",
            "07700900982",
            None,
        )
        assert newest["status"] == "created"
        assert newest["body"] == "three"
        assert newest["subject"] is None
        assert newest["template"]["id"] == fake.sms_template
        assert newest["created_at"].endswith("Z")
        assert found["links"]["current"].endswith("/v2/notifications?reference=ref-a")
        assert f"older_than={first['id']}" in found["links"]["next"]

        nothing = client.get_all_notifications(reference="ref-unknown")
        assert nothing["notifications"] == []
        assert "next" not in nothing["links"]

        emails = client.get_all_notifications(template_type="email")["notifications"]
        assert [(n["id"], n["email_address"], n["subject"]) for n in emails] == [
            (email["id"], "pat@example.com", "Hi")
        ]

        fake.set_status(first["id"], "permanent-failure")
        failed = client.get_all_notifications(status="failed")["notifications"]
        assert [n["id"] for n in failed] == [first["id"]]
        assert client.get_all_notifications(status="delivered")["notifications"] == []

        fake.page_size = 2
        everything = [n["id"] for n in client.get_all_notifications_iterator()]
        assert everything == [second["id"], email["id"], first["id"]]
        older = client.get_all_notifications(older_than=email["id"])["notifications"]
        assert [n["id"] for n in older] == [first["id"]]

        for call, message in [
            (
                lambda: client.get_all_notifications(status="elephant"),
                "status elephant is not one of",
            ),
            (
                lambda: client.get_all_notifications(template_type="fax"),
                "template_type fax is not one of",
            ),
            (
                lambda: client.get_all_notifications(older_than="not-a-uuid"),
                "older_than is not a valid UUID",
            ),
            (
                lambda: client.get("/v2/notifications", params={"colour": "red"}),
                "Additional properties are not allowed (colour was unexpected)",
            ),
        ]:
            with pytest.raises(APIError) as raised:
                call()
            assert raised.value.status_code == 400
            [error] = raised.value.message
            assert error["error"] == "ValidationError"
            assert error["message"].startswith(message)
    finally:
        client.request_session.close()

    with requests.Session() as http:
        assert http.get(fake.url + "/v2/notifications", timeout=10).status_code == 401
        token = _token(fake, issued=time.time(), secret=str(uuid.uuid4()))
        refused = http.get(
            fake.url + "/v2/notifications",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert refused.status_code == 403


def test_the_fake_can_accept_a_notification_then_answer_with_an_error(fake):
    client = NotificationsAPIClient(fake.api_key(), base_url=fake.url)
    fake.accept_then_fail_next(1)
    try:
        with pytest.raises(APIError) as raised:
            client.send_sms_notification(
                "07700900982", fake.sms_template, {"body": "x"}, reference="ref-t"
            )
        assert raised.value.status_code == 500
        (kept,) = fake.sent
        found = client.get_all_notifications(reference="ref-t")["notifications"]
        assert [n["id"] for n in found] == [kept.id]
        # Used up: the next notification is answered normally.
        answer = client.send_sms_notification("07700900982", fake.sms_template, {"body": "y"})
    finally:
        client.request_session.close()
    assert [n.id for n in fake.sent] == [kept.id, answer["id"]]
