"""Translation catalog discipline.

``extract`` rewrites translations/messages.pot from the code and templates.
``check`` fails when messages.pot is stale (a string was added, changed or removed without
re-extracting) or when any locale's catalog has an empty, fuzzy or plural-incomplete entry
or a translation whose placeholders differ from the English. Compiled .mo files are built
at set-up and never committed.
"""

from __future__ import annotations

import gettext
import re
import subprocess  # runs our own virtualenv's pybabel only  # nosec B404
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"
KEYWORDS = ["-k", "_l", "-k", "lazy_gettext", "-k", "N_"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdif]|%\{[a-z_]+\}|\{[a-z_]+\}")
# Every language the public pages, messages and letters are offered in, besides English.
LOCALES = ("cy", "pl", "ro", "ur", "ar")
# Strings used only on staff pages or in messages to staff. Staff pages stay in English
# (portal/i18n.py), so their entries in each catalog keep the English text, marked as such.
STAFF_ONLY = (
    "portal/accounts/",
    "portal/admin/",
    "portal/reports/",
    "portal/triage/",
    "portal/notify/digest.py",
    "templates/accounts/",
    "templates/admin/",
    "templates/reports/",
    "templates/staff/",
    "templates/triage/",
    "templates/messages/digest.txt",
    "templates/messages/safeguarding_alert.txt",
)
STAFF_COMMENT = "Staff page: stays in English"


def _pybabel(*args: str) -> None:
    subprocess.run(  # noqa: S603 (fixed arguments, our own virtualenv's pybabel)  # nosec B603
        [str(Path(sys.executable).parent / "pybabel"), "-q", *args], check=True, cwd=ROOT
    )


def _extract(target: Path, *, locations: bool = False) -> None:
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        *KEYWORDS,
        *([] if locations else ["--no-location"]),
        "--sort-output",
        "--omit-header",
        "-o",
        str(target),
        "portal",
        "templates",
    )


def staff_only_ids() -> set[object]:
    """Message ids used nowhere but on staff pages and in messages to staff."""
    with tempfile.TemporaryDirectory() as tmp:
        located = Path(tmp) / "located.pot"
        _extract(located, locations=True)
        with located.open("rb") as handle:
            return {
                m.id
                for m in read_po(handle)
                if m.id and m.locations and all(p.startswith(STAFF_ONLY) for p, _ in m.locations)
            }


def update() -> None:
    """Bring every locale's catalog up to date with messages.pot: new strings arrive empty
    (the check then fails until they are translated) except staff-only ones, which keep
    the English text; nothing is matched fuzzily."""
    from babel.messages.pofile import write_po

    _extract(POT)
    staff = staff_only_ids()
    for locale in LOCALES:
        po = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
        if po.exists():
            _pybabel("update", "-i", str(POT), "-d", "translations", "-l", locale,
                     "--no-fuzzy-matching", "--ignore-obsolete")  # fmt: skip
        else:
            _pybabel("init", "-i", str(POT), "-d", "translations", "-l", locale)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        one = gettext.c2py(catalog.plural_expr)(1)  # the form English "one" maps to
        for message in catalog:
            if message.id not in staff:
                continue
            if isinstance(message.id, tuple | list):
                message.string = tuple(
                    message.id[0] if form == one else message.id[1]
                    for form in range(catalog.num_plurals)
                )
            elif not message.string:
                message.string = message.id
            if STAFF_COMMENT not in message.auto_comments:
                message.auto_comments.append(STAFF_COMMENT)
        with po.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=True)


def _ids(path: Path) -> set[object]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def check_stale() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        _extract(fresh)
        if not POT.exists():
            return ["translations/messages.pot is missing: run `make extract`"]
        added = _ids(fresh) - _ids(POT)
        removed = _ids(POT) - _ids(fresh)
    problems = [f"not in messages.pot: {m!r}" for m in sorted(map(str, added))]
    problems += [f"in messages.pot but no longer used: {m!r}" for m in sorted(map(str, removed))]
    if problems:
        problems.append("run `make extract` and commit translations/messages.pot")
    return problems


def check_catalogs(translations: Path = ROOT / "translations") -> list[str]:
    problems = []
    pot = translations / "messages.pot"
    wanted_ids = _ids(pot) if pot.exists() else set()
    for locale in LOCALES:
        po = translations / locale / "LC_MESSAGES" / "messages.po"
        if not po.exists():
            problems.append(f"{locale}: no catalog; run `make translations-update`")
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        held = {m.id for m in catalog if m.id}
        for missing in sorted(map(str, wanted_ids - held))[:20]:
            problems.append(
                f"{locale}: {missing[:60]!r} is missing; run `make translations-update`"
            )
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
            strings = (
                message.string if isinstance(message.string, tuple | list) else (message.string,)
            )
            where = f"{locale}: {str(ids[0])[:60]!r}"
            if message.fuzzy:
                problems.append(f"{where} is fuzzy")
            if not all(strings):
                problems.append(f"{where} has an empty translation")
                continue
            if len(ids) > 1 and len(strings) != catalog.num_plurals:
                problems.append(f"{where} needs {catalog.num_plurals} plural forms")
                continue
            wanted = set(PLACEHOLDER.findall(" ".join(map(str, ids))))
            for text in strings:
                if set(PLACEHOLDER.findall(str(text))) != wanted:
                    problems.append(f"{where} changes placeholders")
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["extract"]:
        _extract(POT)
        print(f"wrote {POT.relative_to(ROOT)}")
        return 0
    if argv[1:] == ["update"]:
        update()
        print("catalogs updated: translate the empty entries, then run `make test`")
        return 0
    if argv[1:] == ["check"]:
        problems = check_stale() + check_catalogs()
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print("catalogs: up to date")
        return 1 if problems else 0
    print("usage: catalog.py extract|update|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
