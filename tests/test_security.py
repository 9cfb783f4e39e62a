"""Headers every response carries, error pages included."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from portal import create_app
from portal.models import SignInAttempt
from tests.conftest import sign_in
from tests.helpers import FormClient


@pytest.mark.parametrize("url", ["/", "/start/what", "/help-now", "/no-such-page"])
def test_content_security_policy_has_a_nonce_and_no_unsafe_inline(client, url):
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce
    html = response.get_data(as_text=True)
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline_scripts, "the js-enabled class script is inline"
    assert all(f'nonce="{nonce.group(1)}"' in tag for tag in inline_scripts)
    assert "style=" not in html


def test_each_response_gets_a_fresh_nonce(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_pages_are_never_cached_and_do_not_leak_referrers(client):
    response = client.get("/start/what")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_brand_colour_comes_from_settings_and_rejects_anything_else(database_url):
    from portal import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "BRAND_COLOUR": "#005ea5"})
    assert "--app-brand-colour: #005ea5" in app.test_client().get("/brand.css").text
    app = create_app(
        {"TESTING": True, "DATABASE_URL": database_url, "BRAND_COLOUR": "red;}body{x:y"}
    )
    assert "red" not in app.test_client().get("/brand.css").text


# --- Every kind of response ----------------------------------------------------------------


def _assert_hardened(response, *, cached: bool = False) -> None:
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "'nonce-" in policy
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    if not cached:
        assert headers["Cache-Control"] == "no-store"


def test_every_kind_of_response_carries_the_security_headers(app_with, make_staff):
    app = app_with()

    @app.get("/explode")
    def _explode() -> str:
        raise RuntimeError("a bug")

    staff = FormClient(app.test_client())
    staff.staff = make_staff("complaints_officer")
    sign_in(staff, staff.staff)
    client = app.test_client()
    responses = {
        "page": client.get("/"),
        "not found": client.get("/no-such-page"),
        "redirect": client.get("/young-person/name"),
        "no CSRF token": client.post("/start/what", data={"intent": "complain"}),
        "server error": client.get("/explode"),
        "CSV export": staff.get("/staff/reports/methods.csv?year=2020"),
        "spreadsheet": staff.get("/staff/reports/annual.xlsx?year=2020"),
    }
    expected = {"page": 200, "not found": 404, "redirect": 302, "no CSRF token": 400}
    expected |= {"server error": 500, "CSV export": 200, "spreadsheet": 200}
    for kind, response in responses.items():
        assert response.status_code == expected[kind], kind
        _assert_hardened(response)
    # Only the stylesheets, scripts and images may be kept by the browser.
    stylesheet = client.get("/static/build/css/portal.css")
    assert stylesheet.status_code == 200
    _assert_hardened(stylesheet, cached=True)
    assert stylesheet.headers.get("Cache-Control") != "no-store"
    stylesheet.close()


# --- Outside development -------------------------------------------------------------------


def _production(database_url: str, **config: object) -> Flask:
    return create_app(
        {"ENV": "production", "SECRET_KEY": "a-production-secret", "DATABASE_URL": database_url}
        | config
    )


def _cookies(response) -> dict[str, str]:
    """Each cookie set, by name: the rest of its Set-Cookie header."""
    found = {}
    for header in response.headers.getlist("Set-Cookie"):
        name, _, rest = header.partition("=")
        found[name] = rest
    return found


def _assert_host_cookie(attributes: str, same_site: str) -> None:
    parts = {part.strip().split("=")[0].lower(): part.strip() for part in attributes.split(";")}
    assert "secure" in parts and "httponly" in parts and "domain" not in parts
    assert parts["path"] == "Path=/"
    assert parts["samesite"] == f"SameSite={same_site}"


def test_outside_development_every_cookie_is_a_host_only_secure_cookie(
    app, database_url, make_staff
):
    production = _production(database_url, TRUST_PROXY=True)
    # As a browser behind the council's TLS proxy sends them: over HTTPS, forms posted from
    # our own pages (Flask-WTF refuses an HTTPS post without a same-site Referer).
    behind_tls = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_REFERER": "https://localhost/"}
    person = FormClient(production.test_client())
    person.client.environ_base.update(behind_tls)
    language = _cookies(person.get("/?lang=cy"))
    draft = _cookies(person.get("/start/what"))  # the session that holds the form's token
    staff = FormClient(production.test_client())
    staff.client.environ_base.update(behind_tls)
    staff.staff = make_staff("complaints_officer")
    signed_in = staff.post(
        "/staff/sign-in", {"email": staff.staff.email, "password": staff.staff.password}
    )
    assert signed_in.status_code == 302, "a form posted over HTTPS must be accepted"
    staff_cookies = _cookies(signed_in)
    _assert_host_cookie(language["__Host-speakup_lang"], "Lax")
    _assert_host_cookie(draft["__Host-speakup"], "Lax")
    _assert_host_cookie(staff_cookies["__Host-speakup-staff"], "Strict")
    production.extensions["portal.engine"].dispose()


def _failed_sign_in_from(app: Flask, address: str) -> None:
    person = FormClient(app.test_client())
    person.client.environ_base["HTTP_X_FORWARDED_FOR"] = address
    person.post("/staff/sign-in", {"email": "nobody@example.org", "password": "not it"})


def test_hsts_is_sent_over_https_and_the_proxy_is_believed_only_when_trusted(
    app, database_url, session
):
    forwarded = {"X-Forwarded-Proto": "https"}
    trusted = _production(database_url, TRUST_PROXY=True)
    over_tls = trusted.test_client().get("/", headers=forwarded)
    assert over_tls.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert "Strict-Transport-Security" not in trusted.test_client().get("/").headers
    # Without PORTAL_TRUST_PROXY anyone could claim HTTPS, or another address, in a header.
    untrusted = _production(database_url)
    assert (
        "Strict-Transport-Security"
        not in untrusted.test_client().get("/", headers=forwarded).headers
    )
    # The sign-in throttle counts the person's address (as the proxy saw it), not the proxy's.
    _failed_sign_in_from(trusted, "203.0.113.9")
    _failed_sign_in_from(untrusted, "198.51.100.7")
    addresses = session.scalars(select(SignInAttempt.address).order_by(SignInAttempt.id)).all()
    assert addresses == ["203.0.113.9", "127.0.0.1"]
    for made in (trusted, untrusted):
        made.extensions["portal.engine"].dispose()
