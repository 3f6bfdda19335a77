"""parse(): one chat message in, one ParseResult out (docs/PARSING.md)."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from .category import category_of, has_topic
from .category import _hits as topic_hits
from .flags import URGENT_WORDS, item_numbers
from . import kind_lexicon as lx
from .kind import Kind, classify, offers_help
from .learned import features as learned_features
from .learned import reader
from .lang import language
from .place import find_place
from .private import find_private
from .result import ParseResult, deferred
from .split import parts_of
from .text import MAX_CHARS, blank, fill, fold, has_digit, normalise, same_shape
from .what import GAP, summary
from .when import find_when

# money amounts and item numbers are not times or dates ("$72", "#3")
_NOT_TIME = re.compile(r"[$#]\s?\d[\d,.]*|\b\d+(?:\.\d+)?\s?(?:%|lbs?|kg|oz)\b")


_LETTER = re.compile(r"[^\W\d_]")

# urgency words that say "at this moment", not "as soon as possible"
_ONLY_NOW = re.compile(r"right now|right away|rn|immediately|de inmediato|inmediatamente|ahorita|ya mismo")


def _gap(text: str, spans: list[tuple[int, int]]) -> str:
    return fill(text, spans, GAP)


ASSUMABLE = ("request", "offer")


def _on_word_edges(text: str, spans: list[tuple[int, int]]) -> bool:
    """No span starts or ends inside a run of word characters.

    Then blanking the spans leaves no piece of a word: every run of word
    characters left is one of `text` (a run that went on into a span would
    have a word character on both sides of that span's edge).
    """
    return not any(_inside_word(text, s) or _inside_word(text, e) for s, e in spans)


def _inside_word(text: str, i: int) -> bool:
    """A word character on both sides of position i."""
    return 0 < i < len(text) and _word_char(text[i - 1]) and _word_char(text[i])


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def parse(text: str, now: datetime, tz: ZoneInfo, assume: str | None = None) -> ParseResult:
    """Read one chat message (docs/PARSING.md).

    `assume`: "request" or "offer" when the kind is already known (the author
    ran /need or /offer): the result has that kind, and its category, when,
    where, urgency and `what` are read as for that kind, even from text that
    alone would read as chatter ("diapers size 4 friday").

    A message holding several needs or offers, each with its own time or place,
    gives the first as the result and the others in `also` (split.py).
    """
    if assume is not None and assume not in ASSUMABLE:
        raise ValueError(f"assume must be None, 'request' or 'offer', not {assume!r}")
    if text is None:
        text = ""
    if not isinstance(text, str):
        text = str(text)
    if now.tzinfo is None:
        now = now.replace(tzinfo=tz)
    anchors: list = []
    whole = _parse_one(text, now, tz, assume, anchors)
    if whole.kind not in ASSUMABLE or not anchors or anchors[0] < 2:
        return whole  # one day-or-time phrase or place at most: one need, whatever else the text says
    parts = parts_of(text[:MAX_CHARS], whole, lambda part, kind: _parse_one(part, now, tz, kind), anchors[1])
    if parts is None:
        return whole
    if assume is not None:
        # /need and /offer say the kind of every part, as of the whole
        parts = [(t, r if r.kind == assume else _parse_one(t, now, tz, assume)) for t, r in parts]
    first, rest = parts[0][1], [r for _, r in parts[1:]]
    # the whole message's text and private details: the engine keeps them for whoever claims any part
    rest = tuple(replace(r, private=whole.private) for r in rest)
    return replace(first, text=whole.text, private=whole.private, lang=whole.lang, also=rest)


# what may stand between a day phrase and a time phrase of the same moment ("friday at 3", "dec 11, 8am")
_SAME_MOMENT = re.compile(r"[\s,.\-@]*(?:(?:at|by|on|around|from|a las|el|de|the)[\s,.]*)?")


def _anchor_count(t: str, time_spans: list[tuple[int, int]], where: str | None) -> int:
    """How many separate moments and places the text names: "tuesday ... thursday 10am" is two
    ("thursday 10am" one), a place one more. A message with fewer than two holds one need."""
    clusters = 0
    end = -1
    for s, e in sorted(time_spans):
        overlapping = 0 <= s < end
        if end < 0 or not (overlapping or _SAME_MOMENT.fullmatch(t, end, s)):
            clusters += 1
        end = max(end, e)
    return clusters + (where is not None)


def _prepared(text: str):
    """What every reading starts from: the private details as written, the
    lower-cased and folded text, the original where offsets still match, the
    private spans in the folded text, and the folded text with them blanked."""
    private_spans = find_private(text)
    private = tuple(text[s:e] for s, e in private_spans) if private_spans else ()
    low = normalise(text)
    t = fold(low)
    # offsets in t match the original only when lower-casing kept every length
    original = text[:MAX_CHARS] if same_shape(text, low) else None
    # the same spans serve when offsets line up; otherwise find them again in t
    private_in_t = private_spans if original is not None else find_private(t)
    masked = blank(t, private_in_t) if private_in_t else t
    return private, low, t, original, private_in_t, masked


def _when_reader(masked: str, now: datetime, tz: ZoneInfo):
    """A function giving (when, time spans) of masked, worked out once, on first call:
    only requests and offers (and the rules' vague check) need them."""
    found: list = []

    def when_and_spans():
        if not found:
            digits = has_digit(masked)
            # _NOT_TIME needs a "$" or "#", or a digit and "%", "lb", "kg" or "oz"
            if "$" in masked or "#" in masked or (
                digits and ("%" in masked or "lb" in masked or "kg" in masked or "oz" in masked)
            ):
                not_time = [m.span() for m in _NOT_TIME.finditer(masked)]
                if not_time:
                    found.append(find_when(blank(masked, not_time), now, tz))
                    return found[0]
            found.append(find_when(masked, now, tz, digits))
        return found[0]

    return when_and_spans


def _parse_one(text: str, now: datetime, tz: ZoneInfo, assume: str | None,
               anchors: list[int] | None = None) -> ParseResult:
    """parse() of a message read as one need, offer, claim or other.

    `anchors`: a list that gets the count of separate moments and places named (_anchor_count),
    for requests and offers."""

    private, low, t, original, private_in_t, masked = _prepared(text)
    when_and_spans = _when_reader(masked, now, tz)

    k = classify(masked, lambda: when_and_spans()[1])
    scored = reader().read(masked, _hints(masked, k))
    k = _decide(k, scored.kind(), masked)
    lang = language(t)
    told = assume is not None and k.kind != assume
    if told:
        # the whole text says what is needed or offered: read it from the start
        k = Kind(assume, anchor=0, signals=((0, 0, False),))

    def numbers():
        return item_numbers(t)

    if k.kind not in ("request", "offer"):
        return deferred(text, k.kind, None, None, None, False, lang, private, k.vague, _no_what, numbers)

    when, time_spans = when_and_spans()
    if not _LETTER.search(masked) or (told and not has_topic(masked, min_tier=1)):
        # a need or offer said in no words (/offer with nothing after it), or one the
        # author was only told to be ("hmm" to "what do you need?") that names nothing
        # the rules know: of no known kind
        category = "other"
    else:
        category = scored.category()
    # time phrases are filled with GAP, not spaces, so no place phrase runs across one
    # ("by friday they evict us" holds no place "they evict us")
    if time_spans and _on_word_edges(masked, time_spans):
        # every word of the filled text is a word of masked: its words serve the place gates
        where = find_place(fill(masked, time_spans, GAP), original, masked)
    else:
        where = find_place(fill(masked, time_spans, GAP), original)
    urgent_words = URGENT_WORDS.search(masked) is not None  # what flags.is_urgent(masked) says
    urgent = urgent_words
    if urgent and when is not None and when.start.date() > now.astimezone(tz).date():
        # "can someone get my prescription tomorrow? i can't walk far right now": "now" is
        # the author's state, the need is tomorrow's; asap, urgent, emergency still count
        urgent = any(_ONLY_NOW.fullmatch(m.group(0)) is None for m in URGENT_WORDS.finditer(masked))

    def what():
        # `what` is not in docs/PARSING.md's JSON: worked out when the engine reads it
        urgent_spans = [m.span() for m in URGENT_WORDS.finditer(masked)] if urgent_words else []
        gaps = time_spans + urgent_spans + private_in_t
        gapped = _gap(masked, gaps)
        return summary(original if original is not None else t, gapped, list(k.signal_spans()), category, lang)

    if anchors is not None:
        anchors.append(_anchor_count(masked, time_spans, where))
        # where they start in the text, for split.py; None when lower-casing moved the offsets
        if original is None:
            anchors.append(None)
        else:
            marks = [s for s, _ in time_spans]
            if where is not None and original.find(where) >= 0:
                marks.append(original.find(where))
            anchors.append(marks)
    return deferred(text, k.kind, category, when, where, urgent, lang, private, False, what, numbers)


# word lists of the rules whose presence the model weighs, each on its own:
# they carry the rules' knowledge of how people ask, offer and take, in words
# no training message used
_LEXICON_HINTS = (
    ("need", lx.NEED), ("ask", lx.GROUP_ASK), ("seek", lx.SEEK), ("if-ask", lx.IF_ASK), ("weak", lx.WEAK_NEED),
    ("available", lx.AVAILABLE), ("giving", lx.GIVING), ("able", lx.CAPABILITY), ("audience", lx.AUDIENCE_OFFER),
    ("claim", lx.CLAIM), ("commit", lx.COMMIT), ("specific", lx.SPECIFIC), ("not-taking", lx.NOT_TAKING),
    ("info", lx.INFO), ("notice", lx.NOTICE), ("thanks", lx.THANKS), ("laugh", lx.LAUGH), ("help-only", lx.HELP_ONLY),
)


def _hints(masked: str, k: Kind) -> tuple[str, ...]:
    """What the rules read, as features for the model: it learns how far to trust them."""
    hints = ["k:" + ("vague" if k.vague else k.kind)]
    if k.kind in ASSUMABLE:
        hints.append("c:" + category_of(masked, k.anchor))
    if item_numbers(masked):
        hints.append("n")
    hints.extend("x:" + name for name, pattern in _LEXICON_HINTS if pattern.search(masked))
    hints.extend({"t:" + hit[1] for hit in topic_hits(masked)})
    return tuple(hints)


# A message headed as a need or an offer, the way groups label posts
# ("ISO a crib", "Request: winter coat", "[NEED] ride sat", "OFFER: free couch"):
# docs/PARSING.md reads the label as written
_HEADED = re.compile(
    r"^\W*(?:(?P<need>iso|in search of|request|req|need|needed|solicitud|pedido|se busca|necesito|se necesita)"
    r"|(?P<offer>offer|offering|free|available|disponible|regalo|se regala|ofrezco))\s*(?:[:\]\-]|\b(?=iso))"
    r"|^\W*(?P<iso>iso)\s+\w"
)


# how sure the model must be that a message asks for something before it is
# posted (tuned on a group of training authors, never on the held-out ones)
ASK_AT_LEAST = 0.5


def _decide(rules: Kind, p: dict[str, float], t: str) -> Kind:
    """The kind: what the model finds likeliest, where the contract leaves it to reading.

    What the contract says outright is kept by rule:
    - a message headed as a need or an offer ("ISO", "Request:", "OFFER:")
      is what its label says;
    - a plea that names no need is vague: where the model finds a plea
      likelier than a need, the rules' topic words must name no need either,
      leaving aside words too loose to name one alone ("things", "stuff");
      the model weighs the whole message, the rules look for the need itself;
    - a claim carries no new need or offer: "I can drive Saturday" with
      nothing before it is an offer, so a claim that names no one and nothing
      already posted ("her", "it", "#3", "that one") but offers a service is
      an offer (a reply to a need still claims it: the engine reads an offer
      in a reply as a claim);
    - a claim its author is not sure of yet ("maybe I can", "tal vez"), a
      refusal ("can't do mondays") and a promise to ask someone else ("I'll
      ask my husband if he can") take nothing: precision first.
    """
    headed = _HEADED.match(t)
    if headed is not None:
        kind = "offer" if headed.group("offer") else "request"
        return rules if rules.kind == kind else Kind(kind, anchor=0, signals=((0, 0, False),))
    ask = p["request"] + p["vague"]
    kind = max(("request", ask), ("offer", p["offer"]), ("claim", p["claim"]), ("other", p["other"]), key=lambda x: x[1])[0]
    if kind == "request" and ask < ASK_AT_LEAST and not (rules.kind == "request" and p["request"] > p["other"]):
        # precision first: a chat message wrongly posted as a need is noise in everyone's
        # group, so a need must be likelier than not, unless the rules read one too and
        # the model finds a need likelier than chatter ("need blankets")
        kind = "other"
    if kind == "request":
        if rules.vague or (p["vague"] > p["request"] and (rules.kind != "request" or not has_topic(t))):
            return Kind("other", vague=True)
    elif kind == "claim":
        if lx.NOT_TAKING.search(t):
            return Kind("other")
        if rules.kind == "offer" and not lx.SPECIFIC.search(t):
            return rules
    if kind == rules.kind and not rules.vague:
        return rules  # the rules know where the need or offer is said: the summary reads from there
    if kind in ASSUMABLE:
        # the rules saw no need or offer here: the whole text says what it is
        return Kind(kind, anchor=0, signals=((0, 0, False),))
    return Kind(kind)


def reading_features(text: str, now: datetime, tz: ZoneInfo) -> list[str]:
    """The model's features of a message, read exactly as parse() reads them (for training)."""
    masked = _prepared(text or "")[-1]
    when_and_spans = _when_reader(masked, now, tz)
    k = classify(masked, lambda: when_and_spans()[1])
    return learned_features(masked, _hints(masked, k))


def _no_what() -> str:
    return ""


def reads_as_help(text: str) -> bool:
    """Whether a reply to an item offers the author's help, though it names no
    need ("I can do mondays", "puedo ir el lunes"): docs/BEHAVIOUR.md counts "an
    offer of help" in reply to an announcement as a claim."""
    return offers_help(fold(normalise(text or "")))
