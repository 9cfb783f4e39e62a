"""Reference numbers: readable aloud, impossible to guess, and typo-proof when typed back."""

import re
from collections import Counter

import pytest

from portal.core.references import ALPHABET, new_reference, normalise_reference

AMBIGUOUS = "0O1IL2Z5S8BUVQ"
REFERENCE_SHAPE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


@pytest.fixture(scope="module")
def many_references():
    return [new_reference() for _ in range(10_000)]


def test_the_alphabet_leaves_out_characters_people_confuse():
    assert not set(AMBIGUOUS) & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 22
    assert all(char.isascii() and (char.isdigit() or char.isupper()) for char in ALPHABET)


def test_references_have_three_groups_of_four(many_references):
    assert all(REFERENCE_SHAPE.match(reference) for reference in many_references)


def test_ten_thousand_references_are_all_different(many_references):
    assert len(set(many_references)) == len(many_references)


def test_every_position_is_random_with_no_fixed_or_sequential_part(many_references):
    # With 10,000 draws each character is expected about 455 times in each random position.
    compact = [reference.replace("-", "") for reference in many_references]
    for position in range(11):
        counts = Counter(reference[position] for reference in compact)
        assert set(counts) == set(ALPHABET), position
        assert min(counts.values()) > 300, position


def test_a_new_reference_is_accepted_back_unchanged(many_references):
    assert all(normalise_reference(reference) == reference for reference in many_references)


def _substitutions(compact):
    for position, original in enumerate(compact):
        for replacement in ALPHABET:
            if replacement != original:
                yield compact[:position] + replacement + compact[position + 1 :]


def test_every_single_mistyped_character_is_rejected(many_references):
    for reference in many_references[:200]:
        compact = reference.replace("-", "")
        accepted = [typo for typo in _substitutions(compact) if normalise_reference(typo)]
        assert accepted == [], reference


BLIND_SPOT = frozenset((ALPHABET[0], ALPHABET[-1]))


def test_adjacent_swaps_in_real_references_are_rejected(many_references):
    missed = set()
    for reference in many_references[:2000]:
        compact = reference.replace("-", "")
        for position in range(len(compact) - 1):  # includes swapping with the check character
            first, second = compact[position], compact[position + 1]
            swapped = compact[:position] + second + first + compact[position + 2 :]
            if first != second and normalise_reference(swapped):
                missed.add(frozenset((first, second)))
    # Luhn mod N cannot see a swap of the first and last alphabet characters, like "09"/"90".
    assert missed <= {BLIND_SPOT}


def test_every_pair_of_characters_swapped_anywhere_is_rejected_except_the_blind_spot():
    base = new_reference().replace("-", "")
    missed = set()
    for position in range(10):
        for first in ALPHABET:
            for second in ALPHABET:
                if first == second:
                    continue
                body = base[:position] + first + second + base[position + 2 : 11]
                valid = _with_valid_check_character(body)
                swapped = valid[:position] + second + first + valid[position + 2 :]
                if normalise_reference(swapped):
                    missed.add(frozenset((first, second)))
    assert missed == {BLIND_SPOT}


def _with_valid_check_character(body):
    valid = [body + check for check in ALPHABET if normalise_reference(body + check)]
    assert len(valid) == 1  # exactly one check character fits any body
    return valid[0]


@pytest.mark.parametrize(
    "typed",
    [
        "{a}-{b}-{c}",
        "{a}{b}{c}",
        "{a} {b} {c}",
        " {a}--{b}-{c} ",
        "{a}\u2013{b}\u2013{c}",  # en dashes, as word processors type them
        "{lower}",
    ],
)
def test_harmless_differences_in_typing_are_accepted(typed):
    reference = new_reference()
    a, b, c = reference.split("-")
    text = typed.format(a=a, b=b, c=c, lower=reference.lower())
    assert normalise_reference(text) == reference


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "----", "ABC", "7KDX-3FRA-MTW", "7KDX-3FRA-MTW9-7", "x" * 5000],
)
def test_wrong_lengths_and_junk_are_rejected(typed):
    assert normalise_reference(typed) is None


def test_look_alike_characters_are_not_guessed_at():
    reference = new_reference()
    for look_alike in "0O1IL":
        assert normalise_reference(look_alike + reference[1:]) is None
