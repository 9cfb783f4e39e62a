"""The question pages of every public journey, one small form per page, one module per
journey (``base`` holds what they share)."""
