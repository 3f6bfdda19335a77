"""The desk's credentials: login links and sessions, kept as SHA-256
hashes of their secrets (a copy of the database opens no desk)."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import DeskToken

LINK, SESSION = "link", "session"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def add_token(s: Session, kind: str, member_id: int, now: datetime, lifetime: timedelta) -> str:
    """A new link or session for the member; returns its secret (only its hash is kept)."""
    secret = new_secret()
    s.add(DeskToken(token_hash=hash_secret(secret), kind=kind, member_id=member_id, created_at=now,
                    expires_at=now + lifetime))
    s.flush()
    return secret


def use_link(s: Session, secret: str, now: datetime) -> int | None:
    """The member a login link belongs to, if it is unused and unexpired; it
    is used up either way it is found, so it works once."""
    row = s.get(DeskToken, hash_secret(secret), with_for_update=True)
    if row is None or row.kind != LINK or row.used_at is not None:
        return None
    row.used_at = now
    return row.member_id if now < row.expires_at else None


def session_member(s: Session, secret: str, now: datetime) -> int | None:
    row = s.get(DeskToken, hash_secret(secret))
    if row is None or row.kind != SESSION or now >= row.expires_at:
        return None
    return row.member_id


def end_session(s: Session, secret: str) -> None:
    s.execute(delete(DeskToken).where(DeskToken.token_hash == hash_secret(secret)))


def end_all(s: Session, member_id: int) -> int:
    """Every session and unused link of a member (``/desk logout``, losing
    coordinator rights, /forget); returns how many sessions ended."""
    sessions = len(s.scalars(select(DeskToken.token_hash).where(
        DeskToken.member_id == member_id, DeskToken.kind == SESSION)).all())
    s.execute(delete(DeskToken).where(DeskToken.member_id == member_id))
    return sessions


def prune(s: Session, now: datetime) -> None:
    s.execute(delete(DeskToken).where(DeskToken.expires_at < now - timedelta(days=1)))
