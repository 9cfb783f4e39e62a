"""Real-browser fixtures: the portal served over HTTP, Debian's chromium driven by Playwright's
sync API (pytest-playwright is not used), axe-core, and keyboard-only helpers.

One chromium is launched for the whole session; each test module gets its own live server
(on the ``database_url`` database from ``tests/conftest.py``), and each test a fresh browser
context unless a module shares one on purpose.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask_babel import force_locale, gettext
from playwright.sync_api import (
    APIResponse,
    Browser,
    BrowserContext,
    Locator,
    Page,
    Response,
    expect,
    sync_playwright,
)
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from werkzeug.serving import WSGIRequestHandler, make_server

from portal import create_app
from portal.models import Representation
from portal.models.types import utcnow
from tests import helpers

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILT = ROOT / "static" / "build" / ".built"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Playwright's waits, in milliseconds: generous for a loaded 2-core machine, short enough
# that a broken page fails in seconds rather than minutes.
TIMEOUT_MS = 10_000


# --- The browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` to install Debian's chromium.")
    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield launched
    launched.close()
    playwright.stop()


# --- The live server -----------------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    """No access log line per request (errors are still logged)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@dataclass
class LiveServer:
    base_url: str
    app: Flask

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def stored(self, reference: str) -> int:
        """How many representations carry this reference in the database."""
        with Session(self.app.extensions["portal.engine"]) as session:
            query = select(func.count()).where(Representation.reference == reference)
            return int(session.scalar(query) or 0)


@pytest.fixture(scope="module")
def live_server(database_url: str) -> Iterator[LiveServer]:
    if not BUILT.exists():
        pytest.fail(f"{BUILT.relative_to(ROOT)} is missing: run `make assets` (or `make setup`).")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test",
            # Replaced below, once the port is known: "Exit this page" must land on a page
            # this server serves, because the default (an outside site) is unreachable here.
            "EXIT_URL": "/privacy",
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    base_url = f"http://127.0.0.1:{server.server_port}"
    app.config["EXIT_URL"] = f"{base_url}/privacy"
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(base_url, app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        app.extensions["portal.engine"].dispose()


# --- Contexts and pages --------------------------------------------------------------------


def open_context(browser: Browser, server: LiveServer, **options: Any) -> BrowserContext:
    context = browser.new_context(base_url=server.base_url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def new_context(
    browser: Browser, live_server: LiveServer
) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts (closed after the test). The content security policy is
    enforced unless a test asks otherwise."""
    made: list[BrowserContext] = []

    def _make(**options: Any) -> BrowserContext:
        context = open_context(browser, live_server, **options)
        made.append(context)
        return context

    yield _make
    for context in made:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page with JavaScript on and the CSP enforced."""
    return new_context().new_page()


@pytest.fixture
def nojs_page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page with JavaScript off, as for someone whose browser blocks it."""
    return new_context(java_script_enabled=False).new_page()


# --- axe-core ------------------------------------------------------------------------------

# Every finding counts: no rule, element or attribute is set aside. (Radios that revealed
# more questions drew an aria-expanded finding; those questions are now pages of their own.)
_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary})),
  }));
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now. Needs a context made with ``bypass_csp=True``:
    the CSP (script-src 'self' plus a nonce) rightly blocks the inline script that
    ``add_script_tag`` inserts."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make setup` (npm ci).")
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, AXE_TAGS)
    return violations


def assert_no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    if violations:
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"]:
                lines.append(f"    at {json.dumps(node['target'])}")
                lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
        pytest.fail("\n".join(lines), pytrace=False)


# --- The Nu HTML Checker -------------------------------------------------------------------


class HtmlChecker:
    """The Nu HTML Checker (vnu.jar from npm's ``vnu-jar``) running as a local web service,
    so that each page costs one HTTP request rather than a Java start-up."""

    def __init__(self, port: int) -> None:
        self.port = port

    def _post(self, html: bytes, timeout: float) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            # The service turns away requests that do not name their user agent.
            headers = {"Content-Type": "text/html; charset=utf-8", "User-Agent": "speak-up-tests"}
            connection.request("POST", "/?out=json&level=error", body=html, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def ready(self) -> bool:
        try:
            return self._post(b"<!doctype html>", timeout=2)[0] == 200
        except OSError:
            return False

    def errors(self, html: bytes) -> list[dict[str, Any]]:
        status, body = self._post(html, timeout=60)
        assert status == 200, f"the Nu HTML Checker answered {status}"
        messages: list[dict[str, Any]] = json.loads(body)["messages"]
        return messages


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def html_checker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HtmlChecker]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make java` (the Nu HTML Checker runs on it).")
    if not VNU.exists():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `make setup` (npm ci).")
    port = _free_port()
    log = tmp_path_factory.mktemp("vnu") / "vnu.log"
    with log.open("wb") as output:
        service = subprocess.Popen(
            [
                java,
                "-Xmx1g",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(VNU),
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    checker = HtmlChecker(port)
    try:
        # The service reads its schemas before it listens: a few seconds on a quiet machine.
        deadline = time.monotonic() + 120
        while not checker.ready():
            if service.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The Nu HTML Checker did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.25)
        yield checker
    finally:
        service.terminate()
        try:
            service.wait(timeout=10)
        except subprocess.TimeoutExpired:
            service.kill()


class DocumentWatch:
    """Keeps the HTML the server sent for the page's current document, as the browser
    received it (not the DOM after scripts ran): that is what the HTML checker judges."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.response: Response | None = None
        page.on("response", self._seen)

    def _seen(self, response: Response) -> None:
        request = response.request
        redirected = 300 <= response.status < 400  # its body is not what the page shows
        ours = request.is_navigation_request() and request.frame == self.page.main_frame
        if ours and not redirected:
            self.response = response

    def html(self) -> bytes:
        assert self.response is not None, f"no document was loaded into {self.page.url}"
        return self.response.body()


def assert_valid_html(checker: HtmlChecker, watch: DocumentWatch) -> None:
    """Zero errors from the Nu HTML Checker on the document the server sent."""
    html = watch.html()
    errors = checker.errors(html)
    if errors:
        lines = html.decode("utf-8", "replace").splitlines()
        found = [f"The Nu HTML Checker found {len(errors)} error(s) on {watch.page.url}:"]
        for error in errors:
            line = int(error.get("lastLine", 0))
            found.append(f"- line {line}: {error['message']}")
            if 0 < line <= len(lines):
                found.append(f"    {lines[line - 1].strip()[:160]}")
        pytest.fail("\n".join(found), pytrace=False)


# --- Keyboard ------------------------------------------------------------------------------

# An element as a person would name it in a failure message: tag, id and label.
_DESCRIBE = """(e) => {
  const label = (e.labels && e.labels[0] && e.labels[0].textContent)
    || e.getAttribute("aria-label") || e.textContent || e.value || "";
  const id = e.id ? "#" + e.id : "";
  return `<${e.tagName.toLowerCase()}${id}> ${label.trim().replace(/\\s+/g, " ").slice(0, 50)}`;
}"""
_DESCRIBE_FOCUS = f"""() => {{
  const e = document.activeElement;
  return !e || e === document.body ? "<body>" : ({_DESCRIBE})(e);
}}"""

_IS_FOCUSED = "(e) => e === document.activeElement"
# Whether the control has focus, and what has it (one round trip per key press).
_FOCUS_STATE = f"(e) => [e === document.activeElement, ({_DESCRIBE_FOCUS})()]"

# What a focus indicator can change: on the control itself, or (GOV.UK radios and checkboxes,
# whose real input is invisible) on the ::before and ::after of its label, which draw the
# box or circle. An outline only counts when it can be seen (GOV.UK adds transparent ones
# for forced-colours mode).
_FOCUS_STYLE = """(e) => {
  const props = ["box-shadow", "background-color", "color", "text-decoration-line",
                 "text-decoration-thickness", "border-top-width", "border-top-color"];
  const pick = (s) => {
    const out = Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
    const colour = s.getPropertyValue("outline-color");
    const seen = s.getPropertyValue("outline-style") !== "none"
      && parseFloat(s.getPropertyValue("outline-width")) > 0
      && !/^rgba\\(.*,\\s*0\\)$/.test(colour) && colour !== "transparent";
    out.outline = seen ? `${s.getPropertyValue("outline-width")} ${colour}` : "none";
    return out;
  };
  const out = {};
  if (getComputedStyle(e).opacity !== "0") out.self = pick(getComputedStyle(e));
  const label = e.labels && e.labels[0];
  if (label && (e.type === "radio" || e.type === "checkbox")) {
    out.labelBefore = pick(getComputedStyle(label, "::before"));
    out.labelAfter = pick(getComputedStyle(label, "::after"));
  }
  return out;
}"""


def target_locator(page: Page, target: Locator | str) -> Locator:
    """A control given as a locator (by label or role), or as an element id."""
    return page.locator(f"[id='{target}']") if isinstance(target, str) else target


def focus_style(target: Locator) -> dict[str, dict[str, str]]:
    style: dict[str, dict[str, str]] = target.evaluate(_FOCUS_STYLE)
    return style


def _trail(visited: list[str]) -> str:
    return "\n  ".join(visited) or "(nowhere)"


def tab_to(
    page: Page,
    target: Locator | str,
    *,
    backwards: bool = False,
    max_presses: int = 60,
    check_focus_visible: bool = False,
) -> Locator:
    """Press Tab (or Shift+Tab) until ``target`` has focus; fail if it never does.

    Reaching a control this way proves it is in the tab order. With ``check_focus_visible``
    the control's computed focus styles are compared with its unfocused styles.
    """
    control = target_locator(page, target)
    element = control.element_handle()  # resolved once: a locator per key press is slow
    before = focus_style(control) if check_focus_visible else None
    key = "Shift+Tab" if backwards else "Tab"
    visited: list[str] = []
    focused, _where = element.evaluate(_FOCUS_STATE)
    while not focused:
        if len(visited) == max_presses:
            pytest.fail(
                f"{key} never reached {control} on {page.url} in {max_presses} presses. "
                f"Focus went through:\n  {_trail(visited)}",
                pytrace=False,
            )
        page.keyboard.press(key)
        focused, where = element.evaluate(_FOCUS_STATE)
        visited.append(where)
    if before is not None:
        assert_focus_visible(control, before)
    return control


def assert_focus_visible(control: Locator, unfocused: dict[str, dict[str, str]]) -> None:
    focused = focus_style(control)
    changed = {
        f"{part}.{prop}": (unfocused.get(part, {}).get(prop), value)
        for part, props in focused.items()
        for prop, value in props.items()
        if unfocused.get(part, {}).get(prop) != value
    }
    assert changed, f"no visible focus indicator on {control}: focused styles {focused}"


# Every element a keyboard user can reach, checked in one round trip: each is focused in turn
# and must look different from when it was not (the same comparison as ``tab_to`` makes).
# Closed <details> are opened first, so that what they hold is checked too.
_FOCUS_SWEEP = f"""() => {{
  const styleOf = {_FOCUS_STYLE};
  const describe = {_DESCRIBE};
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach((d) => {{ d.open = true; }});
  const candidates = document.querySelectorAll(
    "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]");
  const focusable = [...candidates].filter((e) => !e.disabled && e.tabIndex >= 0
    && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden");
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  const unseen = [];
  for (const e of focusable) {{
    const before = JSON.stringify(styleOf(e));
    e.focus();
    if (document.activeElement !== e) {{
      unseen.push(describe(e) + " (does not take focus)");
      continue;
    }}
    if (JSON.stringify(styleOf(e)) === before) unseen.push(describe(e));
    e.blur();
  }}
  closed.forEach((d) => {{ d.open = false; }});
  return [focusable.length, unseen];
}}"""


def assert_every_focus_visible(page: Page) -> int:
    """WCAG 2.4.7: every element a keyboard user can reach shows that it has focus.

    A real key press comes first, so that chromium treats the focus moves that follow as
    keyboard focus (which is when ``:focus-visible`` styles apply). Returns how many
    elements were checked.
    """
    page.keyboard.press("Tab")
    checked, unseen = page.evaluate(_FOCUS_SWEEP)
    assert checked > 0, f"nothing on {page.url} can take focus"
    assert not unseen, f"no visible focus indicator on {page.url} for:\n  " + "\n  ".join(unseen)
    return int(checked)


def choose_radio(
    page: Page, radio: Locator, *, max_presses: int = 60, check_focus_visible: bool = False
) -> None:
    """Choose a radio as a keyboard user does: Tab into its group, arrow keys to the
    option, Space to select it."""
    element = radio.element_handle()
    name = radio.get_attribute("name")
    size = page.locator(f"input[type='radio'][name='{name}']").count()
    before = focus_style(radio) if check_focus_visible else None
    in_group = f"() => document.activeElement?.name === {json.dumps(name)}"
    visited: list[str] = []
    while not page.evaluate(in_group):
        if len(visited) == max_presses:
            pytest.fail(
                f"Tab never reached the radios {name!r} on {page.url} in {max_presses} "
                f"presses. Focus went through:\n  {_trail(visited)}",
                pytrace=False,
            )
        page.keyboard.press("Tab")
        visited.append(page.evaluate(_DESCRIBE_FOCUS))
    for _ in range(size):
        if element.evaluate(_IS_FOCUSED):
            break
        page.keyboard.press("ArrowDown")
    assert element.evaluate(_IS_FOCUSED), f"arrow keys never reached {radio}"
    page.keyboard.press("Space")
    assert element.evaluate("(e) => e.checked"), f"Space did not select {radio}"
    if before is not None:
        assert_focus_visible(radio, before)


# --- Forms over HTTP -----------------------------------------------------------------------

VERSION = re.compile(r'<input[^>]*name="version"[^>]*value="(\d*)"')


def csrf_token(text: str, url: str) -> str:
    found = helpers.CSRF.search(text)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def post_form(
    context: BrowserContext, url: str, data: dict[str, Any], *, status: int = 302
) -> APIResponse:
    """Load the page, then post its form as the browser would: the page's CSRF token, and
    the case version it shows (if any) so the change is not refused as out of date."""
    page = context.request.get(url)
    assert page.ok, f"GET {url} gave {page.status}"
    text = page.text()
    form = {**data, "csrf_token": csrf_token(text, url)}
    version = VERSION.search(text)
    if version:
        form["version"] = version.group(1)
    response = context.request.post(
        url,
        data=urlencode(form, doseq=True),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        max_redirects=0,
    )
    assert response.status == status, f"POST {url} gave {response.status}: {response.text()[:800]}"
    return response


# --- Staff pages ---------------------------------------------------------------------------


def backdate(server: LiveServer, reference: str, days: int) -> date:
    """Move a representation's arrival ``days`` into the past (a direct database update),
    so that windows counted from it (such as the 20 working days to ask for the next stage)
    can have passed. Do it before classifying: stage 1 starts on the received date.
    Returns the new received date."""
    received = utcnow() - timedelta(days=days)
    with server.app.extensions["portal.write_engine"].begin() as connection:
        connection.execute(
            update(Representation)
            .where(Representation.reference == reference)
            .values(received_at=received, received_on=received.date())
        )
    return received.date()


def newest_reference(server: LiveServer) -> str:
    """The reference of the representation stored last."""
    with Session(server.app.extensions["portal.engine"]) as session:
        query = select(Representation.reference).order_by(Representation.id.desc()).limit(1)
        reference = session.scalar(query)
    assert reference, "no representation is stored"
    return str(reference)


def choose_option(
    page: Page, select: Locator, label: str, *, check_focus_visible: bool = False
) -> None:
    """Choose an option of a closed <select> as a keyboard user does: Tab to it, then the
    arrow keys until the option is selected (no mouse, no typing ahead)."""
    tab_to(page, select, check_focus_visible=check_focus_visible)
    chosen = "(e) => e.selectedIndex >= 0 ? e.options[e.selectedIndex].label : ''"
    wanted = int(
        select.evaluate(f"(e) => [...e.options].findIndex((o) => o.label === {json.dumps(label)})")
    )
    assert wanted >= 0, f"{select} has no option {label!r}"
    key = "ArrowDown" if wanted > int(select.evaluate("(e) => e.selectedIndex")) else "ArrowUp"
    for _ in range(int(select.evaluate("(e) => e.options.length"))):
        if select.evaluate(chosen) == label:
            break
        page.keyboard.press(key)
    assert select.evaluate(chosen) == label, f"arrow keys never chose {label!r} in {select}"


def translator(server: LiveServer, locale: str) -> Callable[[str], str]:
    """Expected page text in ``locale``, from the same catalogs the server uses."""

    def translate(text: str) -> str:
        with server.app.test_request_context(), force_locale(locale):
            return str(gettext(text))

    return translate
