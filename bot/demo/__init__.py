"""`twokey demo`: the real app against a local Slack stand-in, narrated and checked."""
