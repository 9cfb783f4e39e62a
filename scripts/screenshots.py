"""Screenshots of the start page and one question page in Welsh and in Arabic, for
reviewers of the translations and the right-to-left layout (``make screenshots``).

The portal runs on a throwaway SQLite database in a thread; Debian's chromium takes the
pictures at a phone width and a desktop width into ``docs/screenshots/``.
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import threading
from pathlib import Path

from alembic import command
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.cli import alembic_config  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PAGES = {"start": "/", "question": "/start/what"}
WIDTHS = {"phone": 375, "desktop": 1200}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = {"DATABASE_URL": f"sqlite:///{tmp}/shots.db", "SECRET_KEY": secrets.token_hex()}
        app = create_app(config)
        with app.app_context():
            command.upgrade(alembic_config(app), "head")
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
                for locale in ("cy", "ar"):
                    for width_name, width in WIDTHS.items():
                        page = browser.new_page(viewport={"width": width, "height": 900})
                        for name, path in PAGES.items():
                            page.goto(f"{base}{path}?lang={locale}")
                            target = OUT / f"{name}-{locale}-{width_name}.png"
                            page.screenshot(path=str(target), full_page=True)
                            print(target.relative_to(ROOT))
                        page.close()
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
