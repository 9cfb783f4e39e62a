"""Three earlier years (and this one so far) of made-up history for ``make run``, so the
annual report and the dashboard have something to show. It goes in through the real
importer, as a council's history would, and is the same every time (seeded), so importing
it again changes nothing."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from portal.core.workdays import add_working_days
from portal.reports.importer import COLUMNS, Result, import_representations
from portal.reports.periods import financial_year_of

_TYPES = (
    ["complaint"] * 30
    + ["pre_complaint_to_complaint"] * 4
    + ["area_initiated"] * 3
    + ["refused"] * 8
    + ["case_concern"] * 25
    + ["ad_hoc"] * 15
    + ["pre_complaint"] * 6
    + ["compliment"] * 5
    + ["lgsco", "professional", "lscb", "miscellaneous", "foi_sar", "member_enquiry"]
)
_METHODS = ["email"] * 5 + ["letter"] * 2 + ["e_form"] * 3 + ["telephone", "complaint_form"]
_METHODS += ["yp_form", "in_person", "via_lgsco", "text_message"]
_ROLES = ["parent"] * 14 + ["grandparent"] * 2 + ["foster_carer", "other_relative"]
_ROLES += ["young_person", "advocate", "friend_neighbour", "professional", "unknown"]
_NATURES = ["poor_communication", "staff_conduct", "quality_of_service", "delay"]
_NATURES += ["non_fulfilment_of_duty", "disputed_decision", "failure_to_provide"]
_SERVICES = ["children_in_need", "children_in_care", "fostering", "send", "leaving_care"]
_SERVICES += ["front_door", "disabled_children", "home_to_school_transport", "adoption"]
_SOUGHT = ["apology", "explanation", "change_of_worker", "request_fulfilled", "meeting", ""]
_ACTUAL = ["explanation", "apology_and_explanation", "request_fulfilled", "apology", "meeting"]
_OUTCOMES = ["upheld", "partially_upheld", "not_upheld", "not_upheld", "partially_upheld"]
_REFUSALS = ["no_parental_responsibility", "court_proceedings", "outside_remit", "out_of_time"]
_CATEGORIES = ["social_work_practice", "case_management", "partnership_working"]


def rows(today: date, count: int = 400) -> list[dict[str, str]]:
    rng = random.Random(2026)  # noqa: S311 (made-up demo data, not a secret)  # nosec B311
    first = date(financial_year_of(today) - 3, 4, 1)
    span = (today - first).days  # up to yesterday: the importer refuses future dates
    made = []
    for n in range(count):
        received = first + timedelta(days=rng.randrange(span))
        kind = rng.choice(_TYPES)
        route = rng.choice(["statutory"] * 2 + ["corporate"])
        complaint = kind in ("complaint", "pre_complaint_to_complaint", "area_initiated")
        young = rng.random() < 0.06
        row = {
            "external_ref": f"DEMO-{n:04d}",
            "received_on": received.isoformat(),
            "route": route if complaint or kind == "refused" else "",
            "type": kind,
            "method": rng.choice(_METHODS),
            "submitter_role": "young_person" if young else rng.choice(_ROLES),
            "young_person": "yes" if young else "no",
        }
        if complaint or kind == "refused":
            row["nature"] = rng.choice(_NATURES)
            row["service"] = rng.choice(_SERVICES)
            row["outcome_sought"] = rng.choice(_SOUGHT)
            row["gender"] = rng.choice(["", "", "woman", "man"])
        if kind == "refused":
            row["refusal_reason"] = rng.choice(_REFUSALS)
        if complaint:
            acknowledged = add_working_days(received, rng.randint(1, 4))
            answered = add_working_days(acknowledged, rng.choice([6, 8, 9, 10, 12, 15, 22]))
            if acknowledged < today:
                row["stage1_acknowledged_on"] = acknowledged.isoformat()
            if answered < today:
                row["stage1_responded_on"] = answered.isoformat()
                row["stage1_outcome"] = rng.choice(_OUTCOMES)
                row["actual_outcome"] = rng.choice(_ACTUAL)
                if route == "statutory" and rng.random() < 0.08:
                    asked = add_working_days(answered, 10)
                    done = add_working_days(asked, rng.choice([20, 30, 60, 70]))
                    if done < today:
                        row["stage2_requested_on"] = asked.isoformat()
                        row["stage2_responded_on"] = done.isoformat()
                        row["stage2_outcome"] = rng.choice(_OUTCOMES)
        if kind == "lgsco":
            row["lgsco_received_on"] = received.isoformat()
            row["lgsco_decision"] = rng.choice(["not_upheld", "premature", ""])
        if kind == "compliment":
            row["compliment_category"] = rng.choice(_CATEGORIES)
            row["service"] = rng.choice(_SERVICES)
        made.append(row)
    return made


def load(session: Session, today: date, now: datetime) -> Result:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows(today))
    return import_representations(session, buffer.getvalue(), today=today, now=now, source="demo")
