"""Message keys: a one-way digest of (platform, chat, message id), so the
record of handled messages and the link from a message to its item keep no
platform identifiers (on Signal a message id carries the author's number)."""
import hashlib


def message_key(platform: str, chat_id: str, message_id: str, *extra: str) -> str:
    raw = "\x1f".join((platform, chat_id, message_id, *extra))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:40]
