"""Security headers and cookie flags on every response, error pages included.

The content security policy has no ``unsafe-inline``: the one inline script GOV.UK's page
template needs carries a per-request nonce, and the council's brand colour is served as a
small stylesheet rather than an inline style.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g

PERSONAL_DATA_CACHE = "no-store"


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    nonce: str = g.csp_nonce
    return nonce


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )


def _set_headers(response: Response) -> Response:
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if response.mimetype == "text/html":
        # Pages can hold what a child typed: never keep them in a shared computer's cache.
        headers["Cache-Control"] = PERSONAL_DATA_CACHE
    return response


def init_app(app: Flask) -> None:
    production = app.config["ENV"] != "development" and not app.config.get("TESTING")
    app.config.update(
        SESSION_COOKIE_NAME="__Host-speakup" if production else "speakup",
        SESSION_COOKIE_SECURE=production,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session; drafts expire anyway
    )
    app.after_request(_set_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
