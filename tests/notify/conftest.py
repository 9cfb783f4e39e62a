"""Fixtures for message tests: a real SMTP server and an app that sends to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.helpers import FormClient
from tests.notify.smtp_sink import Sink


@pytest.fixture
def smtp() -> Iterator[Sink]:
    sink = Sink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp_app(app_with, smtp: Sink) -> Flask:
    return app_with(
        EMAIL_SENDER="smtp",
        SMTP_PORT=smtp.port,
        SMTP_SECURITY="none",
        SMTP_TIMEOUT=10,
        DUTY_EMAIL="duty@council.example",
        ADVOCACY_EMAIL="referrals@advocacy.example",
    )


@pytest.fixture
def smtp_forms(smtp_app: Flask) -> FormClient:
    return FormClient(smtp_app.test_client())
