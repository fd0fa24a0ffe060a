from sqlmodel import select

from storage.db import session_scope
from storage.keys import authenticate, create_key, hash_key, revoke_key
from storage.models import ApiKey


def test_keys_are_stored_hashed_and_revocable(engine):
    with session_scope(engine) as s:
        key, plaintext = create_key(s, agent="opsbot")
    with session_scope(engine) as s:
        row = s.exec(select(ApiKey)).one()
        assert plaintext not in (row.key_hash, row.prefix) and row.key_hash == hash_key(plaintext)
        assert authenticate(s, plaintext).id == key.id
        assert authenticate(s, plaintext + "x") is None
        assert authenticate(s, "not-a-key") is None
        revoke_key(s, key.id)
    with session_scope(engine) as s:
        assert authenticate(s, plaintext) is None
