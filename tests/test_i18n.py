"""Choosing a language: ``?lang=``, then the cookie, then Accept-Language; ``<html lang dir>``;
a switcher on every public page and none on staff pages; the person's language kept with
their representation and used for what we send them; staff pages in English."""

from __future__ import annotations

import re

import pytest
from babel.dates import format_date
from flask_babel import force_locale, gettext, to_user_timezone
from sqlalchemy import select

from portal.i18n import LANG_COOKIE, LANGUAGE_NAMES
from portal.models import OutboxMessage, Representation
from tests import helpers
from tests.conftest import sign_in
from tests.helpers import FormClient

LOCALES = ("en", "cy", "pl", "ro", "ur", "ar")


def _html_tag(response) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', response.get_data(as_text=True))
    assert match, "no <html lang dir>"
    return match.group(1), match.group(2)


def test_all_six_languages_are_offered(app):
    assert app.config["SUPPORTED_LOCALES"].split(",") == list(LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_lang_sets_the_page_language_and_direction(client, locale):
    response = client.get(f"/?lang={locale}")
    direction = "rtl" if locale in ("ur", "ar") else "ltr"
    assert _html_tag(response) == (locale, direction)
    stylesheet = "portal-rtl.css" if direction == "rtl" else "portal.css"
    assert f"build/css/{stylesheet}" in response.get_data(as_text=True)


@pytest.mark.parametrize("locale", [code for code in LOCALES if code != "en"])
def test_every_language_translates_the_start_page(client, app, locale):
    page = client.get(f"/?lang={locale}").get_data(as_text=True)
    with app.test_request_context(), force_locale(locale):
        exit_button = gettext("Exit this page")
    assert exit_button != "Exit this page"
    assert exit_button in page


def test_the_choice_is_remembered_and_beats_the_browser(client):
    client.get("/?lang=cy")
    assert client.get_cookie(LANG_COOKIE).value == "cy"
    later = client.get("/start/what", headers={"Accept-Language": "ar"})
    assert _html_tag(later) == ("cy", "ltr")
    changed = client.get("/start/what?lang=pl", headers={"Accept-Language": "ar"})
    assert _html_tag(changed) == ("pl", "ltr")


def test_without_a_choice_the_browser_language_is_used(client):
    assert _html_tag(client.get("/", headers={"Accept-Language": "ar, en;q=0.5"})) == (
        "ar",
        "rtl",
    )
    assert _html_tag(client.get("/", headers={"Accept-Language": "fr"})) == ("en", "ltr")


def test_an_unknown_language_is_ignored(client):
    assert _html_tag(client.get("/?lang=xx")) == ("en", "ltr")
    assert client.get_cookie(LANG_COOKIE) is None


def test_every_public_page_has_a_switcher_that_works_without_javascript(client):
    page = client.get("/help-now?lang=ur").get_data(as_text=True)
    for code in LOCALES:
        if code == "ur":
            assert f'aria-current="true">{LANGUAGE_NAMES[code]}' in page
        else:
            assert f'href="/help-now?lang={code}" lang="{code}" hreflang="{code}"' in page


def test_staff_pages_stay_in_english_with_no_switcher(app, make_staff):
    staff = FormClient(app.test_client())
    staff.staff = make_staff("complaints_officer")
    sign_in(staff, staff.staff)
    staff.client.get("/?lang=ar")
    page = staff.client.get("/staff/queue")
    assert _html_tag(page) == ("en", "ltr")
    assert "app-language-switcher" not in page.get_data(as_text=True)


def test_the_language_goes_with_the_representation_and_its_messages(
    app, forms, session, make_staff
):
    forms.client.get("/?lang=cy")
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    forms.post("/adult/check-answers")
    rep = session.scalars(select(Representation)).one()
    assert rep.language == "cy"
    receipt = session.scalars(select(OutboxMessage)).first()
    assert receipt.language == "cy"
    staff = FormClient(app.test_client())
    staff.staff = make_staff("complaints_officer")
    sign_in(staff, staff.staff)
    case = " ".join(staff.client.get(f"/staff/case/{rep.reference}").get_data(as_text=True).split())
    assert "written in Welsh" in case
    assert 'class="app-preserve-lines" dir="auto"' in case


def test_a_letter_to_someone_who_wrote_in_arabic_reads_right_to_left_in_arabic(
    app, forms, staff_client, session
):
    forms.client.get("/?lang=ar")
    pages: dict[str, dict[str, str]] = {}
    for step, answers in helpers.ADULT.items():
        if step == "contact":  # by post, to an address half in Arabic
            pages["contact"] = {"preferred_contact": "post"}
            pages["contact-address"] = {"address": "1 شارع هاي\nNorthtown NT1 1AA"}
        elif step != "contact-email":
            pages[step] = answers
    forms.walk("adult", "complain", "adult", pages)
    assert forms.post("/adult/check-answers").status_code == 302
    rep = session.scalars(select(Representation)).one()
    [letter] = session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "letter"))
    url = f"/staff/case/{rep.reference}/messages/{letter.id}/letter"
    page = staff_client.get(url).get_data(as_text=True)
    assert _html_tag(staff_client.get(url)) == ("en", "ltr")  # the staff page around it
    assert '<article class="app-letter" lang="ar" dir="rtl">' in page
    with app.test_request_context():  # the council's time zone
        sent_on = to_user_timezone(letter.created_at).date()
    today = format_date(sent_on, "d MMMM yyyy", locale="ar")
    assert f'<p class="govuk-body">{today}</p>' in page
    assert 'class="govuk-body app-preserve-lines" dir="auto"' in page  # the address
    assert f"<title>Letter for {rep.reference}" in page


def test_what_a_person_types_shows_in_its_own_direction(forms):
    forms.client.get("/?lang=ar")
    answers = forms.walk("worry", "worry", "adult", helpers.CONCERN)
    check = forms.client.get(answers).get_data(as_text=True)
    assert check.count('<span class="app-preserve-lines" dir="auto">') >= len(helpers.CONCERN)
    worry = forms.client.get("/worry/your-worry").get_data(as_text=True)
    assert re.search(r'<textarea [^>]*name="what_happened"[^>]*dir="auto"', worry)
    name = forms.client.get("/worry/your-name").get_data(as_text=True)
    assert re.search(r'<input [^>]*name="first_name"[^>]*dir="auto"', name)


@pytest.mark.parametrize("locale", ["cy", "ar"])
def test_a_screen_reader_hears_the_error_prefix_in_the_page_language(app, forms, locale):
    forms.client.get(f"/?lang={locale}")
    with app.test_request_context(), force_locale(locale):
        prefix = gettext("Error")
    assert prefix != "Error"
    radios = forms.post("/start/what", {}).get_data(as_text=True)
    assert f'<span class="govuk-visually-hidden">{prefix}:</span>' in radios
    forms.post("/start/what", {"intent": "complain"})
    before_you_start = forms.post("/start/who", {"role": "young_person"}).location
    name_page = forms.post(before_you_start, {}).location
    text = forms.post(name_page, {}).get_data(as_text=True)  # the name box left empty
    assert f'<span class="govuk-visually-hidden">{prefix}:</span>' in text
    assert '<span class="govuk-visually-hidden">Error:</span>' not in text
