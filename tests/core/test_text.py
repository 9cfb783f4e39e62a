"""Free text is stored as the person typed it, minus markup, and can never carry an HTML tag."""

import re

import pytest

from portal.core.text import clean_line, clean_text

TAG = re.compile(r"<\s*[a-zA-Z/!?]")

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&amp;amp;lt;script&amp;amp;gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3c;img src=x onerror=alert(1)&#x3e;",
    "<img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<a href='javascript:alert(1)'>click</a>",
    "<!-- <script>alert(1)</script> -->",
    "<svg><script>alert(1)</script></svg>",
    "<scr<script>ipt>alert(1)</script>",
]


def test_nothing_is_stored_for_nothing():
    assert clean_text(None) == ""
    assert clean_line(None) == ""


@pytest.mark.parametrize(
    "typed",
    [
        "a & b",
        "x < y",
        "5 > 3",
        "AT&T and R&D",
        "I <3 my son",
        'He said "no" and it\'s not fair',
        "fish & chips < £5",
        "you&nothing",  # not an entity: must not become "you¬hing"
        "50% of the time; 1/2 the money",
    ],
)
def test_ordinary_punctuation_comes_back_exactly_as_typed(typed):
    assert clean_text(typed) == typed


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_never_survives_in_any_encoding(hostile):
    cleaned = clean_text(hostile)
    assert "<script" not in cleaned.lower()
    assert not TAG.search(cleaned), cleaned
    assert clean_text(cleaned) == cleaned  # stable: cleaning again changes nothing


def test_tags_are_removed_but_the_words_between_them_are_kept():
    assert clean_text("<b>Please</b> call me <i>after 3pm</i>") == "Please call me after 3pm"
    assert clean_text("hello <!-- hidden --> there") == "hello  there"


def test_control_characters_are_dropped_but_tabs_and_newlines_kept():
    assert clean_text("a\x00b\x07c\x1b\x7fd\x85e\x9f") == "abcde"
    assert clean_text("column\tvalue\nnext line") == "column\tvalue\nnext line"


def test_windows_and_old_mac_line_endings_become_newlines():
    assert clean_text("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"


def test_accents_typed_two_ways_are_stored_the_same_way():
    decomposed = "Zoe\u0308 and Jose\u0301"
    assert clean_text(decomposed) == "Zo\u00eb and Jos\u00e9"


def test_surrounding_whitespace_is_removed():
    assert clean_text("  \n\t My complaint \n\n ") == "My complaint"


@pytest.mark.parametrize(
    "typed",
    [
        "Thank you 🙏🏾 so much",
        "👩🏽\u200d👩🏽\u200d👧🏽 my family",  # zero-width joiner sequence with skin tones
        "🏳️\u200d🌈 🇬🇧 🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",
        "أريد تقديم شكوى بشأن الأخصائي الاجتماعي",  # Arabic
        "میں سماجی کارکن کے بارے میں شکایت کرنا چاہتا ہوں",  # Urdu
        "אני רוצה להגיש תלונה",  # Hebrew
        "English then عربي then English \u200f(with a right-to-left mark)",
        "Dw i eisiau cwyno am y gwasanaeth",  # Welsh
        "Chcę złożyć skargę \u2013 to ważne",  # Polish
        "Vreau să depun o plângere",  # Romanian
        "a" * 500,  # a very long word with no spaces
    ],
)
def test_emoji_other_scripts_and_long_words_are_kept_exactly(typed):
    assert clean_text(typed) == typed


def test_over_long_text_is_cut_to_the_limit_without_trailing_space():
    assert clean_text("abcdef", max_length=3) == "abc"
    assert clean_text("ab   cdef", max_length=4) == "ab"
    assert clean_text("short", max_length=100) == "short"


def test_a_line_collapses_every_run_of_whitespace_to_one_space():
    assert clean_line("  Jane \n\t  Smith\r\n ") == "Jane Smith"
    assert clean_line("Jane\u00a0\u00a0Smith") == "Jane Smith"


def test_a_line_is_cleaned_like_text_first():
    assert clean_line("<b>Jane</b> O'Neil & co") == "Jane O'Neil & co"
    assert clean_line("jane+test@example.com") == "jane+test@example.com"


def test_a_line_is_cut_to_the_limit_after_collapsing():
    assert clean_line("Jane \n\n\n Smith", max_length=6) == "Jane S"
    assert clean_line("Jane \n\n\n Smith", max_length=5) == "Jane"
