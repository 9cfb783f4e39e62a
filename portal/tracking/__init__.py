""" "Check your complaint": the person's way back to their representation, without an account."""
