"""Each public route is data: a list of steps, each a form, a template and a condition.

One engine (``views.py`` with ``drafts.py``) walks any journey. Adding a question means adding
a step here; the check-answers page, back links and "change" links follow from the list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.intake.forms import adult, advocate, base, compliment, young_person

Answers = Mapping[str, Any]


def always(_answers: Answers) -> bool:
    return True


def answered(name: str, *values: str) -> Callable[[Answers], bool]:
    def _check(answers: Answers) -> bool:
        return answers.get(name) in values

    return _check


def not_answered(name: str, *values: str) -> Callable[[Answers], bool]:
    def _check(answers: Answers) -> bool:
        return answers.get(name) not in values

    return _check


@dataclass(frozen=True)
class Step:
    name: str
    form: type[base.QuestionForm]
    # A page heading for pages with several fields; single-question pages use the question.
    heading: Any = None
    template: str = "intake/question.html"
    show_if: Callable[[Answers], bool] = always
    # Text shown under the page heading, and after the fields (template names).
    intro: str | None = None
    outro: str | None = None
    # Leave this step out of the check-answers page (reading-only pages).
    summarised: bool = True


@dataclass(frozen=True)
class Journey:
    name: str
    title: Any
    steps: tuple[Step, ...]
    # The "method of contact" code reports count this journey under.
    method: str = "e_form"
    young_person: bool = False
    body_class: str = ""

    def visible_steps(self, answers: Answers) -> list[Step]:
        return [s for s in self.steps if s.show_if(answers)]

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)


def chose_any(name: str, *values: str) -> Callable[[Answers], bool]:
    """True when a checkbox answer includes any of ``values``."""

    def _check(answers: Answers) -> bool:
        chosen = answers.get(name)
        return isinstance(chosen, list) and any(v in chosen for v in values)

    return _check


def kind_for(answers: Answers) -> str:
    """What the person came to do, in the words the reports use."""
    return {"complain": "complaint", "worry": "concern", "thanks": "compliment"}.get(
        str(answers.get("intent")), "complaint"
    )


is_worry = answered("intent", "worry")

START = Journey(
    name="start",
    title=_l("Start"),
    steps=(
        Step("what", base.IntentForm),
        Step("who", base.RoleForm),
    ),
)


def _wants_advocate_and_contact(answers: Answers) -> bool:
    routes = answers.get("contact_routes") or []
    return answers.get("wants_advocate") == "yes" and bool(routes) and routes != ["none"]


YOUNG_PERSON = Journey(
    name="young-person",
    title=_l("Tell us as a young person"),
    method="young_persons_form",
    young_person=True,
    body_class="app-template--young-person",
    steps=(
        Step(
            "before-you-start",
            young_person.ContinueForm,
            heading=_l("Before you start"),
            intro="intake/young_person/before_you_start.html",
            summarised=False,
        ),
        Step("name", young_person.YoungNameForm),
        Step("age", young_person.YoungAgeForm),
        Step("what-happened", young_person.YoungWhatForm, show_if=not_answered("intent", "worry")),
        Step("your-worry", young_person.YoungWorryForm, show_if=is_worry),
        Step("today", young_person.YoungTodayForm, show_if=is_worry),
        Step("when", young_person.YoungWhenForm),
        Step("who", young_person.YoungWhoForm),
        Step("make-it-better", young_person.YoungBetterForm),
        Step("advocate", young_person.YoungAdvocateForm),
        Step(
            "contact",
            young_person.YoungContactForm,
            outro="intake/young_person/no_contact.html",
        ),
        Step(
            "contact-safety",
            young_person.YoungContactSafetyForm,
            show_if=chose_any("contact_routes", "email", "text", "phone", "post"),
        ),
        Step(
            "advocate-consent",
            young_person.YoungAdvocacyConsentForm,
            show_if=_wants_advocate_and_contact,
        ),
    ),
)

ADVOCATE = Journey(
    name="advocate",
    title=_l("Tell us for a young person"),
    young_person=True,
    steps=(
        Step("your-details", advocate.AdvocateDetailsForm, heading=_l("Your details")),
        Step(
            "young-person",
            base.ChildDetailsForm,
            heading=_l("The young person's details"),
        ),
        Step("asked", advocate.AdvocateAskedForm),
        Step("what-happened", advocate.AdvocateWhatForm),
        Step("today", adult.TodayForm, show_if=is_worry),
        Step("when", advocate.WhenTextForm),
        Step("outcome", advocate.AdvocateOutcomeForm),
        Step("contact-young-person", advocate.AdvocateDirectForm),
    ),
)

# How to reach an adult: the way they choose, then the one detail that way needs.
CONTACT_STEPS = (
    Step("contact", adult.AdultContactForm),
    Step("contact-email", adult.EmailAddressForm, show_if=answered("preferred_contact", "email")),
    Step("contact-phone", adult.PhoneNumberForm, show_if=answered("preferred_contact", "phone")),
    Step("contact-mobile", adult.MobileNumberForm, show_if=answered("preferred_contact", "text")),
    Step("contact-address", adult.PostalAddressForm, show_if=answered("preferred_contact", "post")),
    Step(
        "contact-safety",
        adult.ContactSafetyForm,
        show_if=answered("preferred_contact", "email", "phone", "text", "post"),
    ),
)

_adult_not_professional = not_answered("role", "professional")

ADULT = Journey(
    name="adult",
    title=_l("Make a complaint"),
    steps=(
        Step("relationship", adult.RelationshipForm),
        Step(
            "parental-responsibility",
            adult.ParentalResponsibilityForm,
            show_if=_adult_not_professional,
        ),
        Step("child", adult.AdultChildForm, heading=_l("About the child or young person")),
        Step("service", adult.ServiceForm),
        Step("what-happened", adult.AdultWhatForm),
        Step("when", adult.AdultWhenForm),
        Step("outcomes", adult.OutcomesForm),
        Step("your-name", adult.YourNameForm, heading=_l("What is your name?")),
        *CONTACT_STEPS,
        Step("help", adult.AdjustmentsForm, heading=_l("Help using our service")),
        Step("equality", adult.EqualityConsentForm),
        Step("age", adult.AgeBandForm, show_if=answered("equality", "yes")),
        Step("gender", adult.GenderForm, show_if=answered("equality", "yes")),
        Step("ethnicity", adult.EthnicityForm, show_if=answered("equality", "yes")),
        Step("disability", adult.DisabilityForm, show_if=answered("equality", "yes")),
    ),
)

CONCERN = Journey(
    name="worry",
    title=_l("Tell us about a worry"),
    steps=(
        Step("relationship", adult.RelationshipForm),
        Step("child", adult.AdultChildForm, heading=_l("About the child or young person")),
        Step("service", adult.ServiceForm),
        Step("your-worry", adult.ConcernWhatForm),
        Step("today", adult.TodayForm),
        Step("your-name", adult.YourNameForm, heading=_l("What is your name?")),
        *CONTACT_STEPS,
    ),
)

COMPLIMENT = Journey(
    name="thank-you",
    title=_l("Say thank you"),
    steps=(
        Step("who", compliment.ComplimentWhoForm),
        Step("what-went-well", compliment.ComplimentWhatForm),
        Step("relationship", adult.RelationshipForm, show_if=not_answered("role", "young_person")),
        Step("share", compliment.ComplimentShareForm),
        Step("reply", compliment.ComplimentContactForm),
        Step(
            "reply-details",
            compliment.ComplimentReplyForm,
            heading=_l("Where should we reply?"),
            show_if=answered("wants_reply", "email"),
        ),
    ),
)

JOURNEYS: dict[str, Journey] = {
    j.name: j for j in (START, YOUNG_PERSON, ADVOCATE, ADULT, CONCERN, COMPLIMENT)
}


def journey_after_start(answers: Answers) -> Journey:
    """Which journey the two start questions lead to."""
    if answers.get("intent") == "thanks":
        return COMPLIMENT
    role = answers.get("role")
    if role == "young_person":
        return YOUNG_PERSON
    if role == "advocate":
        return ADVOCATE
    if answers.get("intent") == "worry":
        return CONCERN
    return ADULT
