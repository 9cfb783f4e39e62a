"""Public reference numbers that people can read out, type back, and not guess.

A reference is shown to the person who made a representation and typed back later to add
information, so it must not reveal or allow enumeration of anyone else's: it is entirely random
(no date, no counter). It leaves out characters that are easily confused when read aloud, written
by hand or seen in a poor font, and it ends with a check character so a mistyped reference is
rejected at once instead of matching nothing (or, worse, someone else's case).
"""

import re
import secrets

# Digits and capitals without 0/O, 1/I/L, 2/Z, 5/S, 8/B and U/V, and without Q (read as O
# when handwritten), which also makes the length even: Luhn mod N needs an even N, because
# with an odd N two different characters double to the same value and a typo can slip past.
ALPHABET = "34679ACDEFGHJKMNPRTWXY"

_BASE = len(ALPHABET)
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_RANDOM_LENGTH = 11  # 22**11 is about 5.8e14, roughly 49 bits
_GROUP = 4
# Separators people type or paste between groups: spaces, hyphens and the common dash variants.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212]+")
_MAX_INPUT = 64


def _check_character(body: str) -> str:
    """Luhn mod N check character for ``body``.

    Detects every single-character substitution and every adjacent transposition except one:
    swapping the first and last characters of the alphabet ("3" and "Y") next to each other,
    the same blind spot as "09"/"90" in the decimal Luhn check.
    """
    factor = 2
    total = 0
    for char in reversed(body):
        addend = factor * _VALUE[char]
        total += addend // _BASE + addend % _BASE
        factor = 3 - factor
    return ALPHABET[(_BASE - total % _BASE) % _BASE]


def _is_valid(compact: str) -> bool:
    """True when the last character is the correct check character for the rest."""
    factor = 1
    total = 0
    for char in reversed(compact):
        addend = factor * _VALUE[char]
        total += addend // _BASE + addend % _BASE
        factor = 3 - factor
    return total % _BASE == 0


def _dashed(compact: str) -> str:
    return "-".join(compact[i : i + _GROUP] for i in range(0, len(compact), _GROUP))


def new_reference() -> str:
    """A fresh random reference such as ``"7KDX-3FRA-MTW9"``, from a cryptographic source.

    Uniqueness is the database's job (a unique constraint, retry on collision): at this length
    a collision is vanishingly rare but not impossible.
    """
    body = "".join(secrets.choice(ALPHABET) for _ in range(_RANDOM_LENGTH))
    return _dashed(body + _check_character(body))


def normalise_reference(text: str) -> str | None:
    """The canonical dashed form of a reference as a person typed it, or ``None`` if invalid.

    Lower case, spaces and missing or extra dashes are accepted because they change nothing.
    Characters outside the alphabet (including look-alikes such as "O" or "1") are not guessed
    at: the reference is invalid and the person is asked to check it.
    """
    if len(text) > _MAX_INPUT:
        return None
    compact = _SEPARATORS.sub("", text).upper()
    if len(compact) != _RANDOM_LENGTH + 1 or any(char not in _VALUE for char in compact):
        return None
    if not _is_valid(compact):
        return None
    return _dashed(compact)
