"""Time-based one-time codes (RFC 6238) for every staff sign-in, each code usable once."""

from __future__ import annotations

from datetime import datetime

import pyotp

ISSUER = "Speak Up"
STEP_SECONDS = 30


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def code_for(secret: str, at: datetime) -> str:
    return pyotp.TOTP(secret).at(at)


def accepted_step(secret: str, code: str, last_step: int, now: datetime) -> int | None:
    """The time step the code belongs to, if it is valid now and newer than the last used.

    One step either side is allowed for clock drift; a code from a step already used (or an
    earlier one) is refused, so a code seen over someone's shoulder cannot be replayed.
    """
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in (current - 1, current, current + 1):
        if step > last_step and totp.at(step * STEP_SECONDS) == code:
            return step
    return None
