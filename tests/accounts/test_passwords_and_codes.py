"""Passwords and one-time codes: long, unguessable, hashed with argon2id; codes work once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.accounts import passwords, totp


@pytest.mark.parametrize(
    "password",
    ["short one", "passwordpassword", "123456789012345", "qwertyuiopasdfghjkl", "Password12345678"],
)
def test_short_or_common_passwords_are_refused(password):
    assert passwords.password_problem(password) is not None


def test_a_password_made_of_the_persons_own_details_is_refused():
    assert passwords.password_problem("olu.officer@example.org", ["olu.officer@example.org"])


def test_a_long_unrelated_passphrase_is_accepted_and_stored_as_argon2id():
    assert passwords.password_problem("violet kettle harbour lantern") is None
    stored = passwords.hash_password("violet kettle harbour lantern")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "violet kettle harbour lantern")
    assert not passwords.verify_password(stored, "violet kettle harbour lanterns")
    assert not passwords.verify_password("not a hash", "anything")


def test_a_code_is_accepted_once_and_never_again():
    secret = totp.new_secret()
    now = datetime(2026, 11, 24, 9, 0, 10, tzinfo=UTC)
    code = totp.code_for(secret, now)
    step = totp.accepted_step(secret, code, 0, now)
    assert step is not None
    assert totp.accepted_step(secret, code, step, now) is None
    assert totp.accepted_step(secret, code, step, now + timedelta(seconds=25)) is None


def test_codes_allow_one_step_of_clock_drift_only():
    secret = totp.new_secret()
    now = datetime(2026, 11, 24, 9, 0, 10, tzinfo=UTC)
    assert totp.accepted_step(secret, totp.code_for(secret, now - timedelta(seconds=30)), 0, now)
    assert not totp.accepted_step(secret, totp.code_for(secret, now - timedelta(minutes=2)), 0, now)
    assert not totp.accepted_step(secret, "12 34", 0, now)
