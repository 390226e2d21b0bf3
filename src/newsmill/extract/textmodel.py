"""The shipped text-mode models: a line classifier (small MLP) and a headline scorer, numpy inference only.

Weights live in ``models/text_lines.json.gz`` (trained by ``bench/train_text.py`` on the flattened
ScrapingHub + WCXB-dev pages; see the ``trained_on`` note inside the file). scikit-learn is used only
to train; at run time this module needs numpy and the JSON file.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

try:  # the optional C fast path (setup.py); smooth_logits_py gives bit-identical results
    from newsmill.extract import _textfast
except ImportError:  # pragma: no cover - only without a compiler at install time
    _textfast = None

MODEL_PATH = Path(__file__).parent / "models" / "text_lines.json.gz"
# Rows per matrix product. OpenBLAS goes multi-threaded above a size threshold; on a busy 2-core machine
# one 300x162 @ 162x32 product then took 0.7 ms instead of 0.06 ms (measured). 64-row chunks stay
# single-threaded: 0.08 ms for 300 rows.
_CHUNK = 64


@dataclass(slots=True)
class Dense:
    """A stack of dense layers: ReLU between them, logit out."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]

    def logit(self, x: np.ndarray) -> np.ndarray:
        """Logits of the rows of ``x``: in one C pass for a single hidden layer on CPUs with AVX2/FMA
        (``_mlp.h``), else :meth:`logit_numpy`."""
        if _textfast is not None and len(self.weights) == 2 and self.weights[1].shape[1] == 1:
            w1, w2 = self.weights
            if x.dtype == np.float32 and x.flags.c_contiguous and x.ndim == 2 and x.shape[1] == w1.shape[0]:
                out = np.empty(len(x), dtype=np.float32)
                b2 = float(self.biases[1][0])
                if _textfast.mlp_logit(x, *x.shape, w1, w1.shape[1], self.biases[0], w2, b2, out):
                    return out
        return self.logit_numpy(x)

    def logit_numpy(self, x: np.ndarray) -> np.ndarray:
        """Logits of the rows of ``x`` in numpy. The first (widest) product goes in ``_CHUNK``-row pieces
        into one preallocated matrix; bias, ReLU and the narrow later layers are then one call each over
        all rows (0.115 -> 0.079 ms a page, logits bit-identical to chunking every step, benchmark pages)."""
        h = np.empty((len(x), self.weights[0].shape[1]), dtype=np.result_type(x, self.weights[0]))
        for i in range(0, len(x), _CHUNK):
            np.matmul(x[i : i + _CHUNK], self.weights[0], out=h[i : i + _CHUNK])
        last = len(self.weights) - 1
        for k, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            if k:
                h = h @ w
            h += b
            if k < last:
                np.maximum(h, 0.0, out=h)
        return h[:, 0]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Dense:
        return cls(
            [np.asarray(w, dtype=np.float32) for w in data["weights"]],
            [np.asarray(b, dtype=np.float32) for b in data["biases"]],
        )

    def to_json(self, digits: int = 5) -> dict[str, Any]:
        return {
            "weights": [np.round(w, digits).tolist() for w in self.weights],
            "biases": [np.round(b, digits).tolist() for b in self.biases],
        }


@dataclass(slots=True)
class TextModel:
    """Everything text mode loads: line classifier, decision settings, headline scorer."""

    lines: Dense
    threshold: float
    smooth_k: int
    smooth_w: float
    title: Dense
    n_features: int
    meta: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "n_features": self.n_features,
            "threshold": self.threshold,
            "smooth_k": self.smooth_k,
            "smooth_w": self.smooth_w,
            "lines": self.lines.to_json(),
            "title": self.title.to_json(),
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TextModel:
        return cls(
            lines=Dense.from_json(data["lines"]),
            threshold=float(data["threshold"]),
            smooth_k=int(data["smooth_k"]),
            smooth_w=float(data["smooth_w"]),
            title=Dense.from_json(data["title"]),
            n_features=int(data["n_features"]),
            meta=data.get("meta", {}),
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = json.dumps(self.to_json(), separators=(",", ":")).encode()
        path.write_bytes(gzip.compress(raw, mtime=0))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> TextModel:
    return TextModel.from_json(json.loads(gzip.decompress(path.read_bytes())))


def smooth_logits(logit: np.ndarray, k: int, w: float) -> np.ndarray:
    """Blend each line's logit with the mean logit of lines i-k..i+k: articles are contiguous, so an
    isolated short line inside the article is pulled in and a stray line in the boilerplate is pushed
    out. ``k == 0`` or ``w == 0`` leaves the logits unchanged."""
    n = len(logit)
    if n == 0 or k <= 0 or w <= 0:
        return logit
    if _textfast is None or logit.dtype != np.float32:
        return smooth_logits_py(logit, k, w)
    out = np.empty(n, dtype=np.float32)
    _textfast.smooth_logits(np.ascontiguousarray(logit), n, k, float(w), out)
    return out


def smooth_logits_py(logit: np.ndarray, k: int, w: float) -> np.ndarray:
    """:func:`smooth_logits` in numpy (for ``n > 0``, ``k > 0``, ``w > 0``)."""
    n = len(logit)
    c = np.concatenate([[0.0], np.cumsum(logit, dtype=np.float64)])
    idx = np.arange(n)
    lo = np.maximum(idx - k, 0)
    hi = np.minimum(idx + k + 1, n)
    mean = (c[hi] - c[lo]) / (hi - lo)
    return ((1.0 - w) * logit + w * mean).astype(np.float32)
