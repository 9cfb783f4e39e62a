"""Signing in takes a password and a one-time code; sessions live on the server, end on
sign-out (a replayed cookie is refused), expire when idle or old, and failed attempts are
throttled per account and address without locking anyone else out."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from portal.accounts import sessions, totp
from portal.models import StaffSession
from portal.models.types import utcnow
from tests.helpers import FormClient, errors


def _staff_cookie(forms: FormClient, app) -> str | None:
    cookie = forms.client.get_cookie(sessions.cookie_name(app))
    return cookie.value if cookie else None


def test_password_then_code_opens_the_queue(app, forms, make_staff):
    staff = make_staff()
    response = forms.post("/staff/sign-in", {"email": staff.email, "password": staff.password})
    assert response.location.startswith("/staff/sign-in/code")
    assert forms.get("/staff/queue").status_code == 302, "a password alone is not enough"
    pending_token = _staff_cookie(forms, app)
    code = totp.code_for(staff.totp_secret, utcnow())
    response = forms.post("/staff/sign-in/code", {"code": code})
    assert response.location == "/staff/queue"
    assert _staff_cookie(forms, app) != pending_token, "a fresh session id at sign-in"
    assert forms.get("/staff/queue").status_code == 200


def test_a_code_cannot_be_used_twice(app, forms, make_staff):
    staff = make_staff()
    forms.post("/staff/sign-in", {"email": staff.email, "password": staff.password})
    code = totp.code_for(staff.totp_secret, utcnow())
    assert forms.post("/staff/sign-in/code", {"code": code}).location == "/staff/queue"
    other = FormClient(app.test_client())
    other.post("/staff/sign-in", {"email": staff.email, "password": staff.password})
    response = other.post("/staff/sign-in/code", {"code": code})  # the very same code
    assert response.status_code == 200
    assert "Enter the 6-digit code" in errors(response)[0]


def test_wrong_details_get_one_message_whether_or_not_the_account_exists(forms, make_staff):
    staff = make_staff()
    wrong_password = forms.post("/staff/sign-in", {"email": staff.email, "password": "x" * 20})
    no_account = forms.post("/staff/sign-in", {"email": "nobody@example.org", "password": "x" * 20})
    assert (
        errors(wrong_password)
        == errors(no_account)
        == ["Enter a correct email address and password"]
    )


def test_a_signed_out_cookie_replayed_is_refused(app, staff_client):
    token = _staff_cookie(staff_client, app)
    assert (
        staff_client.post("/staff/sign-out", from_page="/staff/queue").location
        == "/staff/sign-in?signed_out=1"
    )
    thief = app.test_client()
    thief.set_cookie(sessions.cookie_name(app), token)
    assert thief.get("/staff/queue").status_code == 302


def test_sessions_end_after_thirty_idle_minutes(app, staff_client, session):
    session.execute(update(StaffSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))
    session.commit()
    assert staff_client.get("/staff/queue").location.startswith("/staff/sign-in")


def test_sessions_end_after_twelve_hours_however_active(app, staff_client, session):
    session.execute(
        update(StaffSession).values(
            created_at=utcnow() - timedelta(hours=12, minutes=1), last_seen_at=utcnow()
        )
    )
    session.commit()
    assert staff_client.get("/staff/queue").location.startswith("/staff/sign-in")


def _attempt(app, staff, password: str, address: str):
    forms = FormClient(app.test_client())
    forms.client.environ_base["REMOTE_ADDR"] = address
    return forms.post("/staff/sign-in", {"email": staff.email, "password": password})


def test_five_wrong_passwords_throttle_that_account_only(app, make_staff):
    target, colleague = make_staff(), make_staff()
    for _ in range(5):
        assert _attempt(app, target, "wrong password entirely", "10.0.0.1").status_code == 200
    throttled = _attempt(app, target, target.password, "10.0.0.1")
    assert "Too many attempts" in errors(throttled)[0]
    assert _attempt(app, colleague, colleague.password, "10.0.0.1").status_code == 302
    assert _attempt(app, target, target.password, "10.0.0.2").status_code == 302


def test_the_next_page_after_sign_in_stays_on_this_site(app, forms, make_staff):
    staff = make_staff()
    forms.post(
        "/staff/sign-in?next=//evil.example/x", {"email": staff.email, "password": staff.password}
    )
    url = "/staff/sign-in/code?next=//evil.example/x"
    code = totp.code_for(staff.totp_secret, utcnow())
    assert forms.post(url, {"code": code}).location == "/staff/queue"
