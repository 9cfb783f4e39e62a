"""Managers set the council's timescales; administrators edit the category lists, which
never lose a term that records use."""

from __future__ import annotations

from sqlalchemy import select

from portal.intake.queries import timescales
from portal.models import Category
from tests.conftest import sign_in
from tests.helpers import FormClient, errors, page_text


def _manager(app, make_staff, role="complaints_manager") -> FormClient:
    browser = FormClient(app.test_client())
    sign_in(browser, make_staff(role))
    return browser


def _form(browser) -> dict[str, str]:
    import re

    html = browser.get("/staff/settings/timescales").get_data(as_text=True)
    return dict(re.findall(r'name="(\w+_(?:target|extended))"[^>]*value="(\d*)"', html))


def test_a_manager_changes_a_timescale_and_new_deadlines_use_it(app, make_staff, session):
    browser = _manager(app, make_staff)
    values = _form(browser)
    assert values["statutory_stage1_target"] == "10"
    values["acknowledgement_target"] = "3"
    response = browser.post("/staff/settings/timescales", values)
    assert response.status_code == 302
    session.rollback()
    assert timescales(session)["acknowledgement"].target_days == 3


def test_impossible_timescales_are_refused_and_the_typing_kept(app, make_staff):
    browser = _manager(app, make_staff)
    values = _form(browser)
    values["statutory_stage1_extended"] = "5"
    response = browser.post("/staff/settings/timescales", values)
    assert response.status_code == 200
    assert "at least the target" in errors(response)[0]
    assert "<title>Error:" in response.get_data(as_text=True)
    assert 'value="5"' in response.get_data(as_text=True)


def test_terms_can_be_added_renamed_and_retired_but_not_deleted(app, make_staff, session):
    browser = _manager(app, make_staff, "administrator")
    url = "/staff/settings/categories?list=service"
    browser.post(
        "/staff/settings/categories",
        {"list": "service", "action": "add", "label": "Family Hubs"},
        from_page=url,
    )
    session.rollback()
    term = session.scalars(select(Category).where(Category.code == "family_hubs")).one()
    browser.post(
        "/staff/settings/categories",
        {"list": "service", "action": "retire", "term_id": str(term.id)},
        from_page=url,
    )
    session.rollback()
    session.expire_all()
    assert session.get(Category, term.id).active is False
    public = FormClient(app.test_client())
    public.post("/start/what", {"intent": "complain"})
    public.post("/start/who", {"role": "adult"})
    offered = page_text(public.get("/adult/service"))
    assert "Not sure" in offered and "Family Hubs" not in offered
    empty = browser.post(
        "/staff/settings/categories",
        {"list": "service", "action": "add", "label": " "},
        from_page=url,
    )
    assert "Enter the new term" in page_text(browser.get(empty.location))


def test_an_administrator_changes_the_council_details_every_page_shows(app, make_staff):
    admin = _manager(app, make_staff, "administrator")
    response = admin.post(
        "/staff/settings/council",
        {"name": "Northtown Council", "phone": "01632 000 111", "out_of_hours": ""},
    )
    assert response.status_code == 302
    public = page_text(FormClient(app.test_client()).get("/"))
    assert "Northtown Council" in public and "01632 000 111" in public
    refused = admin.post("/staff/settings/council", {"name": "X", "phone": "call us"})
    assert "Enter a phone number" in errors(refused)[0]
    assert 'value="call us"' in refused.get_data(as_text=True)
