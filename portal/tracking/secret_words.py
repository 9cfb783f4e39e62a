"""Secret words: four everyday words given once, on the confirmation page.

With the reference they open the tracking page. Words from the EFF short list (easy to read,
spell and say), minus any unsuitable for a child (760 words left), give about 38 bits: far
beyond online guessing under the throttle. They are stored only as an argon2id hash, at a
cost chosen so a submission stays quick (OWASP's minimum: 19 MiB, 2 passes).
"""

from __future__ import annotations

import re
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from xkcdpass import xkcd_password

from portal.tracking.unsuitable_words import UNSUITABLE

HOW_MANY = 4
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified when a reference is unknown, so a miss takes as long as a wrong guess.
_DUMMY = _hasher.hash("not a real secret")


@cache
def word_list() -> tuple[str, ...]:
    words = xkcd_password.generate_wordlist(
        wordfile=xkcd_password.locate_wordfile("eff-short"), min_length=3, max_length=6
    )
    return tuple(sorted({w.lower() for w in words} - UNSUITABLE))


def use_hasher(hasher: PasswordHasher) -> None:
    """Swap the hasher (tests use argon2's cheapest profile)."""
    global _hasher, _DUMMY
    _hasher = hasher
    _DUMMY = hasher.hash("not a real secret")


def new_words() -> str:
    return " ".join(secrets.choice(word_list()) for _ in range(HOW_MANY))


def normalise(typed: str) -> str:
    """Case, commas, dashes and extra spaces do not matter."""
    return " ".join(re.findall(r"[a-z]+", typed.lower()))[:200]


def hash_words(words: str) -> str:
    return _hasher.hash(normalise(words))


def verify(stored_hash: str | None, typed: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY, normalise(typed)) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
