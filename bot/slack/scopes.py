"""The bot scopes TwoKey's Slack app needs: what manifest.yml asks for, in one place
(tests/test_doctor.py keeps the two equal; `twokey doctor` and the stand-in read it)."""

BOT_SCOPES: tuple[str, ...] = (
    "channels:history",
    "groups:history",
    "im:history",
    "mpim:history",
    "mpim:read",
    "channels:read",
    "groups:read",
    "chat:write",
    "im:write",
    "users:read",
    "users:read.email",
    "usergroups:read",
    "commands",
    "files:write",
    "channels:join",
)
