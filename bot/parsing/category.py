"""Which of the 13 categories a request or offer is about.

Every topic word is tagged strong or weak. The category is the first strong
word at or after the place the need is said ("my neighbour just got home from
the hospital and could use a few hot meals" is food, not health); a few words
decide alone wherever they are (interpreting, translating); weak words
("pick up", "kids", "hospital") only count when nothing strong is named.
"""
from __future__ import annotations

import re

from .trie import _bucketed, _firsts, _group_end, split_alts

_LANG = r"(?:spanish|english|creole|haitian|kreyol|arabic|french|portuguese|mandarin|cantonese|chinese|russian|bengali|urdu|hindi|polish|vietnamese|korean|somali|swahili|ingles|espanol|frances|criollo|asl|sign language)"

# (group, pattern): group names are category_tier; earlier groups win ties at one position.
_GROUPS: list[tuple[str, str]] = [
    ("translation_3", rf"translat\w*|interpret\w*|tradu[cz]\w*|traduj\w*|speaks? {_LANG}|habla(?:r|n|s)? {_LANG}|hable {_LANG}|language barrier"),
    ("other_2", r"cortes de pelo|haircuts?|tutor\w*|homework|tareas?|algebra|math|matematicas|resumes?|curriculum|job applications?|solicitud de trabajo|job search|"
                r"email|correo electronico|taxes|impuestos|english class\w*|clases|classes|lessons"),
    ("legal_2", r"housing court|lawyer|abogad[oa]s?|attorney|paralegal|courthouse|court|corte|juzgado|hearing|audiencia|immigration|inmigracion|migracion|asylum|asilo|"
                r"deportation|deportacion|know your rights|derechos|legal|visa|green card|daca|tps|evict\w*|desalojo|tenant rights|citizenship|ciudadania|uscis|i-\d{3}"),
    ("pets_2", r"dog food|cat food|dogs?|perros?|cats?|gatos?|kittens?|pupp(?:y|ies)|pets?|mascotas?|vet|vets|veterinari[oa]|kibble|purina|litter"),
    ("childcare_2", r"babysit\w*|baby-?sit\w*|ninera|nanny|childcare|child care|daycare|guarderia|"
                    r"watch (?:my |the |your |ur |our |her |his )?(?:\d+ )?(?:kids?|children|son|daughter|baby|toddlers?|boys|girls|little ones)|"
                    r"cuid(?:ar|e|a|en|aria) (?:a )?(?:la |el |los |las |mi |mis |tu |sus |unos )?(?:ninos|nina|nino|ninas|hijos|hija|hijo|bebe|nene|nena|chamacos|peques)|"
                    r"school pick ?-?ups?|school drop ?-?offs?|pick ?-?ups? from (?:school|daycare)|"
                    r"(?:pick (?:up )?|grab |get |collect )(?:my |ur |your |the |her |his )?(?:kids|son|daughter|children|boy|girl|grandkids|grandson|granddaughter)|"
                    r"recoj\w* a (?:los |las |mi |mis )?(?:ninos|hijos|nina|nino|ninas)|de la escuela|from school|after school"),
    ("transport_2", r"rides?|lift|drivers?|take (?:\d+ |some |a few |two |three )?(?:people|folks|seniors|elders|neighbors|neighbours|anyone|someone|you|u|them|him|her) to|raite|raid|aventon|bus pass\w*|metrocard|metro card|bus fare|pasajes?|transportation|transporte|transport|carpool|uber|lyft|taxi|"
                    r"give (?:me |us |him |her |them |my \w+ )?a ride|(?:can|could|to|will|i'?ll|i|someone|anyone|would|pls|please) drive|"
                    r"drive (?:me|my|him|her|them|us|you|u|folks|people|anyone|someone|seniors|elders|to)|driving|"
                    r"llev(?:ar|e|en|arme|arla|arlo|arnos|arlos|arlas)? (?:a|al)(?! cabo\b)|llevar (?:gente|personas|a la gente|a personas)|(?:me|la|lo|nos|los|las) lleve|espacio para \d+|room for \d+ (?:people|\+|passengers)|airport run"),
    ("housing_2", r"place to stay|somewhere to stay|place to sleep|somewhere to sleep|a bed for tonight|place to crash|somewhere to crash|lugar para quedarse|donde quedarse|donde dormir|donde vivir|shelters?|refugio|albergue|"
                  r"warming cent(?:er|re)s?|housing|vivienda|host|hosting|hospedar|hospedaje|spare room|a room|cuarto|habitacion|couch or|couch for|couch to|floor to sleep|"
                  r"sofa cama|bed for the night|roof over|homeless|sin casa|tents?|carpas?|casa de campana|"
                  r"(?:sleeping|sleep|living|live) (?:outside|(?:in|on) (?:the )?streets?)|(?:house|home) (?:is |has been |was )?(?:completely |totally )?(?:destroyed|collapsed|broken|ruined)|"
                  r"(?:no|another|other) place to (?:go|stay|sleep|live)|nowhere to (?:go|stay|sleep|live)"),
    ("health_2", r"medicines?|meds|medications?|medicinas?|medicamentos?|prescriptions?|recetas?|rx|pharmacy|farmacia|doctor|clinic|clinica|nurse|enfermer[oa]|medical|medico|"
                 r"insulin|insulina|inhaler|inhalador|nebuli[sz]er|nebulizador|wheelchair|silla de ruedas|walker|andadera|shower chair|crutches|muletas|oxygen|oxigeno|"
                 r"masks?|mascarillas?|cubrebocas|n95s?|kn95s?|covid tests?|blood pressure|presion|dental|dentist|dentista|glasses|lentes|injured|herid[oa]s?|"
                 r"wounded|first aid|primeros auxilios|diabet\w*|hospital bed"),
    ("money_2", r"(?:water|light|electric|electricity|gas|power|heat|phone) (?:bill|company|gets shut off|got shut off|shut off|is shut off|will be shut off|cut off)|\d+ (?:dollars|dolares|bucks|pesos)|dolares|cash|money|dinero|rent|renta|alquiler|bills?|utilit(?:y|ies)|light bill|recibo|"
                r"gift cards?|tarjeta de regalo|gas card|gas money|fees?|deposito|deposit|venmo|cashapp|cash app|zelle|paypal|shut off|shutoff|cut off|fund|fondo|"
                r"pagar la|pay the|pay my|pay our"),
    ("companionship_2", r"con quien hablar|llamar a (?:personas|gente|vecinos|adultos|ancianos)|hablar con alguien|visits?|visiting|visitar|visite|visita|lonely|soledad|sit with|sit w|walk with|walk me|phone buddy|phone calls?|check on|check in on|check-ins?|"
                        r"someone to talk|talk to|platicar|conversar|hacer(?:le)? compania|company for|friendly visit\w*|keep (?:her|him|them) company"),
    ("errands_2", r"help (?:\w+ )?(?:move|moving)|put together|laundry|lavanderia|yard work|mow\w*|rak(?:e|ing) leaves|snow ?blower|shovel\w*|palear|clear (?:sidewalks|snow|the walk)|sidewalks|"
                  r"help (?:me |us )?(?:move|moving|carry|load|unload|haul)|moving|movers|mudanza|mudarme|haul\w*|cargar|"
                  r"ayud\w* a (?:recoger|mover|cargar|mudar|bajar|subir)|packages?|paquetes?|errands?|mandados?|repairs?|fix\w*|arregl\w*|plomeria|plumbing|"
                  r"pintura|painting|handyman|assembl\w*|chores|cleaning|limpi\w*|post office|oficina de correos|move (?:a|my|the|some)"),
    ("supplies_2", r"bed frames?|socks|calcetines|gloves|guantes|scarf|scarves|bufandas?|underwear|ropa interior|microwave|microondas|fridge|refrigerator|refrigerador|nevera|stove|estufa|appliances?|dresser|bookshelf|clothes|clothing|ropa|coats?|abrigos?|chamarras?|jackets?|shoes|zapatos|boots|botas|diapers|panales|wipes|toallitas|hygiene|pads|tampons|"
                   r"toothbrush\w*|toothpaste|soap|jabon|shampoo|toilet paper|papel de bano|furniture|muebles|mattress|colchon|crib|cuna|pack n play|car ?seat|"
                   r"stroller|carriola|blankets?|cobijas?|frazadas?|sleeping bags?|tools|herramientas|(?:a |cheap |used |spare )phone(?! buddy| call| check)|cell ?phone|celular|laptop|"
                   r"household|kitchen|pots|utensils|dishes|heater|calentador|fan|ventilador|batteries|pilas|flashlights?|linterna|onesies|mosquito nets?|tarps?|lona"),
    ("food_2", r"veggies|veggie|groceries|grocery|food|comida|alimentos?|meals?|dinner|lunch|breakfast|cena|almuerzo|desayuno|formula|similac|enfamil|baby food|pantry|despensa|"
               r"banco de comida|food bank|bread|pan|milk|leche|eggs|huevos|soup|sopa|rice|arroz|beans|frijoles|turkeys?|pavo|tamales|verduras|vegetables|"
               r"produce|fruit|fruta|cook\w*|cocin\w*|bak(?:e|ed|ing)|snacks|canned|cereal|hungry|hunger|starving|hambre|nothing to eat|(?:to|can'?t|cannot|could not|couldn'?t|not|nothing to|something to|anything to) (?:eat|drink)|nourishment|drinking water|agua potable|water|agua|thirst\w*|sed"),
    # weak words
    ("health_1", r"hospital|er|sick|enferm[oa]|therapy|terapia|chemo|quimio|dialysis|dialisis|tests?|appts?|appointments?|cita medica"),
    ("childcare_1", r"kids|children|ninos|hijos|baby|bebe|newborn|son|daughter|hija|hijo"),
    ("errands_1", r"pick ?-?up|drop ?-?off|grab|recoger|recoja|boxes|cajas|pickup truck|truck|camioneta"),
    ("transport_1", r"(?:necesito|necesita|necesitamos|tengo que) ir (?:a|al)|alguien que vaya (?:a|al)|airport|aeropuerto|car|carro|bus|gas"),
    ("companionship_1", r"acompan\w*|accompan\w*|company|compania|alone|sola|solo|solas|solos"),
    ("housing_1", r"apartment|apartamento|couch|evicted|landlord|cots|room"),
    ("supplies_1", r"telefono|phone|computer|computadora|supplies|things|cosas"),
]
# one pass over the text: every alternative starts at a word start and ends at a word end.
# The alternatives are regrouped by first character (trie.py) so `re` does not try
# hundreds of words at each word start; an empty named group closing each one says
# which category and tier it belongs to.
def _build() -> tuple[re.Pattern, dict[str, tuple[str, int]]]:
    items, names = [], {}
    for name, body in _GROUPS:
        category, tier = name.split("_")[:2]
        for alt in split_alts(body):
            spelled = _firsts(alt)
            if spelled is None:  # cannot regroup: keep the alternative as written
                spelled = [("", alt)]
            for ch, rest in spelled:
                key = f"g{len(names)}"
                names[key] = (category, int(tier))
                items.append(re.escape(ch) + rest + f"(?P<{key}>)")
    body = _bucketed(items)
    if body is None:
        body = "|".join(items)
    return re.compile(r"(?<!\w)(?=\w)(?:" + body + r")(?!\w)"), names


_RE, _NAMES = _build()
# the same by group number (m.lastindex is cheaper to read than m.lastgroup)
_BY_INDEX = [None] * (_RE.groups + 1)
for _name, _index in _RE.groupindex.items():
    _BY_INDEX[_index] = _NAMES[_name]
# "$50": money, found apart (only where there is a "$") so the word pass stays quick
_DOLLARS = re.compile(r"(?<![\w$])\$ ?\d+")
_LAST: list = [None, None]  # the last text read and its hits: classify and category_of read the same text


# The pass over the text, without the 540 empty groups: building a match that
# carries them all costs more than finding it. It reads " " + text and opens
# with the non-word character before the word, which `re` skips to quickly:
# (?<!\w)(?=\w) at i in text is \W at i in " " + text, every alternative
# opening with a word character.
def _plain() -> re.Pattern:
    prefix, suffix = r"(?<!\w)(?=\w)(?:", r")(?!\w)"
    source = _RE.pattern
    assert source.startswith(prefix) and source.endswith(suffix)
    body = re.sub(r"\(\?P<g\d+>\)", "", source[len(prefix):-len(suffix)])
    return re.compile(r"\W(?:" + body + suffix)


_PLAIN = _plain()


def _looks_around(alt: str) -> bool:
    return re.search(r"\(\?<?[=!]", alt) is not None


def _without_look_arounds(alt: str) -> str:
    out, i = [], 0
    while True:
        m = re.compile(r"\(\?<?[=!]").search(alt, i)
        if m is None:
            return "".join(out) + alt[i:]
        out.append(alt[i:m.start()])
        i = _group_end(alt, m.start()) + 1


# Which alternative a match came from, by the text it matched. At one place the
# alternatives are tried in order, so the match is that of the first one that
# can match there; and one that needs no look at the text around it ("rides",
# "cook\w*") can match a given piece of text wherever that piece is matched
# (the pass asks the same of every alternative: a word start before, no word
# character after). So the first alternative whose language holds the piece
# is the one, wherever it is, unless an alternative that looks around it ("a
# phone(?! buddy)") could match it: those pieces are not remembered.
_LOOKING = [alt for _, body in _GROUPS for alt in split_alts(body) if _looks_around(alt)]
_CONTEXTUAL = re.compile("|".join(_without_look_arounds(alt) for alt in _LOOKING)) if _LOOKING else None
_WINNERS: dict[str, tuple[str, int]] = {}  # matched text -> (category, tier); the vocabulary repeats


def _winner(t: str, start: int, piece: str) -> tuple[str, int]:
    m = _RE.match(t, start)
    hit = _BY_INDEX[m.lastindex]
    if _CONTEXTUAL is None or _CONTEXTUAL.fullmatch(piece) is None:
        if len(_WINNERS) > 50_000:
            _WINNERS.clear()
        _WINNERS[piece] = hit
    return hit


def _hits(t: str) -> list[tuple[int, str, int]]:
    if _LAST[0] == t:
        return _LAST[1]
    out = []
    winners = _WINNERS
    for m in _PLAIN.finditer(" " + t):
        start = m.start()  # the match holds the character before the word: in t the word starts here
        piece = m.group()[1:]
        hit = winners.get(piece)
        if hit is None:
            hit = _winner(t, start, piece)
        out.append((start, *hit))
    if "$" in t:
        dollars = [m.span() for m in _DOLLARS.finditer(t)]
        if dollars:
            # a word inside "$50" ("50 dollars") is the same money, already found
            out = [h for h in out if not any(s <= h[0] < e for s, e in dollars)]
            out += [(s, "money", 2) for s, _ in dollars]
            out.sort(key=lambda h: h[0])
    _LAST[0], _LAST[1] = t, out
    return out


def has_topic(t: str, min_tier: int = 2) -> bool:
    return any(h[2] >= min_tier for h in _hits(t))


def category_of(t: str, anchor: int) -> str:
    hits = _hits(t)
    for _, category, tier in hits:
        if tier == 3:
            return category
    for tier in (2, 1):
        after = [h for h in hits if h[2] == tier and h[0] >= anchor]
        if after:
            return after[0][1]
        anywhere = [h for h in hits if h[2] == tier]
        if anywhere:
            return anywhere[0][1]
    return "other"
