"""Headers every response carries, error pages included."""

from __future__ import annotations

import re

import pytest


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
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_brand_colour_comes_from_settings_and_rejects_anything_else(database_url):
    from portal import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "BRAND_COLOUR": "#005ea5"})
    assert "--app-brand-colour: #005ea5" in app.test_client().get("/brand.css").text
    app = create_app(
        {"TESTING": True, "DATABASE_URL": database_url, "BRAND_COLOUR": "red;}body{x:y"}
    )
    assert "red" not in app.test_client().get("/brand.css").text
