"""Settings: defaults here, overridden by ``PORTAL_*`` environment variables.

Only deployment facts live here (database, secrets, council contact details that appear on
every page). Anything a complaints manager should be able to change at run time, such as
timescales and category lists, lives in the database instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"

DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "DATABASE_URL": f"sqlite:///{INSTANCE / 'portal.db'}",
    "REDIS_URL": None,
    "COUNCIL_NAME": "Example Borough Council",
    "SERVICE_NAME": "Speak up",
    "COUNCIL_PHONE": "0300 000 0000",
    "OUT_OF_HOURS_PHONE": "0300 000 0999",
    "CHILDLINE_PHONE": "0800 1111",
    "EMERGENCY_PHONE": "999",
    "BRAND_COLOUR": "#1d5b79",
    "EXIT_URL": "https://www.bbc.co.uk/weather",
    "DRAFT_LIFETIME_HOURS": 24,
    "SUPPORTED_LOCALES": "en,cy,pl,ro,ur,ar",
    "TRUST_PROXY": False,
    # The largest form anyone needs is a few 5,000-character answers; refuse more, kindly.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "MAX_FORM_MEMORY_SIZE": 512 * 1024,
    # Where links in messages point (the public address of this portal).
    "PUBLIC_URL": "http://127.0.0.1:5000",
    # Who messages come from, and where staff alerts and advocacy referrals go. The
    # advocacy service and duty inbox can also be set by an administrator.
    "MAIL_FROM": "Speak up <no-reply@speak-up.example.org>",
    "DUTY_EMAIL": None,
    "ADVOCACY_NAME": "the advocacy service",
    "ADVOCACY_PHONE": "0300 000 0123",
    "ADVOCACY_EMAIL": None,
    # How messages leave: "file" (development: written to MAIL_DIR), "smtp", "notify" or
    # "none". Text messages can go by "notify" or "file" only.
    "EMAIL_SENDER": "file",
    "SMS_SENDER": "file",
    "MAIL_DIR": str(INSTANCE / "mail"),
    "SMTP_HOST": "127.0.0.1",
    "SMTP_PORT": 25,
    "SMTP_SECURITY": "starttls",
    "SMTP_USERNAME": None,
    "SMTP_TIMEOUT": 30,
    "NOTIFY_API_KEY": None,
    "NOTIFY_BASE_URL": "https://api.notifications.service.gov.uk",
    "NOTIFY_EMAIL_TEMPLATE": None,
    "NOTIFY_SMS_TEMPLATE": None,
    # The outbox sender: messages per batch, seconds a claim lasts, tries before giving up,
    # seconds to wait when there is nothing to send.
    "OUTBOX_BATCH": 50,
    "OUTBOX_LEASE_SECONDS": 300,
    "OUTBOX_MAX_ATTEMPTS": 12,
    "OUTBOX_POLL_SECONDS": 5,
    # The daily digest of deadlines goes to responding managers after this hour (council time).
    "DIGEST_HOUR": 7,
    # /healthz reports unhealthy once a message has waited longer than this to be sent.
    "HEALTH_OUTBOX_LAG_SECONDS": 900,
}
# Secrets have no default: SECRET_KEY is required outside development, and the SMTP password
# is whatever the council's mail server needs.
DEFAULTS.update(dict.fromkeys(("SECRET_KEY", "SMTP_PASSWORD")))

# Values read from the environment as integers or booleans rather than strings.
_INTS = {
    "DRAFT_LIFETIME_HOURS",
    "MAX_CONTENT_LENGTH",
    "MAX_FORM_MEMORY_SIZE",
    "SMTP_PORT",
    "SMTP_TIMEOUT",
    "OUTBOX_BATCH",
    "OUTBOX_LEASE_SECONDS",
    "OUTBOX_MAX_ATTEMPTS",
    "OUTBOX_POLL_SECONDS",
    "DIGEST_HOUR",
    "HEALTH_OUTBOX_LAG_SECONDS",
}
_BOOLS = {"TRUST_PROXY"}


class ConfigError(RuntimeError):
    """Raised at start-up when the configuration is unsafe to run with."""


def _coerce(key: str, raw: str) -> Any:
    if key in _INTS:
        return int(raw)
    if key in _BOOLS:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return raw


def load(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Return the effective settings: defaults, then environment, then explicit overrides.

    Fails fast without a secret outside development, because a guessable secret would let
    anyone forge a session cookie and so reach another person's draft.
    """
    env = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    for key in DEFAULTS:
        raw = env.get(f"PORTAL_{key}")
        if raw is not None:
            settings[key] = _coerce(key, raw)
    if overrides:
        settings.update(overrides)
    if not settings["SECRET_KEY"]:
        if settings["ENV"] != "development" and not settings.get("TESTING"):
            raise ConfigError("PORTAL_SECRET_KEY must be set outside development.")
        settings["SECRET_KEY"] = "development-only-secret-" + "not-for-production"
    return settings
