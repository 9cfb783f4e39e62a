"""Form machinery every feature shares: GOV.UK-friendly fields and their rendering."""
