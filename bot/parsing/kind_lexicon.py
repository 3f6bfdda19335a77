"""Phrases that tell a request, an offer, a claim and chatter apart (folded lower-case text).

Each pattern is a flat alternation with bounded repeats, so matching stays
linear in the message length.
"""
from __future__ import annotations

import re

_WHO = r"(?:anyone|anybody|any1|any one|someone|somebody|some1|sombody|one of (?:you|u)|you guys|u guys|y'?all|you all|folks|people)"
# verbs that ask for a service or a thing; "know", "explain", "going", "used" are left out on purpose
_ASK_VERB = (
    r"(?:have|has|got|spare|lend|loan|give|gimme|help|watch|drive|take|pick|grab|bring|drop|sit|walk|come|go with|do|babysit|"
    r"host|house|visit|call|check|shovel|fix|repair|cover|donate|borrow|be able|able|available|free|up for|willing|interested|be up for|be willing|be available|be free|be interested|be around|"
    r"cook|make|feed|lend|carry|move|store|keep|translate|interpret|teach|tutor|deliver|run|get|buy|pay|send|provide|offer|"
    r"stay|accompany|escort|assist|pitch in|chip in|mow|clean|wash|assemble|install|look after|spot|front)"
)

# An audience the author offers to: "if anyone needs", "who needs some?", "si alguien lo necesita".
_GROUPS_OF = r"(?:anyone|anybody|any1|any one|folks|people|ppl|families|neighbors|neighbours|elders|seniors|whoever|those|others|all)"
_WANT = (
    r"(?:\s+(?:who|that|else|out there|here|around))?(?:\s+(?:needs?|neeed|wants?|wanna|is in need|in need|could use|can use|"
    r"is|are|doesn'?t|don'?t|does not|facing|has|have|works|lives|going|living|feeling|feels|sick|recovering|stuck|without|short))?"
)
AUDIENCE_OFFER = re.compile(
    rf"\b(?:if|for|to|with|help(?<!please help)(?<!pls help)|anywhere for|drive|walk|host|feed|serve|visit|cook for)\s+(?:any\b|{_GROUPS_OF}\b|anyone'?s){_WANT}"
    # "if you can, bring your bags", "if you have a spare crib" suppose the reader does something: not an audience
    rf"|\bif (?:u|you|ya|ur|y'?all|any of (?:you|u))\b(?!\s*,|\s+(?:can|could|would|will|please|have (?:a |an |any |some )?(?:spare|extra))\b)"
    rf"|\b(?:{_WHO}|who|whoever|alguien|quien|quienes)\s+(?:else\s+)?(?:need|needs|neeed|want|wants|wanna|is in need|necesita|necesite|necesiten|quiere|quiera|le sirve|le interesa|"
    r"lo necesita|la necesita|los necesita|las necesita|lo quiere|la quiere|los quiere|las quiere|lo ocupa|la ocupa)\b"
    # "who needs to be added to the list?" asks who, it offers nothing
    r"(?! to (?:be|sign|join|register|fill|attend|come to)\b)"
    r"|\b(?:si alguien|para alguien|(?:ayudar|apoyar|ayudarle|llevar) a alguien|a quien|para quien|a quienes|para quienes|a personas|para personas|para vecinos|para familias|si necesitan|"
    r"si les sirve|para los que|a los que|al que|a la que|para el que|para la que|si a alguien)\b(?:\s+(?:que|q))?(?:\s+(?:lo|la|los|las|le))?"
    r"(?:\s+(?:necesita|necesite|necesiten|quiere|quiera|ocupa|tenga))?"
    r"|\b(?:first to|first come|all welcome|everyone welcome|everyone is welcome|todos bienvenidos|come grab|come get|come by(?<!please come by)|come pick|for grabs|up for grabs|"
    r"free to a good home|if needed|if need be|as needed|as need be|where needed|anything you need|anything u need|whatever you need|"
    r"whatever (?:is )?(?:most )?needed|what else do you need|(?:do|does) (?:you|u|anyone|anybody|any1) (?:else )?need|who wants|quien quiera|quien necesite|el que quiera|lo que necesiten|pasen a recoger)\b"
)
# "text me if you can bring formula", "if anyone has a spare crib": an ask put as a condition
# (counts only with a concrete thing named, like WEAK_NEED)
IF_ASK = re.compile(
    rf"\bif (?:you|u|ya|y'?all|any of (?:you|u)|anyone|anybody|any1|someone|somebody)(?: out there| here)?\s+"
    rf"(?:(?:can|could|would be able to|are able to|is able to)\s+(?:please\s+)?{_ASK_VERB}\b|(?:has|have|got)\s+(?:a |an |any |some )?(?:spare|extra)\b)"
)
# Asking to be contacted: offers say it, and so do claims ("dm me the address").
CONTACT = re.compile(
    r"\b(?:dm me|message me|text me|msg me|pm me|reach out|hit me up|lmk|let me know|escribanme|escribeme|mandenme|avisenme|me avisan|"
    r"call me|llamenme|holla)\b"
)
# The author has something to give.
GIVING = re.compile(
    r"^\W*(?:free|gratis|regalo|regalamos|giving away|up for grabs|offering|ofrezco|ofrecemos)\b"
    r"|\b(?:regalo|regalamos|doy|damos|ofrezco|ofrecemos|giving away|i'?m giving|we'?re giving|we'?re offering|donating|i offer|we offer)\b"
)
AVAILABLE = re.compile(
    r"\b(?:i have|i've got|ive got|i got|we have|we've got|we got|i'?ve|have a|have an|have some|have extra|have \d+|have half|have two|have lots|"
    r"got a|got an|got some|got extra|got \d+|got a bunch|got lots|tengo|tenemos|regalo|regalamos|doy|damos|ofrezco|ofrecemos|"
    r"giving away|i'?m giving|we'?re giving|we'?re opening|we'?re offering|offering|donating|made a|made extra|baked|cooked|hice|hicimos|"
    r"hago|cocino|i cook|we cook)\b"
)
GIVEAWAY = re.compile(
    r"\b(?:spare|extra|free|gratis|leftover|left over|too much|too many|won'?t use|wont use|don'?t use|dont need|don'?t need|no longer need|"
    r"ya no uso|que no uso|ya no usamos|no voy a usar|que ya no|me sobran|me sobra|nos sobra|nos sobran|siempre me sobran|sobrantes?|disponible|available|"
    r"to give away|to give out|to hand out|to share|to donate|para regalar|para repartir|para dar|de sobra|unused|gently used|barely used|like new|casi nuevo|casi nueva|en buen estado|good condition|outgrew|"
    r"for free|no charge|sin costo)\b"
)
# The author can do something: "can drive folks", "happy to interpret", "puedo traducir".
SERVICE = _SERVICE = (
    r"(?:drive|give|take|bring|drop|pick|grab|help|watch|babysit|host|cook|make|bake|walk|visit|call|translate|interpret|lend|loan|"
    r"donate|share|fix|repair|shovel|clear|cover|do|offer|teach|tutor|sit|come|go|carry|move|haul|deliver|pay|spare|provide|"
    r"accompany|run|store|keep|feed|check|mow|rake|clean|wash|sew|cut|cook|hang|tutor|read|explain forms|pet ?sit|dog ?sit)"
)
_CAN_SERVICE = rf"(?:can|could|could also|can also)\s+(?!anyone|anybody|any1|someone|somebody|you|u\b|we\b|i\b){_SERVICE}"
CAPABILITY = re.compile(
    # at the start, after a punctuation mark, or after "i", "we", "and"...; written as three alternatives
    # (not "(?:^|...|...)can") so that the one at the start is tried only there (trie.scan_form)
    rf"^{_CAN_SERVICE}|[,.;:!?\n(]\s*{_CAN_SERVICE}|\b(?:i|we|and|also|but|y|pero|also i)\s+{_CAN_SERVICE}"
    rf"|\b(?:happy to|glad to|willing to|able to|available to|free to|(?:have|got) (?:some |the |extra |free |spare )?time to|i'?m free|i am free|i'?d love to|would love to|love to|offering to|down to|i offer)\b"
    r"|\b(?:puedo|podemos|con gusto|ofrezco|me ofrezco|nos ofrecemos|estoy disponible|tengo tiempo|tengo espacio|tengo carro|tengo camioneta|doy clases|damos)\b"
)

# "our basic needs", "the need": the noun, not a need of the author's
_NOUN_BEFORE = "".join(rf"(?<!\b{w} need)" for w in "our their many basic different differents special the his other".split())
# A need of the author's or of someone they speak for.
NEED = re.compile(
    r"\b(?:need" + _NOUN_BEFORE + r"s?(?!\s+a (?:new |good |loving )?(?:home|destination)\b)|neeed|nedd|needing|in need of|necesito|necesitamos|necesita|necesitan|ocupo|ocupamos|ocupa|me urge|nos urge|me hace falta|nos hace falta|iso|request(?=\s*:)|req(?=\s*:)|solicitud(?=\s*:)|pedido(?=\s*:)|"
    r"hace falta|busco|buscamos|estoy buscando|estamos buscando|looking for|lookin for|searching for|could use|could really use|can use|would love|"
    r"hate to ask|short on|low on|anything helps|any help|cualquier ayuda|please help|pls help|plz help|help needed|help wanted|se busca|se necesita|"
    r"we are asking|we ask for|we request|requesting|request for(?<!\ba request for)(?<!\bthe request for)(?<!\bmy request for)(?<!\bour request for)(?<!\bsent request for)|in search of|we beg|i beg|le pido|les pido|pedimos|solicito|solicitamos|"
    r"desperate for|we are in need|in need of|we are asking|asking for (?:help|aid|assistance|food|water|tents?|medicine)|begging|weneed|nee help|"
    r"please (?:send|bring|provide|give us|give me|help|come|save|rescue|do something|remember us|don'?t forget|take care of|assist|supply)|"
    r"(?:i'?m|i am|we'?re|we are) asking for|(?:we|i) (?:are )?(?:ask|asking) (?:you )?(?:for|to (?:send|give|bring|help))|supply (?:us|me)|"
    r"send help|asking to send|do not forget us|don'?t forget us|save us|save me|rescue us|come save|"
    r"can pay (?:it |you |u )?back|will pay (?:it |you |u )?back|pay (?:you|u) back|se los devuelvo|se lo devuelvo|le pago|les pago)\b"
)
# "X needed", "laundry help?": the need word comes after what is needed
# (the look-behinds come after the word, so `re` only tries them where the word is)
_NOT_ASKED = "".join(rf"(?<!\b{w} needed)" for w in "more most what what's whats is anything whatever i we you u they he she who".split())
_VERB_WANTED = "".join(rf"(?<!\b{w} wanted)" for w in "i we you they he she what".split())
NEED_AFTER = re.compile(
    r"\b(?:needed" + _NOT_ASKED + r"(?!\s+(?:items?|things?|supplies|stuff|goods)\b)|"
    r"necesitad[oa]s?|help\?|help pls|help please|ayuda\?|wanted" + _VERB_WANTED + r")(?=\W|$)"
)
# needs that only count with a concrete thing named ("out of diapers", "we have no water")
WEAK_NEED = re.compile(
    r"\b(?:out of|ran out|run out|running out|running low|se nos acabo|se me acabo|se acabo|no tenemos|no tengo|no hay|we have no|we don'?t have|"
    r"we do not have|we haven'?t|i have no|i don'?t have|i do not have|there is no|there'?s no|(?:are|is|am|been|left|living|still|we|i|families|people|kids|children|us) without|lack|lacking|shortage|hungry|starving|hambre|"
    r"dying|suffering|sufriendo|help us|help me|ayudenos|ayudennos|ayudame|ayudeme|auxilio|socorro|sos|send us|send me|bring us|give us|"
    r"manden|envien|traigan|shut off|shutoff|cut off|disconnected|evicted|homeless|sin casa|no food|no water|need to|"
    r"can'?t find|cannot find|could not find|couldn'?t find|haven'?t (?:received|gotten|got|found)|have not (?:received|gotten|found)|"
    r"did not (?:receive|get|find)|didn'?t (?:receive|get|find)|never (?:received|got|found)|thirsty|thirst|die|will die|"
    r"(?:sleep|sleeping|live|living|staying|stay) (?:outside|(?:in|on) (?:the )?streets?)|lost everything|have nothing|nowhere to (?:sleep|stay|live|go)|"
    r"no shelter|no tents?|no medicine|no medication|no place to (?:sleep|stay|live)|(?:haven'?t|have not|didn'?t|did not) eat(?:en)?|want to eat|"
    r"no encuentro|no encontramos|nothing to eat|found nothing|we are dying|suffering|"
    r"would be (?:much |greatly |really |so |very )?appreciated|would be a (?:huge |big |great |real )?(?:help|lifesaver|blessing)|"
    r"would help (?:a lot|so much|us|me|tremendously)|"
    r"(?:house|home) (?:is |has been |was )?(?:completely |totally )?(?:destroyed|collapsed|broken|ruined))\b"
)
GROUP_ASK = re.compile(
    rf"\b(?:can|could|would|will|does|do|is|are)\s+{_WHO}\s+(?:please\s+|pls\s+|plz\s+|here\s+|out there\s+)?{_ASK_VERB}\b"
    rf"|\b(?:{_WHO})\s+(?:please\s+|here\s+|out there\s+|around\s+)?(?:have|has|got|able|available|free|willing|wanna|want to|can|could|with|who can|spare|up for|"
    r"around to|in \w+ (?:have|able|available|with))\b"
    rf"|\bis there (?:{_WHO}|any1|anyone)\s+(?:who|that|here who|out there who)?\s*(?:can|could|has|have|would|is able)\b"
    r"|\balguien\s+(?:que\s+|q\s+|aqui\s+|de aqui\s+|de ustedes\s+)?(?:me\s+|nos\s+|le\s+|les\s+|la\s+|lo\s+|me lo\s+|me la\s+)?"
    r"(?:puede|podria|pueda|pudiera|tiene|tenga|tendra|presta|preste|prestaria|ayuda|ayude|ayudaria|regala|regale|lleva|lleve|llevaria|"
    r"cuida|cuide|cuidaria|da|de|recoge|recoja|recogeria|hable|habla|trae|traiga|traeria|visita|visite|acompana|acompane|hace|haga|"
    r"dona|done|manda|mande|presta|consigue|consiga|arregla|arregle|dispone|disponible|interesado)\b"
    rf"|\bwho (?:can|could|would|is able to|is free to|wants to|is willing to)\s+(?:please\s+)?{_ASK_VERB}\b"
    r"|\b(?:hay alguien|habra alguien|busco a alguien|busco alguien|necesito alguien|necesito a alguien|necesito quien|necesita quien)\b"
    # at the start of a sentence only: "i found someone to watch them" is news
    rf"|\b(?<!\w\s)(?<!\w\s\s)(?<!\w)(?:please\s+|pls\s+|plz\s+)?(?:someone|somebody|some1)\s+(?:please\s+|pls\s+)?"
    rf"(?:to\s+(?:talk|{_ASK_VERB})|(?:who|that)\s+(?:can|could)|(?:bring|get|grab|pick up|drive|take|watch|give|lend|call|visit)\s+(?:me|us|my|our))\b"
)

# A question (or wish) whose point is that the author, or people they speak for,
# obtain a concrete need: "where can I find a tent and food?", "how can we get
# water?", "who can give us food?", "donde puedo conseguir comida?". docs/PARSING.md:
# it asks others to provide something, so it is a request. Questions about
# places, papers, schedules and information ("where can I find the form / the
# food bank / information", "where can I buy a crib") are not: their object is
# not a need, and buying is not asking. The need nouns are those of the
# category lexicons (category.py) minus places, institutions and papers.
_SEEKER = (
    r"(?:i|we|me|us|my (?:family|kids|children|child|son|daughter|mother|mom|father|dad|wife|husband|baby|babies|people|parents)|"
    r"our (?:family|families|kids|children|people|community|group))"
)
_MODAL = r"(?:can|could|do|should|shall|may|might|would|will|must)"
_OBTAIN = r"(?:get|find|obtain|receive|recieve|have|access|look for|go for|go get|go find|get hold of)"
_SOME = (
    r"(?:(?:a|an|some|any|more|enough|free|clean|drinking|potable|emergency|medical|humanitarian|hot|extra|warm|basic|"
    r"temporary|the|food|and)\s+){0,3}"
)
# the need itself, not the place or paper it comes from ("food bank", "food distribution cards")
_NEED_NOUN = (
    r"(?:food|water|something to eat|anything to eat|groceries|meals?|rice|milk|formula|diapers|medicines?|medications?|meds|"
    r"drugs|medical (?:care|help|attention|treatment|supplies)|treatment|first aid|doctors?|nurses?|tents?|tarps?|"
    r"plastic sheet(?:s|ing)?|shelter|housing|a place to (?:stay|sleep|live)|somewhere to (?:stay|sleep|live)|blankets?|"
    r"sleeping bags?|clothes|clothing|shoes|coats?|hygiene (?:kits|products|items)|soap|supplies|money|cash|rides?|"
    r"transport|transportation|help|aid|assistance|relief|support)"
    r"(?!\s+(?:bank|banks|pantry|pantries|distribution|card|cards|stamps?|coupons?|tickets?|office|offices|center|centre|"
    r"centers|site|sites|point|points|station|program|programs|form|forms|application|list|schedule|line|desk|hours|truck|"
    r"number|hotline|phone|organi[sz]ations?|agenc(?:y|ies)|groups?|workers?|people|volunteers?)\b)"
)
_SOME_ES = r"(?:(?:un|una|unos|unas|algo de|algun|alguna|algunos|algunas|mas|el|la|los|las|un poco de|y)\s+){0,3}"
_NEED_NOUN_ES = (
    r"(?:comida|alimentos?|agua|leche|formula|panales|medicinas?|medicamentos?|doctor|medico|atencion medica|carpas?|"
    r"casa de campana|lonas?|refugio|albergue|techo|lugar (?:para|donde) (?:quedarme|quedarnos|dormir|vivir)|cobijas?|"
    r"frazadas?|ropa|zapatos|dinero|ayuda|apoyo|raite|aventon|transporte)"
    r"(?!\s+(?:legal|de (?:la|el) (?:oficina|gobierno)))"
)
SEEK = re.compile(
    # where / how can I get it, where do we go for it, how we can find it
    rf"\b(?:where|how)(?: and (?:where|how))?(?: else)?\s+(?:{_MODAL}\s+{_SEEKER}|{_SEEKER}(?:\s+{_MODAL})?)\s+(?:be able to\s+)?"
    rf"(?:go (?:and |to )?|to )?{_OBTAIN}\s+{_SOME}{_NEED_NOUN}\b"
    rf"|\bwhere to (?:go )?(?:get|find|obtain|receive|look for)\s+{_SOME}{_NEED_NOUN}\b"
    # what must I do to find aid
    rf"|\bwhat (?:{_MODAL}\s+)?{_SEEKER}\s+(?:{_MODAL}\s+|have to\s+|need to\s+|got to\s+)?do\s+(?:to|so|in order to|so that)\s+"
    rf"(?:{_SEEKER}\s+(?:can|could)\s+)?{_OBTAIN}\s+{_SOME}{_NEED_NOUN}\b"
    # who can give us food, can you send us tents
    rf"|\b(?:who|can|could|would|will)\s+(?:(?:you|u|you guys|y'?all)\s+)?(?:can\s+|could\s+|will\s+|would\s+)?(?:please\s+)?"
    rf"(?:give|bring|send|lend|provide|spare|donate|share|get)\s+(?:us|me|my \w+|our \w+)\s+{_SOME}{_NEED_NOUN}\b"
    # we would be happy to receive water, I would like to have a tent
    rf"|\b(?:i|we)(?: would|'d| will|'ll)\s+(?:like|love|appreciate|be happy|be glad|be grateful)\s+(?:to\s+)?"
    rf"(?:have|get|receive|recieve)\s+{_SOME}{_NEED_NOUN}\b"
    # I ask the international agencies to give us aid
    rf"|\b(?:i|we) (?:ask|beg|urge|implore)\s+(?:\w+\s+){{1,3}}to\s+(?:give|send|bring|provide)\s+(?:us|me)\s+{_SOME}{_NEED_NOUN}\b"
    # donde puedo conseguir comida, como conseguimos agua, quien nos puede dar ropa
    rf"|\b(?:donde|como)\s+(?:(?:puedo|podemos|podria|podriamos|se puede|pudiera|debo|debemos|hay que)\s+)?(?:ir a\s+)?"
    rf"(?:conseguir|encontrar|obtener|recibir|pedir|buscar|consigo|conseguimos|encuentro|encontramos|obtengo|recibo|recibimos)\s+"
    rf"{_SOME_ES}{_NEED_NOUN_ES}\b"
    rf"|\bquien\s+(?:me|nos|le|les)\s+(?:puede|podria|pueda|quiere)\s+(?:dar|prestar|traer|regalar|llevar|conseguir|mandar|donar|dejar)\s+"
    rf"{_SOME_ES}{_NEED_NOUN_ES}\b"
)
# what SEEK asks for, at its end: the announcement reads from there ("diapers for my baby")
SEEK_OBJECT = re.compile(rf"\b{_SOME}(?:{_NEED_NOUN}|{_NEED_NOUN_ES})$")
# "we need a doctor in arcahaie, where are they?": a need named outright, before the question
NEED_OBJECT = re.compile(rf"\s+{_SOME}{_NEED_NOUN}\b")
# the noun asked for says nothing of what is needed: the bot asks back
SEEK_GENERAL = re.compile(r"(?:help|aid|assistance|relief|support|ayuda|apoyo)$")

# Asking for help without saying for what: the bot asks back (docs/PARSING.md, `vague`)
HELP_ONLY = re.compile(
    r"\b(?:help us|help me|help!|please help|pls help|plz help|need help|i need help|we need help|save us|save me|rescue us|sos|"
    r"ayuda|ayudenme|ayudennos|ayudame|ayudenos|auxilio|socorro|necesito ayuda|necesitamos ayuda)(?=\W|$)"
)

# Questions about information, not asks for help: "anyone know if...", "what time does".
INFO = re.compile(
    r"\b(?:anyone|anybody|any1|any one|someone|somebody|folks|y'?all|you guys|u guys|alguien|does anyone|do any of you|ustedes|do you|do u)\s+"
    r"(?:here\s+)?(?:know|knows|kno|sabe|sabes|saben|conoce|conocen|recommend|recomienda|recomiendan|tried|used|heard|seen|noticed|else|ever|remember|been)\b"
    r"|\b(?:you|u) know (?:if|where|when|how|what|who|whether)\b"
    r"|\bhow (?:do|does|can|to|much|long|many)\b|\bcomo (?:puedo|podemos|se puede|hago|hacemos|le hago|funciona)\b|\bwhat time\b|\ba que hora\b|\bexplain\b|\bexplica\b|\bme explica\b"
    r"|\bhow (?:we|i|they|people|someone|somebody|one) (?:can|could|should|do|get|find|must)\b"
    r"|\b(?:how|when|where|what|why) (?:can |could |do |does |should |would )?(?:someone|somebody|anyone|anybody|one|people)\b"
    r"|\bin (?:what|which) (?:hospital|clinic|place|area|office|shelter|center|centre)\b"
    r"|\bwhat (?:should|can|could|must|shall|do) (?:i|we|they|he|she|one|people) (?:do|have to do|make)\b"
    r"|\b(?:when|where|what|why|which(?<![a-z] which)|cuando|donde|por que|cual)\s+(?:is|are|does|do|was|will|es|son|abre|cierra|esta|hay|va|van|can i|puedo)\b"
    r"|\bis (?:the|it|there a|this|that)\b[^?.!]{0,40}\b(?:open|closed|still|abierto)\b"
)
# the thing asked for is information: "does anyone have the number for the hotline?"
INFO_OBJECT = re.compile(
    r"\b(?:give|send|tell) (?:me|us) (?:the |some |more |any )?(?:info|infos|information|informations|news)\b|"
    r"\bneed (?:some |more |any |all |an |the )?(?:info|infos|information|informations|imformations|answers?|news|to know|update|updates)\b|"
    r"\b(?:the|a|el|la|un|una)\s+(?:phone\s+)?(?:number|numero|link|website|contact|info|information|informacion|address|direccion|hours|horario|schedule|name|nombre)\s+(?:for|of|to|de|del|para)\b"
    r"|\b(?:any|some|more)\s+(?:info|information|advice|tips|recs|recommendations)\b"
    r"|\b(?:requesting|request for|need of|send me|get|have) (?:the |some |more |any )?(?:info|infos|information|informations|inforamtion)\b"
    r"|\bvolunteer(?:ing)? opportunit\w*"
)
# Notices, reports and chatter that may contain need words
NOTICE = re.compile(
    r"^\W*(?:reminder|recordatorio|heads up|heads-up|fyi|update|psa|ojo|aviso|recuerden|note|news|announcement|anuncio|breaking|alert)\b"
    r"|\b(?:meeting|reunion|orientation|potluck|workshop|taller|vigil|rally|protest|assembly|asamblea|webinar|zoom call|training session|info session)\b"
    r"|\b(?:is done|are done|was done|got done|se resolvio|ya se resolvio|resolved|is resolved|been resolved|no longer needed|ya no se necesita|ya no necesito|"
    r"borrar el pedido|delete my|cancel my|is cancelled|is canceled|cancelled|canceled|se cancela|cancelado|cancelada)\b"
)
# "i need coffee lol": a joke, unless a real need is named
LAUGH = re.compile(r"\b(?:lol|lmao|lmfao|rofl|haha\w*|jaja\w*|jeje\w*|jk)\b|😂|🤣|😆|😅")
# (matched right after the need word) what the group is asked to do for an organisation, not a need of anyone's:
# "the shelter is looking for volunteers", "please help spread the word"
NOT_A_NEED = re.compile(
    r"\s*(?:(?:some |more |a few |extra |\d+ )?(?:volunteers|voluntarios|voluntarias|helpers)|(?:some |more )?hands on deck)\b"
    r"|\s*(?:spread|share|promote|boost|get the word out|pass the word|corran la voz|compartan)\b"
)
# (right after an ask to the group) what people are asked to do for themselves: "can you all check your email?"
FOR_THEMSELVES = re.compile(r"\s*(?:(?:check|bring|read|sign|fill out|update|use)\s+)?(?:your|ur|yourselves|sus|tus)\b")
THANKS = re.compile(r"\b(?:thanks|thank you|thank u|thanku|thx|tysm|ty|gracias|grax|appreciate|shoutout|shout out|agradecid[oa])\b")

# Taking a posted need or accepting an offer.
CLAIM = re.compile(
    r"\b(?:on it|i'?m on it|im on it|got (?:it|this|that)(?: one)?|i(?:'ve| have)? got (?:it|this|that|you|u)|i got u|"
    r"(?:i'?ll|ill|i will|i can|i could|can) (?:take|do|handle|grab|cover|get|claim) (?:it|this|that|this one|that one|#\s?\d+|\d+(?=\s*(?:[,.!?;:)]|$|and\b|&|y\b|thanks|gracias|please|pls|por favor|too\b|tambien)))|"
    r"(?:i'?ll|ill|i will|i can|i could|can|happy to|glad to|willing to) (?:help with|do|take|handle) (?:it|this|that|this one|that one)\b|"
    r"i'?ll take (?:one|some|them|it)|(?:i'?ll|ill|i will) (?:handle|take care of|cover)\b|count me in|dibs|claimed|claiming|"
    r"i(?:'ve| have)? got the [\w' -]{1,30}? (?:one|request|covered)|got the [\w' -]{1,30}? covered|"
    r"taking (?:the|#|\d)|i'?ll do (?:it|that|this)|leave it (?:to|with) me|i'?m in(?=\s*(?:[!.👍]|$))|yes please|yes pls|yes plz|si por favor|si porfa|si,? gracias|"
    r"i want it|i'?d love (?:it|one|that)|interested!|i'?m interested|me interesa|me interesan|lo quiero|la quiero|los quiero|las quiero|yo lo quiero|"
    r"yo me encargo|me encargo|yo lo hago|yo la hago|me apunto|cuenta conmigo|cuenten conmigo|lo tomo|la tomo|los tomo|yo lo tomo|yo lo llevo|"
    r"yo la llevo|yo los llevo|yo las llevo|yo voy|yo puedo|yo le|yo les|yo la|yo lo|ya voy|voy yo|handled|omw|on my way|en camino)(?=\W|$)"
    r"|^\W*(?:me|mine|yo|i can|i will|i'll|ill|yes|si|sure|ok i'll|ok ill)\W*(?:[!.👍🙋✋🙌]|$)"
    r"|\bmine\s*(?:[!.👍🙋✋]|$)"
    r"|^\W*(?:got (?:you|u|ya)|gotchu)\b"
    r"|^\W*(?:me|yo|mine|i do|i'?d like it|i would like it)\s*,?\s*(?:please|pls|plz|por favor|porfa)\W*$"
    r"|\bpuedo \w+(?:la|lo|las|los|le|les) yo\b"
    r"|^\W*(?:yo\s+)?(?:lo|la|los|las)\s+(?:recojo|llevo|traigo|hago|cuido|compro|tomo|paso a buscar)\b"
    r"|^\W*can do the\b"
)
# a claim the author is not sure of yet takes nothing: a wrongly taken need is one nobody else takes
HEDGE = re.compile(
    # "maybe i can", "i can probably": the doubt is about the taking ("i can do it, might be late" is sure)
    r"\b(?:maybe|probably|possibly|perhaps)\b[^.,;!?]{0,20}\b(?:i|we)\b|\b(?:i|we)(?:'?ll| can| could| will)\s+(?:maybe|probably|possibly|perhaps)\b"
    r"|\b(?:might|may) be able\b|\bi might (?:be able|have time|manage|can)\b|\bnot sure\b|\b(?:let me|lemme) (?:check|see)\b"
    r"|\bi'?ll (?:check|see|let you know)\b|\b(?:tal vez|quizas|quiza|a lo mejor|no se si|dejame ver|voy a ver)\b"
)
# a reply that takes nothing: not sure yet, a refusal, a promise to ask or check first
NOT_TAKING = re.compile(
    HEDGE.pattern
    + r"|\b(?:can'?t|cannot|can not|couldn'?t|won'?t be able|not able|unable|no puedo|no podemos)\b"
    r"|\b(?:i'?ll|ill|i will|we'?ll|let me)\s+(?:ask|check with|talk to|see if|find out)\b"
    r"|\b(?:le voy a preguntar|voy a preguntar|le pregunto|dejame preguntar)\b"
)
# the whole message a short commitment to a thing already named: "i'll feed the cats!", "i will bring the soup"
SHORT_COMMIT = re.compile(r"\W*(?:ok(?:ay)?\W+|sure\W+|yes\W+)?(?:i'?ll|ill|i will|i can|let me)\s+\w+\s+(?:the|those|these)\s+\w+\W*$")
# First-person commitment to one known person or item: "i'll pick up ur son", "@rosa i can drive ur mom"
COMMIT = re.compile(
    r"\b(?:i'?ll|ill|i will|i'?m gonna|im gonna|i'?m going to|let me|i can|i could|i'?m happy to)\b"
    r"|^\W*yo\s+(?:\w+\s+)?\w+o\b|\bpuedo\s+\w+(?:le|la|lo|les|los|las)\b|\b(?:voy a|puedo)\s+(?:llevar|recoger|pasar|traer|cuidar|visitar|llamar)\s+a\s+(?:la senora|el senor|don|dona|su|tu)\b"
)
SPECIFIC = re.compile(
    r"@\w|#\s?\d|\b(?:your|ur|yours|for you|for u|her|him|mrs\.?|mr\.?|ms\.?|miss|don(?!')|dona|la senora|el senor|senora|tu|su)\b"
    r"|\b(?:the|that|this) (?:[\w:]+ )?(?:one|request|ride|run|move|pickup|pick up|delivery|dog|kids|family|groceries|formula|crib|couch)\b"
    # "i can take the rice and beans one", "i'll feed the cats!": a short commitment to a thing already named
    r"|\b(?:the|that|this) (?:[\w']+ ){1,3}one\b"
    r"|\b(?:it|this|that)\s*(?:[,.!?]|$)"
    # "ok i can drive you": the person spoken to
    r"|\b(?:drive|take|pick|bring|get|help|call|visit|watch|give|meet|walk) (?:you|u|y'?all)\b(?! (?:guys|all) )"
)

# Word gates (gate.py): the same patterns, skipped when the text lacks every word they start with.
from .gate import Gated as _Gated  # noqa: E402
from .trie import compile_factored as _factored  # noqa: E402


def _gated(pattern, requires: str | None = None):
    return _Gated(_factored(pattern), frozenset(requires.split()) if requires else None)


AUDIENCE_OFFER = _gated(
    AUDIENCE_OFFER,
    """any anyone anybody any1 folks people ppl families neighbors neighbours elders seniors whoever those others all
    u you ya ur y yall someone somebody some1 sombody one who alguien quien quienes personas vecinos familias necesitan
    sirve que first welcome bienvenidos come grabs home needed be anything whatever else wants quiera necesite
    necesiten pasen""",
)
CONTACT = _gated(CONTACT)
IF_ASK = _gated(IF_ASK)
GIVING = _gated(GIVING)
AVAILABLE = _gated(AVAILABLE)
GIVEAWAY = _gated(GIVEAWAY)
CAPABILITY = _gated(CAPABILITY)
NEED = _gated(NEED)
NEED_AFTER = _gated(NEED_AFTER)
WEAK_NEED = _gated(WEAK_NEED)
GROUP_ASK = _gated(GROUP_ASK)
HELP_ONLY = _gated(HELP_ONLY)
# every match of SEEK holds one of these words (checked in tests/test_parser_properties.py)
SEEK = _gated(
    SEEK,
    """food water something anything eat groceries meal meals rice milk formula diapers medicine medicines medication
    medications meds drugs medical treatment aid doctor doctors nurse nurses tent tents tarp tarps plastic shelter housing
    place somewhere blanket blankets sleeping clothes clothing shoes coat coats hygiene soap supplies money cash ride rides
    transport transportation help assistance relief support comida alimento alimentos agua leche panales medicina
    medicinas medicamento medicamentos medico atencion carpa carpas casa lona lonas refugio albergue techo lugar cobija
    cobijas frazada frazadas ropa zapatos dinero ayuda apoyo raite aventon transporte""",
)
# every match of these holds one of the words listed (checked in tests/test_parser_properties.py)
INFO = _gated(
    INFO,
    """know knows kno sabe sabes saben conoce conocen recommend recomienda recomiendan tried used heard seen noticed else
    ever remember been how what when where why which cuando donde que cual hora explain explica open closed still abierto
    como""",
)
INFO_OBJECT = _gated(
    INFO_OBJECT,
    """info infos information informations imformations inforamtion news answer answers know update updates number numero
    link website contact informacion address direccion hours horario schedule name nombre advice tips recs recommendations
    volunteer volunteering""",
)
NOTICE = _gated(NOTICE)
THANKS = _gated(THANKS)
LAUGH = _gated(LAUGH)
CLAIM = _gated(CLAIM)
COMMIT = _gated(COMMIT)
SPECIFIC = _gated(SPECIFIC)
