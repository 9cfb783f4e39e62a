"""Import rules that keep the domain testable alone and keep HTML sanitising in one place."""

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_the_domain_package_does_not_depend_on_the_web_framework():
    web = ("flask", "werkzeug", "jinja2", "wtforms", "flask_wtf", "flask_babel", "sqlalchemy")
    offenders = [
        (path.name, module)
        for path in sorted((PORTAL / "core").glob("*.py"))
        for module in _imported_modules(path)
        if module.split(".")[0] in web
    ]
    assert offenders == []


def test_only_the_text_module_imports_bleach():
    importers = sorted(
        str(path.relative_to(PORTAL))
        for path in PORTAL.rglob("*.py")
        if any(module.split(".")[0] == "bleach" for module in _imported_modules(path))
    )
    assert importers == ["core/text.py"]
