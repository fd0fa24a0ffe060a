"""The admin-token pattern checks each word's start after the word (`_opens`), for speed:
it must still hold exactly where a `\\b` before the word held."""

from __future__ import annotations

import pytest

from bot.risk.prose.sharing import _ADMIN_TOKEN


@pytest.mark.parametrize(
    "text",
    [
        "grant all privileges on db to bob",
        "(grant all on t to x)",
        "alter role bob with superuser;",
        "superuser login",
        "gcloud ... --role=roles/owner",
        "attach administratoraccess to the role",
        "grant select on t to public",
        "with grant option",
    ],
)
def test_a_word_at_its_start_is_found(text: str) -> None:
    assert _ADMIN_TOKEN.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "regrant all of it",
        "xroles/owner",
        "notadministratoraccess",
        "withsuperuser;",
        "_superuser;",
        "agrant select on t to public",
    ],
)
def test_a_word_inside_another_is_not(text: str) -> None:
    assert _ADMIN_TOKEN.search(text) is None
