"""A marker for strings that are translated later, not where they are written."""


def N_(message: str) -> str:
    """Return ``message`` unchanged.

    Default labels are defined at import time, before any request (and so any locale) exists.
    Wrapping them in ``N_`` lets Babel extract them (``-k N_``) while the code that shows them
    calls ``gettext`` at display time, in the reader's language.
    """
    return message
