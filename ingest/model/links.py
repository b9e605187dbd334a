"""Which priority a block belongs to: features of (block, candidate priority) pairs, for a learned
link model.

In: a document's blocks, their features and the indexes of the blocks read as priorities. Out: one
row of pair features per (child, candidate), and the candidate each child is linked to. The pair
features say what documents show of belonging: the priority's heading stands above the child, it
is the nearest priority before it, they share a table row or a section, the child cites the
priority's number, and how alike their texts are. Must not import kg/ or api/.
"""
from __future__ import annotations

import math
import re

import numpy as np

from ingest.blocks import Block
from ingest.cues import OBJECTIVE_REFERENCE, ORDINAL_VALUE
from ingest.model.features import BlockFeatures

#: the types that take a parent priority, and the link each makes
LINK_OF = {"initiative": "serves", "metric": "measures", "enabler": "supports", "priority": "part_of"}
CHILD_TYPES = tuple(LINK_OF)


def _cited_numbers(text: str) -> set[str]:
    numbers = set()
    for match in OBJECTIVE_REFERENCE.finditer(text):
        numbers.update(re.findall(r"\d{1,2}(?:\.\d{1,2})?", match["refs"]))
    for word, value in ORDINAL_VALUE.items():
        if re.search(rf"\b(?:priority|objective|aim|goal|theme|ambition|outcome|pillar)\s+{word}\b", text, re.I):
            numbers.add(value)
    return numbers


def _section(index: int, features: BlockFeatures) -> int:
    """The heading a block opens (itself, when it is a heading) or stands under (-1 when none)."""
    ctx = features.contexts[index]
    if ctx.level is not None:
        return index
    return ctx.path[-1] if ctx.path else -1


def pair_features(child: int, candidates: list[int], child_type: str, blocks: list[Block],
                  features: BlockFeatures) -> np.ndarray:
    """One row per candidate priority block for ``child``."""
    if not candidates:
        return np.zeros((0, len(_FEATURE_NAMES)), dtype=np.float32)
    similarity = features.text[candidates] @ features.text[child]
    best = similarity.max()
    before = [c for c in candidates if c < child]
    nearest_before = max(before) if before else None
    path = set(features.contexts[child].path)
    child_section = _section(child, features)
    cited = _cited_numbers(blocks[child].text)
    rows = []
    for k, cand in enumerate(candidates):
        between = sum(1 for c in candidates if min(cand, child) < c < max(cand, child))
        section = _section(cand, features)
        number = (blocks[cand].number or "").strip(".")
        rows.append([
            float(cand < child), math.log1p(abs(child - cand)) / 5, float(cand == nearest_before),
            math.log1p(between), float(cand in path), float(section >= 0 and section in path),
            float(section >= 0 and section == child_section),
            float(blocks[cand].line_start == blocks[child].line_start),
            float(similarity[k]), float(similarity[k] >= best - 1e-6),
            float(bool(number) and number in cited), float(bool(cited) and not (number and number in cited)),
            float(features.contexts[cand].level is not None),
            *[float(child_type == t) for t in CHILD_TYPES],
        ])
    return np.asarray(rows, dtype=np.float32)


_FEATURE_NAMES = ("before", "distance", "nearest_before", "between", "heading_above", "section_above",
                  "same_section", "same_line", "similarity", "most_similar", "cites_number", "cites_other",
                  "candidate_is_heading", *[f"child_{t}" for t in CHILD_TYPES])


def choose(model, child: int, candidates: list[int], child_type: str, blocks: list[Block],
           features: BlockFeatures, threshold: float = 0.5) -> tuple[int, float] | None:
    """The candidate ``model`` links ``child`` to, with its probability, or ``None`` below ``threshold``."""
    options = [c for c in candidates if c != child]
    if not options or model is None:
        return None
    chance = model.predict_proba(pair_features(child, options, child_type, blocks, features))[:, 1]
    best = int(np.argmax(chance))
    return (options[best], float(chance[best])) if chance[best] >= threshold else None
