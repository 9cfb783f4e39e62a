"""``/healthz`` says whether the database answers and the outbox is keeping up, and says
nothing about any person."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from portal import create_app
from portal.models import OutboxMessage
from portal.models.types import utcnow
from tests import helpers


def test_a_working_portal_is_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "database": "ok",
        "outbox": {"waiting": 0, "failed": 0, "lag_seconds": 0, "lag_limit_seconds": 900},
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_a_message_waiting_too_long_makes_it_unhealthy_without_saying_to_whom(
    client, forms, session
):
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    assert forms.post("/adult/check-answers").status_code == 302
    fresh = client.get("/healthz")
    assert fresh.status_code == 200 and fresh.json["outbox"]["waiting"] >= 1
    session.execute(update(OutboxMessage).values(created_at=utcnow() - timedelta(minutes=16)))
    session.commit()
    stuck = client.get("/healthz")
    assert stuck.status_code == 503
    assert stuck.json["status"] == "unhealthy" and stuck.json["outbox"]["lag_seconds"] >= 960
    body = stuck.get_data(as_text=True)
    for personal in ("Pat", "example.org", "Nobody returned my calls"):
        assert personal not in body


def test_an_unreachable_database_is_reported_not_a_server_error():
    # Nothing listens on port 1: the connection is refused at once.
    app = create_app({"TESTING": True, "DATABASE_URL": "postgresql+psycopg://x@127.0.0.1:1/x"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unhealthy", "database": "unavailable"}
    app.extensions["portal.engine"].dispose()
