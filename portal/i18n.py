"""Locale selection: ``?lang=`` first, then the language cookie, then Accept-Language.

A choice made with ``?lang=`` is remembered in a cookie that holds only the locale code.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, g, has_request_context, request
from flask_babel import Babel, format_date, format_datetime, get_locale

from portal import security

LANG_COOKIE = "speakup_lang"
RTL_LOCALES = frozenset({"ar", "ur", "he", "fa"})
LANGUAGE_NAMES = {
    "en": "English",
    "cy": "Cymraeg",
    "pl": "Polski",
    "ro": "Română",
    "ur": "اردو",
    "ar": "العربية",
}
# How staff pages (which stay in English) name the language a person wrote in.
LANGUAGE_NAMES_IN_ENGLISH = {
    "en": "English",
    "cy": "Welsh",
    "pl": "Polish",
    "ro": "Romanian",
    "ur": "Urdu",
    "ar": "Arabic",
}
STAFF_PATH = "/staff"


def supported_locales(app: Flask) -> list[str]:
    raw = app.config["SUPPORTED_LOCALES"]
    codes = raw.split(",") if isinstance(raw, str) else list(raw)
    return [code.strip() for code in codes if code.strip()]


def select_locale() -> str:
    supported = supported_locales(current_app)
    if not has_request_context():
        # The outbox sender and other commands: messages choose their own locale.
        return supported[0]
    if request.path == STAFF_PATH or request.path.startswith(STAFF_PATH + "/"):
        # Staff pages stay in English; letters to a person force the person's language.
        return "en"
    asked = request.args.get("lang")
    if asked in supported:
        g.locale_chosen = asked
        return asked
    remembered = request.cookies.get(security.cookie_name(current_app, LANG_COOKIE))
    if remembered in supported:
        return remembered
    return request.accept_languages.best_match(supported) or supported[0]


def text_direction(locale: str) -> str:
    return "rtl" if locale.split("_")[0] in RTL_LOCALES else "ltr"


def _remember_choice(response: Response) -> Response:
    chosen = g.get("locale_chosen")
    if chosen:
        response.set_cookie(
            security.cookie_name(current_app, LANG_COOKIE),
            chosen,
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
            secure=security.production(current_app) or request.is_secure,
        )
    return response


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path + "/../translations"))
    Babel(app, locale_selector=select_locale)
    app.after_request(_remember_choice)
    app.jinja_env.globals.update(
        text_direction=text_direction,
        language_names=LANGUAGE_NAMES,
        language_in_english=LANGUAGE_NAMES_IN_ENGLISH,
        offered_languages=lambda: supported_locales(current_app),
        format_date=format_date,
        format_datetime=format_datetime,
        get_locale=get_locale,
    )
