"""Default category lists: stable codes for reports, and the terms the seed reports rely on."""

import re

import pytest

from portal.core.vocab import (
    ETHNIC_GROUPS,
    VOCABULARIES,
    Term,
    ethnic_group_for,
    label_for,
    terms,
)

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
EQUALITY_LISTS = ("age_band", "gender", "ethnicity", "disability")


def test_the_expected_lists_exist():
    assert set(VOCABULARIES) == {
        "nature",
        "service",
        "outcome_sought",
        "actual_outcome",
        "stage_outcome",
        "method",
        "role",
        "refusal_reason",
        "compliment_category",
        "relationship",
        "age_band",
        "gender",
        "ethnicity",
        "disability",
        "ombudsman_decision",
    }


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_list_has_terms_with_unique_stable_codes(name):
    codes = [term.code for term in terms(name)]
    assert codes
    assert len(codes) == len(set(codes)), name
    assert all(code.isascii() and SNAKE_CASE.match(code) for code in codes), codes


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_term_has_a_label_and_no_empty_hint(name):
    for term in terms(name):
        assert term.label.strip() == term.label and term.label, term
        assert term.hint is None or (term.hint.strip() == term.hint and term.hint), term


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_labels_are_unique_within_a_list_so_radio_options_can_be_told_apart(name):
    labels = [term.label for term in terms(name)]
    assert len(labels) == len(set(labels))


def _codes(name):
    return [term.code for term in terms(name)]


def test_the_public_can_say_they_are_not_sure_which_service():
    assert "not_sure" in _codes("service")


def test_the_services_named_in_the_seed_reports_are_offered():
    expected = {
        "children_in_care",
        "leaving_care",
        "fostering",
        "adoption",
        "child_protection",
        "children_in_need",
        "disabled_children",
        "early_help",
        "front_door",
        "youth_justice",
        "send",
        "school_admissions",
        "home_to_school_transport",
        "education_welfare",
    }
    assert expected <= set(_codes("service"))


def test_the_outcome_sought_list_ends_with_something_else():
    assert _codes("outcome_sought")[-1] == "something_else"


def test_stage_outcomes_are_the_five_reported_findings():
    assert _codes("stage_outcome") == [
        "upheld",
        "partially_upheld",
        "not_upheld",
        "withdrawn",
        "no_finding",
    ]


def test_every_method_in_hampshire_table_3a_can_be_recorded():
    expected = [
        "email",
        "letter",
        "complaint_form",
        "e_form",
        "telephone",
        "in_person",
        "via_ombudsman",
        "text_message",
        "young_persons_form",
    ]
    assert _codes("method")[: len(expected)] == expected


def test_roles_follow_hampshire_table_4a_and_count_young_people_and_advocates():
    roles = _codes("role")
    assert {"young_person", "advocate", "parent", "grandparent", "foster_carer"} <= set(roles)
    assert roles[0] == "parent"
    assert roles[-1] == "unknown"
    assert roles.index("parent") < roles.index("grandparent") < roles.index("foster_carer")
    assert roles.index("young_person") < roles.index("professional") < roles.index("advocate")


def test_every_refusal_reason_named_in_the_domain_notes_can_be_recorded():
    # domain.md "Refused / declined", from 001 Table 1b, 002 §4.2 and Regulation 8.
    assert set(_codes("refusal_reason")) >= {
        "court_proceedings",
        "tribunal",
        "criminal_investigation",
        "disciplinary_or_grievance",
        "no_parental_responsibility",
        "not_in_best_interest",
        "out_of_time",
        "outside_remit",
        "repeat_complaint",
    }


def test_compliments_use_the_slough_categories_and_other():
    codes = _codes("compliment_category")
    assert {"social_work_practice", "case_management", "partnership_working"} <= set(codes)
    assert codes[-1] == "other"


@pytest.mark.parametrize("name", EQUALITY_LISTS)
def test_every_equality_question_can_be_declined(name):
    assert _codes(name)[-1] == "prefer_not_to_say"


def test_ethnicity_follows_the_2021_census_for_england_and_wales():
    categories = [code for code in _codes("ethnicity") if code != "prefer_not_to_say"]
    assert len(categories) == 19
    assert [group for group, _label in ETHNIC_GROUPS] == [
        "asian",
        "black",
        "mixed",
        "white",
        "other",
    ]
    per_group = {group: 0 for group, _label in ETHNIC_GROUPS}
    for code in categories:
        group = ethnic_group_for(code)
        assert group is not None, code
        per_group[group] += 1
    assert per_group == {"asian": 5, "black": 3, "mixed": 4, "white": 5, "other": 2}
    assert ethnic_group_for("prefer_not_to_say") is None


def test_terms_and_labels_are_looked_up_by_code():
    assert terms("disability") == VOCABULARIES["disability"]
    assert all(isinstance(term, Term) for term in terms("disability"))
    assert label_for("method", "e_form") == "E-form"
    assert label_for("method", "carrier_pigeon") is None


def test_a_misspelt_list_name_fails_loudly():
    with pytest.raises(KeyError):
        terms("natures")
    with pytest.raises(KeyError):
        label_for("natures", "other")
