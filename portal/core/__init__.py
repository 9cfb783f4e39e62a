"""Pure-Python rules of the complaints domain, kept free of Flask so they can be tested alone."""
