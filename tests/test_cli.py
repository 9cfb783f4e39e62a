"""Staff can check from the command line that a submission landed, without seeing personal
data in their terminal."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Representation
from tests import helpers


def test_representations_list_shows_reference_route_received_and_flags(app, forms, session):
    pages = dict(helpers.YOUNG_PERSON)
    pages["what-happened"] = {"what_happened": "I don't feel safe at home"}
    forms.walk("young-person", "complain", "young_person", pages)
    forms.post("/young-person/check-answers")
    reference = session.scalars(select(Representation.reference)).one()
    result = app.test_cli_runner().invoke(args=["representations", "list"])
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if line.startswith(reference))
    assert "complaint" in line and "young-person" in line
    assert "safeguarding" in line and "young person" in line
    assert "Sam" not in result.output and "safe at home" not in result.output


def test_representations_list_says_when_nothing_has_arrived(app):
    result = app.test_cli_runner().invoke(args=["representations", "list"])
    assert result.exit_code == 0
    assert "No representations yet." in result.output


def test_db_upgrade_adds_missing_default_terms_without_touching_edits(app, session):
    from portal.models import Category

    row = session.scalars(
        select(Category).where(Category.vocabulary == "service", Category.code == "fostering")
    ).one()
    row.label = "Fostering (our wording)"
    missing = session.scalars(
        select(Category).where(Category.vocabulary == "service", Category.code == "adoption")
    ).one()
    session.delete(missing)
    session.commit()
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "1 default category terms added" in result.output
    session.expire_all()
    labels = dict(
        session.execute(
            select(Category.code, Category.label).where(Category.vocabulary == "service")
        ).all()
    )
    assert labels["fostering"] == "Fostering (our wording)"
    assert "adoption" in labels


def test_demo_data_gives_each_role_an_account_and_a_queue_to_try_once(app, session):
    from portal.models import Staff

    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo-data"])
    second = runner.invoke(args=["demo-data"])
    assert first.exit_code == second.exit_code == 0
    assert "officer@example.org" in first.output and "staff code EMAIL" in first.output
    roles = set(session.scalars(select(Staff.role)))
    assert roles == {
        "complaints_officer",
        "complaints_manager",
        "responding_manager",
        "administrator",
    }
    arrivals = select(Representation.kind).where(Representation.external_ref.is_(None))
    assert sorted(session.scalars(arrivals)) == ["complaint", "complaint", "compliment", "concern"]
    # Three earlier years for the reports, imported once however often the command runs.
    history = select(Representation.received_on).where(Representation.external_ref.like("DEMO-%"))
    assert len(session.scalars(history).all()) == 400
    assert "400 earlier representations added" in first.output
    assert "0 earlier representations added" in second.output
