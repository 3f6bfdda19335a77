"""The ``mutualaid`` command: run, parse, simulate, export."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mutualaid", description="A coordinator bot for mutual aid groups.")
    sub = parser.add_subparsers(dest="command", required=True)

    run_p = sub.add_parser("run", help="start the bot (no config: chat on this terminal)")
    run_p.add_argument("--config", type=Path, help="a TOML config file (see config.example.toml)")

    parse_p = sub.add_parser("parse", help="read messages on standard input, write what the bot reads in them")
    parse_p.add_argument("--now", help="when the messages were sent, e.g. 2026-12-02T10:00")
    parse_p.add_argument("--tz", help="the group's time zone, e.g. America/New_York")
    parse_p.add_argument("--config", type=Path, help="read the default zone from this config")

    sim_p = sub.add_parser("simulate", help="play a conversation script and print what the bot says")
    sim_p.add_argument("script", type=Path)
    sim_p.add_argument("--json", action="store_true", help="print the final state and every message as JSON")

    exp_p = sub.add_parser("export", help="write a group's items as CSV or JSON (no names, handles or private details)")
    exp_p.add_argument("--group", required=True, help="the group's name, or PLATFORM:CHAT_ID where names repeat")
    exp_p.add_argument("--format", choices=("csv", "json"), default="csv")
    exp_p.add_argument("--config", type=Path, help="read the database and default zone from this config")
    exp_p.add_argument("--database", help="a database URL, instead of the config's")
    exp_p.add_argument("--output", type=Path, help="write here instead of standard output")

    args = parser.parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "parse":
        return _parse(args)
    if args.command == "export":
        from bot.reports import cli as export_cli

        return export_cli.main(args)
    if args.command == "simulate":
        from bot import simulate

        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
        return simulate.run(args.script, args.json, sys.stdout, sys.stderr)
    return 2


def _parse(args) -> int:
    from bot import config as config_mod
    from bot.parsing import cli as parse_cli

    argv = []
    if args.now:
        argv += ["--now", args.now]
    if args.tz:
        argv += ["--tz", args.tz]
    default_tz = "America/New_York"
    if args.config:
        try:
            default_tz = config_mod.load(args.config).zone
        except config_mod.ConfigError as exc:
            print(f"mutualaid: {exc}", file=sys.stderr)
            return 2
    return parse_cli.run(argv, sys.stdin, sys.stdout, default_tz=default_tz)


def _run(args) -> int:
    import asyncio

    from bot import config as config_mod
    from bot.runtime import build_runtime

    try:
        cfg = config_mod.load(args.config)
    except config_mod.ConfigError as exc:
        print(f"mutualaid: {exc}", file=sys.stderr)
        return 2
    from bot.logging_setup import configure_logging

    # on the console, logs would drown the chat: warnings only
    configure_logging(cfg.log_level if args.config else "WARNING")
    try:
        runtime, console = build_runtime(cfg)
    except config_mod.ConfigError as exc:
        print(f"mutualaid: {exc}", file=sys.stderr)
        return 2
    try:
        asyncio.run(runtime.run_until_stopped(console))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
