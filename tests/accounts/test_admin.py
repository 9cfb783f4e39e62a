"""Administrators add staff accounts, change roles and deactivate accounts; a deactivated
account cannot sign in, and nobody can lock themselves out."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Staff
from tests.conftest import sign_in
from tests.helpers import FormClient, errors


def _admin(app, make_staff) -> FormClient:
    browser = FormClient(app.test_client())
    browser.staff = make_staff("administrator")
    sign_in(browser, browser.staff)
    return browser


def test_an_administrator_adds_an_account_and_sees_its_key_once(app, make_staff, session):
    admin = _admin(app, make_staff)
    response = admin.post(
        "/staff/accounts/new",
        {
            "display_name": "New Officer",
            "email": "New.Officer@example.org",
            "role": "complaints_officer",
            "password": "quiet meadow copper violin",
        },
    )
    assert response.status_code == 200
    staff = session.scalars(select(Staff).where(Staff.email == "new.officer@example.org")).one()
    assert staff.totp_secret in response.get_data(as_text=True)
    assert staff.totp_secret not in admin.get("/staff/accounts").get_data(as_text=True)


def test_a_weak_first_password_is_refused(app, make_staff):
    admin = _admin(app, make_staff)
    response = admin.post(
        "/staff/accounts/new",
        {
            "display_name": "New Officer",
            "email": "n@example.org",
            "role": "complaints_officer",
            "password": "password123",
        },
    )
    assert "15 characters or more" in errors(response)[0]


def test_a_deactivated_account_cannot_sign_in(app, make_staff):
    admin = _admin(app, make_staff)
    officer = make_staff("complaints_officer")
    response = admin.post(
        f"/staff/accounts/{officer.id}", {"role": "complaints_officer", "active": "no"}
    )
    assert response.status_code == 302
    attempt = FormClient(app.test_client()).post(
        "/staff/sign-in", {"email": officer.email, "password": officer.password}
    )
    assert "Enter a correct email address and password" in errors(attempt)


def test_nobody_can_deactivate_or_demote_themselves(app, make_staff):
    admin = _admin(app, make_staff)
    response = admin.post(
        f"/staff/accounts/{admin.staff.id}", {"role": "complaints_officer", "active": "yes"}
    )
    assert "cannot change your own role" in errors(response)[0]
