"""The model that says what a block states, in two stages.

1. A logistic regression over the MiniLM embeddings of each block and of its headings says what
   the block's words are about (an action, a measure, background statistics).
2. Gradient-boosted trees read the hand-made features, those probabilities, and the same
   probabilities of the block's neighbours: its heading, the other items of its list, the blocks
   before and after it, and how the block ranks in its document. A list's items are mostly of one
   kind, and a heading says what its section holds, which one block alone cannot show.

While training, stage 1's probabilities come from models that did not see the document (folds by
document), so the trees learn how far to trust them on a new document. scikit-learn only,
deterministic for the same examples. Must not import kg/ or api/.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingest.model.features import BlockFeatures

SEED = 0
EMBEDDING_C = 0.05
FOLDS = 4


@dataclass
class Document:
    """One document's features and per-block targets (``None``: teaches nothing) and weight."""

    features: BlockFeatures
    targets: list[str | None]
    weight: float = 1.0


def neighbours(chance: np.ndarray, features: BlockFeatures) -> np.ndarray:
    """Per block: its heading's, its list's, its previous and next block's probabilities, and its rank."""
    n, c = chance.shape
    if n == 0:
        return np.zeros((0, 5 * c + 1), dtype=np.float32)
    heading = np.zeros((n, c), dtype=np.float32)
    has_heading = np.zeros((n, 1), dtype=np.float32)
    for i, ctx in enumerate(features.contexts):
        if ctx.path:
            heading[i] = chance[ctx.path[-1]]
            has_heading[i] = 1.0
    runs = np.asarray(features.runs)
    siblings = np.zeros((n, c), dtype=np.float32)
    for run in np.unique(runs):
        members = np.flatnonzero(runs == run)
        if len(members) > 1:
            total = chance[members].sum(axis=0)
            siblings[members] = (total - chance[members]) / (len(members) - 1)
    before = np.vstack([np.zeros((1, c)), chance[:-1]])
    after = np.vstack([chance[1:], np.zeros((1, c))])
    rank = chance.argsort(axis=0).argsort(axis=0) / max(n - 1, 1)
    return np.hstack([heading, has_heading, siblings, before, after, rank]).astype(np.float32)


class TypeModel:
    """Fit on labelled documents; predicts class probabilities for each block of a document."""

    def __init__(self) -> None:
        self.embedding = None
        self.trees = None
        self.classes_: list[str] = []

    @staticmethod
    def _embedding_model():
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        return make_pipeline(StandardScaler(), LogisticRegression(C=EMBEDDING_C, max_iter=3000, random_state=SEED,
                                                                  class_weight="balanced"))

    @staticmethod
    def _trees():
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(max_iter=200, learning_rate=0.08, max_leaf_nodes=31,
                                              l2_regularization=1.0, early_stopping=False, random_state=SEED)

    @staticmethod
    def _embedded(features: BlockFeatures) -> np.ndarray:
        return np.hstack([features.text, features.path])

    @staticmethod
    def _labelled(document: Document) -> list[int]:
        return [i for i, t in enumerate(document.targets) if t is not None]

    def _fit_embedding(self, documents: list[Document]):
        x = np.vstack([self._embedded(d.features)[self._labelled(d)] for d in documents])
        y = np.asarray([d.targets[i] for d in documents for i in self._labelled(d)])
        return self._embedding_model().fit(x, y)

    def fit(self, documents: list[Document]) -> "TypeModel":
        documents = [d for d in documents if self._labelled(d)]
        self.classes_ = sorted({d.targets[i] for d in documents for i in self._labelled(d)})
        folds = min(FOLDS, len(documents))
        held_out: list[np.ndarray | None] = [None] * len(documents)
        if folds >= 2:
            for k in range(folds):
                train = [d for j, d in enumerate(documents) if j % folds != k]
                model = self._fit_embedding(train)
                for j in range(k, len(documents), folds):
                    held_out[j] = self._aligned(model, self._embedded(documents[j].features))
        self.embedding = self._fit_embedding(documents)
        rows, ys, weights = [], [], []
        for j, document in enumerate(documents):
            chance = held_out[j] if held_out[j] is not None else \
                self._aligned(self.embedding, self._embedded(document.features))
            keep = self._labelled(document)
            rows.append(self._stage_two(document.features, chance)[keep])
            ys.extend(document.targets[i] for i in keep)
            weights.extend([document.weight] * len(keep))
        weights = np.asarray(weights)
        self.trees = self._trees().fit(np.vstack(rows), np.asarray(ys), sample_weight=weights * len(weights) /
                                       weights.sum())
        self.classes_ = [str(c) for c in self.trees.classes_]
        return self

    def predict_proba(self, features: BlockFeatures) -> np.ndarray:
        chance = self._aligned(self.embedding, self._embedded(features))
        return self.trees.predict_proba(self._stage_two(features, chance))

    @staticmethod
    def _stage_two(features: BlockFeatures, chance: np.ndarray) -> np.ndarray:
        return np.hstack([features.dense, chance, neighbours(chance, features)])

    def _aligned(self, model, embedded: np.ndarray) -> np.ndarray:
        """The model's probabilities in the order of ``classes_`` (a fold may lack a class)."""
        out = np.zeros((len(embedded), len(self.classes_)), dtype=np.float32)
        if len(embedded) == 0:
            return out
        chance = model.predict_proba(embedded)
        for j, name in enumerate(model.classes_):
            out[:, self.classes_.index(str(name))] = chance[:, j]
        return out
