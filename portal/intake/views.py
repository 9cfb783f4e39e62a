"""Public pages. Views translate between HTTP and the journey engine; decisions live in
``operations.py`` (submitting) and ``drafts.py`` (answers kept on the server)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse

from portal.core.timescales import is_out_of_time
from portal.db import get_session
from portal.forms.base import QuestionForm
from portal.forms.rendering import error_list, page_title, render_fields
from portal.intake import drafts, operations, queries
from portal.intake.journeys import JOURNEYS, START, Journey, Step, journey_after_start
from portal.intake.summary import rows_for
from portal.models import Draft, Representation
from portal.models.types import utcnow
from portal.tracking import secret_words

blueprint = Blueprint("intake", __name__)


def _lifetime() -> int:
    return int(current_app.config["DRAFT_LIFETIME_HOURS"])


def _locale() -> str:
    return str(get_locale() or "en")


def _step_key(journey: Journey, step: Step) -> str:
    return f"{journey.name}/{step.name}"


def _step_url(journey: Journey, step: Step, **kwargs: Any) -> str:
    return url_for("intake.step", journey_name=journey.name, step_name=step.name, **kwargs)


def _form_for(step: Step, answers: dict[str, Any]) -> QuestionForm:
    form = step.form(data=answers)
    db = get_session()
    form.fill_choices(lambda vocabulary: queries.choices(db, vocabulary))
    return form


def _first_incomplete(journey: Journey, draft: Draft) -> Step | None:
    for step in journey.visible_steps(draft.answers):
        if not drafts.completed(draft, _step_key(journey, step)):
            return step
    return None


def _next_url(journey: Journey, step: Step, draft: Draft, changing: bool) -> str:
    if journey is START and step is START.steps[-1]:
        chosen = journey_after_start(draft.answers)
        return _step_url(chosen, chosen.steps[0])
    if changing:
        pending = _first_incomplete(journey, draft)
        if pending is None:
            return url_for("intake.check_answers", journey_name=journey.name)
        return _step_url(journey, pending, change=1)
    visible = journey.visible_steps(draft.answers)
    names = [s.name for s in visible]
    if step.name in names and names.index(step.name) + 1 < len(visible):
        return _step_url(journey, visible[names.index(step.name) + 1])
    return url_for("intake.check_answers", journey_name=journey.name)


def _back_url(journey: Journey, step: Step | None, answers: dict[str, Any]) -> str:
    if request.args.get("change") and step is not None:
        return url_for("intake.check_answers", journey_name=journey.name)
    visible = journey.visible_steps(answers)
    if step is None:
        return _step_url(journey, visible[-1])
    names = [s.name for s in visible]
    index = names.index(step.name) if step.name in names else 0
    if index > 0:
        return _step_url(journey, visible[index - 1])
    if journey is START:
        return url_for("intake.start_page")
    return _step_url(START, START.steps[-1])


def _lost_draft() -> BaseResponse:
    return redirect(url_for("intake.start_page", expired=1))


@blueprint.get("/")
def start_page() -> str:
    return render_template("intake/start.html", expired=bool(request.args.get("expired")))


@blueprint.route("/<journey_name>/<step_name>", methods=["GET", "POST"])
def step(journey_name: str, step_name: str) -> str | BaseResponse:
    journey = JOURNEYS.get(journey_name)
    step = journey.step(step_name) if journey else None
    if journey is None or step is None:
        abort(404)
    db = get_session()
    now = utcnow()
    draft = drafts.current_draft(db, now)
    if draft is None and not (journey is START and step is START.steps[0]):
        return _lost_draft()
    if draft is not None:
        if draft.representation_id is not None and draft.journey:
            return redirect(url_for("intake.confirmation", journey_name=draft.journey))
        if journey is not START and draft.journey != journey.name:
            return _lost_draft()
    answers = dict(draft.answers) if draft else {}
    if not step.show_if(answers) and draft is not None:
        # An earlier answer took this question out of the journey (e.g. a changed intent).
        pending = _first_incomplete(journey, draft)
        if pending is not None:
            return redirect(_step_url(journey, pending))
        return redirect(url_for("intake.check_answers", journey_name=journey.name))
    form = _form_for(step, answers)
    changing = bool(request.args.get("change"))
    if form.validate_on_submit():
        if draft is None:
            draft = drafts.start_draft(db, now, _lifetime())
        drafts.save_answers(draft, _step_key(journey, step), form.answers(), now, _lifetime())
        if journey is START and step is START.steps[-1]:
            draft.journey = journey_after_start(draft.answers).name
        db.commit()
        return redirect(_next_url(journey, step, draft, changing))
    return render_template(
        step.template,
        journey=journey,
        step=step,
        form=form,
        fields=render_fields(form, step.heading),
        title=page_title(form, step.heading),
        errors=error_list(form),
        back_url=_back_url(journey, step, answers),
        answers=answers,
    )


def _draft_for(journey_name: str) -> tuple[Journey, Draft] | BaseResponse:
    journey = JOURNEYS.get(journey_name)
    if journey is None or journey is START:
        abort(404)
    draft = drafts.current_draft(get_session(), utcnow())
    if draft is None or draft.journey != journey.name:
        return _lost_draft()
    return journey, draft


@blueprint.route("/<journey_name>/check-answers", methods=["GET", "POST"])
def check_answers(journey_name: str) -> str | BaseResponse:
    found = _draft_for(journey_name)
    if not isinstance(found, tuple):
        return found
    journey, draft = found
    db = get_session()
    if draft.representation_id is not None:
        return redirect(url_for("intake.confirmation", journey_name=journey.name))
    pending = _first_incomplete(journey, draft)
    if pending is not None:
        return redirect(_step_url(journey, pending))
    answers = dict(draft.answers)
    form = QuestionForm()
    if form.validate_on_submit():
        operations.submit(
            db,
            draft,
            journey,
            answers,
            now=utcnow(),
            language=_locale(),
            secret_words=secret_words.new_words(),
        )
        db.commit()
        return redirect(url_for("intake.confirmation", journey_name=journey.name))
    sections = []
    for step in journey.visible_steps(answers):
        if step.summarised:
            sections.append((step, rows_for(step, _form_for(step, answers), answers)))
    over_a_year = False
    if answers.get("happened_on"):
        received = operations.council_date(utcnow())
        over_a_year = is_out_of_time(date.fromisoformat(answers["happened_on"]), received)
    return render_template(
        "intake/check_answers.html",
        journey=journey,
        form=form,
        sections=sections,
        over_a_year=over_a_year,
        back_url=_back_url(journey, None, answers),
    )


@blueprint.get("/<journey_name>/confirmation")
def confirmation(journey_name: str) -> str | BaseResponse:
    found = _draft_for(journey_name)
    if not isinstance(found, tuple):
        return found
    journey, draft = found
    db = get_session()
    representation = (
        db.get(Representation, draft.representation_id) if draft.representation_id else None
    )
    if representation is None:
        return redirect(url_for("intake.check_answers", journey_name=journey.name))
    return render_template(
        "intake/confirmation.html",
        journey=journey,
        representation=representation,
        next_step=operations.next_step(representation, queries.timescales(db)),
        secret_words=draft.answers.get(operations.SECRET_WORDS_KEY),
    )


@blueprint.get("/start-again")
def start_again() -> BaseResponse:
    """Forget the finished or abandoned draft and begin a new one."""
    db = get_session(write=True)
    drafts.discard_draft(db)
    db.commit()
    return redirect(_step_url(START, START.steps[0]))


@blueprint.get("/exit")
def exit_page() -> BaseResponse:
    """Quick exit: end the draft on the server, clear the cookie, go somewhere neutral."""
    db = get_session(write=True)
    drafts.discard_draft(db)
    db.commit()
    session.clear()
    response = redirect(current_app.config["EXIT_URL"])
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@blueprint.get("/help-now")
def help_now() -> str:
    return render_template("intake/help_now.html")


@blueprint.get("/brand.css")
def brand_css() -> Response:
    """The council's colours as CSS custom properties, so they can change without a build."""
    colour = current_app.config["BRAND_COLOUR"]
    if not _is_hex_colour(colour):
        colour = "#1d5b79"
    css = f":root {{ --app-brand-colour: {colour}; }}\n"
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def _is_hex_colour(value: str) -> bool:
    digits = value[1:] if value.startswith("#") else ""
    return len(digits) in (3, 6) and all(c in "0123456789abcdefABCDEF" for c in digits)


@blueprint.get("/privacy")
def privacy() -> str:
    return render_template("intake/privacy.html")


# When the accessibility statement was last reviewed against the tests it describes.
STATEMENT_PREPARED = date(2026, 11, 25)


@blueprint.get("/accessibility")
def accessibility() -> str:
    """The statement the accessibility regulations require (GOV.UK's model statement)."""
    return render_template("intake/accessibility.html", statement_date=STATEMENT_PREPARED)
