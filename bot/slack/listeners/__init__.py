"""Listeners grouped by Slack surface; each module's `register(app, deps)` wires its ids."""
