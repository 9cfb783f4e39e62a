"""Friendly error pages. A person who hits one is told what to do next and loses nothing
that is already saved in their draft."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

NOT_FOUND = (
    _l("Page not found"),
    _l("If you typed the web address, check it is correct."),
)
PROBLEM = (
    _l("Sorry, there is a problem with the service"),
    _l("Try again later. Anything you already saved is still here."),
)
TIMED_OUT = (
    _l("Sorry, this page timed out"),
    _l(
        "Go back and try again. If you used Exit this page or waited a long time, your answers "
        "have been deleted to keep them private."
    ),
)
TOO_LARGE = (
    _l("That was too much to send"),
    _l("Go back and make your answer shorter."),
)
PAGES = {404: NOT_FOUND, 405: NOT_FOUND, 413: TOO_LARGE}


def _page(status: int, page: tuple[object, object]) -> tuple[str, int]:
    title, advice = page
    return render_template("errors/error.html", title=title, advice=advice), status


def init_app(app: Flask) -> None:
    verbose = app.config["ENV"] == "development" or bool(app.config.get("TESTING"))

    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError) -> tuple[str, int]:
        return _page(400, TIMED_OUT)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[str, int]:
        status = error.code or 500
        return _page(status, PAGES.get(status, PROBLEM))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[str, int]:
        # In production log the type only: an exception message may quote what was typed.
        log.error("unhandled error: %s", type(error).__name__, exc_info=verbose)
        return _page(500, PROBLEM)
