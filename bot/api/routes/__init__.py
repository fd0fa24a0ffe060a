"""One module per resource of the gate API."""
