"""Open data: filtered exports (JSON, CSV, Atom) and the spreadsheet import."""
