"""Training examples: a labelled document turned into blocks, features and per-block targets.

In: label files (``corpus/labels/README.md``) and their documents. Out: :class:`Example` records that the
type and link models learn from and that leave-one-out evaluation reads again. A block takes the
type of the label whose first line it holds; blocks that only continue a label, or hold an optional
one, teach nothing (target ``None``); every other block is ``other``. Must not import kg/ or api/.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest import loaders
from ingest.blocks import Block, split_blocks
from ingest.model.features import BlockFeatures, Encode, block_features
from ingest.model.labels import OTHER, Label, LabelSet, document_of, label_files, problems, read
from ingest.records import SourceText


@dataclass
class Example:
    """One labelled document, ready to learn from."""

    name: str
    source: SourceText
    blocks: list[Block]
    features: BlockFeatures
    labels: LabelSet
    targets: list[str | None]  # per block: a class, or None for "teaches nothing"
    label_of: list[Label | None]  # per block: the label it holds (first line), if any

    def parent_blocks(self) -> dict[int, set[int]]:
        """Child block → the blocks stating its parent (the parent label and its restatements)."""
        index = {id(label): i for i, label in enumerate(self.label_of) if label is not None}
        blocks_of: dict[str, set[int]] = {}
        for label in self.labels.labels:
            root = label.same or label.id
            block = index.get(id(label))
            if block is not None:
                blocks_of.setdefault(root, set()).add(block)
        out = {}
        for i, label in enumerate(self.label_of):
            if label is not None and label.parent and label.link == "explicit" and not label.optional:
                out[i] = blocks_of.get(label.parent, set())
        return out


def block_of_line(blocks: list[Block], line: int) -> int | None:
    """The index of the block holding ``line``, if any."""
    for index, block in enumerate(blocks):
        if block.line_start <= line <= block.line_end:
            return index
    return None


def targets(blocks: list[Block], labels: LabelSet) -> tuple[list[str | None], list[Label | None]]:
    """Each block's class (``None`` where it teaches nothing) and the label it holds."""
    out: list[str | None] = [OTHER] * len(blocks)
    held: list[Label | None] = [None] * len(blocks)
    for label in sorted(labels.labels, key=lambda l: l.optional):  # required labels claim blocks first
        first = block_of_line(blocks, label.line_start)
        if first is None:
            continue
        for index, block in enumerate(blocks):
            if index != first and block.line_start <= label.line_end and block.line_end >= label.line_start \
                    and held[index] is None:
                out[index] = None  # a continuation of the label: neither this type nor other
        if held[first] is None:
            held[first] = label
            out[first] = None if label.optional else label.type
    return out, held


def load_example(label_file: Path, encode: Encode) -> Example:
    """Read one label file and its document into an :class:`Example`.

    Raises
    ------
    ValueError
        When the labels do not fit the document (wrong sha256, lines out of bounds, quotes not found).
    """
    labels = read(label_file)
    source = loaders.load_path(document_of(label_file))
    found = problems(labels, source.lines, source.sha256)
    if found:
        raise ValueError(f"{label_file}: {len(found)} problems, first: {found[0]}")
    blocks = split_blocks(source)
    classes, held = targets(blocks, labels)
    return Example(source.source, source, blocks, block_features(blocks, encode), labels, classes, held)


def load_examples(paths: list[Path], encode: Encode, progress=None) -> list[Example]:
    """Every labelled document under ``paths`` (folders are searched for ``*.labels.jsonl``)."""
    files = label_files(paths)
    out = []
    for done, file in enumerate(files, 1):
        out.append(load_example(file, encode))
        if progress:
            progress(done, len(files), file.name)
    return out
