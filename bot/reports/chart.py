"""The weekly chart: requests asked and met per week, stacked by category,
drawn with matplotlib's Agg canvas (no display, no pyplot state: each
chart is its own Figure, so charts drawn in worker threads never meet).

Each bar segment carries a ``gid`` of ``measure/category/monday`` so the
figure can be read back (tests compare its heights with the counts)."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from bot.reports.words import CATEGORIES

WIDTH_INCHES, HEIGHT_INCHES, DPI = 8.0, 4.5, 120  # 960 x 540 pixels: a phone screen's width
BAR = 0.38
ASKED, MET = "asked", "met"
# one fixed colour per category, so a category keeps its colour week after week
_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#8c564b", "#7f7f7f")
COLOURS = {name: _PALETTE[i % len(_PALETTE)] for i, name in enumerate(CATEGORIES)}


@dataclass(frozen=True)
class WeeklyCounts:
    mondays: list[date]
    asked: dict[tuple[int, str], int]  # (week index, category) -> requests posted
    met: dict[tuple[int, str], int]  # (week index, category) -> requests done

    def categories(self) -> list[str]:
        from bot.reports.words import by_category_order

        return by_category_order({c for _w, c in self.asked} | {c for _w, c in self.met})

    def totals(self, measure: str) -> list[int]:
        data = self.asked if measure == ASKED else self.met
        return [sum(n for (w, _c), n in data.items() if w == week) for week in range(len(self.mondays))]

    @property
    def empty(self) -> bool:
        return not any(self.asked.values()) and not any(self.met.values())


@dataclass(frozen=True)
class ChartWords:
    """Everything the chart says, already in the group's language."""

    title: str
    asked: str
    met: str
    axis: str
    weeks: list[str]  # one label per week
    categories: dict[str, str] = field(default_factory=dict)


def draw(counts: WeeklyCounts, words: ChartWords) -> Figure:
    fig = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    weeks = range(len(counts.mondays))
    categories = counts.categories()
    for measure, data, shift, alpha in ((ASKED, counts.asked, -BAR / 2, 0.45), (MET, counts.met, BAR / 2, 1.0)):
        bottom = [0] * len(weeks)
        for category in categories:
            heights = [data.get((w, category), 0) for w in weeks]
            colour = COLOURS.get(category, "#7f7f7f")
            bars = ax.bar([w + shift for w in weeks], heights, BAR, bottom=bottom,
                          color=to_rgba(colour, alpha), edgecolor=colour, linewidth=0.6)
            for w, patch in zip(weeks, bars.patches):
                patch.set_gid(f"{measure}/{category}/{counts.mondays[w].isoformat()}")
            bottom = [b + h for b, h in zip(bottom, heights)]
        for w, total in zip(weeks, bottom):
            if total:
                ax.annotate(str(total), (w + shift, total), xytext=(0, 2), textcoords="offset points",
                            ha="center", va="bottom", fontsize=7)
    highest = max(counts.totals(ASKED) + counts.totals(MET) + [1])
    ax.set_ylim(0, highest * 1.15)  # room for the totals written over the bars
    ax.set_xticks(list(weeks), words.weeks, fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_ylabel(words.axis)
    ax.set_title(words.title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    legend = [Patch(facecolor=to_rgba("#555555", 0.45), edgecolor="#555555", label=words.asked),
              Patch(facecolor="#555555", edgecolor="#555555", label=words.met)]
    legend += [Patch(facecolor=COLOURS.get(c, "#7f7f7f"), label=words.categories.get(c, c)) for c in categories]
    ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return fig


def png(fig: Figure) -> bytes:
    out = io.BytesIO()
    # no "Software" stamp: the same counts give the same bytes
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
