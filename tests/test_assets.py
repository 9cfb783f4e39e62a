"""The built front-end assets (``npm run build`` runs before the test suite)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "static" / "build"
CSS = BUILD / "css" / "portal.css"
RTL_CSS = BUILD / "css" / "portal-rtl.css"
JS = BUILD / "js"


def _css(path: Path) -> str:
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run `npm run build`"
    return path.read_text(encoding="utf-8")


def _declarations(css: str, selector: str) -> str:
    """All declarations of rules whose selector is exactly ``selector``."""
    pattern = re.compile(r"(?:^|[}{;])\s*" + re.escape(selector) + r"\s*\{([^}]*)\}")
    found = pattern.findall(css)
    assert found, f"no rule for {selector}"
    return ";".join(found)


def test_css_has_no_gov_uk_font():
    css = _css(CSS)
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "Helvetica Neue" in css


def test_css_references_no_gov_uk_images():
    css = _css(CSS)
    for name in ("govuk-crown", "govuk-crest", "govuk-icon", "govuk-opengraph"):
        assert name not in css
    assert "url(" not in css


def test_css_uses_the_council_brand_colour():
    css = _css(CSS)
    header = _declarations(css, ".app-header")
    assert "background-color:var(--app-brand-colour, #1d5b79)" in header


def test_rtl_css_flips_the_safety_strip():
    ltr = _declarations(_css(CSS), ".app-safety")
    rtl = _declarations(_css(RTL_CSS), ".app-safety")
    assert "border-left:" in ltr
    assert "border-right:" not in ltr
    assert "border-right:" in rtl
    assert "border-left:" not in rtl


def test_javascript_is_built():
    govuk = JS / "govuk-frontend.min.js"
    portal = JS / "portal.mjs"
    assert govuk.is_file()
    assert portal.is_file()
    assert "initAll" in govuk.read_text(encoding="utf-8")
    assert 'from "./govuk-frontend.min.js"' in portal.read_text(encoding="utf-8")


def test_favicon_is_ours():
    favicon = BUILD / "images" / "favicon.svg"
    assert favicon.is_file()
    assert "#1d5b79" in favicon.read_text(encoding="utf-8")


def test_build_stamp_is_written():
    assert (BUILD / ".built").is_file()
