"""``flask import representations``: what a council moving from another system is told about
a file with problems, and what it can rely on once the file is in.

A refused row is reported by its line, column and problem while the good rows around it are
imported (exit 1); a file whose header or encoding is wrong imports nothing (exit 2); a dry
run saves nothing; importing the same file again changes nothing; a corrected row replaces
the old one under the same reference. The last test imports a random history and checks the
annual report against counts worked out here, in plain Python, from the rows themselves.
"""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from portal.core.vocab import VOCABULARIES
from portal.db import Base
from portal.models import Category, Representation
from portal.reports import rollup
from tests.conftest import KEPT_TABLES
from tests.reports.conftest import history_csv, nonzero

GOOD = {
    "received_on": "2020-06-01",
    "route": "statutory",
    "type": "complaint",
    "method": "email",
    "submitter_role": "parent",
}
PROBLEM_LINE = re.compile(r"^line (\d+), (\w+): (.*)$", re.M)


@pytest.fixture(autouse=True)
def seeded_lists_only(app) -> Iterator[None]:
    """The category lists outlive each test (tests/conftest.py keeps them), so a term this
    module adds with --create-missing is taken out again, with anything pointing at it."""
    yield
    seeded = {
        (vocabulary, term.code) for vocabulary, terms in VOCABULARIES.items() for term in terms
    }
    with app.extensions["portal.engine"].begin() as connection:
        rows = connection.execute(select(Category.id, Category.vocabulary, Category.code))
        added = [id_ for id_, vocabulary, code in rows if (vocabulary, code) not in seeded]
        if added:
            for table in reversed(Base.metadata.sorted_tables):
                if table.name not in KEPT_TABLES:
                    connection.execute(delete(table))
            connection.execute(delete(Category).where(Category.id.in_(added)))


def write(tmp_path: Path, rows: list[dict[str, str]], name: str = "history.csv") -> Path:
    path = tmp_path / name
    path.write_text(history_csv(rows), encoding="utf-8")
    return path


def problems(output: str) -> list[tuple[int, str, str]]:
    return [(int(line), column, text) for line, column, text in PROBLEM_LINE.findall(output)]


def stored(app) -> dict[str, Representation]:
    with Session(app.extensions["portal.engine"]) as own:
        reps = own.scalars(select(Representation)).all()
        return {rep.external_ref: rep for rep in reps}


def representation_count(app) -> int:
    with Session(app.extensions["portal.engine"]) as own:
        return own.scalar(select(func.count()).select_from(Representation))


def labels(app, vocabulary: str) -> dict[str, str]:
    """code -> label of one of the council's lists, as the report prints it."""
    with Session(app.extensions["portal.engine"]) as own:
        query = select(Category.code, Category.label).where(Category.vocabulary == vocabulary)
        return dict(own.execute(query).all())


FUTURE = (date.today() + timedelta(days=400)).isoformat()

REFUSED_ROWS = [
    pytest.param(
        {"received_on": "01/06/2020"},
        ("received_on", "'01/06/2020' is not a date written YYYY-MM-DD"),
        id="date-not-yyyy-mm-dd",
    ),
    pytest.param(
        {"received_on": "2021-02-30"},
        ("received_on", "'2021-02-30' is not a real date"),
        id="impossible-date",
    ),
    pytest.param(
        {"received_on": FUTURE}, ("received_on", f"{FUTURE} is in the future"), id="future-date"
    ),
    pytest.param(
        {"type": "grumble"}, ("type", "'grumble' is not one of: complaint, "), id="unknown-type"
    ),
    pytest.param(
        {"method": "pigeon"}, ("method", "'pigeon' is not one of: email, "), id="unknown-method"
    ),
    pytest.param(
        {"submitter_role": "landlord"},
        ("submitter_role", "'landlord' is not one of: parent, "),
        id="unknown-role",
    ),
    pytest.param(
        {"young_person": "maybe"},
        ("young_person", "'maybe' is not one of: yes, no"),
        id="yes-no-maybe",
    ),
    pytest.param(
        {"route": ""},
        ("route", "must be statutory or corporate for type complaint"),
        id="complaint-without-route",
    ),
    pytest.param(
        {"route": "other", "type": "area_initiated"},
        ("route", "must be statutory or corporate for type area_initiated"),
        id="area-initiated-on-other-route",
    ),
    pytest.param(
        {"service": "Moon base"},
        ("service", "'Moon base' is not in the service list"),
        id="label-not-in-list",
    ),
    pytest.param(
        {"external_ref": "G1"},
        ("external_ref", "'G1' is already used on line 2"),
        id="duplicate-external-ref",
    ),
    pytest.param(
        {"stage1_acknowledged_on": "2020-06-02", "stage1_outcome": "upheld"},
        ("stage1_outcome", "needs stage1_responded_on"),
        id="outcome-without-response",
    ),
    pytest.param(
        {"stage1_acknowledged_on": "2020-06-10", "stage1_responded_on": "2020-06-05"},
        ("stage1_responded_on", "is before stage1_acknowledged_on"),
        id="responded-before-acknowledged",
    ),
    pytest.param(
        {
            "stage2_requested_on": "2020-07-01",
            "stage2_responded_on": "2020-08-01",
            "stage2_outcome": "upheld",
        },
        ("stage2_requested_on", "stage 2 needs stage 1 first"),
        id="stage2-without-stage1",
    ),
    pytest.param(
        {
            "route": "corporate",
            "stage1_acknowledged_on": "2020-06-02",
            "stage1_responded_on": "2020-06-20",
            "stage2_requested_on": "2020-06-25",
            "stage2_responded_on": "2020-07-25",
            "stage3_requested_on": "2020-08-01",
        },
        ("stage3_requested_on", "a corporate complaint has no stage 3"),
        id="stage3-on-corporate",
    ),
    pytest.param(
        {"lgsco_decision": "Not upheld: no maladministration"},
        ("lgsco_decision", "needs lgsco_received_on"),
        id="lgsco-decision-without-date",
    ),
    pytest.param(
        {"gender": "Sometimes"},
        ("gender", "'Sometimes' is not in the gender list"),
        id="equality-not-in-list",
    ),
    pytest.param({"external_ref": ""}, ("external_ref", "is required"), id="no-external-ref"),
    pytest.param({"received_on": ""}, ("received_on", "is required"), id="no-received-on"),
    pytest.param({"type": "", "route": ""}, ("type", "is required"), id="no-type"),
]


@pytest.mark.parametrize(("change", "expected"), REFUSED_ROWS)
def test_a_refused_row_is_reported_by_line_and_column_and_the_good_rows_still_go_in(
    app, cli, tmp_path, change, expected
):
    rows = [
        {**GOOD, "external_ref": "G1", "method": "letter"},
        {**GOOD, "external_ref": "BAD", **change},
        {**GOOD, "external_ref": "G2"},
    ]
    result = cli("import", "representations", str(write(tmp_path, rows)))

    column, problem = expected
    reported = problems(result.output)
    assert any(
        (line, col) == (3, column) and text.startswith(problem) for line, col, text in reported
    ), f"expected line 3, {column}: {problem}; got {reported}"
    assert {line for line, _col, _text in reported} == {3}, "only the bad row is refused"
    assert result.exit_code == 1, result.output
    assert "2 added, 0 updated, 0 unchanged, 1 rows refused" in result.output
    kept = stored(app)
    assert set(kept) == {"G1", "G2"}
    assert kept["G1"].method == "letter", "the first G1 is the one kept"


def test_a_refused_row_adds_nothing_to_the_lists_even_with_create_missing(app, cli, tmp_path):
    """A refused row is refused whole: a new label it carries must not reach the lists."""
    rows = [
        {**GOOD, "external_ref": "G1"},
        {**GOOD, "external_ref": "BAD", "received_on": "2021-02-30", "service": "Moon base"},
    ]
    result = cli("import", "representations", str(write(tmp_path, rows)), "--create-missing")
    assert result.exit_code == 1, result.output
    assert set(stored(app)) == {"G1"}
    assert "Moon base" not in labels(app, "service").values(), (
        "a label from a refused row was added to the service list: " + result.output
    )


def _file_with_header(tmp_path: Path, header: list[str], row: dict[str, str]) -> Path:
    path = tmp_path / "history.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerow([row.get(name, "") for name in header])
    return path


HEADER = ["external_ref", *GOOD]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(
            [name for name in HEADER if name != "type"],
            [(1, "type", "is a required column")],
            id="missing-required-column",
        ),
        pytest.param(
            [*HEADER, "notes"],
            [(1, "notes", "is not a column this import knows (see the list in the docs)")],
            id="unknown-column",
        ),
        pytest.param(
            [("recieved_on" if name == "received_on" else name) for name in HEADER],
            [
                (1, "received_on", "is a required column"),
                (1, "recieved_on", "is not a column this import knows (see the list in the docs)"),
            ],
            id="typo-in-column-name",
        ),
    ],
)
def test_a_header_problem_imports_nothing(app, cli, tmp_path, header, expected):
    row = {**GOOD, "external_ref": "G1", "recieved_on": "2020-06-01", "notes": "x"}
    result = cli("import", "representations", str(_file_with_header(tmp_path, header, row)))
    assert result.exit_code == 2, result.output
    assert sorted(problems(result.output)) == sorted(expected)
    assert "Nothing was imported: fix the header row first." in result.output
    assert representation_count(app) == 0


def test_a_file_that_is_not_utf8_is_refused_with_how_to_save_it(app, cli, tmp_path):
    path = tmp_path / "history.csv"
    path.write_bytes(history_csv([{**GOOD, "external_ref": "ZOË-1"}]).encode("latin-1"))
    result = cli("import", "representations", str(path))
    assert result.exit_code == 2, result.output
    assert "Save it as 'CSV UTF-8'" in result.output
    assert representation_count(app) == 0


def test_a_utf8_file_with_a_byte_order_mark_as_excel_writes_it_imports(app, cli, tmp_path):
    path = tmp_path / "history.csv"
    text = history_csv([{**GOOD, "external_ref": "ZOË-1"}, {**GOOD, "external_ref": "Æ-2"}])
    path.write_bytes("\ufeff".encode() + text.replace("\n", "\r\n").encode("utf-8"))
    result = cli("import", "representations", str(path))
    assert result.exit_code == 0, result.output
    assert "2 added, 0 updated, 0 unchanged, 0 rows refused" in result.output
    assert set(stored(app)) == {"ZOË-1", "Æ-2"}


def test_a_dry_run_says_what_would_happen_and_saves_nothing(app, cli, import_rows, tmp_path):
    import_rows([{**GOOD, "external_ref": "A"}, {**GOOD, "external_ref": "B"}])
    with Session(app.extensions["portal.engine"]) as own:
        tallies = rollup.stored_tallies(own)
    rows = [
        {**GOOD, "external_ref": "A"},
        {**GOOD, "external_ref": "B", "method": "letter"},
        {**GOOD, "external_ref": "C"},
    ]
    result = cli("import", "representations", str(write(tmp_path, rows)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        "1 would be added, 1 would be updated, 1 unchanged, 0 rows refused "
        "(dry run: nothing was saved)"
    ) in result.output
    assert representation_count(app) == 2
    assert stored(app)["B"].method == "email"
    with Session(app.extensions["portal.engine"]) as own:
        assert rollup.stored_tallies(own) == tallies


def test_a_dry_run_with_create_missing_adds_no_term(app, cli, tmp_path):
    rows = [{**GOOD, "external_ref": "M1", "service": "Moon base"}]
    path = write(tmp_path, rows)
    result = cli("import", "representations", str(path), "--dry-run", "--create-missing")
    assert result.exit_code == 0, result.output
    assert "'Moon base' would be added to the service list" in result.output
    assert "1 would be added" in result.output
    assert representation_count(app) == 0
    assert "Moon base" not in labels(app, "service").values()


def random_history(rng: random.Random, count: int, first_year: int = 2018) -> list[dict[str, str]]:
    """Rows over four financial years from ``first_year``, every one of them valid: random
    type, route, method, role, young person, service, and for complaints random stages."""
    types = [
        *["complaint"] * 6,
        *["pre_complaint_to_complaint", "area_initiated", "refused"] * 2,
        "pre_complaint",
        "professional",
        "lscb",
        "lgsco",
        "case_concern",
        "miscellaneous",
        "compliment",
        "handoff",
        "foi_sar",
        "ad_hoc",
        "member_enquiry",
    ]
    methods = ["email", "letter", "complaint_form", "e_form", "telephone", "in_person"]
    methods += ["via_lgsco", "text_message", "yp_form", "EMAIL", ""]
    roles = ["parent", "grandparent", "foster_carer", "young_person", "advocate", "professional"]
    roles += ["friend_neighbour", "other", "unknown", "Parent", ""]
    services = ["Fostering", "fostering", "Children in care", "SEND", "adoption", "", ""]
    start = date(first_year, 4, 1)
    span = (date(first_year + 4, 4, 1) - start).days
    rows = []
    for n in range(count):
        received = start + timedelta(days=rng.randrange(span))
        kind = rng.choice(types)
        if kind == "refused":
            route = rng.choice(["statutory", "corporate", "other", ""])
        elif kind in ("complaint", "pre_complaint_to_complaint", "area_initiated"):
            route = rng.choice(["statutory", "corporate"])
        else:
            route = rng.choice(["", "other", "statutory"])
        row = {
            "external_ref": f"H{n:04d}",
            "received_on": received.isoformat(),
            "route": route,
            "type": kind,
            "method": rng.choice(methods),
            "submitter_role": rng.choice(roles),
            "young_person": rng.choice(["yes", "no", "", ""]),
            "via_advocate": rng.choice(["yes", "no", "", "", ""]),
            "service": rng.choice(services),
        }
        if kind in ("complaint", "pre_complaint_to_complaint", "area_initiated"):
            row.update(_random_stages(rng, received, route))
            row["outcome_sought"] = rng.choice(["", "An apology", "apology; explanation"])
            row["gender"] = rng.choice(["", "Woman", "man"])
        if kind == "lgsco" or rng.random() < 0.05:
            row["lgsco_received_on"] = (received + timedelta(days=rng.randrange(90))).isoformat()
            row["lgsco_decision"] = rng.choice(["", "Not upheld: no maladministration"])
        rows.append(row)
    return rows


def _random_stages(rng: random.Random, received: date, route: str) -> dict[str, str]:
    stages: dict[str, str] = {}
    if rng.random() < 0.2:
        return stages  # still open at stage 1, nothing recorded yet
    ack = received + timedelta(days=rng.randrange(4))
    responded = ack + timedelta(days=rng.randrange(5, 60))
    stages["stage1_acknowledged_on"] = ack.isoformat()
    stages["stage1_extended"] = rng.choice(["", "yes", "no"])
    stages["stage1_responded_on"] = responded.isoformat()
    stages["stage1_outcome"] = rng.choice(["upheld", "partially_upheld", "not_upheld", ""])
    stages["actual_outcome"] = rng.choice(["", "Apology", "explanation; apology"])
    last = 3 if route == "statutory" else 2
    for number in range(2, last + 1):
        if rng.random() < 0.6:
            break
        requested = responded + timedelta(days=rng.randrange(1, 20))
        responded = requested + timedelta(days=rng.randrange(10, 90))
        stages[f"stage{number}_requested_on"] = requested.isoformat()
        stages[f"stage{number}_responded_on"] = responded.isoformat()
        stages[f"stage{number}_outcome"] = rng.choice(["upheld", "not_upheld", "no_finding"])
    return stages


def test_importing_the_same_file_twice_changes_nothing(app, cli, tmp_path, annual):
    rows = random_history(random.Random(7), 60)
    path = write(tmp_path, rows)
    first = cli("import", "representations", str(path))
    assert first.exit_code == 0, first.output
    assert "60 added, 0 updated, 0 unchanged, 0 rows refused" in first.output
    references = {ref: rep.reference for ref, rep in stored(app).items()}
    report = annual(2021)

    second = cli("import", "representations", str(path))
    assert second.exit_code == 0, second.output
    assert "0 added, 0 updated, 60 unchanged, 0 rows refused" in second.output
    assert {ref: rep.reference for ref, rep in stored(app).items()} == references
    assert annual(2021) == report


def test_a_corrected_row_replaces_the_old_one_under_the_same_reference(app, cli, tmp_path, annual):
    rows = [
        {**GOOD, "external_ref": "C1", "method": "email"},
        {**GOOD, "external_ref": "C2", "method": "email"},
        {**GOOD, "external_ref": "C3", "method": "letter"},
    ]
    assert cli("import", "representations", str(write(tmp_path, rows))).exit_code == 0
    reference = stored(app)["C1"].reference
    methods = nonzero(annual(2020)["methods"])
    assert (methods["Email"], methods["Letter"], methods["Total"]) == (["2"], ["1"], ["3"])

    rows[0]["method"] = "telephone"
    result = cli("import", "representations", str(write(tmp_path, rows, "corrected.csv")))
    assert result.exit_code == 0, result.output
    assert "0 added, 1 updated, 2 unchanged, 0 rows refused" in result.output
    kept = stored(app)
    assert len(kept) == 3
    assert kept["C1"].reference == reference and kept["C1"].method == "telephone"
    methods = nonzero(annual(2020)["methods"])
    assert methods["Email"] == ["1"] and methods["Telephone"] == ["1"]
    assert methods["Letter"] == ["1"] and methods["Total"] == ["3"]
    assert cli("report", "verify").exit_code == 0


def test_create_missing_adds_an_unknown_label_to_its_list_once(app, cli, tmp_path, annual):
    rows = [
        {**GOOD, "external_ref": "M1", "service": "Moon base"},
        {**GOOD, "external_ref": "M2", "service": "  moon BASE "},
        {**GOOD, "external_ref": "M3", "service": "Moon Base"},
    ]
    path = write(tmp_path, rows)
    result = cli("import", "representations", str(path), "--create-missing")
    assert result.exit_code == 0, result.output
    assert result.output.count("added to the service list") == 1
    assert "'Moon base' was added to the service list" in result.output

    with Session(app.extensions["portal.engine"]) as own:
        found = own.scalars(
            select(Category).where(
                Category.vocabulary == "service", func.lower(Category.label) == "moon base"
            )
        ).all()
        assert [(c.label, c.active) for c in found] == [("Moon base", True)]
        codes = set(own.scalars(select(Representation.service_code)))
        assert codes == {found[0].code}
    services = nonzero(annual(2020)["services"])
    assert services["Statutory / Moon base"] == ["3"]
    assert services["Statutory / Total"] == ["3"]

    again = cli("import", "representations", str(path), "--create-missing")
    assert again.exit_code == 0 and "added to the service list" not in again.output


def test_labels_match_in_any_case_with_spaces_around_and_codes_work_too(app, cli, tmp_path):
    rows = [
        {
            **GOOD,
            "external_ref": "L1",
            "method": "EMAIL",
            "submitter_role": "Parent",
            "service": "  fostering  ",
            "nature": "POOR COMMUNICATION",
            "outcome_sought": " an apology ;EXPLANATION ",
            "gender": "woman",
        },
        {
            **GOOD,
            "external_ref": "L2",
            "service": "send",
            "nature": "Delay",
            "gender": "Prefer Not To Say",
        },
        {
            **GOOD,
            "external_ref": "L3",
            "service": "Special educational needs and disabilities (SEND)",
        },
    ]
    result = cli("import", "representations", str(write(tmp_path, rows)))
    assert result.exit_code == 0, result.output
    with Session(app.extensions["portal.engine"]) as own:
        reps = {r.external_ref: r for r in own.scalars(select(Representation))}
        first, second, third = reps["L1"], reps["L2"], reps["L3"]
        assert (first.method, first.submitter_role) == ("email", "parent")
        assert (first.service_code, first.nature_code) == ("fostering", "poor_communication")
        assert sorted(c.code for c in first.outcomes_sought) == ["apology", "explanation"]
        assert first.person("submitter").gender == "woman"
        assert (second.service_code, second.nature_code) == ("send", "delay")
        assert second.person("submitter").gender == "prefer_not_to_say"
        assert third.service_code == "send"


def test_problems_can_be_written_to_a_csv_file(app, cli, tmp_path):
    rows = [
        {**GOOD, "external_ref": "G1"},
        {**GOOD, "external_ref": "B1", "received_on": "2021-02-30", "method": "pigeon"},
        {**GOOD, "external_ref": "B2", "service": "Moon base"},
    ]
    out = tmp_path / "problems.csv"
    result = cli("import", "representations", str(write(tmp_path, rows)), "--problems", str(out))
    assert result.exit_code == 1, result.output
    with out.open(encoding="utf-8", newline="") as file:
        written = list(csv.reader(file))
    assert written[0] == ["row", "column", "problem"]
    found = {(line, column): problem for line, column, problem in written[1:]}
    assert sorted(found) == [("3", "method"), ("3", "received_on"), ("4", "service")]
    assert found[("3", "received_on")] == "'2021-02-30' is not a real date"
    assert found[("3", "method")].startswith("'pigeon' is not one of: email, letter")
    assert found[("4", "service")] == "'Moon base' is not in the service list"
    assert set(stored(app)) == {"G1"}


# --- Round trip: the report gives back the counts the file implies -------------------------

FILE_METHODS = {"via_lgsco": "via_ombudsman", "yp_form": "young_persons_form"}
FILE_ROLES = {"friend_neighbour": "friend_or_neighbour"}
COMPLAINT_ROWS = {
    "complaint": "Complaint",
    "pre_complaint_to_complaint": "Pre-complaint (to {route} stage 1 complaint)",
    "area_initiated": "Area-initiated complaint",
    "refused": "Refused",
}
OTHER_ROWS = {
    "pre_complaint": "Pre-complaint (information still awaited)",
    "professional": "Professional-to-professional complaint",
    "lscb": "LSCB / child protection conference complaint",
    "lgsco": "Ombudsman (LGSCO) enquiry",
    "case_concern": "Case concern",
    "miscellaneous": "Miscellaneous (outside remit)",
    "compliment": "Compliment",
    "handoff": "Contact centre handoff",
    "foi_sar": "Data breach, FOI or SAR",
    "ad_hoc": "Ad hoc (advice and signposting)",
    "member_enquiry": "Member or MP enquiry",
    "refused": "Refused (procedure not recorded)",
}
SECTIONS = {"statutory": "Statutory", "corporate": "Non-statutory (corporate)", "other": "Other"}
YEARS = (2021, 2020, 2019, 2018)


def _year(day: str) -> int:
    d = date.fromisoformat(day)
    return d.year if d.month >= 4 else d.year - 1


def _table(counts: Counter[tuple[str, int]]) -> dict[str, list[str]]:
    """{label: [count per year, newest first]} for every label with any count."""
    found = {label for label, _year in counts}
    return {label: [str(counts[(label, year)]) for year in YEARS] for label in found}


def _section(row: dict[str, str]) -> str:
    kind, route = row["type"], row["route"]
    if kind in COMPLAINT_ROWS:
        return route if route in ("statutory", "corporate") else "other"
    return "other"


def _young_person(row: dict[str, str]) -> bool:
    return "yes" in (row["young_person"], row["via_advocate"]) or (
        row["submitter_role"].lower() == "young_person"
    )


def expected_by_type(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    counts: Counter[tuple[str, int]] = Counter()
    for row in rows:
        section, year = _section(row), _year(row["received_on"])
        if section == "other":
            label = OTHER_ROWS[row["type"]]
        else:
            label = COMPLAINT_ROWS[row["type"]].format(route=section)
        counts[(f"{SECTIONS[section]} / {label}", year)] += 1
        counts[(f"{SECTIONS[section]} / Total", year)] += 1
        counts[("All representations / Total", year)] += 1
    return _table(counts)


def expected_by_complaint(
    rows: list[dict[str, str]], label_of, *, by_section: bool
) -> dict[str, list[str]]:
    """A table of the complaint population (statutory and corporate, refusals included),
    with its young people's part: ``label_of(row)`` names the row each complaint counts in."""
    counts: Counter[tuple[str, int]] = Counter()
    for row in rows:
        section = _section(row)
        if section == "other":
            continue
        year = _year(row["received_on"])
        prefix = f"{SECTIONS[section]} / " if by_section else ""
        parts = [""] + (["Young people / "] if _young_person(row) else [])
        for part in parts:
            counts[(f"{part}{prefix}{label_of(row)}", year)] += 1
            counts[(f"{part}{prefix}Total", year)] += 1
    return _table(counts)


def test_importing_a_file_then_exporting_the_report_gives_back_the_counts_it_implies(
    app, import_rows, annual
):
    rows = random_history(random.Random(2021), 200)
    assert {_year(row["received_on"]) for row in rows} == set(YEARS)
    import_rows(rows)
    tables = annual(2021)

    methods, roles, services = labels(app, "method"), labels(app, "role"), labels(app, "service")
    services_by_label = {label.casefold(): code for code, label in services.items()}

    def method(row: dict[str, str]) -> str:
        code = row["method"].lower()
        return methods[FILE_METHODS.get(code, code)] if code else "Not recorded"

    def role(row: dict[str, str]) -> str:
        code = row["submitter_role"].lower() or "unknown"
        return roles[FILE_ROLES.get(code, code)]

    def service(row: dict[str, str]) -> str:
        given = row["service"].casefold()
        if not given:
            return "Not recorded"
        return services[given if given in services else services_by_label[given]]

    for table in ("representations_by_type", "methods", "roles", "services"):
        assert tables[table][0] == ["Row", "2021/22", "2020/21", "2019/20", "2018/19"]
    assert nonzero(tables["representations_by_type"]) == expected_by_type(rows)
    assert nonzero(tables["methods"]) == expected_by_complaint(rows, method, by_section=False)
    assert nonzero(tables["roles"]) == expected_by_complaint(rows, role, by_section=False)
    assert nonzero(tables["services"]) == expected_by_complaint(rows, service, by_section=True)
