"""Speak Up: an intake portal for children's services representations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_wtf import CSRFProtect
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from portal import config as config_module
from portal import db, errors, i18n, security
from portal.reports import rollup  # noqa: F401  (keeps report tallies in step with every flush)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. Wiring only: no I/O beyond creating the engine, no migrations."""
    settings = config_module.load(config)
    app = Flask(
        __name__,
        template_folder=str(config_module.ROOT / "templates"),
        static_folder=str(config_module.ROOT / "static"),
        instance_path=str(config_module.INSTANCE),
    )
    app.config.update(settings)
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(config_module.ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    CSRFProtect(app)
    WTFormsHelpers(app)
    errors.init_app(app)

    from portal.admin import council

    council.init_app(app)

    from portal.accounts.views import blueprint as accounts
    from portal.admin.views import blueprint as admin
    from portal.health import blueprint as health
    from portal.intake.views import blueprint as intake
    from portal.reports.views import blueprint as reports
    from portal.tracking.views import blueprint as tracking
    from portal.triage.letters import blueprint as triage  # the case page's letters too

    app.register_blueprint(intake)
    app.register_blueprint(tracking)
    app.register_blueprint(reports)
    app.register_blueprint(accounts)
    app.register_blueprint(triage)
    app.register_blueprint(admin)
    app.register_blueprint(health)

    from portal import cli

    cli.init_app(app)
    return app
