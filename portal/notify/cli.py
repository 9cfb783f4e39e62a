"""``flask outbox …``: deliver, retry after an outage, see the backlog, queue the digest."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click
from flask import current_app
from flask.cli import AppGroup

from portal.db import get_session
from portal.models.types import utcnow
from portal.notify import digest, outbox

outbox_cli = AppGroup("outbox", help="Messages waiting to be sent.")


@outbox_cli.command("run")
@click.option("--once", is_flag=True, help="Deliver everything due now, then stop.")
def run(once: bool) -> None:
    """Deliver queued messages with retries (runs until stopped, unless --once)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if not once:
        click.echo("Sending messages from the outbox (Ctrl+C to stop).")
    totals = outbox.run(app, once=once, stop=stop, report=None if once else click.echo)
    click.echo(
        "Outbox: " + (", ".join(f"{k} {v}" for k, v in sorted(totals.items())) or "nothing due")
    )


@outbox_cli.command("retry")
@click.option("--failed", is_flag=True, help="Also try again messages that had given up.")
def retry(failed: bool) -> None:
    """After an outage: make every waiting message due now."""
    db = get_session(write=True)
    count = outbox.retry_now(db, utcnow(), include_failed=failed)
    db.commit()
    click.echo(f"{count} messages will be sent on the next pass.")


@outbox_cli.command("status")
def status() -> None:
    """How many messages are in each state, and how long the oldest has waited."""
    found = outbox.summary(get_session(), utcnow())
    for name, count in sorted(found["counts"].items()):
        click.echo(f"{name:<10} {count}")
    click.echo(f"oldest waiting: {found['lag_seconds']:.0f} seconds")


@outbox_cli.command("digest")
def queue_digest() -> None:
    """Queue today's deadline digests now (the sender also does this each working morning)."""
    db = get_session(write=True)
    now = utcnow()
    count = digest.enqueue(db, now.astimezone(digest.COUNCIL_TZ).date(), now)
    db.commit()
    click.echo(f"{count} digests queued.")
