"""Keeping people informed: messages queued in the outbox and delivered by ``flask outbox run``."""
