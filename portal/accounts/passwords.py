"""Passwords: argon2id hashes, and a policy that refuses short or guessable ones.

Length matters more than symbols (NCSC guidance), so the rule is 15 characters or more,
checked against zxcvbn's dictionaries of common passwords, names and keyboard patterns.
"""

from __future__ import annotations

from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

MIN_LENGTH = 15
MIN_SCORE = 3  # zxcvbn: 3 is "safely unguessable: moderate protection from offline attack"

_hasher = PasswordHasher()


def use_hasher(hasher: PasswordHasher) -> None:
    """Swap the hasher (tests use argon2's cheapest profile; production keeps the default)."""
    global _hasher
    _hasher = hasher


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def password_problem(password: str, about_the_person: Iterable[str] = ()) -> str | None:
    """Why a new password is not good enough, or None when it is."""
    if len(password) < MIN_LENGTH:
        return str(_l("Password must be %(n)s characters or more", n=MIN_LENGTH))
    if len(password) > 200:
        return str(_l("Password must be 200 characters or less"))
    if zxcvbn(password, user_inputs=list(about_the_person))["score"] < MIN_SCORE:
        return str(_l("Password is too easy to guess: try three or four unrelated words"))
    return None
