"""Features of each block, for the learned reader: layout, heading path, position, cue words, the
rules' own reading, spaCy's tags, and MiniLM embeddings of the block and of its heading path.

In: a document's blocks and their :mod:`ingest.model.context`. Out: a :class:`BlockFeatures` of
dense hand-made features and two embedding matrices, row ``i`` describing block ``i``. The rules of
:mod:`ingest.structure` are features here, never decisions. Cue words are data
(``cues.json``). Must not import sklearn or anything from kg/ or api/.
"""
from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ingest.blocks import Block
from ingest.model.context import Context, contexts, number_style
from ingest.model.labels import CLASSES

log = logging.getLogger(__name__)

#: embeds a list of texts as L2-normalised rows (an :class:`ingest.embeddings.Embedder`'s ``encode``)
Encode = Callable[[Sequence[str]], np.ndarray]

KINDS = ("heading", "bullet", "numbered", "row", "line", "footnote", "rule")
STYLES = ("none", "digit", "dotted", "letter", "roman")
RULE_TYPES = (*CLASSES[:-1], "none")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_BY_YEAR = re.compile(r"\b(?:by|until|to|in)\s+(?:(?:march|april|the end of)\s+)?(?:19|20)\d{2}\b", re.IGNORECASE)
_PERCENT = re.compile(r"\d\s*%|\bper\s?cent\b", re.IGNORECASE)
_MONEY = re.compile(r"[£$€]\s?\d")
_NUMBER = re.compile(r"\d")
_WE_WILL = re.compile(r"^(?:we|partners|the \w+|they)\s+(?:will|shall|are going to|plan to|aim to|commit to)\b",
                      re.IGNORECASE)
# "our six priorities are:", "the following objectives": a lead-in that counts what its list holds
_COUNTED = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|following|these)\b\s+(?:\w+\s+)?"
                      r"\w+s\b", re.IGNORECASE)
_TEXT_CHARS = 300  # embedded per block: a statement's opening says what it is
#: two short blocks this alike (cosine of their embeddings) state the same thing
ALIKE = 0.85


@lru_cache(maxsize=1)
def cue_words() -> dict[str, tuple[re.Pattern, ...]]:
    """The cue words of ``cues.json``, one compiled word-boundary pattern per class."""
    data = json.loads((Path(__file__).with_name("cues.json")).read_text(encoding="utf-8"))
    out = {}
    for kind in CLASSES:
        words = sorted(data.get(kind, []), key=len, reverse=True)
        out[kind] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    return out


@dataclass
class BlockFeatures:
    """Everything the models read about a document's blocks."""

    dense: np.ndarray  # (n, d) hand-made features
    text: np.ndarray  # (n, 384) embedding of each block's text
    path: np.ndarray  # (n, 384) embedding of each block's heading path
    contexts: list[Context]
    rule_types: list[str]
    runs: list[int]  # blocks of one list (consecutive items of one kind) share a number; others have their own


def rule_types(blocks: list[Block]) -> list[str]:
    """What the rule-based walk (and its verb reading) calls each block; ``none`` where it says nothing.

    A failure of the rules costs only this feature: every block is then ``none``.
    """
    from ingest.rules_reader import read_by_rules

    out = ["none"] * len(blocks)
    try:
        spans = [(s.type, s.span.line_start) for s in read_by_rules(blocks)[0]]
    except Exception as error:  # the rules are one feature among many: their failure must not stop reading
        log.warning("the rule-based reading failed (%s: %s); reading without it", type(error).__name__, error)
        return out
    starts = {b.line_start: i for i, b in enumerate(blocks)}
    for kind, line in spans:
        index = starts.get(line)
        if index is None:
            index = next((i for i, b in enumerate(blocks) if b.line_start <= line <= b.line_end), None)
        if index is not None and out[index] == "none":
            out[index] = kind
    return out


def _one_hot(value: str, values: Sequence[str]) -> list[float]:
    return [float(value == v) for v in values]


def _verb_flags(blocks: list[Block]) -> list[tuple[float, float]]:
    """(opens with a verb, has a modal verb early) per block, from spaCy's tagger."""
    from ingest.nlp import get_nlp

    nlp = get_nlp()
    texts = [re.sub(r"^(?:we|partners|they)\s+(?:will|shall)\s+", "", b.text[:120], flags=re.IGNORECASE) or "x"
             for b in blocks]
    flags = []
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "attribute_ruler") if p in nlp.pipe_names]):
        for doc, block in zip(nlp.pipe(texts, batch_size=256), blocks):
            first = next((t for t in doc if not t.is_punct and not t.like_num), None)
            verb = float(first is not None and first.tag_ in ("VB", "VBG", "VBP"))
            modal = float(any(t.tag_ == "MD" for t in list(doc)[:8]) or bool(_WE_WILL.match(block.text)))
            flags.append((verb, modal))
    return flags


def path_text(blocks: list[Block], context: Context, keep: int = 2) -> str:
    """The nearest ``keep`` headings above a block, outermost first, as one line."""
    return " > ".join(blocks[i].text[:80] for i in context.path[-keep:])


@lru_cache(maxsize=1)
def _dense_width() -> int:
    """How many hand-made features a block has (measured on one block, so it never drifts)."""
    block = Block("line", "x", "x", 1, 1)
    return _dense([block], contexts([block]), ["none"]).shape[1]


def _dense(blocks: list[Block], ctx: list[Context], rules: list[str]) -> np.ndarray:
    if not blocks:
        return np.zeros((0, _dense_width()), dtype=np.float32)
    cues = cue_words()
    verbs = _verb_flags(blocks)
    n = len(blocks)
    rows = []
    for i, block in enumerate(blocks):
        text = block.text
        words = text.split()
        opening = " ".join(words[:8])
        letters = [c for c in text if c.isalpha()]
        before = blocks[i - 1] if i else None
        after = blocks[i + 1] if i + 1 < n else None
        heading = blocks[ctx[i].path[-1]] if ctx[i].path else None
        heading_rule = rules[ctx[i].path[-1]] if ctx[i].path else "none"
        path = " ".join(blocks[j].text for j in ctx[i].path)
        run_start = i
        while run_start > 0 and blocks[run_start - 1].kind == block.kind and block.kind in ("bullet", "numbered", "row"):
            run_start -= 1
        run_end = i
        while run_end + 1 < n and blocks[run_end + 1].kind == block.kind and block.kind in ("bullet", "numbered", "row"):
            run_end += 1
        leadin = blocks[run_start - 1].text if run_start > 0 and block.kind in ("bullet", "numbered", "row") else ""
        row = [
            *_one_hot(block.kind, KINDS),
            float(ctx[i].level is not None), (ctx[i].level or 0) / 20, ctx[i].depth / 5,
            math.log1p(len(words)), math.log1p(len(text)) / 5,
            float(text.endswith(".")), float(text.endswith(":")), float(bool(re.search(r"[;,]$", text))),
            float(text[:1].isupper()), float(bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8),
            sum(w[:1].isupper() for w in words) / max(len(words), 1),
            float(bool(_NUMBER.search(text))), float(bool(_PERCENT.search(text))), float(bool(_YEAR.search(text))),
            float(bool(_BY_YEAR.search(text))), float(bool(_MONEY.search(text))),
            *_one_hot(number_style(block.number), STYLES),
            i / max(n - 1, 1), float(block.indent > 0), float(block.blank_before), float(block.blank_after),
            *_one_hot(before.kind if before else "rule", KINDS), *_one_hot(after.kind if after else "rule", KINDS),
            float(bool(before and before.text.endswith(":"))),
            (i - run_start) / max(run_end - run_start, 1), math.log1p(run_end - run_start),
            math.log1p(len([c for c in block.cells if c])),
            *[float(bool(cues[k].search(opening))) for k in CLASSES],
            *[float(bool(heading and cues[k].search(heading.text))) for k in CLASSES],
            *[float(bool(cues[k].search(path))) for k in CLASSES],
            *[float(bool(leadin and cues[k].search(leadin))) for k in CLASSES], float(bool(_COUNTED.search(leadin))),
            *_one_hot(rules[i], RULE_TYPES), *_one_hot(heading_rule, RULE_TYPES),
            *verbs[i],
        ]
        rows.append(row)
    return np.asarray(rows, dtype=np.float32).reshape(n, -1)


def _structure(blocks: list[Block], ctx: list[Context], text: np.ndarray) -> np.ndarray:
    """What the whole document shows of a block: is it restated elsewhere (a priority named in a
    summary and again as a section's heading), how much does its section hold, how high is its level."""
    n = len(blocks)
    if n == 0:
        return np.zeros((0, 6), dtype=np.float32)
    short = np.array([0 < b.words <= 25 for b in blocks])
    similar = (text @ text.T) >= ALIKE
    np.fill_diagonal(similar, False)
    similar &= short[None, :] & short[:, None]
    heading = np.array([c.level is not None for c in ctx])
    levels = sorted({c.level for c in ctx if c.level is not None})
    rows = []
    for i in range(n):
        size = 0
        if ctx[i].level is not None:
            j = i + 1
            while j < n and not (ctx[j].level is not None and ctx[j].level <= ctx[i].level):
                j += 1
            size = j - i - 1
        rank = levels.index(ctx[i].level) / max(len(levels) - 1, 1) if ctx[i].level is not None else 1.0
        rows.append([math.log1p(similar[i].sum()), float((similar[i] & heading).any()),
                     float(similar[i, :i].any()), float(similar[i, i + 1:].any()), math.log1p(size) / 4, rank])
    return np.asarray(rows, dtype=np.float32)


def block_features(blocks: list[Block], encode: Encode) -> BlockFeatures:
    """Every feature of every block of one document."""
    ctx = contexts(blocks)
    rules = rule_types(blocks)
    texts = [b.text[:_TEXT_CHARS] or "-" for b in blocks]
    paths = [path_text(blocks, c) or "-" for c in ctx]
    if blocks:
        vectors = np.asarray(encode(texts + paths), dtype=np.float32)
        text, path = vectors[: len(blocks)], vectors[len(blocks):]
    else:
        text = path = np.zeros((0, 384), dtype=np.float32)
    dense = np.hstack([_dense(blocks, ctx, rules), _structure(blocks, ctx, text)])
    return BlockFeatures(dense, text, path, ctx, rules, list_runs(blocks))


def list_runs(blocks: list[Block]) -> list[int]:
    """A number per block, shared by consecutive list items of one kind and indent."""
    runs, current = [], -1
    for i, block in enumerate(blocks):
        before = blocks[i - 1] if i else None
        same = before is not None and block.kind in ("bullet", "numbered", "row") and before.kind == block.kind \
            and before.indent == block.indent
        current = current if same else current + 1
        runs.append(current)
    return runs
