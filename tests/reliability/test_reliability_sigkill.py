"""SIGKILL at 20 random points while 1,000 messages arrive through Matrix:
no message lost or handled twice, no reply the bot owed lost or sent twice.

The bot runs as production runs it (``python -m bot.cli run --config``)
against a real Synapse; members post over the client API; the count is
taken from the homeserver's rooms (read with an admin account) and from
the bot's database. docs/RELIABILITY.md has the figures of a run."""
from __future__ import annotations

from collections import Counter

import pytest

from .matrix_burst import MatrixBurst, Plan, expected, reckon

pytestmark = pytest.mark.slow


def assert_exactly_once(outcome) -> None:
    """Every message handled once, every owed reply delivered once."""
    got = reckon(outcome)
    announcements, claims, taken = expected(outcome)
    needs = sum(1 for line in outcome.lines if line.kind == "need")
    assert got.unhandled == [], f"{len(got.unhandled)} messages never handled"
    assert set(got.items_per_need.values()) == {1}, f"needs by items made: {Counter(got.items_per_need.values())}"
    assert got.stray_items == 0, "items made from chatter or claims"
    assert len(announcements) == needs
    assert got.announcements == announcements, _difference("announcements", announcements, got.announcements)
    assert got.claim_dms == claims, _difference("claim direct messages", claims, got.claim_dms)
    assert got.taken_dms == taken, _difference("already-taken direct messages", taken, got.taken_dms)
    assert got.wrong_claimers == [], "items whose claimer is not who claimed first"
    assert got.unsent_rows == 0 and got.failed_rows == 0
    # one message on the homeserver per outbox row, edits included: a row
    # sent again after a crash would be one message too many
    assert got.bot_events == got.sent_rows
    assert got.apologies == 0 and got.chatter_answers == 0
    assert outcome.tracebacks == [], outcome.tracebacks[0]
    assert outcome.words_logged == []  # ids and kinds only, even in a crashing bot's log


def report(outcome) -> None:
    waits = sorted(outcome.db.reply_waits())
    print(f"figures: {len(outcome.lines)} messages posted in {outcome.burst_seconds:.1f}s; "
          f"{len(outcome.kills)} kills, the last {outcome.kills[-1].seconds:.1f}s in; every reply delivered "
          f"{outcome.total_seconds:.1f}s after the first message; {len(waits)} replies, waiting "
          f"median {waits[len(waits) // 2]:.1f}s, longest {waits[-1]:.1f}s")


def _difference(what: str, wanted, got) -> str:
    missing = wanted - got
    extra = got - wanted
    return f"{what}: missing {dict(missing)}, extra {dict(extra)}"


async def test_twenty_kills_during_a_burst_of_a_thousand(synapse, bot_account, tmp_path, seed):
    plan = Plan(seed=seed, messages=1000, needs=160, claims=80, taken=20, rooms=8, members=6, kills=20)
    outcome = await MatrixBurst(synapse.url, synapse.registration_shared_secret, *bot_account, tmp_path, plan).run()
    report(outcome)
    assert len(outcome.kills) == 20 and outcome.starts == 21 and outcome.exit_status == 0
    assert_exactly_once(outcome)
