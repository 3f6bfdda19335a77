"""The homeserver's start time, the config section, and the pure
translation helpers."""
from __future__ import annotations

from pathlib import Path

import pytest

from adapters.matrix import MatrixAdapter, from_config
from adapters.matrix.room_facts import creators_from_create_event
from adapters.matrix.translate import RoomView, find_mentions, reply_target, strip_reply_fallback

from .synapse import SynapseServer

GOOD = {
    "homeserver": "http://127.0.0.1:8008",
    "user_id": "@mutualaid:localhost",
    "password_env": "MATRIX_PASSWORD",
    "store_passphrase_env": "MATRIX_STORE_PASSPHRASE",
    "store": "data/matrix",
    "allow_invites_from": ["localhost", "@ana:example.org"],
    "trust": "tofu",
    "encrypt_direct": True,
}
ENV = {"MATRIX_PASSWORD": "secret", "MATRIX_STORE_PASSPHRASE": "a-passphrase-of-our-own"}


def test_homeserver_starts_in_under_ten_seconds(synapse: SynapseServer):
    assert synapse.last_start_seconds is not None and synapse.last_start_seconds < 10
    assert synapse.is_answering()


def test_from_config_reads_every_key(tmp_path: Path):
    adapter = from_config(GOOD, tmp_path, ENV)
    assert isinstance(adapter, MatrixAdapter) and adapter.platform == "matrix"
    config = adapter.config
    assert config.homeserver == "http://127.0.0.1:8008"  # used as given
    assert config.password == "secret" and config.access_token is None
    assert config.store == (tmp_path / "data/matrix").resolve()
    assert config.allow_invites_from == ("localhost", "@ana:example.org")
    assert (config.trust, config.encrypt_direct) == ("tofu", True)
    token = from_config({**GOOD, "password_env": None, "access_token_env": "TOKEN"}, tmp_path, {"TOKEN": "t", "MATRIX_STORE_PASSPHRASE": "a-passphrase-of-our-own"})
    assert token.config.access_token == "t" and token.config.password is None


@pytest.mark.parametrize("change, key", [
    ({"homeserver": "matrix.example.org"}, "matrix.homeserver"),
    ({"user_id": "mutualaid"}, "matrix.user_id"),
    ({"password_env": "UNSET_VARIABLE"}, "matrix.password_env"),
    ({"allow_invites_from": ["not a server!"]}, "matrix.allow_invites_from[0]"),
    ({"allow_invites_from": "localhost"}, "matrix.allow_invites_from"),
    ({"trust": "everyone"}, "matrix.trust"),
    ({"encrypt_direct": "yes"}, "matrix.encrypt_direct"),
])
def test_bad_values_name_their_key(tmp_path: Path, change: dict, key: str):
    with pytest.raises(ValueError) as raised:
        from_config({**GOOD, **change}, tmp_path, ENV)
    assert str(raised.value).startswith(key + ":")


def test_reply_fallback_is_stripped_only_when_present():
    assert strip_reply_fallback("> <@jo:localhost> need milk\n> more\n\nI can do it") == "I can do it"
    assert strip_reply_fallback("I can do it") == "I can do it"
    assert strip_reply_fallback(">not a quote") == ">not a quote"


def test_thread_reply_points_at_the_thread_root():
    content = {"m.relates_to": {"rel_type": "m.thread", "event_id": "$root", "is_falling_back": True,
                                "m.in_reply_to": {"event_id": "$latest"}}}
    assert reply_target(content) == "$root"
    assert reply_target({"m.relates_to": {"m.in_reply_to": {"event_id": "$x"}}}) == "$x"
    assert reply_target({}) is None


def test_typed_mentions_resolve_only_to_room_members():
    room = RoomView("!r:localhost", "G", False, lambda _: False, {"jo": "@jo:localhost"})
    mentions = find_mentions({}, "/assign 3 @jo and @stranger", room)
    assert [(m.text, m.user_id, m.handle) for m in mentions] == [("@jo", "@jo:localhost", "jo")]


def test_v12_creators_include_additional_creators_and_older_rooms_have_none():
    v12 = {"type": "m.room.create", "sender": "@ana:localhost",
           "content": {"room_version": "12", "additional_creators": ["@ben:localhost"]}}
    assert creators_from_create_event(v12) == {"@ana:localhost", "@ben:localhost"}
    v11 = {"type": "m.room.create", "sender": "@ana:localhost", "content": {"room_version": "11"}}
    assert creators_from_create_event(v11) == frozenset()
