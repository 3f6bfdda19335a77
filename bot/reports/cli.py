"""``mutualaid export --group NAME [--format csv|json]``: a group's items
for whoever runs the bot, with /export's columns and exclusions, streamed
from the database to standard output (or ``--output FILE``).

It only reads: it opens its own connection, without the bot's
write-locking transactions, so a running bot is never held up, and it
never creates or migrates a database."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot import settings as settings_mod
from bot.reports import export
from storage import reports as store

# a progress bar is shown on a terminal, and on any stream for an export
# this large (a cron job's log then tells how far a slow one got)
LARGE_EXPORT = 50_000


class ExportError(Exception):
    """What the person running the command must fix; exit status 2."""


def run(group_name: str, fmt: str, database_url: str, default_zone: str, out: TextIO, err: TextIO) -> int:
    try:
        engine = create_engine(_existing(database_url))
    except ExportError as exc:
        err.write(f"mutualaid export: {exc}\n")
        return 2
    except SQLAlchemyError as exc:
        err.write(f"mutualaid export: not a database URL: {type(exc).__name__}\n")
        return 2
    try:
        with Session(engine) as db:
            group = _one_group(db, group_name)
            zone = settings_mod.effective(json.loads(group.settings or "{}"), default_zone)["zone"]
            total = store.export_count(db, group.id)
            spans = export.zone_offsets(db, group.id, ZoneInfo(zone), datetime.now(timezone.utc))
            if fmt == "csv":
                export.write_csv(_with_progress(store.export_lines(db, group.id, spans, stream=True), total, err), out)
            else:
                export.write_json(_with_progress(store.export_rows(db, group.id, spans), total, err), out)
            out.flush()
    except ExportError as exc:
        err.write(f"mutualaid export: {exc}\n")
        return 2
    except SQLAlchemyError as exc:
        err.write(f"mutualaid export: cannot read the database: {type(exc).__name__}\n")
        return 2
    finally:
        engine.dispose()
    return 0


def _existing(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        if not path or path == ":memory:" or not Path(path).exists():
            raise ExportError(f"no database at {path or url!r}; give --config or --database")
    return url


def _one_group(db: Session, name: str):
    found = store.groups_for_export(db, name)
    if not found:
        raise ExportError(f"no group named {name!r}")
    if len(found) > 1:
        choices = ", ".join(f"{g.platform}:{g.chat_id}" for g in found)
        raise ExportError(f"{len(found)} groups are named {name!r}; name one as PLATFORM:CHAT_ID: {choices}")
    return found[0]


def _with_progress(rows: Iterable, total: int, err: TextIO) -> Iterable:
    show = total >= LARGE_EXPORT or _is_terminal(err)
    if not show:
        return rows
    from tqdm import tqdm

    return tqdm(rows, total=total, file=err, unit=" items", mininterval=0.5, leave=True)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def main(args, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The ``export`` subcommand of ``bot.cli``."""
    from bot import config as config_mod

    out, err = out or sys.stdout, err or sys.stderr

    try:
        cfg = config_mod.load(args.config)
    except config_mod.ConfigError as exc:
        err.write(f"mutualaid: {exc}\n")
        return 2
    url = args.database or cfg.database_url
    if args.output is None:
        return run(args.group, args.format, url, cfg.zone, out, err)
    try:
        with args.output.open("w", encoding="utf-8", newline="") as f:
            return run(args.group, args.format, url, cfg.zone, f, err)
    except OSError as exc:
        err.write(f"mutualaid export: cannot write {args.output}: {exc.strerror}\n")
        return 2
