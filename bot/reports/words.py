"""The words reports share: category names in the group's language, and
how long someone waited, written short."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import _

# the categories of docs/PARSING.md, in its order
CATEGORIES = {
    "food": _("food"),
    "transport": _("transport"),
    "housing": _("housing"),
    "health": _("health"),
    "childcare": _("childcare"),
    "money": _("money"),
    "supplies": _("supplies"),
    "errands": _("errands"),
    "pets": _("pets"),
    "legal": _("legal"),
    "translation": _("translation"),
    "companionship": _("companionship"),
    "other": _("other"),
}
ORDER = {name: i for i, name in enumerate(CATEGORIES)}


def category_name(category: str, t) -> str:
    marked = CATEGORIES.get(category)
    return t(marked) if marked else category


def by_category_order(categories) -> list[str]:
    """Categories in docs/PARSING.md's order, unknown ones last by name."""
    return sorted(categories, key=lambda c: (ORDER.get(c, len(ORDER)), c))


def short_duration(seconds: float | None) -> str:
    """"45m", "2h 10m", "1d 3h"; "–" when there is nothing to measure."""
    if seconds is None:
        return "–"
    minutes = int(round(seconds / 60))
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h {minutes}m" if minutes else f"{hours}h"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h" if hours else f"{days}d"


def file_name(group_name: str, what: str, now: datetime, zone: ZoneInfo, extension: str) -> str:
    """"eastside-items-2026-12-02.csv": the group's name as plain letters,
    digits and dashes, whatever the platform allows in names."""
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in group_name.lower())
    slug = "-".join(part for part in slug.split("-") if part)[:40] or "group"
    return f"{slug}-{what}-{now.astimezone(zone).date().isoformat()}.{extension}"
