"""Every staff page passes the public pages' checks (see test_accessibility.py): no axe-core
WCAG 2.2 AA or best-practice violations, no Nu HTML Checker errors, and a visible focus
indicator on every element a keyboard user can reach. The pages: sign-in and
code (blank and with errors), the queue (empty, with rows, filtered), the case page in each
state that changes what it shows, classify, every stage action (blank and, where something
must be entered, with errors), logging a representation, the audit log, staff accounts and
the settings pages.

Pages are reached the quick way: one signed-in browser context per role for the module
(officer, manager, administrator, signed in over HTTP through the real sign-in pages), cases
submitted through the public pages and moved through their stages by HTTP posts from the
officer's context, then each page opened (and, for errors, submitted) in chromium with
JavaScript on. The tables are emptied first, so the first queue really is empty.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property, partial
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.accounts import operations, totp
from portal.db import Base
from portal.models import OutboxMessage, Representation
from portal.models.types import utcnow
from portal.triage.actions import ACTIONS
from tests import helpers
from tests.browser.conftest import (
    DocumentWatch,
    HtmlChecker,
    LiveServer,
    assert_every_focus_visible,
    assert_no_axe_violations,
    assert_valid_html,
    backdate,
    csrf_token,
    newest_reference,
    open_context,
    post_form,
)
from tests.helpers import date_fields as _date

# Rendering checks: run in the SQLite pass of make test only (see test_accessibility.py). The
# cases build on one another's data, so under pytest-xdist they stay together on one worker.
pytestmark = [pytest.mark.browser, pytest.mark.page_checks, pytest.mark.xdist_group("staff-pages")]

PASSWORD = "violet kettle harbour lantern"
KEPT_TABLES = {"category", "alembic_version"}  # as tests/conftest.py keeps them
TEAM = "children_in_care"
STATUTORY = {
    "classification": "statutory_complaint",
    "nature_code": "poor_communication",
    "service_code": TEAM,
}
ROLES = {
    "officer": "complaints_officer",
    "manager": "complaints_manager",
    "admin": "administrator",
    "responder": "responding_manager",
    "pending": "complaints_officer",  # signs in with a password only, for the code page
}


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    name: str
    secret: str


def sign_in_over_http(context: BrowserContext, account: Account, *, code: bool = True) -> None:
    post_form(context, "/staff/sign-in", {"email": account.email, "password": PASSWORD})
    if code:
        post_form(context, "/staff/sign-in/code", {"code": totp.code_for(account.secret, utcnow())})


class World:
    """The module's accounts, signed-in contexts and cases (made on first use)."""

    def __init__(self, browser: Browser, server: LiveServer) -> None:
        self.browser = browser
        self.server = server
        self.engine = server.app.extensions["portal.write_engine"]
        self._contexts: dict[str, BrowserContext] = {}
        self._pages: dict[str, Page] = {}
        self.documents: dict[str, DocumentWatch] = {}
        self.accounts = {key: self._account(key, role) for key, role in ROLES.items()}
        self.made = itertools.count(1)
        self.cases_made = False

    def _account(self, key: str, role: str) -> Account:
        with Session(self.engine, expire_on_commit=False) as session:
            staff = operations.create_staff(
                session,
                email=f"a11y-{key}@example.org",
                display_name=f"{key.capitalize()} Person",
                role=role,
                password=PASSWORD,
                team_code=TEAM if role == "responding_manager" else None,
            )
            session.commit()
        return Account(staff.id, staff.email, staff.display_name, staff.totp_secret)

    def context(self, role: str) -> BrowserContext:
        """A context signed in as ``role`` (or not: "anonymous", "public"); the CSP is
        bypassed so axe-core can be inserted."""
        if role not in self._contexts:
            context = open_context(self.browser, self.server, bypass_csp=True)
            if role in self.accounts:
                sign_in_over_http(context, self.accounts[role])
            self._contexts[role] = context
        return self._contexts[role]

    def page(self, role: str) -> Page:
        if role not in self._pages:
            self._pages[role] = self.context(role).new_page()
            self.documents[role] = DocumentWatch(self._pages[role])
        return self._pages[role]

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()

    # --- Cases ---------------------------------------------------------------------------

    def submit(self, **changes: dict[str, Any]) -> str:
        """A young person's complaint through the public pages, received 90 days ago."""
        context = self.context("public")
        context.clear_cookies()
        answers = {**helpers.YOUNG_PERSON, **changes}
        posts = [("start/what", {"intent": "complain"}), ("start/who", {"role": "young_person"})]
        posts += [(f"young-person/{step}", data) for step, data in answers.items()]
        posts.append(("young-person/check-answers", {}))
        token = csrf_token(context.request.get("/start/what").text(), "/start/what")
        for path, data in posts:
            response = context.request.post(
                f"/{path}",
                data=urlencode({**data, "csrf_token": token}, doseq=True),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                max_redirects=0,
            )
            assert response.status == 302, f"POST /{path} gave {response.status}"
        reference = newest_reference(self.server)
        backdate(self.server, reference, 90)
        return reference

    def act(self, reference: str, action: str, data: dict[str, Any], role: str = "officer") -> None:
        response = post_form(self.context(role), f"/staff/case/{reference}/{action}", data)
        assert "done=" in response.headers["location"], response.headers["location"]

    @cached_property
    def cases(self) -> dict[str, str]:
        """Cases in each state a page needs, by name: their references."""
        self.cases_made = True
        today = utcnow().date()
        refs: dict[str, str] = {}

        def complaint(name: str, steps: int) -> str:
            """A statutory complaint taken ``steps`` steps along the usual path."""
            ref = refs[name] = self.submit()
            start = today - timedelta(days=90)
            path: list[tuple[str, dict[str, Any]]] = [
                ("classify", STATUTORY),
                ("acknowledge", _date("on", start + timedelta(days=2))),
                ("statement", {"points": "Social worker keeps changing\nNot told why"}),
                ("assign", {"team_code": TEAM, "assignee_id": str(self.accounts["responder"].id)}),
                (
                    "respond",
                    {
                        **_date("on", start + timedelta(days=14)),
                        "point_1": "upheld",
                        "point_2": "not_upheld",
                        "actual_outcomes": ["apology"],
                        "learning": "Tell young people when their worker changes.",
                        "action1_text": "Write to the young person when a worker changes",
                        "action1_owner": "Team manager",
                        **_date("action1_due", today + timedelta(days=30)),
                        "action2_text": "Add worker changes to the team briefing",
                        "action2_owner": "Service manager",
                    },
                ),
                (
                    "escalate",
                    {
                        **_date("requested_on", start + timedelta(days=20)),
                        "investigating_officer": "I. Officer",
                        "independent_person": "N. Dependent",
                    },
                ),
                (
                    "respond",
                    {
                        **_date("on", start + timedelta(days=40)),
                        "point_1": "upheld",
                        "point_2": "upheld",
                    },
                ),
                ("escalate", _date("requested_on", start + timedelta(days=50))),
                ("panel", _date("on", start + timedelta(days=60))),
            ]
            for action, data in path[:steps]:
                self.act(ref, action, data)
            return ref

        refs["new"] = self.submit()
        complaint("fresh", 1)  # classified: stage 1 waits to be acknowledged
        complaint("open", 4)  # acknowledged, statement agreed, assigned
        complaint("answered", 5)  # stage 1 answered: partially upheld, two actions
        complaint("stage3", 8)
        complaint("panel-held", 9)
        paused = complaint("paused", 2)
        self.act(paused, "pause", {"reason": "Asked which meeting they mean"})
        closed = complaint("closed", 5)
        self.act(closed, "close", {})
        self.act(closed, "ombudsman", _date("on", today - timedelta(days=3)))
        refs["safeguarding"] = self.submit(**{"what-happened": {"what_happened": "he hits me"}})
        restricted = refs["restricted"] = self.submit(
            contact={"contact_routes": ["text"], "mobile": "07700 900 123"}
        )
        review = _date("review_on", today + timedelta(days=60))
        restriction = {
            "reason": "Twenty calls a day to the team; agreed one weekly call.",
            **review,
        }
        self.act(restricted, "restrict-contact", restriction, role="manager")
        return refs


def _empty_tables(server: LiveServer) -> None:
    with server.app.extensions["portal.write_engine"].begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEPT_TABLES:
                connection.execute(delete(table))


@pytest.fixture(scope="module")
def world(browser: Browser, live_server: LiveServer) -> Iterator[World]:
    _empty_tables(live_server)
    made = World(browser, live_server)
    yield made
    made.close()


# --- Opening pages -------------------------------------------------------------------------

Opener = Callable[[Page, World], None]


@dataclass(frozen=True)
class Case:
    id: str
    role: str
    open: Opener


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _goto(path: str | Callable[[World], str], heading: str | None = None) -> Opener:
    def _open(page: Page, world: World) -> None:
        page.goto(path(world) if callable(path) else path)
        if heading is not None:
            _heading(page, heading)

    return _open


def _submit(
    path: str | Callable[[World], str],
    button: str,
    fill: Callable[[Page, World], None] | None = None,
) -> Opener:
    """Open the page (unless the last test left it open), enter ``fill``, press ``button``
    and wait for the error summary."""

    def _open(page: Page, world: World) -> None:
        url = path(world) if callable(path) else path
        if urlsplit(page.url).path != urlsplit(url).path or "?" in page.url:
            page.goto(url)
        if fill is not None:
            fill(page, world)
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()

    return _open


def _letter_path(world: World) -> str:
    """The printable letter of the acknowledgement sent on the "open" case."""
    reference = world.cases["open"]
    with Session(world.engine) as session:
        message_id = session.scalar(
            select(OutboxMessage.id)
            .join(Representation, Representation.id == OutboxMessage.representation_id)
            .where(Representation.reference == reference, OutboxMessage.kind == "acknowledgement")
        )
    return f"/staff/case/{reference}/messages/{message_id}/letter"


def _case_path(name: str, suffix: str = "") -> Callable[[World], str]:
    return lambda world: f"/staff/case/{world.cases[name]}{suffix}"


def _sign_in(page: Page, world: World, *, error: bool = False) -> None:
    page.context.clear_cookies()
    page.goto("/staff/sign-in")
    if error:
        page.get_by_role("button", name="Continue").click()  # nothing entered
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        expect(page).to_have_title(re.compile(r"^Error: "))
    else:
        _heading(page, "Sign in")


def _code(page: Page, world: World, *, error: bool = False) -> None:
    page.context.clear_cookies()
    sign_in_over_http(page.context, world.accounts["pending"], code=False)
    page.goto("/staff/sign-in/code")
    _heading(page, "Enter your code")
    if error:
        page.get_by_label("Code from your authenticator app").fill("12345")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        expect(page).to_have_title(re.compile(r"^Error: "))


def _queue_empty(page: Page, world: World) -> None:
    assert not world.cases_made, "queue-empty must run before the cases are made"
    page.goto("/staff/queue")
    expect(page.get_by_text("Nothing matches these filters.")).to_be_visible()


def _queue(page: Page, world: World, query: str = "") -> None:
    open_ref = world.cases["open"]
    page.goto(f"/staff/queue{query}")
    expect(page.get_by_role("link", name=open_ref)).to_be_visible()


def _case(name: str, shows: str) -> Opener:
    def _open(page: Page, world: World) -> None:
        page.goto(f"/staff/case/{world.cases[name]}")
        expect(page.get_by_text(shows).first).to_be_visible()

    return _open


# Each stage action: the case whose state offers it, who may use it, and whether a
# blank submission shows an error (all but the ones with nothing to enter).
STAGE_PAGES: dict[str, tuple[str, str, bool]] = {
    "acknowledge": ("fresh", "officer", True),
    "statement": ("open", "officer", True),
    "confirm-statement": ("open", "officer", True),
    "assign": ("open", "officer", True),
    "extend": ("open", "officer", True),
    "pause": ("open", "officer", True),
    "resume": ("paused", "officer", False),
    "respond": ("open", "officer", True),
    "escalate": ("answered", "officer", True),
    "panel": ("stage3", "officer", True),
    "panel-report": ("panel-held", "officer", True),
    "ombudsman": ("open", "officer", True),
    "ombudsman-decision": ("closed", "officer", True),
    "withdraw": ("open", "officer", True),
    "note": ("open", "officer", True),
    "restrict-contact": ("open", "manager", True),
    "lift-restriction": ("restricted", "manager", False),
    "close": ("answered", "officer", False),
}
assert set(STAGE_PAGES) == set(ACTIONS), "every stage action needs a page test"


def _stage_cases() -> Iterator[Case]:
    for slug, (case, role, has_error) in STAGE_PAGES.items():
        step = ACTIONS[slug]
        path = _case_path(case, f"/{slug}")
        yield Case(f"action/{slug}", role, _goto(path, step.title))
        if has_error:
            yield Case(f"action/{slug}-error", role, _submit(path, step.button))
    # Lifting a restriction that is not there: refused with a message and no field.
    lift = _case_path("open", "/lift-restriction")
    yield Case("action/lift-restriction-error", "manager", _submit(lift, "Save"))


def _own_role(page: Page, _world: World) -> None:
    page.get_by_label("Complaints officer").check()


def _new_account(page: Page, world: World) -> None:
    page.goto("/staff/accounts/new")
    page.get_by_label("Full name").fill("Robin Newcomer")
    page.get_by_label("Email address").fill(f"robin{next(world.made)}@example.org")
    page.get_by_label("Complaints officer").check()
    page.get_by_label("First password").fill("amber window river orchard")
    page.get_by_role("button", name="Save").click()
    _heading(page, "Account created")


def _figure_list(page: Page, world: World) -> None:
    """The representations behind the first figure of the annual report."""
    assert world.cases  # made once per module: the report has figures
    page.goto("/staff/reports")
    page.locator(".app-report-table a").first.click()
    expect(page.get_by_role("table")).to_be_visible()


def _report(query: str = "") -> Opener:
    def _open(page: Page, world: World) -> None:
        assert world.cases
        page.goto(f"/staff/reports{query}")
        expect(page.locator("svg[role=img]").first).to_be_visible()

    return _open


def _cases() -> list[Case]:
    admin_self = lambda world: f"/staff/accounts/{world.accounts['admin'].id}"  # noqa: E731
    return [
        Case("sign-in", "anonymous", _sign_in),
        Case("sign-in-error", "anonymous", partial(_sign_in, error=True)),
        Case("sign-in-signed-out", "anonymous", _goto("/staff/sign-in?signed_out=1", "Sign in")),
        Case("code", "anonymous", _code),
        Case("code-error", "anonymous", partial(_code, error=True)),
        Case("queue-empty", "officer", _queue_empty),
        Case("queue", "officer", _queue),
        Case(
            "queue-filtered",
            "officer",
            partial(_queue, query="?status=open&route=statutory&young_person=1&overdue=1"),
        ),
        Case("case-new", "officer", _case("new", "Classify")),
        Case("case-open", "officer", _case("open", "Next deadline")),
        Case("case-closed", "officer", _case("closed", "Actions from stage 1")),
        Case("case-safeguarding", "officer", _case("safeguarding", "Words suggesting")),
        Case("case-restricted", "officer", _case("restricted", "Contact with")),
        Case("case-as-manager", "manager", _case("open", "Restrict contact")),
        Case("letter", "officer", _goto(_letter_path)),
        Case("classify", "officer", _goto(_case_path("new", "/classify"), "Classify")),
        Case(
            "classify-error",
            "officer",
            _submit(_case_path("new", "/classify"), "Save classification"),
        ),
        *_stage_cases(),
        Case("log", "officer", _goto("/staff/log", "Log a representation")),
        Case("log-error", "officer", _submit("/staff/log", "Save")),
        Case("audit", "manager", _goto("/staff/audit", "Audit log")),
        Case("accounts", "admin", _goto("/staff/accounts", "Staff accounts")),
        Case("accounts-as-manager", "manager", _goto("/staff/accounts", "Staff accounts")),
        Case("account-new", "admin", _goto("/staff/accounts/new", "Add a staff account")),
        Case("account-new-error", "admin", _submit("/staff/accounts/new", "Save")),
        Case("account-created", "admin", _new_account),
        Case("account-edit", "admin", _goto(admin_self, "Admin Person")),
        Case("account-edit-error", "admin", _submit(admin_self, "Save", _own_role)),
        Case("timescales", "manager", _goto("/staff/settings/timescales", "Timescales")),
        Case(
            "timescales-error",
            "manager",
            _submit(
                "/staff/settings/timescales",
                "Save timescales",
                lambda page, _w: page.locator("input.govuk-input").first.fill(""),
            ),
        ),
        Case("reports", "officer", _report()),
        Case("reports-published", "manager", _report("?version=published&earlier=2")),
        Case("reports-quarter", "officer", _report("?quarter=2&earlier=0")),
        Case("reports-error", "officer", _goto("/staff/reports?year=20x6")),
        Case("reports-list", "officer", _figure_list),
        Case("counting-rules", "officer", _goto("/staff/reports/counting-rules")),
        Case("chc", "manager", _goto("/staff/reports/complaint-handling-code")),
        Case("dashboard", "manager", _goto("/staff/dashboard", "Dashboard")),
        Case("categories", "admin", _goto("/staff/settings/categories", "Category lists")),
        Case("categories-error", "admin", _submit("/staff/settings/categories", "Add")),
        Case("council", "admin", _goto("/staff/settings/council", "Council details")),
        Case(
            "council-error",
            "admin",
            _submit(
                "/staff/settings/council",
                "Save",
                lambda page, _w: page.get_by_label("Phone number for the complaints team").fill(
                    "none"
                ),
            ),
        ),
    ]


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_page_checks(world: World, html_checker: HtmlChecker, case: Case) -> None:
    page = world.page(case.role)
    case.open(page, world)
    assert_no_axe_violations(page)
    assert_valid_html(html_checker, world.documents[case.role])
    assert_every_focus_visible(page)
