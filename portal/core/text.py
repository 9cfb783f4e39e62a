"""Cleaning free text before it is stored: the only module in the project that imports bleach.

People's words are stored as they typed them, minus any markup, and escaped when shown (Jinja
autoescaping). So "a & b" and "x < y" are kept as typed, not as "&amp;" entities that would
then be escaped twice on screen, while nothing stored can ever be an HTML tag, whichever page,
export or email later shows it.
"""

import html
import re
import unicodedata

import bleach

# C0 controls except tab and newline, DEL, and C1 controls. Format characters such as the
# zero-width joiner (emoji sequences) and right-to-left marks are deliberately kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")
_WHITESPACE_RUN = re.compile(r"\s+")
# Each pass removes one layer of entity encoding, so this bounds pathological nesting.
_MAX_PASSES = 10


def _strip_markup(value: str) -> str:
    """Remove tags and comments, then decode entities, until nothing changes.

    Decoding can expose a tag that was typed or pasted as entities ("&lt;script&gt;"), so the
    strip is repeated until the text is stable. The rule is simple and safe: the stored value
    never contains a tag. The cost is that text which merely looks like a tag is lost, for
    example an address pasted as "<jane@example.com>".
    """
    for _ in range(_MAX_PASSES):
        cleaned = html.unescape(_bleach(value))
        if cleaned == value:
            return cleaned
        value = cleaned
    # Still changing after many layers: keep the escaped form, which cannot contain a tag.
    return _bleach(value)


def _bleach(value: str) -> str:
    return bleach.clean(value, tags=[], strip=True, strip_comments=True)


def _remove_controls(value: str) -> str:
    return _CONTROL.sub("", value)


def clean_text(value: str | None, max_length: int | None = None) -> str:
    """Free text (a complaint, a description) ready to store.

    Markup is stripped, line endings become ``\\n``, invisible control characters are dropped
    (bleach would otherwise turn some into "?") and the text is put in NFC form so the same
    words typed on different devices compare equal. Emoji, right-to-left scripts and long
    unbroken strings are kept exactly. ``max_length`` truncates as a last safety net; forms
    should have rejected over-long input with a message first.
    """
    if value is None:
        return ""
    text = _remove_controls(_NEWLINES.sub("\n", value))
    text = _remove_controls(_NEWLINES.sub("\n", _strip_markup(text)))
    text = unicodedata.normalize("NFC", text).strip()
    if max_length is not None:
        text = text[:max_length].rstrip()
    return text


def clean_line(value: str | None, max_length: int | None = None) -> str:
    """A one-line value (name, email, phone) with every whitespace run made one space.

    A pasted name with a stray newline or tab would otherwise break letters, exports and
    matching against other records.
    """
    text = _WHITESPACE_RUN.sub(" ", clean_text(value)).strip()
    if max_length is not None:
        text = text[:max_length].rstrip()
    return text


DOCUMENT_TAGS = frozenset(
    {"a", "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "code", "pre",
     "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "br"}
)  # fmt: skip


def clean_document(html: str) -> str:
    """Our own documents (docs/*.md rendered to HTML) reduced to plain structure: no
    scripts, styles or attributes other than a link's address, whatever the file holds."""
    return bleach.clean(html, tags=DOCUMENT_TAGS, attributes={"a": ["href"]}, strip=True)
