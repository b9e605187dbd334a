"""The learned reader: what each block states and which priority it belongs to, predicted by models
trained on labelled documents.

In: a document's blocks and their :class:`~ingest.model.features.BlockFeatures`. Out: typed
:class:`~ingest.records.Statement` records (method ``model``, confidence = the type model's
probability) and the ``serves`` / ``measures`` / ``supports`` / ``part_of`` links between them.
:func:`train` fits both models (scikit-learn, CPU, deterministic) from
:class:`~ingest.model.examples.Example` records; :func:`save` and :func:`load` keep them in one
file with their version. Must not import kg/ or api/.
"""
from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import numpy as np

from ingest.blocks import Block
from ingest.drafts import make_label, tokens
from ingest.model.examples import Example
from ingest.model.features import BlockFeatures, path_text
from ingest.model.labels import CLASSES, OTHER
from ingest.model.type_model import Document, TypeModel
from ingest.model.links import CHILD_TYPES, LINK_OF, choose, pair_features
from ingest.records import Link, Span, Statement

log = logging.getLogger(__name__)

#: the trained reader that ships with the package (``kg train`` rewrites it)
SHIPPED = Path(__file__).with_name("reader.joblib")
#: a priority whose text is this close to an earlier one restates it
RESTATED = 0.92
LINK_C = 1.0
#: statements are rarer than "other" lines: their probabilities are weighed this much more when a
#: block's class is chosen (chosen on the leave-one-out probabilities of the labelled documents:
#: against no boost, priority recall 0.28 → 0.38, initiative recall 0.52 → 0.58, serves 0.13 → 0.21,
#: for a few points of initiative precision; ×3 and ×4 trade more priority precision for recall)
BOOST = {"priority": 2.0, "initiative": 2.0, "metric": 2.0, "enabler": 2.0, "risk": 2.0, "vision": 2.0}
SEED = 0


@dataclass
class Reader:
    """The two trained models and what they were trained on."""

    types: TypeModel  # block features -> CLASSES
    links: object | None  # sklearn pipeline: pair features -> P(linked)
    trained_on: tuple[str, ...]
    version: str = ""
    created: str = ""
    classes: tuple[str, ...] = CLASSES
    boost: dict = field(default_factory=lambda: dict(BOOST))


def _link_model():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=LINK_C, max_iter=2000, random_state=SEED,
                                                              class_weight="balanced"))


def _documents(examples: list[Example]) -> list[Document]:
    # every document counts about alike, whatever its length
    return [Document(e.features, e.targets, 1.0 / np.sqrt(max(sum(t is not None for t in e.targets), 1)))
            for e in examples]


def _link_rows(examples: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for example in examples:
        priorities = [i for i, t in enumerate(example.targets) if t == "priority"]
        for child, parents in example.parent_blocks().items():
            kind = example.targets[child]
            if kind not in CHILD_TYPES or not parents:
                continue
            candidates = [p for p in priorities if p != child] + [p for p in parents if p not in priorities]
            rows = pair_features(child, candidates, kind, example.blocks, example.features)
            xs.append(rows)
            ys.extend(float(c in parents) for c in candidates)
    if not xs:
        return np.zeros((0, 0)), np.zeros(0)
    return np.vstack(xs), np.asarray(ys)


def train(examples: list[Example]) -> Reader:
    """Fit the type and link models on ``examples``; deterministic for the same examples."""
    types = TypeModel().fit(_documents(examples))
    links = None
    lx, ly = _link_rows(examples)
    if len(set(ly.tolist())) == 2:
        links = _link_model()
        links.fit(lx, ly)
    names = tuple(sorted(e.name for e in examples))
    return Reader(types, links, names, created=datetime.now(timezone.utc).isoformat(timespec="seconds"))


def save(reader: Reader, path: Path = SHIPPED) -> str:
    """Write ``reader`` to ``path``; its version is a hash of the models' bytes."""
    import joblib

    buffer = io.BytesIO()
    joblib.dump((reader.types, reader.links), buffer)
    reader.version = hashlib.sha256(buffer.getvalue()).hexdigest()[:12]
    joblib.dump(reader, path, compress=3)
    return reader.version


@lru_cache(maxsize=4)
def load(path: Path = SHIPPED) -> Reader | None:
    """The reader saved at ``path`` (once per process), or ``None`` when there is none."""
    import joblib

    if not Path(path).exists():
        log.warning("no trained reader at %s; run `kg train`", path)
        return None
    return joblib.load(path)


@dataclass
class Reading:
    """What the reader found in one document."""

    statements: list[Statement]
    links: list[Link]


def classify(reader: Reader, features: BlockFeatures) -> tuple[list[str], np.ndarray]:
    """Each block's predicted class and the type model's probability of that class (a score: it is
    not calibrated)."""
    if features.dense.shape[0] == 0:
        return [], np.zeros(0)
    chance = reader.types.predict_proba(features)
    order = [str(c) for c in reader.types.classes_]
    weight = np.asarray([reader.boost.get(name, 1.0) for name in order])
    best = (chance * weight).argmax(axis=1)
    return [order[i] for i in best], chance[np.arange(len(best)), best]


def read(reader: Reader, blocks: list[Block], features: BlockFeatures, key_prefix: str = "m") -> Reading:
    """Typed statements and their links for one document's blocks."""
    kinds, confidence = classify(reader, features)
    kinds = [k if blocks[i].text.strip() and blocks[i].kind != "rule" else OTHER for i, k in enumerate(kinds)]
    statements: dict[int, Statement] = {}
    owner: dict[int, int] = {}  # block -> block of the statement it is (restatements merge into the first)
    for i, kind in enumerate(kinds):
        if kind == OTHER:
            continue
        block = blocks[i]
        first = _restates(i, kind, blocks, features, statements) if kind == "priority" else None
        span = Span(block.line_start, block.line_end, block.raw)
        if first is not None:
            owner[i] = first
            earlier = statements[first]
            statements[first] = Statement(**{**earlier.__dict__, "also": earlier.also + (span,)})
            continue
        owner[i] = i
        statements[i] = Statement(
            key=f"{key_prefix}{i:05d}", type=kind, label=make_label(block.text), text=block.text, span=span,
            confidence=round(float(confidence[i]), 3), method="model", number=block.number,
            section=path_text(blocks, features.contexts[i], keep=3) or None,
        )
    priorities = [i for i, k in enumerate(kinds) if k == "priority"]
    links = []
    for i, statement in statements.items():
        if statement.type not in CHILD_TYPES:
            continue
        chosen = choose(reader.links, i, priorities, statement.type, blocks, features)
        if chosen is None:
            continue
        target = statements.get(owner.get(chosen[0], -1))
        if target is None or target.key == statement.key:
            continue
        links.append(Link(statement.key, target.key, LINK_OF[statement.type], statement.span,
                          round(chosen[1], 3), "model"))
    return Reading(list(statements.values()), links)


def _restates(index: int, kind: str, blocks: list[Block], features: BlockFeatures,
              statements: dict[int, Statement]) -> int | None:
    """The earlier statement of the same kind this block restates, if any."""
    words = tokens(make_label(blocks[index].text, limit=20))
    for j, earlier in statements.items():
        if earlier.type != kind:
            continue
        if float(features.text[j] @ features.text[index]) >= RESTATED or _contains(tokens(earlier.label), words):
            return j
    return None


def _contains(a: set[str], b: set[str]) -> bool:
    """One name holds the other's words, and not many more (``Our aim for prevention`` and ``Prevention``)."""
    small, large = sorted((a, b), key=len)
    return len(small) >= 2 and small <= large and len(large) <= 2 * len(small) + 2
