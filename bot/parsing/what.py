"""`what`: the few words the group announcement shows ("groceries", "ride to dialysis")."""
from __future__ import annotations

import re

from .trie import factored

from .category import has_topic
from .text import fold, squeeze

MAX_LEN = 60
GAP = "\x00"  # marks blanked time phrases, private details and urgency words

_CLAUSE_WORDS = (
    r"because|bc|b/c|since|while|cause|cuz|porque|ya que|pero|but|so that|para que|i work|im|i'm|i am|estoy|"
    r"unless|or else|otherwise|or they|or we|or i|a menos que|si no|"
    r"if anyone|if any|if you|if u|si alguien|for anyone|to anyone|for folks|for whoever|to whoever|whoever|anyone\?|alguien\?|"
    r"dm me|text me|pls|please|por favor|thanks|thank you|gracias|lol|who needs|anyone want|alguien (?:lo|la|los|las) |"
    r"(?:we|i|you|u) (?:could|can|would|might|will) |that (?:we|i|you|u) |which |so (?:we|i) |"
    r"(?:can|could|would|will) (?:you|u|anyone|anybody|someone|somebody|y'?all) "
)
# Where a clause ends: a stop (not the one after "mrs", "dr", "st"...), a comma, a
# bracket, a dash between spaces, or a word that starts another thought. Written
# to open with one character class, which `re` scans for quickly.
_CLAUSE_END = re.compile(
    r"[.?!;:\n,(\s](?:(?<=[.?!;:\n])(?<!\bmrs[.?!;:\n])(?<!\bmr[.?!;:\n])(?<!\bms[.?!;:\n])(?<!\bdr[.?!;:\n])(?<!\bst[.?!;:\n])(?<!\bsr[.?!;:\n])(?<!\bsra[.?!;:\n])"
    # not the point or comma inside a number ("$12.50", "1,200")
    r"(?:(?<!\d[.:])|(?!\d))"
    r"|(?<=,)(?:(?<!\d,)|(?!\d))|(?<=\()|(?<=\s)[-–—]\s|(?<=\s)(?:" + _CLAUSE_WORDS + r")\b)"
)
# what may open the phrase without saying anything: "someone to", "a", "help with"
_LEAD = factored(
    r"^(?:(?:someone|somebody|anyone|anybody|any1|alguien|que|q|quien|who|to|me|us|a|an|some|any|un|una|unos|unas|el|la|los|las|un poco de|"
    r"help|ayuda|ayudar|ayudarme|ayudarnos|ayude|ayuda a|with|con|please|pls|plz|por favor|for|you|u|just|really|a few|a little|poco de|"
    r"have|has|got|tiene|tenga|tienen|preste|presta|prestarme|lend|loan|give|gimme|get|bring|can|could|would|will|puede|podria|pueda|"
    r"need|needs|necesito|be able to|able to|available to|willing to|free to|up for|be up for|is there|who can|that can|can you|i|we|my|mi|yo|"
    r"is|are|de|del|of|in|en|for me|para mi|para|the|also|here|out there|happy to|glad to|have a|have an|hate to ask but|but|pero|"
    r"could really use|could use|looking for|busco|and|y|so|then|like|maybe|around|at|on|por|something|algo|"
    # hedges an answer to "what do you need?" opens with ("idk groceries", "ummm a ride", "pues comida")
    r"idk|um|umm|ummm|uh|uhh|hmm|hm|well|honestly|mostly|probably|ok|okay|yeah|yes|pues|bueno|solo|nomas)\s+)+"
)
_TRAIL = factored(
    r"(?:\s+(?:please|pls|plz|por favor|anyone|anybody|alguien|lol|thanks|gracias|for me|para mi|at|on|in|the|a|an|to|for|from|by|around|"
    r"en|el|la|los|las|de|del|al|a|con|with|and|y|or|o|some|my|mi|me|que|q|if|si|is|are|es|it|this|that|who|can|i|we|just|help|"
    r"para|pa|por|of|into|onto|about|near|until|till|hasta|desde|sobre|un|una|unos|unas|su|sus|tu|mis|nuestro|nuestra|"
    r"where|when|which|too|also|tambien|guess|think|suppose|supongo|creo|haha|jaja|idk|nomas))+$"
)
# the last word of every _TRAIL alternative: any other last word, and _TRAIL cannot match
_TRAIL_LAST = frozenset(
    """please pls plz favor anyone anybody alguien lol thanks gracias me mi at on in the a an to for from by around
    en el la los las de del al con with and y or o some my que q if si is are es it this that who can i we just help
    para pa por of into onto about near until till hasta desde sobre un una unos unas su sus tu mis nuestro nuestra
    where when which too also tambien guess think suppose supongo creo haha jaja idk nomas""".split()
)
_WORDCHAR = re.compile(r"\w")
# links, handles, payment handles ("cashapp $jrod88", "venmo @maria-g": how to pay, not what is needed) and symbols
_NOISE = re.compile(
    r"\b(?:cash\s?app|venmo|zelle|paypal)\b\s*:?\s*[$@]?[\w.-]*|https?://\S+|www\.\S+|@[\w-]+|[^\w\s$#'&+/<>.,\x00-]",
    re.IGNORECASE,
)


def _clean(piece: str) -> str:
    piece = squeeze(_NOISE.sub(" ", piece))
    for _ in range(4):
        before = piece
        lead = _LEAD.match(fold(piece.lower()) + " ")
        if lead:
            piece = piece[min(lead.end(), len(piece)):]
        low = fold(piece.lower())
        last = low.rsplit(None, 1)[-1] if low else ""
        trail = _TRAIL.search(" " + low) if last in _TRAIL_LAST else None
        if trail:
            piece = piece[: max(0, trail.start() - 1)] if trail.start() > 0 else ""
        piece = piece.strip(" ,.-/&+<>")
        if piece == before:
            break  # nothing more to trim: another round would find the same
    if len(piece) > MAX_LEN:
        # whole words only, and not ending on "to", "the", "en la"... once cut
        piece = piece[:MAX_LEN + 1].rsplit(" ", 1)[0] if " " in piece[:MAX_LEN + 1] else piece[:MAX_LEN]
        piece = _trim_end(piece)
    return piece


# a cut piece must not end on one of these ("... from - en la" cut leaves "... from")
_DANGLING = frozenset("a an the to for on at of from by with el la los las un una de del al para por con".split())


def _trim_end(piece: str) -> str:
    while True:
        before = piece
        low = fold(piece.lower())
        trail = _TRAIL.search(" " + low)
        if trail and trail.start() > 0:
            piece = piece[: trail.start() - 1]
        piece = piece.rstrip(" ,.-/&+<>")
        last = piece.rsplit(None, 1)[-1].lower() if piece else ""
        if last not in _DANGLING or piece == before:
            return piece


def _cut(src: str, gapped: str, start: int, end: int) -> str:
    """src[start:end] without gaps; stop at the first gap once some words came before it."""
    out = []
    i = start
    while True:
        j = gapped.find(GAP, i, end)
        if j < 0:
            out.append(src[i:end])
            break
        out.append(src[i:j])
        if _clean("".join(out)):
            if j > 0 and _WORDCHAR.match(src, j - 1) and _WORDCHAR.match(src, j):
                out[-1] = out[-1].rsplit(None, 1)[0] if " " in out[-1].strip() else ""  # half a word: drop it
            break
        out.append(" ")
        i = j + 1
    return "".join(out)


def _clause_end(gapped: str, start: int) -> int:
    m = _CLAUSE_END.search(gapped, start)
    return m.start() if m else len(gapped)


# "alguien que me lleve a la clínica" reads "lleve a la clínica"; the announcement says
# what is needed, so a Spanish verb left in the subjunctive is given as the infinitive
_INFINITIVE = {
    "lleve": "llevar", "lleven": "llevar", "cuide": "cuidar", "cuiden": "cuidar", "traiga": "traer", "traigan": "traer",
    "ayude": "ayudar", "ayuden": "ayudar", "recoja": "recoger", "recojan": "recoger", "acompañe": "acompañar",
    "acompañen": "acompañar", "preste": "prestar", "presten": "prestar", "visite": "visitar", "visiten": "visitar",
    "llame": "llamar", "llamen": "llamar", "pase": "pasar", "pasen": "pasar", "haga": "hacer", "hagan": "hacer",
    "compre": "comprar", "compren": "comprar", "traduzca": "traducir", "traduzcan": "traducir", "mude": "mudar",
}


_CLITICS = frozenset("le les me nos te lo la los las".split())


def _as_infinitive(piece: str) -> str:
    head, _, rest = piece.partition(" ")
    if head.lower() in _CLITICS and rest:
        # "le traiga sus medicinas" reads "traerle sus medicinas"
        verb_word, _, tail = rest.partition(" ")
        verb = _INFINITIVE.get(verb_word.lower())
        return piece if verb is None else (verb + head.lower() + " " + tail).strip()
    verb = _INFINITIVE.get(head.lower())
    return piece if verb is None else (verb + " " + rest).strip()


# "someone to call my mom", "can someone call me", "would anyone visit her": the need is a person
# doing something, and the announcement says so ("someone to call me"), not the bare verb or the
# category ("call", "companionship")
_SOMEONE = re.compile(
    r"\b(?:someone|somebody|anyone|anybody|any1|some1)(?:\s+(?:to|who can|who could|that can|that could|2))?\s*$"
)
_PERSON_VERBS = frozenset(
    # not "drive", "take", "pick", "bring": "drive me to the airport" already says the need
    """call check visit watch walk sit babysit stay talk chat accompany cook clean fix repair mow shovel rake
    move carry read teach tutor translate interpret feed bathe keep look text phone pray listen play""".split()
)
_OBJECT = re.compile(r"\s+(?:(?:to|with)(?:\s+(?:me|us|him|her|them))?|me|us|him|her|them|it|my \w+|our \w+|mine)\b", re.IGNORECASE)
# "my mom needs help": who the help is for, when the message names nothing more
_FOR_WHOM = re.compile(r"\b(my|our|mi|nuestra|nuestro|mis|nuestros|nuestras)\s+([^\W\d_]+)\s+(?:\w+\s+)?$")


def _someone_to(src: str, gapped: str, start: int, end: int, piece: str) -> str | None:
    """"someone to <piece>" when the signal asks for a person and the piece starts with what they would do."""
    if not piece:
        return None
    raw = fold(src[end:end + 24].lower())
    # written out: "need someone to jump it", "someone who speaks spanish": any words that follow say it
    lead = re.match(r"\s*(?:someone|somebody|anyone|anybody|any1)\s+(?P<how>to|who can|who could|that can|2|who|that)\s", raw)
    if lead and lead.group("how") in ("who", "that") and len(piece) + 12 > MAX_LEN:
        piece = _trim_end(piece.split(" to ", 1)[0])
    if lead and lead.group("how") in ("who", "that"):
        return "someone who " + piece
    if not lead:
        # "can someone call me", "would anyone visit her": a verb of doing for someone
        head = fold(piece.split(None, 1)[0].lower())
        if head not in _PERSON_VERBS or not _SOMEONE.search(fold(src[start:end].lower())):
            return None
    if " " not in piece:
        # "call me": the object the trimming took off ("me") is part of the need
        at = src.lower().find(piece.lower(), end)
        obj = _OBJECT.match(src, at + len(piece)) if at >= 0 else None
        if obj and GAP not in gapped[obj.start():obj.end()]:
            piece += src[obj.start():obj.end()].rstrip()
    return "someone to " + piece


def _help_for(src: str, signals: list[tuple[int, int, bool]]) -> str | None:
    """"help for my mom" for "my mom needs help": the person the message names, when it names no need."""
    for start, _end, _postfix in signals:
        m = _FOR_WHOM.search(src[:start])
        if m:
            spanish = fold(m.group(1).lower()) in ("mi", "mis", "nuestra", "nuestro", "nuestros", "nuestras")
            return ("ayuda para " if spanish else "help for ") + m.group(1) + " " + m.group(2)
    return None


# "our water gets shut off", "my lights are getting cut off": what is being cut is the need (its bill)
_CUT_OFF = re.compile(r"\b(?:shut|cut|turned|turn)\s*off\b|\bdisconnect(?:ed)?\b")
_CUT_THING = re.compile(
    r"\b(?:(?:our|my|the|their|her|his)\s+)?(?P<thing>water|lights?|power|electric(?:ity)?|gas|heat|phone|internet|wifi)"
    r"(?:\s+(?:bill|service))?\s+(?:(?:is|are|will|gets?|getting|going to|gonna|be|being|about to)\s+)*$"
)


def _cut_off_bill(src: str, start: int, end: int) -> str | None:
    """"water bill" for "our water gets shut off today unless we pay $72"."""
    if not _CUT_OFF.match(fold(src[start:end].lower())):
        return None
    m = _CUT_THING.search(fold(src[max(0, start - 40):start].lower()))
    if m is None:
        return None
    thing = m.group("thing")
    return ("electric" if thing in ("lights", "light", "power", "electricity") else thing) + " bill"


# A category said as a need, for a message whose words name none the announcement can show
# ("things are bad, I need help with money" is "financial help", not "money")
_CATEGORY_NEED = {
    "en": {
        "food": "food", "transport": "ride", "housing": "place to stay", "health": "medical help",
        "childcare": "childcare", "money": "financial help", "supplies": "supplies", "errands": "help with errands",
        "pets": "help with a pet", "legal": "legal help", "translation": "translation help",
        "companionship": "someone to talk to", "other": "help",
    },
    "es": {
        "food": "comida", "transport": "transporte", "housing": "un lugar donde quedarse", "health": "ayuda médica",
        "childcare": "cuidado de niños", "money": "ayuda con dinero", "supplies": "artículos para la casa",
        "errands": "ayuda con mandados", "pets": "ayuda con una mascota", "legal": "ayuda legal",
        "translation": "traducción", "companionship": "alguien con quien hablar", "other": "ayuda",
    },
}


def category_need(category: str | None, lang: str = "en") -> str:
    """The category as a need ("ride", "financial help"), in the message's language."""
    words = _CATEGORY_NEED.get(lang, _CATEGORY_NEED["en"])
    return words.get(category or "other", words["other"])


def summary(src: str, gapped: str, signals: list[tuple[int, int, bool]], category: str | None,
            lang: str = "en") -> str:
    """The words after the need or offer signal up to the end of their clause.

    `gapped` is the analysed text (same length as `src`) with GAP where words
    must not be shown; signals are (start, end, postfix) where postfix marks
    "ride needed", whose need comes before the signal.
    """
    pieces = []
    for start, end, postfix in signals:
        if postfix:
            clause_start = max(gapped.rfind(p, 0, start) for p in ".!?;,\n") + 1
            piece = _cut(src, gapped, clause_start, start) + " " + _cut(src, gapped, end, _clause_end(gapped, end))
        else:
            piece = _cut(src, gapped, end, _clause_end(gapped, end))
        piece = _as_infinitive(_clean(piece))
        if not piece and not postfix:
            bill = _cut_off_bill(src, start, end)
            if bill is not None:
                return bill
        person = None if postfix else _someone_to(src, gapped, start, end, piece)
        if person is not None and len(person) <= MAX_LEN:
            return person
        if piece:
            pieces.append(piece)
            if has_topic(fold(piece.lower()), min_tier=1):
                return piece
    if category and category != "other":
        return category_need(category, lang)
    if pieces:
        return pieces[0]
    # nothing named after the signal: not the words around it ("mom needs"), but who it is for
    return _help_for(src, signals) or category_need("other", lang)
