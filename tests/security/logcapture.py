"""Every log record of a test run, and what must never be in one.

As a pytest plugin (``pytest_plugins = ["tests.security.logcapture"]`` in
tests/conftest.py) it records, for the whole run, every record a running
bot would write (bot/logging_setup.py: the project's loggers from INFO,
libraries from WARNING), and at the end fails the run if one holds a
handle or words of a message from tests/scenarios/, a phone number or a
street address. tests/security/test_logs_hold_no_personal_data.py uses the
same pieces on a run of its own."""
from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path

from bot.commands.table import BY_NAME
from bot.logging_setup import QUIET_LIBRARIES, redact, shown_when_running
from bot.script import Edit, React, Say, ScriptError, read_line
from bot.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "tests" / "scenarios"
MAX_RECORDS = 200_000  # a bound, so a chatty run cannot eat the memory

PHONE = re.compile(r"(?<![\w+])\+\d{8,15}(?!\d)|(?<![\d-])\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?![\d-])|(?<![\d-])\d{3}-\d{4}(?![\d-])")
ADDRESS = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Dr|Drive|Way|Ct|Court|Pl|Place)\b"
    r"|\b(?:Calle|Avenida)\s+\S+\s*#\s*\d+|\bapt\.?\s*\d+",
)
# words the project's own log calls write: they are the log's vocabulary, not anyone's message
_LOG_CALL = re.compile(r"log\.(?:debug|info|warning|error|exception|critical)\(\s*f?\"([^\"]*)\"")


def render(record: logging.LogRecord) -> str:
    """All a record would show: its message with its arguments, and the
    text of its exception and stack."""
    try:
        text = record.getMessage()
    except Exception:  # a record whose arguments do not fit its format
        text = f"{record.msg} {record.args}"
    formatter = logging.Formatter()
    if record.exc_info:
        text += "\n" + formatter.formatException(record.exc_info)
    elif record.exc_text:
        text += "\n" + record.exc_text
    if record.stack_info:
        text += "\n" + record.stack_info
    return text


class Capture(logging.Handler):
    """Records what reaches ``logger`` (by default the root: every logger)."""

    def __init__(self, logger: str = "") -> None:
        super().__init__(level=logging.INFO)
        self.logger = logger
        self.texts: list[tuple[str, str]] = []  # (logger, rendered record)

    def emit(self, record: logging.LogRecord) -> None:
        # what a running bot would write: libraries only from WARNING up
        # (bot/logging_setup.py), the project's own loggers from INFO
        if not shown_when_running(record):
            return
        if len(self.texts) < MAX_RECORDS:
            text = render(record)
            if record.name.split(".", 1)[0] in QUIET_LIBRARIES:
                # libraries' words reach the log through the masking filter;
                # the project's own records must hold no one without it
                text = redact(text)
            self.texts.append((record.name, text))

    def __enter__(self) -> "Capture":
        root = logging.getLogger(self.logger)
        self._level = root.level
        root.addHandler(self)
        if root.level == logging.NOTSET or root.level > logging.INFO:
            root.setLevel(logging.INFO)  # otherwise INFO records are never made
        return self

    def __exit__(self, *exc) -> None:
        root = logging.getLogger(self.logger)
        root.removeHandler(self)
        root.setLevel(self._level)


def log_vocabulary() -> set[str]:
    words: set[str] = set()
    for folder in ("bot", "storage", "adapters"):
        for path in (ROOT / folder).rglob("*.py"):
            for fmt in _LOG_CALL.findall(path.read_text(encoding="utf-8")):
                words |= {w.lower() for w in re.findall(r"[^\W\d_]+", fmt)}
    return words


def sensitive_from_lines(lines: list[str]) -> tuple[set[str], set[str]]:
    """(handles, words) a conversation used: the handles of everyone who
    wrote, reacted or was named by a directive, and the words of more than
    six letters of what they wrote, except command names and the log's own
    vocabulary."""
    handles: set[str] = set()
    words: set[str] = set()
    ids: set[str] = set(BY_NAME) | {s.key for s in SETTINGS}  # chat ids and the bot's own words
    for number, raw in enumerate(lines, start=1):
        try:
            line = read_line(raw, number)
        except ScriptError:
            continue
        if isinstance(line, (Say, Edit, React)):
            handles.add(line.who)
        if isinstance(line, Say) and line.reply_person:
            handles.add(line.reply_person)
        if isinstance(line, (Say, Edit)):
            text = re.sub(r"^\s*[/!]\S+", "", line.text)  # the command's name is the bot's word
            words |= {w.lower() for w in re.findall(r"[^\W\d_]{7,}", text)}
        if getattr(line, "name", None) in ("dm", "coordinator"):
            handles.add(line.value)
        if getattr(line, "name", None) == "group":  # a script's chat id, which logs may carry
            ids.add(line.value.lower())
    return handles, words - ids - log_vocabulary()


def scenario_lines() -> list[str]:
    return [line for path in sorted(SCENARIOS.glob("*.script")) for line in path.read_text(encoding="utf-8").splitlines()]


def findings(texts: list[tuple[str, str]], handles: set[str], words: set[str]) -> list[str]:
    """Each record that holds a handle, a message's word, a phone number or
    an address, with what it holds."""
    patterns = [(f"handle {h!r}", re.compile(rf"(?<![\w-]){re.escape(h)}(?![\w-])")) for h in sorted(handles)]
    patterns.append(("a message's words", re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)", re.I)
                     if words else None))
    patterns += [("a phone number", PHONE), ("an address", ADDRESS)]
    out = []
    for logger, text in texts:
        for what, pattern in patterns:
            if pattern is not None and (m := pattern.search(text)):
                out.append(f"{logger}: {what} ({m.group(0)!r}) in {text[:300]!r}")
    return out


# --- the plugin -----------------------------------------------------------------------

_RUN = Capture()


def pytest_configure(config) -> None:
    _RUN.__enter__()


def pytest_sessionfinish(session, exitstatus) -> None:
    _RUN.__exit__(None, None, None)
    handles, words = sensitive_from_lines(scenario_lines())
    found = findings(_RUN.texts, handles, words)
    if found:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [f"{len(found)} log record(s) of this run hold personal data:"] + found[:50]
        if reporter is not None:
            reporter.write_sep("=", "personal data in the logs", red=True)
            for line in lines:
                reporter.write_line(line)
        session.exitstatus = 1


@contextlib.contextmanager
def outside_the_run():
    """For a test that provokes a known leak on purpose and asserts it
    itself (an xfail naming the bug): keep its records out of the run's."""
    root = logging.getLogger()
    attached = _RUN in root.handlers
    if attached:
        root.removeHandler(_RUN)
    try:
        yield
    finally:
        if attached:
            root.addHandler(_RUN)


def records_so_far() -> list[tuple[str, str]]:
    """What the plugin has recorded up to now (empty when it is not loaded)."""
    return list(_RUN.texts)
