"""A family classifier over sentence embeddings: multinomial logistic regression on
all-MiniLM-L6-v2 vectors (havoc-rag's ``MiniLMEmbedder``, loaded offline from its package).

Training questions (``data/training.jsonl``: hand-written seeds, the task set, and the tune half
of the blind corpus) are embedded and fitted at first use; the fitted weights are cached under
``$HAVOC_CACHE_DIR/srs`` (else ``~/.cache/havoc/srs``) keyed by the training file's hash, so
later processes load them in milliseconds. Without the embedder package the classifier is
unavailable and the reader's cue rules decide alone.

>>> clf = FamilyClassifier.shared()               # doctest: +SKIP
>>> clf.predict("are the two columns related?")    # doctest: +SKIP
{'correlation': 0.61, 'contingency': 0.22, ...}
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from importlib import resources
from pathlib import Path
from typing import ClassVar

import numpy as np

L2 = 1e-3
STEPS = 400


def cache_dir() -> Path:
    root = os.environ.get("HAVOC_CACHE_DIR")
    base = (
        Path(root).expanduser()
        if root
        else Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "havoc"
    )
    return base / "srs"


def training_rows() -> list[dict]:
    text = (
        resources.files("havoc_srs")
        .joinpath("reader/data/training.jsonl")
        .read_text(encoding="utf-8")
    )
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def fit_softmax(
    x: np.ndarray, y: np.ndarray, k: int, l2: float = L2, steps: int = STEPS
) -> np.ndarray:
    """Multinomial logistic regression by full-batch gradient descent with momentum (bias last)."""
    xb = np.hstack([x, np.ones((len(x), 1), np.float32)]).astype(np.float64)
    w = np.zeros((xb.shape[1], k))
    onehot = np.eye(k)[y]
    vel = np.zeros_like(w)
    lr = 2.0
    for _ in range(steps):
        z = xb @ w
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        grad = xb.T @ (p - onehot) / len(xb) + l2 * np.vstack([w[:-1], np.zeros((1, k))])
        vel = 0.9 * vel - lr * grad
        w += vel
    return w


class FamilyClassifier:
    _shared: ClassVar[FamilyClassifier | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, embedder: object, weights: np.ndarray, labels: list[str]) -> None:
        self.embedder, self.weights, self.labels = embedder, weights, labels

    @classmethod
    def available(cls) -> bool:
        try:
            from havoc_rag import minilm_available
        except ImportError:
            return False
        return bool(minilm_available())

    @classmethod
    def shared(cls) -> FamilyClassifier | None:
        """One process-wide classifier (None when the embedder package is missing)."""
        if cls._shared is not None:
            return cls._shared
        with cls._lock:
            if cls._shared is None and cls.available():
                cls._shared = cls.build()
        return cls._shared

    @classmethod
    def build(cls, rows: list[dict] | None = None, cache: bool = True) -> FamilyClassifier:
        from havoc_rag import MiniLMEmbedder

        rows = rows if rows is not None else training_rows()
        emb = MiniLMEmbedder.shared()
        labels = sorted({r["family"] for r in rows})
        key = hashlib.sha256(
            json.dumps([[r["q"], r["family"]] for r in rows]).encode()
        ).hexdigest()[:16]
        path = cache_dir() / f"family-{key}.npz"
        if cache and path.is_file():
            try:
                z = np.load(path)
                if list(z["labels"]) == labels:
                    return cls(emb, z["weights"], labels)
            except (OSError, ValueError, KeyError):
                pass
        x = emb.encode([r["q"] for r in rows])
        y = np.array([labels.index(r["family"]) for r in rows])
        w = fit_softmax(x, y, len(labels))
        if cache:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp.npz")
                np.savez(tmp, weights=w, labels=np.array(labels))
                os.replace(tmp, path)
            except OSError:
                pass  # a read-only home: fit again next time
        return cls(emb, w, labels)

    def predict(self, question: str) -> dict[str, float]:
        v = self.embedder.encode([question])[0].astype(np.float64)
        z = np.append(v, 1.0) @ self.weights
        p = np.exp(z - z.max())
        p /= p.sum()
        return {lab: float(pi) for lab, pi in zip(self.labels, p, strict=True)}
