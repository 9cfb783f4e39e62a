"""Spotting words in free text that suggest a child may be at risk, so a person looks at once.

Any representation that reveals a possible risk to a child must go straight to the front door
(MASH) or the LADO before anything else happens. This check only raises a flag for the
complaints team; it never decides anything. Missing a real disclosure is far worse than an
extra look at an ordinary complaint, but a flag on most complaints would soon be ignored, so
very broad words that appear in ordinary adult complaints ("hurt", "police", "drugs", "risk")
are left out and phrases are used instead.

Matching ignores case, compatibility forms (NFKC), repeated spaces, hyphens between words and
apostrophes, straight or curly, so "i dont feel safe" and "I don't  feel safe" both match.
Words must match whole: "hurt me" is not found inside "shurt menu".
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Phrases by locale. Other languages (Welsh "cy", Polish "pl", Romanian "ro", Urdu "ur",
# Arabic "ar") plug in here as further keys; English is always checked as well, because people
# often mix languages or use English words for things like "county lines".
RISK_PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        # Physical harm, in the words a child or a worried parent uses.
        "hit me",
        "hits me",
        "hitting me",
        "hit us",
        "hits us",
        "hitting us",
        "beaten",
        "beat me",
        "beats me",
        "beating me",
        "beat us",
        "kicked me",
        "kicks me",
        "kicking me",
        "punched",
        "punches me",
        "punching me",
        "slapped",
        "slaps me",
        "slapping me",
        "smacked me",
        "smacks me",
        "smacking me",
        "strangled",
        "strangling",
        "choked me",
        "chokes me",
        "choking me",
        "hurt me",
        "hurts me",
        "hurting me",
        "burned me",
        "burnt me",
        "bruise",
        "bruises",
        "bruised",
        "kill me",
        "threatened to kill",
        "threatened to hurt",
        "stabbed",
        # The same harm told by an adult about a child ("her stepfather hits her").
        "hits her",
        "hits him",
        "hit her",
        "hit him",
        "hitting her",
        "hitting him",
        "being hit",
        "kicks her",
        "kicks him",
        "kicked her",
        "kicked him",
        "hurts her",
        "hurts him",
        "hurting her",
        "hurting him",
        "beats her",
        "beats him",
        "touched her",
        "touched him",
        "touches her",
        "touches him",
        "touching her",
        "touching him",
        # Abuse and violence at home.
        "abuse",
        "abused",
        "abusing",
        "abuser",
        "abusive",
        "violence",
        "violent",
        # Feeling unsafe.
        "not safe",
        "unsafe",
        "don't feel safe",
        "do not feel safe",
        "doesn't feel safe",
        "didn't feel safe",
        "never feel safe",
        "scared to go home",
        "afraid to go home",
        "frightened to go home",
        "scared of him",
        "scared of her",
        "afraid of him",
        "afraid of her",
        "frightened of him",
        "frightened of her",
        # Suicide and self-harm.
        "suicide",
        "suicidal",
        "kill myself",
        "kill my self",
        "killing myself",
        "end my life",
        "take my own life",
        "end it all",
        "want to die",
        "wanna die",
        "wish i was dead",
        "better off dead",
        "don't want to live",
        "self harm",
        "selfharm",
        "self harming",
        "cutting myself",
        "cut myself",
        "cut my self",
        "hurt myself",
        "hurting myself",
        "hurt my self",
        "harm myself",
        "harming myself",
        "overdose",
        # Sexual abuse and exploitation.
        "touched me",
        "touches me",
        "touching me",
        "private parts",
        "sexual",
        "sexually",
        "rape",
        "raped",
        "groomed",
        "grooming",
        "nudes",
        "exploited",
        "exploitation",
        "exploiting",
        "county lines",
        "trafficked",
        "trafficking",
        "forced marriage",
        "fgm",
        "radicalised",
        "radicalized",
        # Weapons.
        "knife",
        "knives",
        "weapon",
        "weapons",
        "gun",
        # Missing from home.
        "run away",
        "ran away",
        "running away",
        "runaway",
        "missing from home",
        "missing from care",
        "reported missing",
        # Neglect.
        "neglect",
        "neglected",
        "neglecting",
        "no food",
        "nothing to eat",
        "starving",
        "starved",
        "always hungry",
        "hungry all the time",
        "go to bed hungry",
        "not allowed to eat",
        "home alone",
        "locked me",
        "locks me",
        "locked us",
        "locked in my room",
        "locked in a room",
        "locked in the house",
        # Thrown out of home.
        "kicked out",
        "kicked me out",
        "threw me out",
        "thrown me out",
        "threw us out",
        "homeless",
        "nowhere to live",
        "nowhere to sleep",
        "sleeping rough",
    ),
}

_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u2032`\u00b4]")
_WORD_SEPARATOR = r"[\s\-\u2010\u2011\u2012\u2013\u2014]+"


def _normalise(text: str) -> str:
    """Fold case and compatibility forms and drop apostrophes, the same way for text and phrase.

    Dropping apostrophes (rather than straightening them) also makes "dont" match "don't",
    which is how a child is likely to type it.
    """
    return _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())


def _pattern(phrase: str) -> re.Pattern[str]:
    words = re.split(_WORD_SEPARATOR, _normalise(phrase).strip())
    body = _WORD_SEPARATOR.join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


@lru_cache(maxsize=32)
def _compiled(locale: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((phrase, _pattern(phrase)) for phrase in RISK_PHRASES.get(locale, ()))


def _locales(locales: Iterable[str]) -> list[str]:
    """The requested locales that have phrases, in order, then English if not already there.

    "cy_GB" or "pt-BR" fall back to their language, and a locale with no list yet is skipped
    rather than failing, so switching the site into a new language never stops the check.
    """
    ordered: list[str] = []
    for locale in [*locales, "en"]:
        for candidate in (locale, re.split(r"[_-]", locale)[0]):
            if candidate in RISK_PHRASES and candidate not in ordered:
                ordered.append(candidate)
                break
    return ordered


def find_risk_phrases(*texts: str, locales: Iterable[str] = ("en",)) -> list[str]:
    """The distinct risk phrases found in any of ``texts``, in the order of the phrase lists.

    Returned so staff can see *why* a representation was flagged, not just that it was.
    """
    # NUL is neither a word nor a space character, so no phrase can span two texts.
    haystack = "\x00".join(_normalise(text) for text in texts if text)
    if not haystack:
        return []
    found: list[str] = []
    for locale in _locales(locales):
        for phrase, pattern in _compiled(locale):
            if phrase not in found and pattern.search(haystack):
                found.append(phrase)
    return found


def looks_unsafe(*texts: str, locales: Iterable[str] = ("en",)) -> bool:
    """True when any text contains a risk phrase: the representation is flagged as urgent."""
    return bool(find_risk_phrases(*texts, locales=locales))
