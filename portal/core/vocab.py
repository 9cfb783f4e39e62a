"""Default category lists, seeded into the database for the complaints manager to edit.

Every council words its categories differently, so these are starting points, not enums: the
live lists are rows in a table, and these tuples only seed it. Codes are stable keys that
reports group by, so a relabelled category keeps its history; labels are English defaults
marked for translation and translated at display time. Hints explain a term to the public.

Sources are the councils' published reports in ``shared/seeds`` (cited by file number, e.g.
001 is Hampshire 2017/18) and, for the equality lists, the 2021 Census for England and Wales.
A report should show a missing value as "Not recorded" rather than a term meaning the same.
"""

from dataclasses import dataclass

from portal.core.markers import N_


@dataclass(frozen=True)
class Term:
    """One category: a stable ASCII snake_case ``code``, a default ``label`` and a ``hint``."""

    code: str
    label: str
    hint: str | None = None


# Nature of complaint: 001 Tables 5a/5c, 004 "Nature of Complaints", 002 §4.7's four
# categories, 000 §6 and 003's themes, merged where two councils name the same thing.
_NATURE = (
    Term("quality_of_service", N_("Quality of service")),
    Term("staff_conduct", N_("Attitude or behaviour of staff")),
    Term("poor_communication", N_("Poor communication")),
    Term("disputed_decision", N_("An unwelcome or disputed decision")),
    Term("assessment_outcome", N_("Outcome of an assessment")),
    Term("assessment_process", N_("Assessment, care management or review")),
    Term("eligibility_criteria", N_("Application of eligibility and assessment criteria")),
    Term("application_of_policy", N_("How a policy was applied")),
    Term("policy", N_("A policy itself")),
    Term("change_of_placement", N_("Decision to change a placement")),
    Term("change_to_service", N_("Change to a service, or its amount or cost")),
    Term("cp_conference_outcome", N_("Outcome of a child protection conference")),
    Term("cp_conference_process", N_("Process of a child protection conference")),
    Term("delay", N_("Delay in a decision or in providing a service")),
    Term("non_fulfilment_of_duty", N_("Not carrying out a duty")),
    Term("failure_to_provide", N_("Lack of support, or failure to provide a service")),
    Term("refusal_of_service", N_("Refusal of a service")),
    Term("finance", N_("Finance")),
    Term("funding", N_("Funding")),
    Term("out_of_education", N_("Out of education")),
    Term("inaccurate_records", N_("Inaccurate records")),
    Term("safeguarding", N_("Safeguarding")),
    Term("other", N_("Other")),
)

# Service or team: 001 Tables 6a/6c and 004 "Complaints by Service Area", with council-specific
# team names (Hampshire's CAST 1-4, HantsDirect) folded into the service they provide.
_SERVICE = (
    Term("children_in_care", N_("Children in care"), N_("Also called looked-after children")),
    Term("leaving_care", N_("Leaving care"), N_("Support for care leavers")),
    Term("fostering", N_("Fostering")),
    Term("adoption", N_("Adoption")),
    Term("child_protection", N_("Child protection and safeguarding")),
    Term(
        "children_in_need",
        N_("Children in need"),
        N_("A social worker helping a child who needs extra support"),
    ),
    Term("referral_and_assessment", N_("Referral and assessment")),
    Term(
        "front_door",
        N_("Front door (MASH)"),
        N_("The team that takes new calls and referrals about a child"),
    ),
    Term("disabled_children", N_("Disabled children")),
    Term("early_help", N_("Early help"), N_("Support for a family before problems get worse")),
    Term("family_support", N_("Family support")),
    Term("contact_services", N_("Family time (contact)")),
    Term("residential", N_("Children's homes")),
    Term(
        "independent_reviewing",
        N_("Independent reviewing officers and conference chairs"),
    ),
    Term("youth_justice", N_("Youth justice (youth offending)")),
    Term("youth_services", N_("Youth services")),
    Term("out_of_hours", N_("Out of hours (emergency duty) service")),
    Term("occupational_therapy", N_("Occupational therapy")),
    Term(
        "send",
        N_("Special educational needs and disabilities (SEND)"),
        N_("Including education, health and care (EHC) plans"),
    ),
    Term("school_admissions", N_("School admissions")),
    Term("home_to_school_transport", N_("Home to school transport")),
    Term("education_welfare", N_("Education welfare and school attendance")),
    Term("early_years", N_("Early years and childcare")),
    Term("complaints_handling", N_("How a complaint was handled")),
    Term("not_receiving_service", N_("Not getting a service at the moment")),
    Term("other", N_("Another service")),
    Term("not_sure", N_("Not sure")),
)

# What the person would like to happen: 001 Table 7a and 000 §7.
_OUTCOME_SOUGHT = (
    Term("apology", N_("An apology")),
    Term("explanation", N_("An explanation")),
    Term("apology_and_explanation", N_("An apology and an explanation")),
    Term("better_communication", N_("Better communication")),
    Term("kept_informed", N_("To be kept informed")),
    Term("issues_investigated", N_("My concerns looked into properly")),
    Term("meeting", N_("A meeting")),
    Term("change_of_worker", N_("A different social worker or worker")),
    Term("decision_review", N_("A decision looked at again")),
    Term("assessment_or_review", N_("An assessment, review or reassessment")),
    Term("more_support", N_("More support")),
    Term("agreed_service", N_("A service that was agreed to be provided")),
    Term("needs_met", N_("A child's emotional, educational or psychological needs met")),
    Term("contact_arrangements", N_("A change to family time (contact) arrangements")),
    Term("child_protection_plan_ended", N_("A child protection plan ended")),
    Term("school_place", N_("The offer of a school place")),
    Term("direct_payments", N_("Direct payments or a personal budget")),
    Term("financial_reimbursement", N_("Money paid back to me")),
    Term("payment", N_("A payment")),
    Term("compensation", N_("Compensation")),
    Term("staff_action", N_("Action taken about a member of staff")),
    Term("staff_training", N_("Training for staff")),
    Term("policy_review", N_("A policy or procedure reviewed")),
    Term("remedial_action", N_("The problem put right")),
    Term("not_repeated", N_("An assurance that it will not happen again")),
    Term("improved_practice", N_("Better practice in future")),
    Term("request_fulfilled", N_("Something specific I asked for")),
    Term("something_else", N_("Something else")),
)

# What actually happened: 001 Table 8a, 000 §8 and the actions listed in 004 §4.
_ACTUAL_OUTCOME = (
    Term("explanation", N_("Explanation")),
    Term("apology", N_("Apology")),
    Term("apology_and_explanation", N_("Apology and explanation")),
    Term("assessment", N_("Assessment or reassessment for a service")),
    Term("not_repeated", N_("Assurance that it will not happen again")),
    Term("change_of_worker", N_("Change of social worker or worker")),
    Term("contact_arrangements_reviewed", N_("Family time (contact) arrangements reviewed")),
    Term("support_put_in_place", N_("Further support put in place")),
    Term("financial_reimbursement", N_("Financial reimbursement")),
    Term("management_action_operational", N_("Management action (operational)")),
    Term("management_action_staff", N_("Management action (staff)")),
    Term("meeting", N_("Meeting or offer of a meeting")),
    Term("request_fulfilled", N_("Request fulfilled")),
    Term("staff_training", N_("Training for staff")),
    Term("complaint_refused", N_("Complaint refused")),
    Term("complaint_withdrawn", N_("Complaint withdrawn")),
    Term("escalated", N_("Escalated to the next stage")),
    Term("other", N_("Other")),
)

# The finding at the end of a stage: 004 "The Outcome of complaints", 002 §4.8.
_STAGE_OUTCOME = (
    Term("upheld", N_("Upheld"), N_("The council accepts it was at fault")),
    Term("partially_upheld", N_("Partially upheld"), N_("The council accepts some fault")),
    Term("not_upheld", N_("Not upheld"), N_("The council does not accept it was at fault")),
    Term("withdrawn", N_("Withdrawn"), N_("The person withdrew the complaint")),
    Term(
        "no_finding",
        N_("No finding or abandoned"),
        N_("No decision could be reached, for example because the person stopped replying"),
    ),
)

# How the representation arrived: 001 Table 3a, plus 002's "Other (e.g. MP)".
_METHOD = (
    Term("email", N_("Email")),
    Term("letter", N_("Letter")),
    Term("complaint_form", N_("Complaint form"), N_("A paper form")),
    Term("e_form", N_("E-form"), N_("The online form")),
    Term("telephone", N_("Telephone")),
    Term("in_person", N_("In person")),
    Term("via_ombudsman", N_("Via the Ombudsman")),
    Term("text_message", N_("Text message")),
    Term("young_persons_form", N_("Young person's form")),
    Term("other", N_("Another way"), N_("For example through an MP or councillor")),
)

# Who complained: 001 Table 4a in its order, professional subtypes folded together, and
# special guardians added (a qualifying individual in 004; counted under "other" in 002).
_ROLE = (
    Term("parent", N_("Parent")),
    Term("adopter", N_("Adopter")),
    Term("ex_partner", N_("Former partner of a parent")),
    Term("partner", N_("Partner of a parent")),
    Term("step_parent", N_("Step-parent")),
    Term("grandparent", N_("Grandparent")),
    Term("sibling", N_("Brother or sister")),
    Term("other_relative", N_("Other relative")),
    Term("foster_carer", N_("Foster carer")),
    Term("private_foster_carer", N_("Private foster carer")),
    Term("prospective_adopter", N_("Prospective adopter")),
    Term("prospective_foster_carer", N_("Prospective foster carer")),
    Term("special_guardian", N_("Special guardian")),
    Term("adult_service_user", N_("Adult who uses the service")),
    Term("young_person", N_("Child or young person"), N_("Including care leavers")),
    Term("professional", N_("Professional")),
    Term("advocate", N_("Advocate")),
    Term("birth_parent_of_adopted_child", N_("Birth parent of an adopted child")),
    Term("friend_or_neighbour", N_("Friend or neighbour")),
    Term("other", N_("Other")),
    Term("unknown", N_("Unknown")),
)

# Why a representation was not accepted: domain.md "Refused / declined" (001 Table 1b,
# 002 §4.2 and Annex 1, Regulation 8).
_REFUSAL_REASON = (
    Term("court_proceedings", N_("Court proceedings")),
    Term("tribunal", N_("Tribunal")),
    Term("criminal_investigation", N_("Police or criminal investigation")),
    Term("disciplinary_or_grievance", N_("Disciplinary or grievance proceedings")),
    Term(
        "no_parental_responsibility",
        N_("No parental responsibility"),
        N_("Not a qualifying individual"),
    ),
    Term("not_in_best_interest", N_("Not in the child's best interest, or the child's age")),
    Term("out_of_time", N_("Out of time"), N_("More than 12 months after the problem")),
    Term(
        "outside_remit",
        N_("Outside remit"),
        N_("For another body, such as a school or another council"),
    ),
    Term("repeat_complaint", N_("Repeat complaint"), N_("Already dealt with at every stage")),
)

# Compliments: 002 §7's three categories (its table calls the third "services provided"),
# and the themes of the compliments quoted in 003 and 004 §5.
_COMPLIMENT_CATEGORY = (
    Term("social_work_practice", N_("Social work practice")),
    Term("case_management", N_("Case management")),
    Term("partnership_working", N_("Partnership working")),
    Term("service_provided", N_("The service as a whole")),
    Term("support_to_family", N_("Help and support for a family")),
    Term("communication", N_("Communication and keeping in touch")),
    Term("meeting_well_run", N_("A well-run meeting or conference")),
    Term("other", N_("Other")),
)

# The adult's relationship to the child, asked on the public form.
_RELATIONSHIP = (
    Term("parent", N_("Parent")),
    Term("step_parent", N_("Step-parent")),
    Term("grandparent", N_("Grandparent")),
    Term("other_relative", N_("Other relative")),
    Term("foster_carer", N_("Foster carer")),
    Term("special_guardian", N_("Special guardian")),
    Term("adopter", N_("Adopter or prospective adopter")),
    Term("partner_of_parent", N_("Partner of a parent")),
    Term("friend_or_neighbour", N_("Friend or neighbour")),
    Term("professional", N_("Professional")),
    Term("other", N_("Other")),
)

_PREFER_NOT_TO_SAY = Term("prefer_not_to_say", N_("Prefer not to say"))

# Equality questions are optional and asked of the adult who complains (001 Tables 10a-10d).
_AGE_BAND = (
    Term("age_18_24", N_("18 to 24")),
    Term("age_25_34", N_("25 to 34")),
    Term("age_35_44", N_("35 to 44")),
    Term("age_45_54", N_("45 to 54")),
    Term("age_55_64", N_("55 to 64")),
    Term("age_65_plus", N_("65 or over")),
    _PREFER_NOT_TO_SAY,
)

_GENDER = (
    Term("woman", N_("Woman")),
    Term("man", N_("Man")),
    Term("non_binary", N_("Non-binary")),
    Term("another_way", N_("In another way")),
    _PREFER_NOT_TO_SAY,
)

# 2021 Census, England and Wales: 5 high-level groups and 19 categories, in the order GOV.UK
# recommends for forms. Each ethnicity code starts with its group's code and an underscore.
ETHNIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("asian", N_("Asian, Asian British or Asian Welsh")),
    ("black", N_("Black, Black British, Black Welsh, Caribbean or African")),
    ("mixed", N_("Mixed or Multiple ethnic groups")),
    ("white", N_("White")),
    ("other", N_("Other ethnic group")),
)

_ETHNICITY = (
    Term("asian_indian", N_("Indian")),
    Term("asian_pakistani", N_("Pakistani")),
    Term("asian_bangladeshi", N_("Bangladeshi")),
    Term("asian_chinese", N_("Chinese")),
    Term("asian_other", N_("Any other Asian background")),
    Term("black_caribbean", N_("Caribbean")),
    Term("black_african", N_("African")),
    Term("black_other", N_("Any other Black, Black British or Caribbean background")),
    Term("mixed_white_black_caribbean", N_("White and Black Caribbean")),
    Term("mixed_white_black_african", N_("White and Black African")),
    Term("mixed_white_asian", N_("White and Asian")),
    Term("mixed_other", N_("Any other Mixed or Multiple ethnic background")),
    Term("white_british", N_("English, Welsh, Scottish, Northern Irish or British")),
    Term("white_irish", N_("Irish")),
    Term("white_gypsy_irish_traveller", N_("Gypsy or Irish Traveller")),
    Term("white_roma", N_("Roma")),
    Term("white_other", N_("Any other White background")),
    Term("other_arab", N_("Arab")),
    Term("other_any", N_("Any other ethnic group")),
    _PREFER_NOT_TO_SAY,
)

_DISABILITY = (
    Term("yes", N_("Yes")),
    Term("no", N_("No")),
    _PREFER_NOT_TO_SAY,
)

# What the Local Government and Social Care Ombudsman decided (001 Table 9, 002, 004).
_OMBUDSMAN_DECISION = (
    Term("maladministration_injustice", N_("Upheld: maladministration and injustice")),
    Term("maladministration_no_injustice", N_("Upheld: maladministration, no injustice")),
    Term("upheld_other_remedy", N_("Upheld: other remedy")),
    Term("not_upheld", N_("Not upheld: no maladministration")),
    Term("closed_after_initial_enquiries", N_("Closed after initial enquiries")),
    Term("premature", N_("Premature: referred back to the council")),
    Term("outside_jurisdiction", N_("Outside the Ombudsman's jurisdiction")),
)

VOCABULARIES: dict[str, tuple[Term, ...]] = {
    "nature": _NATURE,
    "service": _SERVICE,
    "outcome_sought": _OUTCOME_SOUGHT,
    "actual_outcome": _ACTUAL_OUTCOME,
    "stage_outcome": _STAGE_OUTCOME,
    "method": _METHOD,
    "role": _ROLE,
    "refusal_reason": _REFUSAL_REASON,
    "compliment_category": _COMPLIMENT_CATEGORY,
    "relationship": _RELATIONSHIP,
    "age_band": _AGE_BAND,
    "gender": _GENDER,
    "ethnicity": _ETHNICITY,
    "disability": _DISABILITY,
    "ombudsman_decision": _OMBUDSMAN_DECISION,
}


def terms(vocabulary: str) -> tuple[Term, ...]:
    """The default terms of a list, in display order.

    An unknown list name raises ``KeyError``: it is a typo in code, and an empty list of
    radio buttons on a live form would be worse than a failing test.
    """
    return VOCABULARIES[vocabulary]


def label_for(vocabulary: str, code: str) -> str | None:
    """The default (untranslated) label of ``code``, or ``None`` if the list has no such code.

    ``None`` lets a caller show a stored code that the complaints manager has since removed
    from the list, instead of failing on old records.
    """
    for term in VOCABULARIES[vocabulary]:
        if term.code == code:
            return term.label
    return None


def ethnic_group_for(code: str) -> str | None:
    """The ``ETHNIC_GROUPS`` code an ethnicity term belongs to, or ``None`` (prefer not to say).

    Equality tables often have to fall back to the five groups because the counts for single
    categories are small enough to identify someone, so every term maps to exactly one group.
    """
    prefix = code.split("_", 1)[0]
    if prefix == code:
        return None
    return next((group for group, _label in ETHNIC_GROUPS if group == prefix), None)
