"""`mutualaid parse`: one JSON object per input line, in order (docs/PARSING.md, "The command that scores it")."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import parse


def _arguments(argv: list[str] | None, default_tz: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="mutualaid parse", description="Parse chat messages, one per line on standard input.")
    parser.add_argument("--now", help="when the messages were sent, ISO 8601 (default: now)")
    parser.add_argument("--tz", default=default_tz, help=f"the group's IANA time zone (default: {default_tz})")
    return parser.parse_args(argv)


def run(argv: list[str] | None, stdin=None, stdout=None, *, default_tz: str = "America/New_York") -> int:
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    try:
        args = _arguments(argv, default_tz)
    except SystemExit as exit_:  # argparse exits on a bad flag; the caller gets the code instead
        return int(exit_.code or 0)
    try:
        tz = ZoneInfo(args.tz)
    except (ZoneInfoNotFoundError, ValueError):
        print(f"mutualaid parse: unknown time zone {args.tz!r}", file=sys.stderr)
        return 2
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            print(f"mutualaid parse: --now must be ISO 8601, such as 2026-12-02T10:00, not {args.now!r}", file=sys.stderr)
            return 2
        # a naive --now is a wall-clock time in the group's zone
        now = now.replace(tzinfo=tz) if now.tzinfo is None else now.astimezone(tz)
    else:
        now = datetime.now(tz)
    for line in stdin:
        text = line.rstrip("\r\n")
        stdout.write(json.dumps(parse(text, now, tz).to_json(), ensure_ascii=False) + "\n")
    stdout.flush()
    return 0
