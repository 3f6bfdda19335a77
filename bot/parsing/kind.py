"""Deciding request / offer / claim / other, and whether a request is too vague to post."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from . import kind_lexicon as lx
from .category import has_topic
from .gate import mask_of
from .text import blank

_LETTER = re.compile(r"[^\W\d_]")
# words that carry no need of their own: what is left of "i need help please" is nothing
_FILLER = frozenset(
    """i i'm im me my we us our you u someone somebody anyone anybody any1 folks people all please pls plz por favor
    need needs needed help helps ayuda ayudar ayudame ayudenme necesito necesitamos necesita alguien puede pueda podria
    can could would will can't asap urgent urgente urgently hi hello hey hola everyone todos buenas buenos dias good
    morning with con something algo some stuff things cosas a an the el la los las un una de del que q to for para and y
    it this that is am are be get got have just really so very muy help! ya now rn today hoy pls! thanks thank gracias
    quien who out there here aqui anything nada mi mis su sus lo le les nos do does if si o or emergency emergencia
    it's its es pronto soon badly much mucho mucha very really at on by around el la para a las
    """.split()
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(slots=True)  # internal; not frozen: building frozen ones costs microseconds
class Kind:
    kind: str
    vague: bool = False
    anchor: int = 0  # where the need or offer is said: the category reads from here
    # (start, end, postfix) of each need or offer phrase, for the summary;
    # postfix marks "ride needed", where what is needed comes first.
    # Or a function giving them: only the summary reads them, and it is itself read late (result.py)
    signals: tuple[tuple[int, int, bool], ...] | Callable[[], tuple[tuple[int, int, bool], ...]] = ()

    def signal_spans(self) -> tuple[tuple[int, int, bool], ...]:
        return self.signals() if callable(self.signals) else self.signals


_ASKED = re.compile(r"\b(?:anyone|anybody|any1|any one|someone|somebody|some1|sombody|one of (?:you|u)|you guys|u guys|y'?all|you all|folks|people|alguien(?: que| q)?)\b")


_IF_ASK_HEAD = re.compile(r"if .*?(?:can|could|would be able to|are able to|is able to)\s+(?:please\s+)?")
_SERVICE_AT_END = re.compile(r"\b" + lx.SERVICE + r"$")


def _signals(*matches, postfix=None, ordered=False) -> tuple[tuple[int, int, bool], ...]:
    out = []
    for m in matches:
        if not m:
            continue
        end = m.end()
        if m.re is lx.GROUP_ASK.re:
            # keep the verb: "can anyone watch my kids" reads "watch my kids"
            who = list(_ASKED.finditer(m.group(0)))
            if who:
                end = m.start() + who[-1].end()
        elif m.re is lx.IF_ASK.re:
            # keep the verb: "if anyone could drive me to the clinic" reads "drive me to the clinic"
            head = _IF_ASK_HEAD.match(m.group(0))
            if head:
                end = m.start() + head.end()
        elif m.re is lx.SEEK.re:
            # keep what is asked for: "where can i get diapers for my baby" reads "diapers for my baby"
            obj = lx.SEEK_OBJECT.search(m.group(0))
            if obj:
                end = m.start() + obj.start()
        elif m.re is lx.CAPABILITY.re:
            # keep the verb: "can drive folks" reads "drive folks"
            verb = _SERVICE_AT_END.search(m.group(0))
            if verb:
                end = m.start() + verb.start()
        out.append((m.start(), end, m is postfix))
    # offers: what the author can do says more than what they have
    return tuple(out) if ordered else tuple(sorted(out))


_UNREAD = object()  # a pattern not searched yet (None: searched, no match)


def _request_signals(t: str, rest: str, need, ask, seek, need_after, weak, if_ask) -> tuple[tuple[int, int, bool], ...]:
    """A request's signals, searching the patterns classify() did not need for its decision."""
    if need_after is _UNREAD:
        need_after = lx.NEED_AFTER.search(rest)
    if weak is _UNREAD:
        weak = lx.WEAK_NEED.search(rest)
    if if_ask is _UNREAD:
        if_ask = lx.IF_ASK.search(t)
    return _signals(need, ask, seek, need_after, weak, if_ask, postfix=need_after)


def _same_sentence(t: str, a, b) -> bool:
    lo, hi = sorted((a.start(), b.start()))
    return not any(c in ".!?\n" for c in t[lo:hi])


def _first(*matches):
    found = [m for m in matches if m]
    return min(found, key=lambda m: m.start()) if found else None


def _spans(spans) -> list:
    return list(spans() if callable(spans) else spans)


def _is_vague(t: str, spans) -> bool:
    if callable(spans):
        spans = spans()
    # word by word (not findall): a need is most often named in the first few words
    for m in _WORD.finditer(blank(t, spans)):
        w = m.group()
        if w not in _FILLER and not w.isdigit():
            return False
    return True


# "needs to <verb>" where the verb is the subject's own doing, not something others can provide
_OWN_DOING = re.compile(
    r"(?:finish|update|vent|sleep|rest|study|stop|learn|practice|practise|remember|figure|decide|think|focus|relax|chill|calm|"
    r"breathe|say|tell|admit|thank|apologi[sz]e|post|read|write|start|wake|leave|shower|catch up|hear|understand|plan|"
    r"organi[sz]e|discuss|vote|agree|reply|respond|answer|change|improve|sign|join|register|attend|"
    r"be (?:more|less|honest|careful|patient|quiet|added|removed|on|in))\b"
)

_GOING = re.compile(r"(?:get|go|be|make it) (?:to|at|over to|back to)\b")


_SOMEONE_ELSE = frozenset("you u ya yall y'all she he they".split())
_STILL = frozenset("still todavia aun".split())
_PRONOUN_OBJECT = re.compile(r"\s+(?:this|that|it|them|one|help|these|those)\b")
_ASKS_GROUP = re.compile(r"\b(?:anyone|anybody|any1|someone|somebody|alguien)\W*$")


def _asks_about_their_need(t: str, need) -> bool:
    """A question about someone else's need, or whether a need still stands: the
    need word's sentence ends in "?" and has "you", "she" or "they" before it
    ("you still need a ride?"), or "still" before it and a pronoun after it
    ("still need this?"). Spanish second-person forms ("¿necesitas ayuda?")
    are not among the need words, so they never reach here."""
    start = max(t.rfind(c, 0, need.start()) for c in ".!?\n") + 1
    q = t.find("?", need.end())
    if q < 0 or any(c in t[need.end():q] for c in ".!\n") or _ASKS_GROUP.search(t, 0, q):
        return False  # "still need a ride friday, anyone?" asks the group
    before = set(_WORD.findall(t[start:need.start()]))
    if not _SOMEONE_ELSE.isdisjoint(before):
        return True
    # "still need this?": whether the need stands, not a new one
    return not _STILL.isdisjoint(before) and _PRONOUN_OBJECT.match(t, need.end()) is not None


_ITEM_NUMBER = re.compile(r"#\s?\d")

_ASKS_TO = frozenset(("send us", "send me", "bring us", "give us", "help us", "help me", "manden", "envien", "traigan"))


def _lacks(rest: str) -> bool:
    """The author says they lack something ("i don't have covers"), which no claim says."""
    return any(m.group(0) not in _ASKS_TO for m in lx.WEAK_NEED.finditer(rest))


# the patterns that can make a message anything but `other`
_CUES = 0
for _p in (lx.AUDIENCE_OFFER, lx.GROUP_ASK, lx.NEED, lx.NEED_AFTER, lx.WEAK_NEED, lx.CLAIM, lx.COMMIT,
           lx.AVAILABLE, lx.GIVING, lx.CAPABILITY, lx.HELP_ONLY, lx.SEEK, lx.IF_ASK):
    _CUES |= _p.bit


def _claim_unless_hedged(t: str) -> Kind:
    # "i can probably do it, let me check": a need wrongly marked taken is one nobody else takes
    return Kind("other" if lx.HEDGE.search(t) else "claim")


def _after_if(t: str, i: int) -> bool:
    return t.startswith("if ", i - 3) and (i == 3 or not t[i - 4].isalnum())


def _without_audience(t: str, first) -> str:
    """AUDIENCE_OFFER.re.sub(blanks, t), `first` being its first match: the text before it is not scanned again."""
    spans = []
    m = first
    while m is not None:
        spans.append(m.span())
        m = lx.AUDIENCE_OFFER.search(t, m.end())  # a match is never empty: the next one starts at the end or after
    return blank(t, spans)


def classify(t: str, time_spans) -> Kind:
    """Read folded lower-case text (private details blanked).

    `time_spans`: the spans of the time phrases, or a function giving them
    (they are only needed to tell a vague request, so they are found late).
    Every pattern is searched only when the decision needs it.
    """
    if not _LETTER.search(t):
        return Kind("other")
    if not mask_of(t) & _CUES:
        return Kind("other")  # no word any need, offer or claim starts with: chatter
    audience = lx.AUDIENCE_OFFER.search(t)
    # what the audience phrases say is not the author's need: "if anyone needs a lift"
    rest = _without_audience(t, audience) if audience else t
    ask = lx.GROUP_ASK.search(rest)
    while ask is not None and _after_if(rest, ask.start()):
        ask = lx.GROUP_ASK.search(rest, ask.end())  # "if someone has..." supposes, it does not ask
    need = lx.NEED.search(rest)
    # "where can we get water?": a question whose point is obtaining a need
    seek = lx.SEEK.search(rest)

    if not audience and not ask and not seek and lx.CLAIM.search(t):
        return _claim_unless_hedged(t)
    if not (need or ask or seek or audience) and lx.NOTICE.search(t):
        return Kind("other")
    if not audience and not need and not ask and not seek:
        commit = lx.COMMIT.search(t)
        # "#2? i can bring one for rob": an item number anywhere says which
        if commit and (lx.SPECIFIC.search(t, commit.end()) or _ITEM_NUMBER.search(t) or lx.SHORT_COMMIT.match(t)) and not _lacks(rest):
            return _claim_unless_hedged(t)
    info = lx.INFO.search(t)
    # "how can someone renew a passport": the someone is the question's subject, not asked to help
    asked = ask and not (info and info.start() <= ask.start() <= info.end() + 1)
    if info and not asked and not seek and not (need and not _same_sentence(t, info, need)):
        # a need named outright before the question still stands: "we need a doctor in arcahaie where are they?"
        if not (need and need.end() <= info.start() and lx.NEED_OBJECT.match(rest, need.end())):
            return Kind("other")
    # asking for a phone number or news is asking for information, unless a need
    # or an ask stands in another sentence ("we need help. call the number for...")
    info_object = lx.INFO_OBJECT.search(t)
    if info_object and not seek and not any(m and not _same_sentence(t, info_object, m) for m in (need, ask)):
        return Kind("other")

    topic = None
    available = giving = able = None  # searched below only where the decision needs them
    # IF_ASK, NEED_AFTER and WEAK_NEED are searched where the decision needs them;
    # otherwise only the summary's signals read them, late (_request_signals)
    if_ask = need_after = weak = _UNREAD
    if audience and not seek:
        if_ask = lx.IF_ASK.search(t)
    if audience and not seek and not if_ask:  # "i have 250 people who need help. where do i go to get help for them?"
        available = lx.AVAILABLE.search(t)
        giving = lx.GIVING.search(t)
        able = lx.CAPABILITY.search(t)
        if available or able or giving or not (need or ask or seek):
            topic = has_topic(t)
            # "if anyone needs the meeting notes, i have them": a notice's papers are no offer
            if topic or ((available or able or giving) and not lx.NOTICE.search(t)):
                signal = _first(available, able, giving, audience)
                signals = partial(_signals, able, giving, available, audience, ordered=True)
                return Kind("offer", anchor=signal.start(), signals=signals)

    signal = _first(need, ask, seek)
    if signal is None:
        need_after = lx.NEED_AFTER.search(rest)
        signal = need_after
    if signal is None:
        if if_ask is _UNREAD:
            if_ask = lx.IF_ASK.search(t)
        if if_ask is not None:
            if topic is None:
                topic = has_topic(t)
            if topic:
                signal = if_ask
    if signal is None:
        weak = lx.WEAK_NEED.search(rest)
        if weak is not None:
            if topic is None:
                topic = has_topic(t)
            if topic:
                signal = weak
    if signal is not None:
        if _is_vague(t, time_spans):
            return Kind("other", vague=True)
        if signal is seek and lx.SEEK_GENERAL.search(seek.group(0)) and _is_vague(t, lambda: _spans(time_spans) + [seek.span()]):
            return Kind("other", vague=True)  # "where can we get help?" says no more than "we need help"
        # "need to vent" is the author's own doing; "please come to elm st" asks others
        if signal.re is lx.NEED.re and rest.startswith(" to ", signal.end()) and not signal.group(0).startswith("please"):
            if not ask and not seek and _OWN_DOING.match(rest, signal.end() + 4):
                return Kind("other")  # "my kid needs to finish his homework": nothing asked of anyone
            if topic is None:
                # "need to get to my interview, no car": going somewhere, a car or bus says enough
                topic = has_topic(t, min_tier=1 if _GOING.match(rest, signal.end() + 4) else 2)
            if not topic:
                return Kind("other")
        if signal.re is lx.NEED.re and _asks_about_their_need(t, signal):
            return Kind("other")  # "do you still need a ride?", "does she still need the crib?"
        nothing_needed = lx.NOT_A_NEED.match(rest, signal.end()) or (signal is ask and lx.FOR_THEMSELVES.match(rest, signal.end()))
        if nothing_needed:
            if need_after is _UNREAD:
                need_after = lx.NEED_AFTER.search(rest)
            if not any(m and m is not signal for m in (need, ask, seek, need_after)):
                return Kind("other")  # "the shelter is looking for volunteers": nothing a member needs
        if lx.LAUGH.search(t) and not has_topic(t):
            return Kind("other")  # "i need coffee lol"
        anchor = signal.start()
        if signal is need_after:
            anchor = max(t.rfind(p, 0, signal.start()) for p in ".!?;,\n") + 1
        signals = partial(_request_signals, t, rest, need, ask, seek, need_after, weak, if_ask)
        return Kind("request", anchor=anchor, signals=signals)

    if lx.HELP_ONLY.search(rest) and _is_vague(t, time_spans):
        return Kind("other", vague=True)
    if lx.THANKS.search(t):
        return Kind("other")
    if not audience:
        available = lx.AVAILABLE.search(t)
        giving = lx.GIVING.search(t)
        able = lx.CAPABILITY.search(t)
    if not (available or giving or able):
        return Kind("other")
    has_to_give = available and (lx.GIVEAWAY.search(t) or able or lx.CONTACT.search(t))
    offer_signal = _first(able, giving, available if has_to_give else None)
    if offer_signal is not None:
        if topic is None:
            topic = has_topic(t)
        if topic:
            signals = partial(_signals, able, giving, available if has_to_give else None, ordered=True)
            return Kind("offer", anchor=offer_signal.start(), signals=signals)
    return Kind("other")


# A reply to an item that offers the author's own help, though it names nothing:
# "i can do mondays", "i'm free saturday", "puedo ir el lunes". Not a question,
# not a refusal, not a promise to ask, check or pass the word on.
_HELP_REPLY = re.compile(
    r"\b(?:i|we)\s+(?:can|could|will)\b|\b(?:i'?ll|we'?ll)\b|\bill\s|\bcan do\b|\bcount (?:me|us) in\b"
    r"|\b(?:i'?m|i am|we'?re|we are)\s+(?:free|available|around|down|in|happy|glad|able)\b"
    r"|\b(?:puedo|podemos|estoy libre|estoy disponible|estamos disponibles|voy yo|yo voy|yo paso|paso yo)\b"
    # "i have one you can borrow", "i have both!", "tengo una"
    r"|\b(?:i|we) (?:have|'?ve got|got) (?:one|it|both|two|a spare|an extra|extra|spare|a few)\b"
    r"|\b(?:tengo|tenemos) (?:uno|una|unos|unas|eso|esa|ese|los dos|las dos|ambos|ambas)\b"
)
_NOT_HELP = re.compile(
    r"\?|\b(?:can'?t|cannot|can not|couldn'?t|won'?t|will not|not able|unable|no puedo|no podemos|sorry|lo siento|"
    r"questions?|preguntas?|no idea)\b"
    r"|\b(?:i'?ll|ill|i will|i can|we'?ll|we can)\s+(?:ask|check|see|let|think|try|share|post|forward|pass|spread|repost|tell|look|find out|get back|keep)\b"
)


def offers_help(t: str) -> bool:
    """Folded text (as classify reads it) says the author will or can help."""
    return _HELP_REPLY.search(t) is not None and _NOT_HELP.search(t) is None and lx.HEDGE.search(t) is None
