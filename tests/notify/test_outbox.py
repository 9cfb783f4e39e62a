"""The outbox: every message is queued with the change that causes it and delivered by a
real SMTP server exactly once, through outages and a killed sender."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import Draft, OutboxMessage, Representation
from portal.models.outbox import FAILED, QUEUED, SENT
from portal.models.types import utcnow
from portal.notify import outbox
from tests import helpers

ROOT = Path(__file__).resolve().parents[2]


def _messages(session: Session) -> list[OutboxMessage]:
    session.rollback()
    session.expire_all()
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _submit_adult(forms, answers=helpers.ADULT) -> None:
    forms.walk("adult", "complain", "adult", answers)
    assert forms.post("/adult/check-answers").location == "/adult/confirmation"


def test_a_submission_queues_its_receipt_with_no_complaint_text(smtp_forms, session):
    _submit_adult(smtp_forms)
    rep = session.scalars(select(Representation)).one()
    [message] = _messages(session)
    assert (message.kind, message.channel, message.status) == ("receipt", "email", QUEUED)
    assert message.person_id == rep.person("submitter").id
    assert message.context["reference"] == rep.reference
    stored = json.dumps(message.context)
    assert "Nobody returned my calls" not in stored and "pat@example.com" not in stored


def test_the_receipt_arrives_once_with_a_stable_message_id(smtp_app, smtp_forms, smtp, session):
    _submit_adult(smtp_forms)
    rep = session.scalars(select(Representation)).one()
    assert outbox.run(smtp_app, once=True)[SENT] == 1
    [mail] = smtp.to("pat@example.com")
    [message] = _messages(session)
    assert mail["Message-ID"] == f"<{message.dedupe_key}@speak-up.example.org>"
    assert rep.reference in mail["Subject"] and mail["Content-Language"] == "en"
    assert mail["Auto-Submitted"] == "auto-generated"
    body = mail.get_content()
    assert "Dear Pat," in body and rep.reference in body
    assert "Nobody returned my calls" not in body
    assert message.status == SENT and message.attempts == 1
    # A second pass finds nothing to send.
    assert outbox.run(smtp_app, once=True)[SENT] == 0
    assert len(smtp.messages) == 1


def _many_submissions(app, forms, session, count: int) -> None:
    """``count`` separate adult complaints, each through the real check-answers page."""
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    answers = session.scalars(select(Draft)).one().answers
    session.rollback()
    token = forms.csrf_token("/adult/check-answers")
    engine = app.extensions["portal.engine"]
    for _ in range(count):
        draft_token = secrets.token_urlsafe(16)
        with Session(engine) as own:
            own.add(
                Draft(
                    token_hash=hashlib.sha256(draft_token.encode()).hexdigest(),
                    journey="adult",
                    answers=answers,
                    expires_at=utcnow() + timedelta(hours=1),
                )
            )
            own.commit()
        with forms.client.session_transaction() as cookie:
            cookie["draft"] = draft_token
        response = forms.client.post("/adult/check-answers", data={"csrf_token": token})
        assert response.location == "/adult/confirmation"


def test_a_mail_outage_fails_no_submission_and_loses_no_message(
    smtp_app, smtp_forms, smtp, session
):
    smtp.stop()
    _many_submissions(smtp_app, smtp_forms, session, 200)
    assert session.scalar(select(func.count(Representation.id))) == 200
    tried = outbox.run(smtp_app, once=True)
    assert tried["retry"] == 200 and tried[SENT] == 0
    waiting = _messages(session)
    assert len(waiting) == 200
    assert all(m.status == QUEUED and m.attempts == 1 for m in waiting)
    assert all(m.last_error and "pat@example.com" not in m.last_error for m in waiting)

    smtp.start()
    result = smtp_app.test_cli_runner().invoke(args=["outbox", "retry"])
    assert "200 messages will be sent" in result.output
    assert outbox.run(smtp_app, once=True)[SENT] == 200
    ids = smtp.message_ids()
    assert len(ids) == 200 and len(set(ids)) == 200
    assert {m.status for m in _messages(session)} == {SENT}


def test_killing_the_sender_mid_batch_loses_and_duplicates_nothing(
    smtp_app, smtp_forms, smtp, session, database_url, tmp_path
):
    _many_submissions(smtp_app, smtp_forms, session, 30)
    smtp.hold_at = 11
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_EMAIL_SENDER": "smtp",
        "PORTAL_SMTP_PORT": str(smtp.port),
        "PORTAL_SMTP_SECURITY": "none",
        "PORTAL_MAIL_DIR": str(tmp_path),
        "PORTAL_OUTBOX_POLL_SECONDS": "1",
    }
    flask = [sys.executable, "-m", "flask", "--app", "portal", "outbox", "run"]
    sender = subprocess.Popen(flask, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        assert smtp.held.wait(timeout=60), "the sender never reached the 11th message"
    finally:
        sender.send_signal(signal.SIGKILL)
        sender.wait(timeout=30)
    smtp.release.set()
    assert len(smtp.messages) == 10
    # The dead sender still holds its claim on the rest of the batch.
    claimed = [m for m in _messages(session) if m.claimed_by]
    assert len(claimed) == 20

    again = subprocess.run(
        [*flask, "--once"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    ids = smtp.message_ids()
    assert len(ids) == 30 and len(set(ids)) == 30
    rows = _messages(session)
    assert {m.status for m in rows} == {SENT}
    assert sorted(ids) == sorted(f"<{m.dedupe_key}@speak-up.example.org>" for m in rows)


def test_a_refused_address_fails_for_good_and_is_not_retried(smtp_app, smtp_forms, smtp, session):
    smtp.refuse.add("pat@example.com")
    _submit_adult(smtp_forms)
    assert outbox.run(smtp_app, once=True)[FAILED] == 1
    [message] = _messages(session)
    assert message.status == FAILED and message.last_error == "smtp:recipient-refused:550"
    assert outbox.run(smtp_app, once=True)[FAILED] == 0


def test_temporary_failures_back_off_and_give_up_after_the_last_try(app_with, smtp_forms, session):
    # Nothing listens on this port: every try is a temporary failure.
    app = app_with(EMAIL_SENDER="smtp", SMTP_PORT=1, SMTP_SECURITY="none", OUTBOX_MAX_ATTEMPTS=3)
    _submit_adult(smtp_forms)
    assert outbox.run(app, once=True)["retry"] == 1
    [message] = _messages(session)
    wait = message.next_attempt_at - utcnow()
    assert timedelta(seconds=20) < wait <= timedelta(seconds=30)
    assert outbox.run(app, once=True)["retry"] == 0  # not due yet
    for expected in ("retry", FAILED):
        outbox.retry_now(session, utcnow())
        session.commit()
        assert outbox.run(app, once=True)[expected] == 1
    [message] = _messages(session)
    assert message.status == FAILED and message.attempts == 3 and message.reason == "gave_up"
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 20)] == [30, 60, 120, 21600]
