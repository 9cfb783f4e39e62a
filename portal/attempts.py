"""Counting recent failed attempts, for the throttles on staff sign-in and on tracking
look-ups: each keeps its own table of tries (with ``at`` and ``succeeded`` columns) and its
own limits, but counts the same way."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def failures_since(session: Session, model: Any, since: datetime, **match: str) -> int:
    """Failed tries in ``model`` after ``since`` whose columns equal ``match``."""
    query = select(func.count(model.id)).where(model.at > since, model.succeeded.is_(False))
    for column, value in match.items():
        query = query.where(getattr(model, column) == value)
    return int(session.scalar(query) or 0)
