"""The learned reader: what ships is what was trained, and reading it is exact."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parsing.learned import features, reader
from bot.parsing.learned.linear import LinearModel
from bot.parsing.learned.train import CATEGORIES, KIND_CLASSES

HINTS = ("k:request", "c:food", "x:need", "t:food")


def test_the_shipped_model_has_both_heads_and_every_class():
    model = reader().model
    assert model.heads["kind"].classes == KIND_CLASSES
    assert model.heads["category"].classes == CATEGORIES
    assert len(model.index) > 5_000
    assert model.meta["held_out_authors"]  # the benchmark's unseen authors are named in the file


def _plain(model: LinearModel, head: str, t: str) -> list[float]:
    """The model's scores by its definition: bias plus the weight of every listed feature."""
    return model.heads[head].scores(model.rows(features(t, HINTS)))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | st.sampled_from([
    "need groceries tuesday", "anyone have a crib? anyone??", "i can do it i can do it",
    "tengo una cuna que ya no uso", "banana banana", "ISO a winter coat size 10/12 😩😩",
]))
def test_reading_adds_up_to_the_models_own_scores(t):
    # the reader remembers each word's share: the sum must be the plain definition's
    scored = reader().read(t.lower(), HINTS)
    model = reader().model
    for head, got in (("kind", scored._scores(0)), ("category", scored._scores(1))):
        want = _plain(model, head, t.lower())
        assert all(math.isclose(a, b, abs_tol=1e-3) for a, b in zip(got, want)), (head, got, want)
    p = scored.kind()
    assert set(p) == set(KIND_CLASSES) and math.isclose(sum(p.values()), 1.0)


def test_a_trained_model_written_and_read_back_gives_scikit_learns_probabilities(tmp_path):
    from bot.parsing.learned import train

    rows = [
        {"text": "need groceries tuesday", "kind": "request", "category": "food"},
        {"text": "necesito pañales talla 4", "kind": "request", "category": "supplies"},
        {"text": "can someone drive me to the clinic", "kind": "request", "category": "transport"},
        {"text": "I have a spare car seat", "kind": "offer", "category": "supplies"},
        {"text": "anyone need bread? baked too much", "kind": "offer", "category": "food"},
        {"text": "I can do it", "kind": "claim", "category": None},
        {"text": "yo me encargo", "kind": "claim", "category": None},
        {"text": "thanks everyone!!", "kind": "other", "category": None},
        {"text": "meeting thursday at 7", "kind": "other", "category": None},
        {"text": "please help us", "kind": "other", "vague": True, "category": None},
    ] * 2  # every feature seen twice: min_df keeps them
    feats = [features(r["text"], ()) for r in rows]
    vec, kind, cat = train.fit(rows, feats, 1.0)
    model = train.to_model(vec, kind, cat, {"held_out_authors": []})
    model.dump(tmp_path / "m.bin")
    back = LinearModel.load(tmp_path / "m.bin")
    for r in rows[:10]:
        want = dict(zip(kind.classes_, kind.predict_proba(vec.transform([features(r["text"], ())]))[0]))
        got = back.heads["kind"].probabilities(back.rows(features(r["text"], ())))
        assert all(math.isclose(got[c], want[c], abs_tol=1e-4) for c in want)


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    path = tmp_path / "m.bin"
    path.write_bytes(b"not a model")
    with pytest.raises(ValueError, match="not a model file"):
        LinearModel.load(path)
