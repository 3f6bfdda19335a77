"""The words of announcements, lists and item lines, in the group's
language. No exact address or phone number ever reaches these: items keep
them apart (storage.models.ItemPrivate)."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.actions import Button
from bot.i18n import _, format_when, translator
from bot.public_words import group_safe
from bot.reports.words import category_name
from storage.models import Item

CLAIM_BUTTON_DATA = "claim:{n}"


def item_line(item: Item, zone: ZoneInfo, lang: str, *, with_place: bool = True) -> str:
    """"#3 groceries · Tue Dec 8 · Eastside". Items keep only group-safe
    words (bot.public_words); they are checked again here, since a line may
    go to a group (announcement, re-post, digest, /open) and rows written
    before that rule may still hold a long number."""
    parts = [f"#{item.id} {summary(item, lang)}"]
    if item.when_at is not None:
        parts.append(format_when(item.when_at.astimezone(zone), item.has_time, lang))
    place = group_safe(item.place, all_or_nothing=True) if with_place else None
    if place:
        parts.append(place)
    return " · ".join(parts)


def summary(item: Item, lang: str) -> str:
    """What the item is about: for a need sent by direct message, only its
    category, in the group's language; else its summary, group-safe."""
    if item.via_direct or item.scrubbed:
        return category_name(item.category, translator(lang))
    return group_safe(item.what) or category_name(item.category, translator(lang))


def announcement(item: Item, zone: ZoneInfo, lang: str, *, claimer_handle: str | None = None,
                 note: str | None = None) -> str:
    t = translator(lang)
    line = item_line(item, zone, lang)
    if item.status == "open":
        icon = "⚠" if item.urgent else ("📋" if item.kind == "request" else "🎁")
        how = t(_("reply to claim")) if item.kind == "request" else t(_("reply to take it"))
        extra = [t(note)] if note else []
        if item.recurrence:
            extra.append("🔁")
        return " · ".join([f"{icon} {line}", *extra, how])
    if item.status == "claimed":
        if claimer_handle:
            return f"✅ {line} · " + t(_("taken by @{handle}")).format(handle=claimer_handle)
        return f"✅ {line} · " + t(_("taken"))
    word = {"done": _("done"), "cancelled": _("cancelled"), "expired": _("expired")}[item.status]
    icon = {"done": "☑️", "cancelled": "✖️", "expired": "⌛"}[item.status]
    return f"{icon} {line} · {t(word)}"


def posted_again(item: Item, zone: ZoneInfo, lang: str) -> str:
    """An earlier copy of an announcement posted again: it names the item
    but no longer invites a claim (the latest copy does)."""
    t = translator(lang)
    return f"{item_line(item, zone, lang)} · " + t(_("posted again below"))


def claim_buttons(item: Item, lang: str) -> tuple[Button, ...]:
    if item.status != "open":
        return ()
    t = translator(lang)
    label = t(_("🙋 I can help")) if item.kind == "request" else t(_("🙋 I'd like it"))
    return (Button(label, CLAIM_BUTTON_DATA.format(n=item.id)),)


def open_list(items: list[Item], zone: ZoneInfo, lang: str, heading: str) -> str:
    t = translator(lang)
    if not items:
        return t(_("Nothing is open right now."))
    lines = [t(heading)]
    for it in items:
        icon = "⚠" if it.urgent else ("📋" if it.kind == "request" else "🎁")
        lines.append(f"{icon} {item_line(it, zone, lang)}")
    return "\n".join(lines)
