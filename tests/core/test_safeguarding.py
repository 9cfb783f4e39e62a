"""The urgent flag: real signs of risk to a child are caught; ordinary complaints are not."""

import unicodedata

import pytest

from portal.core.safeguarding import RISK_PHRASES, find_risk_phrases, looks_unsafe

RISK = [
    "he hits me",  # as a nine-year-old might write it
    "i dont feel safe at home",
    "My stepdad HURTS ME when mum is at work",
    "I don\u2019t  feel safe going back there",  # curly apostrophe, double space
    "im scared to go home tonight",
    "sometimes i think about killing myself",
    "I have been self-harming again since the move",
    "my uncle touched me and told me not to tell",
    "She keeps going missing from home and comes back with new phones. I think it is county lines",
    "There is never any food, we have nothing to eat most days",
    "mums boyfriend locked me in my room all weekend",
    "My daughter's foster carer slapped her and she has bruises on her arm",
    "I want to die",
    "He has a knife in his bedroom and says he will use it",
    "I got kicked out by my dad and I am sleeping at friends",
    # An adult writing about a child, in the third person.
    "Her stepfather hits her and she is scared",
    "My son is being hit by his dad at weekends",
    "I think her uncle touched her",
]

ORDINARY = [
    "The social worker's letter hurt my feelings and I want an apology.",
    "Nobody returned my calls for three weeks.",
    "The EHC plan was finalised months late and my son has no school place.",
    "The minutes of the child protection conference are inaccurate.",
    "I was not told the meeting had been moved and I had to take a day off work.",
    "The transport to school was late every day in September.",
    "The assessment says I have a drink problem, which is not true.",
    "My daughter's therapeutic support was stopped without any explanation.",
    "The police were called by the school but nobody told me why.",
    "The social worker was rude to my mother on the phone.",
    "I asked for a different social worker and heard nothing back.",
    "Contact with my grandson was cancelled twice with no reason given.",
    "The reviewing officer did not read the report before the meeting.",
    "The bill for the respite care was wrong and I was charged twice.",
]


@pytest.mark.parametrize("text", RISK)
def test_signs_of_risk_are_flagged(text):
    assert looks_unsafe(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_complaints_are_not_flagged(text):
    assert find_risk_phrases(text) == []
    assert not looks_unsafe(text)


def test_staff_are_told_which_phrases_were_found():
    assert find_risk_phrases("He hit me yesterday") == ["hit me"]
    assert find_risk_phrases("I don't feel safe and I want to die") == [
        "don't feel safe",
        "want to die",
    ]


def test_phrases_are_found_across_all_the_texts_of_a_representation_once_each():
    found = find_risk_phrases("What happened", "", "he hit me", "He HIT ME again")
    assert found == ["hit me"]


def test_a_phrase_cannot_be_made_by_joining_the_end_of_one_answer_to_the_next():
    assert find_risk_phrases("the last time he hit", "me and my sister were at school") == []


@pytest.mark.parametrize(
    "text",
    [
        "The grapes and the drapes",  # "rape"
        "It has begun again",  # "gun"
        "She is a therapist",  # "rape"
        "shurt menu",  # "hurt me"
    ],
)
def test_phrases_only_match_whole_words(text):
    assert find_risk_phrases(text) == []


@pytest.mark.parametrize(
    "text",
    ["self harm", "self-harm", "self\u2013harm", "selfharm", "SELF  HARM"],
)
def test_spelling_variants_of_self_harm_are_all_caught(text):
    assert looks_unsafe(text)


def test_full_width_and_other_compatibility_characters_are_folded():
    full_width = "\uff48\uff45 \uff48\uff49\uff54 \uff4d\uff45"  # "he hit me"
    assert find_risk_phrases(full_width) == ["hit me"]


def test_english_is_always_checked_whatever_the_language_of_the_page():
    assert find_risk_phrases("he hit me", locales=("cy",)) == ["hit me"]
    assert find_risk_phrases("he hit me", locales=("pl", "en_GB")) == ["hit me"]
    assert find_risk_phrases("he hit me", locales=()) == ["hit me"]


def test_every_phrase_is_caught_in_its_own_words():
    for locale, phrases in RISK_PHRASES.items():
        for phrase in phrases:
            assert phrase in find_risk_phrases(f"I said {phrase}.", locales=(locale,)), phrase


def test_no_phrase_is_listed_twice():
    for phrases in RISK_PHRASES.values():
        folded = [unicodedata.normalize("NFKC", p).casefold().replace("'", "") for p in phrases]
        assert len(folded) == len(set(folded))


@pytest.mark.parametrize("broad", ["hurt", "drugs", "police", "risk", "harm", "drunk", "scared"])
def test_words_that_appear_in_most_adult_complaints_are_not_risk_phrases_alone(broad):
    assert broad not in RISK_PHRASES["en"]
