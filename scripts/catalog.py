"""Translation catalog discipline.

``extract`` rewrites translations/messages.pot from the code and templates.
``check`` fails when messages.pot is stale (a string was added, changed or removed without
re-extracting) or when any locale's catalog has an empty, fuzzy or plural-incomplete entry
or a translation whose placeholders differ from the English. Compiled .mo files are built
at set-up and never committed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"
KEYWORDS = ["-k", "_l", "-k", "lazy_gettext", "-k", "N_"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%\{[a-z_]+\}|\{[a-z_]+\}")


def _extract(target: Path) -> None:
    subprocess.run(  # noqa: S603 - fixed arguments, our own virtualenv's pybabel
        [
            str(Path(sys.executable).parent / "pybabel"),
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            *KEYWORDS,
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(target),
            "portal",
            "templates",
        ],
        check=True,
        cwd=ROOT,
    )


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


def check_catalogs() -> list[str]:
    problems = []
    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        locale = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
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
    if argv[1:] == ["check"]:
        problems = check_stale() + check_catalogs()
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print("catalogs: up to date")
        return 1 if problems else 0
    print("usage: catalog.py extract|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
