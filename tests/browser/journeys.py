"""The five public journeys as a person sees them: which labels to fill in or choose on each
page. Values come from the answer sets in ``tests/helpers.py`` so the HTTP-level tests and
the browser tests walk the same story."""

from __future__ import annotations

from dataclasses import dataclass

from tests import helpers


@dataclass(frozen=True)
class Fill:
    """Type into the text box or text area with this label."""

    label: str
    value: str


@dataclass(frozen=True)
class Choose:
    """Select the radio with this label."""

    label: str


@dataclass(frozen=True)
class Tick:
    """Tick the checkbox with this label."""

    label: str


Action = Fill | Choose | Tick

INTENT_LABELS = {
    "complain": "Complain about something",
    "worry": "Tell us about a worry",
    "thanks": "Say thank you",
}
ROLE_LABELS = {
    "young_person": "I am a child or young person",
    "advocate": "I am helping a young person or speaking for them",
    "adult": "I am a parent, carer or relative",
}


def date_parts(answers: dict[str, str], name: str) -> tuple[Fill, ...]:
    return (
        Fill("Day", answers[f"{name}-day"]),
        Fill("Month", answers[f"{name}-month"]),
        Fill("Year", answers[f"{name}-year"]),
    )


@dataclass(frozen=True)
class Journey:
    name: str  # the URL segment
    intent: str
    role: str
    # Step name -> what to do on it, in the order the pages come.
    pages: dict[str, tuple[Action, ...]]
    # A phrase the check-answers page must show back.
    echoed: str

    @property
    def intent_label(self) -> str:
        return INTENT_LABELS[self.intent]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


_YP = helpers.YOUNG_PERSON
YOUNG_PERSON = Journey(
    name="young-person",
    intent="complain",
    role="young_person",
    pages={
        "before-you-start": (),
        "name": (Fill("What is your first name?", _YP["name"]["first_name"]),),
        "age": (Fill("How old are you?", _YP["age"]["age"]),),
        "what-happened": (Fill("What happened?", _YP["what-happened"]["what_happened"]),),
        "when": (Fill("When did it happen?", _YP["when"]["when_happened"]),),
        "who": (Tick("I don't know"),),
        "make-it-better": (
            Fill("What would make it better?", _YP["make-it-better"]["outcome_wanted"]),
        ),
        "advocate": (Choose("Yes"),),
        "contact": (
            Tick("Text message"),
            Fill("Mobile phone number for texts", _YP["contact"]["mobile"]),
        ),
        "contact-safety": (Tick("No, only I will see it"),),
        "advocate-consent": (Choose("Yes, tell them"),),
    },
    echoed=_YP["what-happened"]["what_happened"],
)

_AD = helpers.ADVOCATE
ADVOCATE = Journey(
    name="advocate",
    intent="complain",
    role="advocate",
    pages={
        "your-details": (
            Fill("First name", _AD["your-details"]["first_name"]),
            Fill("Last name", _AD["your-details"]["last_name"]),
            Fill("Organisation (optional)", _AD["your-details"]["organisation"]),
            Fill("Email address", _AD["your-details"]["email"]),
        ),
        "young-person": (
            Fill("First name", _AD["young-person"]["child_first_name"]),
            Fill("Last name (optional)", _AD["young-person"]["child_last_name"]),
            *date_parts(_AD["young-person"], "child_date_of_birth"),
        ),
        "asked": (Tick("I confirm the young person asked me to act for them"),),
        "what-happened": (
            Fill(
                "What does the young person want to tell us?",
                _AD["what-happened"]["what_happened"],
            ),
        ),
        "when": (Fill("When did it happen? (optional)", _AD["when"]["when_happened"]),),
        "outcome": (
            Fill("What does the young person want to happen?", _AD["outcome"]["outcome_wanted"]),
        ),
        "contact-young-person": (Choose("No, contact them through me"),),
    },
    echoed=_AD["what-happened"]["what_happened"],
)

_AC = helpers.ADULT
ADULT = Journey(
    name="adult",
    intent="complain",
    role="adult",
    pages={
        "relationship": (Choose("Grandparent"),),
        "parental-responsibility": (Choose("No"),),
        "child": (
            Fill("First name", _AC["child"]["child_first_name"]),
            Fill("Last name (optional)", _AC["child"]["child_last_name"]),
            *date_parts(_AC["child"], "child_date_of_birth"),
        ),
        "service": (Choose("Not sure"),),
        "what-happened": (Fill("What happened?", _AC["what-happened"]["what_happened"]),),
        "when": date_parts(_AC["when"], "happened_on"),
        "outcomes": (
            Tick("Something else"),
            Fill("Tell us what else you would like to happen", _AC["outcomes"]["other_outcome"]),
        ),
        "your-name": (
            Fill("First name", _AC["your-name"]["first_name"]),
            Fill("Last name", _AC["your-name"]["last_name"]),
        ),
        "contact": (Choose("Email"),),
        "contact-email": (Fill("What is your email address?", _AC["contact-email"]["email"]),),
        "contact-safety": (Tick("No, only I will see it"),),
        "help": (),
        "equality": (Choose("No"),),
    },
    echoed=_AC["what-happened"]["what_happened"],
)

_CO = helpers.CONCERN
CONCERN = Journey(
    name="worry",
    intent="worry",
    role="adult",
    pages={
        "relationship": (Choose("Foster carer"),),
        "child": (Fill("First name", _CO["child"]["child_first_name"]),),
        "service": (Choose("Not sure"),),
        "your-worry": (Fill("What are you worried about?", _CO["your-worry"]["what_happened"]),),
        "today": (Choose("Yes"),),
        "your-name": (
            Fill("First name", _CO["your-name"]["first_name"]),
            Fill("Last name", _CO["your-name"]["last_name"]),
        ),
        "contact": (Choose("Phone"),),
        "contact-phone": (Fill("What is your phone number?", _CO["contact-phone"]["phone"]),),
        "contact-safety": (Tick("No, only I will see it"),),
    },
    echoed=_CO["your-worry"]["what_happened"],
)

_CM = helpers.COMPLIMENT
COMPLIMENT = Journey(
    name="thank-you",
    intent="thanks",
    role="adult",
    pages={
        "who": (Fill("Who would you like to thank?", _CM["who"]["team_named"]),),
        "what-went-well": (Fill("What went well?", _CM["what-went-well"]["what_happened"]),),
        "relationship": (Choose("Foster carer"),),
        "share": (Choose("Yes"),),
        "reply": (Choose("No, thank you"),),
    },
    echoed=_CM["who"]["team_named"],
)

JOURNEYS = (YOUNG_PERSON, ADVOCATE, ADULT, CONCERN, COMPLIMENT)
assert [list(j.pages) for j in JOURNEYS] == [
    list(answers)
    for answers in (helpers.YOUNG_PERSON, helpers.ADVOCATE, helpers.ADULT, helpers.CONCERN)
] + [list(helpers.COMPLIMENT)], "the browser journeys must visit the steps tests/helpers.py does"
