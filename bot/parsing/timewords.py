"""Names of days, months and parts of the day, in English and Spanish (accents folded)."""
from __future__ import annotations

from datetime import time

# weekday index as datetime.weekday(); the RRULE code is RRULE_DAYS[index]
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "lunes": 0,
    "tuesday": 1, "tues": 1, "tue": 1, "martes": 1,
    "wednesday": 2, "wed": 2, "weds": 2, "miercoles": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "jueves": 3,
    "friday": 4, "fri": 4, "viernes": 4,
    "saturday": 5, "sat": 5, "sabado": 5,
    "sunday": 6, "sun": 6, "domingo": 6,
    # as people really type them, by ear or in a hurry (none of them an ordinary word)
    "munday": 0, "tusday": 1, "tuesay": 1, "teusday": 1, "tuseday": 1,
    "wensday": 2, "wendsday": 2, "wednsday": 2, "wedensday": 2, "wedsday": 2, "wenesday": 2,
    "miercole": 2, "mierkoles": 2, "miercols": 2,
    "thrusday": 3, "thursay": 3, "thurday": 3, "thirsday": 3, "juebes": 3, "jueve": 3, "hueves": 3,
    "fryday": 4, "firday": 4, "fridy": 4, "biernes": 4, "vierne": 4, "bierne": 4,
    "saterday": 5, "satuday": 5, "saturdy": 5, "sabdo": 5, "savado": 5, "sabad": 5, "sabao": 5,
    "sundy": 6, "sundey": 6, "domigo": 6,
}
# Abbreviations that are also ordinary words ("she sat down", "the sun"):
# read as days only next to another time word (see when.py).
AMBIGUOUS_DAYS = frozenset({"sat", "sun", "wed", "mon"})
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "enero": 1,
    "february": 2, "feb": 2, "febrero": 2,
    "march": 3, "mar": 3, "marzo": 3,
    "april": 4, "apr": 4, "abril": 4,
    "may": 5, "mayo": 5,
    "june": 6, "jun": 6, "junio": 6,
    "july": 7, "jul": 7, "julio": 7,
    "august": 8, "aug": 8, "agosto": 8,
    "september": 9, "sept": 9, "sep": 9, "septiembre": 9, "setiembre": 9,
    "october": 10, "oct": 10, "octubre": 10,
    "november": 11, "nov": 11, "noviembre": 11,
    "december": 12, "dec": 12, "diciembre": 12, "dic": 12,
}

MORNING = time(9, 0)
AFTERNOON = time(14, 0)
EVENING = time(18, 0)
NOON = time(12, 0)

PART_OF_DAY: dict[str, time] = {
    "morning": MORNING, "manana": MORNING, "mananita": MORNING, "am": MORNING,
    "afternoon": AFTERNOON, "tarde": AFTERNOON,
    "evening": EVENING, "night": EVENING, "noche": EVENING, "tonight": EVENING,
    "noon": NOON, "midday": NOON, "mediodia": NOON,
}


def _alternation(words) -> str:
    # longest first, so "thursday" wins over "thu"
    return "|".join(sorted(words, key=len, reverse=True))


DAY_RE = _alternation(WEEKDAYS)
MONTH_RE = _alternation(MONTHS)
