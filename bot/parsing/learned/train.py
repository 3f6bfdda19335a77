"""Train the reader's model from the labelled messages in benchmarks/data.

    .venv/bin/python -m bot.parsing.learned.train          # writes bot/parsing/learned/reader.bin

Needs scikit-learn (the `test` extra); the bot itself never imports it.

What it learns from:
- benchmarks/data/chat/*/*.jsonl: chat messages by many authors with stated
  personas, except the authors named in benchmarks/data/chat/split.json as
  held out: those are kept for the benchmark's "authors never seen" figures;
- benchmarks/data/parse-dev.jsonl: the project's first labelled messages;
- benchmarks/data/disaster/disaster_response_validation_contract.csv: real
  disaster messages relabelled under the parsing contract (the test file is
  never read here: it is for reporting only).

Two heads share one set of features: `kind` (request, offer, claim, other,
vague: "vague" is the contract's kind other with vague true) and `category`
(over requests and offers only).
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from array import array
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "benchmarks" / "data"
OUT = Path(__file__).resolve().parent / "reader.bin"
TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=TZ)
HINT_DROPOUT = 0.5
PRUNE = 0.1
KIND_CLASSES = ("request", "offer", "claim", "other", "vague")
CATEGORIES = ("food", "transport", "housing", "health", "childcare", "money", "supplies", "errands",
              "pets", "legal", "translation", "companionship", "other")


def held_out_authors() -> set[str]:
    return set(json.loads((DATA / "chat" / "split.json").read_text())["held_out"])


def chat_rows() -> list[dict]:
    rows = []
    for path in sorted((DATA / "chat").glob("*/*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    r.setdefault("author", path.stem)
                    rows.append(r)
    return rows


def dev_rows() -> list[dict]:
    with open(DATA / "parse-dev.jsonl", encoding="utf-8") as f:
        return [dict(json.loads(line), author="dev") for line in f if line.strip()]


def disaster_rows() -> list[dict]:
    with open(DATA / "disaster" / "disaster_response_validation_contract.csv", encoding="utf-8") as f:
        out = []
        for r in csv.DictReader(f):
            out.append({"text": r["message"], "kind": r["kind"], "vague": r["vague"] == "1",
                        "category": r["category"] or None, "author": "disaster-validation",
                        "weight": 1.0 if r["sure"] == "1" else 0.5})
        return out


def without_hints_at_times(feats: list[str], i: int) -> list[str]:
    """Half the messages (by a fixed draw) are learned without the rules' hints.

    The rules were written from some of these messages, so on them their
    reading is right far more often than on new words; learned only with
    hints, the model would trust them blindly. Without them half the time,
    it learns what the words themselves say.
    """
    if random.Random(i).random() < HINT_DROPOUT:
        return [f for f in feats if not f.startswith("!")]
    return feats


def label_of(r: dict) -> str:
    if r["kind"] == "other" and r.get("vague"):
        return "vague"
    return r["kind"]


def fit(rows: list[dict], feats: list[list[str]], c: float, cat_c: float | None = None):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    # counts: features() lists each distinct word's features once, so a count is what a Reader adds up
    vec = CountVectorizer(analyzer=lambda x: x, min_df=2)
    x = vec.fit_transform(feats)
    weights = [r.get("weight", 1.0) for r in rows]
    kind = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    kind.fit(x, [label_of(r) for r in rows], sample_weight=weights)
    cat_idx = [i for i, r in enumerate(rows) if r["kind"] in ("request", "offer") and r.get("category")]
    cat = LogisticRegression(C=c if cat_c is None else cat_c, max_iter=3000, class_weight="balanced")
    cat.fit(x[cat_idx], [rows[i]["category"] for i in cat_idx], sample_weight=[weights[i] for i in cat_idx])
    return vec, kind, cat


def to_model(vec, kind, cat, meta: dict, prune: float = 1e-4):
    from bot.parsing.learned.linear import Head, LinearModel

    names = vec.get_feature_names_out()

    def head(clf, order) -> tuple[Head, list[float]]:
        classes = list(clf.classes_)
        coef = clf.coef_
        if coef.shape[0] == 1:  # binary: scikit-learn keeps one row
            coef = [-coef[0], coef[0]]
        cols = [classes.index(c) for c in order if c in classes]
        rows = [[float(coef[j][i]) for j in cols] for i in range(len(names))]
        bias = [float(clf.intercept_[j]) for j in cols]
        return tuple(classes[j] for j in cols), rows, bias

    kc, krows, kb = head(kind, KIND_CLASSES)
    cc, crows, cb = head(cat, CATEGORIES)
    # features that barely move any score are left out of the file: a smaller
    # model starts faster and keeps the bot within its memory budget
    keep = [i for i in range(len(names)) if max(map(abs, krows[i] + crows[i])) >= prune]
    index = {str(names[i]): n for n, i in enumerate(keep)}
    kcols = tuple(array("f", [krows[i][j] for i in keep]) for j in range(len(kc)))
    ccols = tuple(array("f", [crows[i][j] for i in keep]) for j in range(len(cc)))
    return LinearModel(index, {"kind": Head(kc, kcols, tuple(kb)), "category": Head(cc, ccols, tuple(cb))}, meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--prune", type=float, default=PRUNE, help="weights below this in every class are dropped")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from bot.parsing.core import reading_features

    held = held_out_authors()
    chat = chat_rows()
    train = [r for r in chat if r["author"] not in held] + dev_rows() + disaster_rows()
    random.Random(4).shuffle(train)
    feats = [without_hints_at_times(reading_features(r["text"], NOW, TZ), i) for i, r in enumerate(train)]
    vec, kind, cat = fit(train, feats, args.c)
    meta = {
        "messages": len(train),
        "held_out_authors": sorted(held),
        "by_source": dict(Counter(r["author"] if r["author"] in ("dev", "disaster-validation") else "chat" for r in train)),
        "c": args.c,
    }
    meta["prune"] = args.prune
    model = to_model(vec, kind, cat, meta, args.prune)
    model.dump(args.out)
    print(f"{len(train)} messages, {len(model.index)} features -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    print("kinds:", dict(Counter(label_of(r) for r in train)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
