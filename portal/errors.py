"""Friendly error pages. A person who hits one is told what to do next and loses nothing
that is already saved in their draft."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def _page(status: int, template: str) -> tuple[str, int]:
    return render_template(f"errors/{template}.html"), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError) -> tuple[str, int]:
        return _page(400, "session_expired")

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[str, int]:
        status = error.code or 500
        if status == 404:
            return _page(404, "not_found")
        if status == 405:
            return _page(405, "not_found")
        if status == 413:
            return _page(413, "too_large")
        return _page(status, "problem")

    verbose = app.config["ENV"] == "development" or bool(app.config.get("TESTING"))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[str, int]:
        # In production log the type only: an exception message may quote what was typed.
        log.error("unhandled error: %s", type(error).__name__, exc_info=verbose)
        return _page(500, "problem")
