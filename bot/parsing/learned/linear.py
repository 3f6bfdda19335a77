"""A linear model over named features, loaded from a file the training script wrote.

The file (`reader.bin` beside this module) is a small JSON header followed by
the feature names and, for each head ("kind", "category") and each of its
classes, one float32 weight per feature (little-endian, as x86 and ARM store it). Reading is plain Python (no numpy, no scikit-learn):
the bot starts in a fraction of a second and the model adds a few hundred
kilobytes of memory.
"""
from __future__ import annotations

import json
import math
import struct
from array import array
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"MAREAD1\n"


@dataclass(frozen=True)
class Head:
    """One decision: its classes, one weight row per feature, and a bias per class."""

    classes: tuple[str, ...]
    columns: tuple[array, ...]  # one per class: the weight of each feature for that class
    bias: tuple[float, ...]

    def scores(self, rows: list[int], bias: bool = True) -> list[float]:
        """The bias (unless not asked for) plus the weight of each row, once per time it is listed."""
        if bias:
            return [b + sum(map(col.__getitem__, rows)) for b, col in zip(self.bias, self.columns)]
        return [sum(map(col.__getitem__, rows)) for col in self.columns]

    def probabilities(self, rows: list[int]) -> dict[str, float]:
        s = self.scores(rows)
        top = max(s)
        e = [math.exp(x - top) for x in s]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e)}


class LinearModel:
    def __init__(self, index: dict[str, int], heads: dict[str, Head], meta: dict):
        self.index = index
        self.heads = heads
        self.meta = meta

    def rows(self, features) -> list[int]:
        """The rows of the features the model knows, in order (a feature listed twice counts twice)."""
        return [r for r in map(self.index.get, features) if r is not None]

    # writing and reading the file
    def dump(self, path: Path) -> None:
        names = sorted(self.index, key=self.index.__getitem__)
        blob = "\n".join(names).encode("utf-8")
        head = {
            "meta": self.meta,
            "features": len(names),
            "names_bytes": len(blob),
            "heads": {n: {"classes": list(h.classes), "bias": list(h.bias)} for n, h in self.heads.items()},
        }
        header = json.dumps(head, ensure_ascii=False).encode("utf-8")
        with open(path, "wb") as f:
            f.write(MAGIC)
            f.write(struct.pack("<I", len(header)))
            f.write(header)
            f.write(blob)
            for n in head["heads"]:
                for col in self.heads[n].columns:
                    f.write(col.tobytes())

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        data = Path(path).read_bytes()
        if not data.startswith(MAGIC):
            raise ValueError(f"{path} is not a model file written by train.py")
        pos = len(MAGIC)
        (n,) = struct.unpack_from("<I", data, pos)
        pos += 4
        head = json.loads(data[pos : pos + n])
        pos += n
        names = data[pos : pos + head["names_bytes"]].decode("utf-8").split("\n")
        pos += head["names_bytes"]
        if len(names) != head["features"]:
            raise ValueError(f"{path}: {len(names)} feature names, header says {head['features']}")
        heads = {}
        size = len(names) * 4
        for name, h in head["heads"].items():
            columns = []
            for _ in h["classes"]:
                col = array("f")
                col.frombytes(data[pos : pos + size])
                pos += size
                columns.append(col)
            heads[name] = Head(tuple(h["classes"]), tuple(columns), tuple(h["bias"]))
        return cls(dict(zip(names, range(len(names)))), heads, head["meta"])
