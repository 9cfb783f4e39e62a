"""Security headers and cookie flags on every response, error pages included.

The content security policy has no ``unsafe-inline``: the one inline script GOV.UK's page
template needs carries a per-request nonce, and the council's brand colour is served as a
small stylesheet rather than an inline style.

Outside development every cookie is a ``__Host-`` cookie (Secure, path /, no Domain), so no
other site on the council's domain can set or read it. Behind a reverse proxy that
terminates TLS (``PORTAL_TRUST_PROXY``), the proxy's forwarded scheme and address are
believed, so HTTPS is recognised for HSTS and the sign-in and look-up throttles count the
person's address rather than the proxy's.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

PERSONAL_DATA_CACHE = "no-store"
# Two years, subdomains included: the preload list's minimum, and long enough that a
# person's browser never tries plain HTTP again.
HSTS = "max-age=63072000; includeSubDomains"


def production(app: Flask) -> bool:
    return app.config["ENV"] != "development" and not app.config.get("TESTING")


def cookie_name(app: Flask, base: str) -> str:
    """``__Host-base`` outside development: the browser then insists on Secure, path / and
    no Domain attribute. Plain ``base`` in development, which runs over plain HTTP."""
    return f"__Host-{base}" if production(app) else base


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
    # Never to another site (the Exit this page button leaves no trail), but our own forms
    # keep the Referer that Flask-WTF's HTTPS check of a POST's origin needs: with
    # "no-referrer", every form sent over HTTPS was refused as a CSRF failure.
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if request.is_secure:
        headers["Strict-Transport-Security"] = HSTS
    if request.endpoint != "static":
        # Pages, exports and downloads can hold what a child typed: never keep them in a
        # shared computer's cache. Only the stylesheets, scripts and images may be cached.
        headers["Cache-Control"] = PERSONAL_DATA_CACHE
    return response


def init_app(app: Flask) -> None:
    if app.config.get("TRUST_PROXY"):
        # One proxy in front (nginx): believe its X-Forwarded-For, -Proto and -Host.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.config.update(
        SESSION_COOKIE_NAME=cookie_name(app, "speakup"),
        SESSION_COOKIE_SECURE=production(app),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session; drafts expire anyway
    )
    app.after_request(_set_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
