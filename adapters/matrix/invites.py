"""Who may invite the bot into a room (``[matrix] allow_invites_from``).

An invite is how a Matrix room adds the bot, so a list that lets nobody in
makes a bot that silently never joins anything. The policy is therefore
said at start, and a list that can match no inviter is a warning then, not
a surprise at the first refused invite.
"""
from __future__ import annotations

import logging

from .config import MatrixConfig
from .translate import server_name

# Names that no federating homeserver can have (RFC 2606 and RFC 6761):
# an inviter on such a server can only be a user of the bot's own server.
_RESERVED_NAMES = ("localhost", "example.com", "example.net", "example.org")
_RESERVED_SUFFIXES = (".localhost", ".example", ".invalid", ".test") + tuple("." + n for n in _RESERVED_NAMES[1:])


def invite_allowed(allowed: tuple[str, ...], inviter: str) -> bool:
    """An entry is a user id (that user) or a server name (its users)."""
    return inviter in allowed or server_name(inviter) in allowed


def _is_reserved(server: str) -> bool:
    host = server.lower()
    if not host.endswith("]"):  # an IPv6 literal keeps its colons
        host = host.rsplit(":", 1)[0]  # example.org:8448 -> example.org
    return host in _RESERVED_NAMES or host.endswith(_RESERVED_SUFFIXES)


def can_match_an_inviter(entry: str, bot_user_id: str) -> bool:
    """False for an entry no invite can ever come from: the bot itself, or
    a name reserved for examples and tests on another server than the
    bot's own (``example.org`` left over from the example config)."""
    if entry == bot_user_id:
        return False
    server = server_name(entry) if entry.startswith("@") else entry
    return server == server_name(bot_user_id) or not _is_reserved(server)


def log_invite_policy(config: MatrixConfig, log: logging.Logger) -> None:
    """Say at start whose invites the bot accepts. Entries are named by
    their place in the list: a user id is a person's identifier."""
    allowed, bot_user_id = config.allow_invites_from, config.user_id
    if config.invites_defaulted:
        log.info(
            "matrix: no allow_invites_from: accepting invites from users of %s, the bot's own homeserver",
            server_name(bot_user_id),
        )
        return
    dead = [index for index, entry in enumerate(allowed) if not can_match_an_inviter(entry, bot_user_id)]
    if len(dead) == len(allowed):
        log.warning(
            "matrix: allow_invites_from refuses every invite (%s): the bot will join no room; "
            "list your server name or the user ids of the people who add it, or remove the key "
            "to accept users of its own homeserver",
            "the list is empty" if not allowed else "no entry can match an inviter",
        )
        return
    for index in dead:
        log.warning(
            "matrix: allow_invites_from[%d] can match no inviter (the bot itself, or a name reserved for examples)",
            index,
        )
    servers = sum(1 for entry in allowed if not entry.startswith("@"))
    log.info(
        "matrix: accepting invites from %d server(s) and %d user(s) in allow_invites_from",
        servers, len(allowed) - servers,
    )
