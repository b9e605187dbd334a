"""Structure: walk a document's blocks as a section tree and find typed, linked statements.

In: a :class:`~ingest.records.SourceText` and its :class:`~ingest.blocks.Block` list. Out: a
:class:`Findings` with statements (vision, priority, initiative, enabler, metric, risk) and the
links the layout states: an action under a priority's heading serves it, "Delivered by 4. & 5."
serves objectives 4 and 5, a KPI group headed by a priority's name measures it, a sub-item is
part of its parent item, an enabler section supports its priority.

Typing rests on structure and cue phrases (:mod:`ingest.cues`), never on the words of one
document. Must not import spaCy or anything from kg/ or api/.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ingest import cues
from ingest.blocks import Block, clean, normalise_space
from ingest.drafts import (PRIORITY_HEADING_LEVEL, TITLE_LEVEL, Draft, Findings, Heading, make_label, similar,
                           tokens)
from ingest.records import Link, Span
from ingest.sentences import (AIM_LEADIN, BACKGROUND, CAPTION, CASE_STUDY, CROSS_REFERENCE, DELIVERY_SECTION,
                              EVERY_PRIORITY, GLOSS,
                              GOVERNANCE, INTRODUCTION, LEGEND, MITIGATION, PURPOSE_WORDS, RISK_LANGUAGE,
                              STATED_PURPOSE, SUPPORTS_LABEL, enabler_label, quantified_targets, split_cell,
                              split_sentences)
from ingest.table_rows import TableRows


class Walker(TableRows):
    """One pass over the blocks, keeping the heading stack and what each list is about."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.found = Findings()
        self.stack: list[Heading] = []
        self.leadin: tuple[str | None, Block] | None = None
        self.objectives: dict[str, str] = {}  # number -> priority key, for "Delivered by 4." and "Objective 5"
        self.objective_order: list[str] = []
        self.delivered_index = 0
        self.top_section = 0
        self.awaiting_text: Draft | None = None
        self.items_by_indent: list[tuple[int, Draft]] = []
        self.table: dict | None = None
        self.skip: set[int] = set()
        self.section_titles: set[int] = set()  # title lines that state a priority (mark_section_titles)
        self.by_key: dict[str, Draft] = {}
        self.counter = 0
        self.index = 0
        self.pending_numbered: list[Block] = []
        self.section_refs: dict[str, Draft] = {}
        self.leadin_priority: Draft | None = None  # "1 We will …, by:" — the aim its list serves
        self.pending_number: str | None = None
        self.enabler: Draft | None = None
        self.describing: Draft | None = None  # an enabler named by its heading, awaiting the paragraph on it
        self.case_study: Draft | None = None  # a scheme's box, waiting for the paragraph that describes it  # the enabler whose section (a table of rows) is open  # a number alone on its line, for the line after it  # "5.1" -> the priority a summary list points at  # numbered items no cue typed yet

    # ------------------------------------------------------------------ statements and links
    def add(self, kind: str, block: Block, text: str | None = None, *, label: str | None = None,
            confidence: float = 0.85, number: str | None = None, quote: str | None = None,
            method: str = "structure", same_as: "Draft | None" = None) -> Draft:
        text = normalise_space(text if text is not None else block.text)
        if same_as is not None:
            # the same statement made again (a summary list, a table): one entity, more evidence
            same_as.spans.append(Span(block.line_start, block.line_end, quote or block.raw))
            return same_as
        self.counter += 1
        draft = Draft(f"s{self.counter:04d}", kind, label or make_label(text), text,
                      [Span(block.line_start, block.line_end, quote or block.raw)], confidence, method,
                      number=number, section=self.section_path())
        self.found.statements.append(draft)
        self.by_key[draft.key] = draft
        return draft

    def link(self, source: Draft, target: Draft, kind: str, block: Block, confidence: float = 0.85,
             method: str = "structure") -> None:
        if source.key == target.key:
            return
        if any(l.source == source.key and l.target == target.key and l.type == kind for l in self.found.links):
            return
        self.found.links.append(Link(source.key, target.key, kind,
                                     Span(block.line_start, block.line_end, block.raw), confidence, method))

    def same_priority(self, text: str, strict: bool = False) -> Draft | None:
        """The priority a restatement names (a KPI group, a table cell), if one matches well."""
        return self.same_statement("priority", text, strict)

    def same_statement(self, kind: str, text: str, strict: bool = False) -> Draft | None:
        """The statement of ``kind`` that ``text`` states again, if one matches well."""
        label = make_label(text, limit=20)
        best, score = None, 0.0
        for draft in self.found.statements:
            if draft.type != kind:
                continue
            value = max(similar(label, draft.label), similar(text, draft.label) if len(tokens(text)) <= 8 else 0)
            if strict:  # both ways: a short cell must not fold into any priority sharing two words
                a, b = tokens(label), tokens(draft.label)
                value = min(value, len(a & b) / len(a | b) / 0.8 if a | b else 0.0)
            if value > score:
                best, score = draft, value
        return best if score >= 0.75 else None

    def section_path(self) -> str | None:
        parts = [h.text for h in self.stack][-3:]
        return " › ".join(parts) if parts else None

    def scope_priority(self) -> Draft | None:
        for heading in reversed(self.stack):
            if heading.priority:
                return self.by_key[heading.priority]
        return None

    # ------------------------------------------------------------------ headings
    def push(self, heading: Heading) -> None:
        while self.stack and self.stack[-1].level >= heading.level:
            self.stack.pop()
        self.stack.append(heading)
        self.leadin = None
        self.leadin_priority = None
        if heading.level <= PRIORITY_HEADING_LEVEL and heading.cue != "enabler_actions":
            self.enabler = None
        self.items_by_indent = []
        self.table = None

    def cue(self) -> str | None:
        if self.leadin is not None and self.leadin[0]:
            return self.leadin[0]
        for heading in reversed(self.stack):
            if heading.cue:
                return heading.cue
            if heading.priority:
                return "implied"  # lists under a priority's heading say how it is done
        return None

    def heading_kind(self, index: int, block: Block) -> int | None:
        """The level of a heading block, or None when it is content."""
        if block.kind == "heading":
            return block.level
        text = block.text
        named = cues.PRIORITY_HEADING.match(text)
        if named and block.words <= 14 and not text.endswith("."):
            return PRIORITY_HEADING_LEVEL + ("." in named["n"])  # "Outcome 1.1" nests inside "Ambition 1"
        if (cues.CODE_HEADING.match(text) or cues.LETTERED_HEADING.match(text)) and block.words <= 16 and \
                not text.endswith("."):
            return PRIORITY_HEADING_LEVEL
        if re.match(r"^(?:appendix|annex)\s+[a-z0-9]\b", text, re.IGNORECASE) and block.words <= 16:
            return 1
        if block.kind == "numbered" and block.number and block.number[0].isdigit():
            # "6 Board Assurance Framework: principal risks" standing alone is a heading; "1. Delivered
            # by: …" in a paragraph's place is not
            short = block.words <= 14 and not text.endswith((".", ";", ",")) and \
                (": " not in text or (block.words <= 8 and block.blank_before and block.blank_after))
            if "." in block.number and short and block.marker in (None, ".") and block.indent == 0:
                return 1 + block.number.count(".")
            if short and block.indent == 0 and block.blank_before and block.blank_after and \
                    block.marker in (None, ".") and _leading_int(block.number) == self.top_section + 1 and not self.sibling_before(index, block) and \
                    block.words <= 16:
                return 1
            if short and block.blank_before and self.restated_objective(block) is not None and \
                    not self.sibling_before(index, block):
                return 1  # "2. Supporting enablers" opening the section of objective 2
            return None
        if block.kind != "line" or re.fullmatch(r"\d{1,2}\.?", text):
            return None
        if block.words > 12 or block.words == 0 or text.endswith((".", ",", ";")) or text[:1].islower():
            return None
        if text.endswith(":") or text.endswith("-"):
            return None  # a lead-in, handled apart
        prefix = cues.label_prefix(text)
        if cues.DELIVERED_BY.search(text) or (prefix and len(prefix[1].split()) >= 4):
            return None  # "Delivered by: …", "Governance: …" carry content after their label
        if not block.blank_before and index > 0 and self.blocks[index - 1].kind == "line" and \
                self.blocks[index - 1].line_end == block.line_start - 1 and not self._title_like(self.blocks[index - 1]):
            return None
        if cues.cue_of(text) in ("enabler", "risk") or DELIVERY_SECTION.search(text):
            return PRIORITY_HEADING_LEVEL - 1  # "Making it happen", "Key risks": past the priorities' sections
        return TITLE_LEVEL

    @staticmethod
    def _title_like(block: Block) -> bool:
        return block.words <= 12 and not block.text.endswith(".")

    def opened_priority(self, block: Block, cue: str | None) -> Draft | None:
        """The priority stated before whose section a numbered heading opens, if it names one."""
        restated = self.restated_objective(block)
        if restated is None and cue is None:
            restated = self.same_priority(block.text, strict=True)
        return restated

    def restated_objective(self, block: Block) -> Draft | None:
        key = self.objectives.get(block.number or "")
        if key is None:
            return None
        draft = self.by_key[key]
        return draft if similar(block.text, draft.text) >= 0.75 and draft.spans[0].line_start != block.line_start else None

    def sibling_before(self, index: int, block: Block) -> bool:
        for before in reversed(self.blocks[:index]):
            if before.kind == "numbered":
                return before.number is not None and before.number.isdigit() and \
                    int(before.number) == _leading_int(block.number) - 1 and block.line_start - before.line_end <= 3
            if before.kind != "bullet":
                return False
        return False

    # ------------------------------------------------------------------ the walk
    def run(self) -> Findings:
        self.mark_contents()
        self.mark_section_titles()
        numbered_paragraphs = self.numbers_paragraphs()
        for index, block in enumerate(self.blocks):
            if index in self.skip:
                continue
            if numbered_paragraphs and block.kind == "numbered" and (block.number or "").isdigit() and \
                    (block.words > 20 or (block.words > 12 and "." in block.text)):
                block = replace(block, kind="line", number=None)  # "12. Systems should …": a paragraph
            self.index = index
            self.step(index, block)
        if not any(d.type == "vision" for d in self.found.statements):
            self.fallback_vision()
        return self.found

    def fallback_vision(self) -> None:
        """A plan with no vision section: the first sentence that says what the plan wants."""
        for index, block in enumerate(self.blocks):
            if index in self.skip or block.kind in ("row", "footnote") or not 6 <= block.words <= 80:
                continue
            if PURPOSE_WORDS.search(block.text):
                self.add("vision", block, confidence=0.5, method="rule")
                return

    def numbers_paragraphs(self) -> bool:
        """Whether the document numbers its paragraphs (as guidance does: 1 … 60 across its sections)
        rather than the items of its lists."""
        numbers = [int(b.number) for b in self.blocks
                   if b.kind == "numbered" and (b.number or "").isdigit() and b.indent <= 2 and b.words > 12]
        if len(numbers) < 8:
            return False
        rising = sum(1 for a, b in zip(numbers, numbers[1:]) if b > a)  # lists restart at 1; paragraphs go on
        return rising >= 0.8 * (len(numbers) - 1) and max(numbers) >= 10

    def mark_section_titles(self) -> None:
        """Title lines heading a section that holds its own commitments and its own measures: a plan's
        priority named by a plain line ("Starting well" … "Our commitments" … "How we will measure")."""
        heads: list[tuple[int, Block, str | None]] = []  # titles, and None-cued stops for higher ranks
        for i, b in enumerate(self.blocks):
            if i in self.skip:
                continue
            if b.kind == "line" and self.heading_kind(i, b) == TITLE_LEVEL:
                heads.append((i, b, cues.cue_of(b.text.rstrip(":"))))
            elif b.kind == "heading" or cues.PRIORITY_HEADING.match(b.text) or cues.CODE_HEADING.match(b.text) or \
                    (b.kind == "numbered" and b.indent == 0 and b.blank_before and b.words <= 14 and
                     not b.text.endswith(".")):
                heads.append((i, b, "rank"))
        qualified = []
        for n, (index, block, cue) in enumerate(heads):
            if block.kind != "line" or cue is not None or not block.blank_before or BACKGROUND.search(block.text) \
                    or cues.ENABLER_NAME.match(block.text) or DELIVERY_SECTION.search(block.text):
                continue
            announced: set[str] = set()
            for _, later, later_cue in heads[n + 1:]:
                if later_cue == "rank" or (later_cue is None and later.blank_before and
                                           not BACKGROUND.search(later.text)):
                    break  # the next section of the same rank, or of a higher one
                if later_cue in ("initiative", "metric"):
                    announced.add(later_cue)
            if announced == {"initiative", "metric"}:
                qualified.append(index)
        if len(qualified) >= 2:  # priorities come as a series of sections built alike
            self.section_titles.update(qualified)

    def mark_contents(self) -> None:
        """Skip a table of contents: the short lines after a "Contents" heading."""
        for index, block in enumerate(self.blocks):
            if not re.fullmatch(r"(table of )?contents", block.text.strip(" :").lower()):
                continue
            first: str | None = None
            for follower in range(index + 1, min(index + 80, len(self.blocks))):
                candidate = self.blocks[follower]
                text = re.sub(r"[\d.\s]+$", "", candidate.text).strip().lower()
                if first is not None and text == first:
                    break
                if candidate.words > 20:
                    break
                first = first or text
                self.skip.add(follower)

    def step(self, index: int, block: Block) -> None:
        if block.kind in ("footnote", "rule"):
            return  # a page's footnotes interrupt a list without ending it; a table's rule is layout
        if block.kind == "row":
            self.table_row(block)
            return
        if self.table is not None and block.kind != "row":
            if self.group_label(block):
                return  # "Outcome 1.1 Children are ready …" between rows: the rows below are about it
            self.table = None
        if self.awaiting_text is not None:
            if block.kind in ("line", "numbered", "bullet") and block.words >= 2 and not cues.PRIORITY_HEADING.match(block.text):
                draft = self.awaiting_text
                draft.text = block.text
                draft.label = make_label(block.text)
                draft.spans.append(Span(block.line_start, block.line_end, block.raw))
                self.awaiting_text = None
                self.inline_measures(draft, block)
                return
            self.awaiting_text = None
        glued = re.match(r"^(?P<before>.*?\S)\s*\**\s*(?P<heading>(?:objective|priority|goal|aim)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}))\**\s*$",
                         block.raw, re.IGNORECASE)
        if glued and block.kind == "line":
            self.glued_heading(block, glued)
            return
        level = self.heading_kind(index, block)
        if level is not None:
            self.heading(block, level)
            return
        self.content(block)

    def glued_heading(self, block: Block, match: re.Match) -> None:
        """A slide title run into the line before it: "Vision 'text' Objective One"."""
        before = clean(match["before"])
        vision = re.match(r"^vision\W*(?P<rest>.+)$", before, re.IGNORECASE)
        if vision and len(vision["rest"].split()) >= 3:
            self.add("vision", block, vision["rest"].strip(" '‘’*"), quote=match["before"].strip())
        heading_block = Block("line", clean(match["heading"]), block.raw, block.line_start, block.line_end)
        self.heading(heading_block, PRIORITY_HEADING_LEVEL, quote=match["heading"])

    def heading(self, block: Block, level: int, quote: str | None = None) -> None:
        text = block.text
        if level >= TITLE_LEVEL:
            text = text.rstrip(":")
        cue = cues.cue_of(text)
        heading = Heading(level, text, cue, block, number=block.number)
        parent_cue = self.cue_for_children(level)
        named = cues.PRIORITY_HEADING.match(text) or cues.CODE_HEADING.match(text) or \
            cues.LETTERED_HEADING.match(text)
        if self.index in self.section_titles and named is None:
            level = PRIORITY_HEADING_LEVEL  # a title whose section holds its own commitments and measures
            heading.level = level
            draft = self.add("priority", block, text, quote=quote, confidence=0.75,
                             same_as=self.same_priority(text, strict=True))
            heading.priority, heading.cue = draft.key, None
            subtitle = self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None
            if subtitle is not None and subtitle.kind == "line" and not subtitle.blank_before and \
                    subtitle.words <= 20:  # "Starting well" / "Giving every child the best start": what it means
                draft.text = f"{draft.text}: {subtitle.text}"
                draft.spans.append(Span(subtitle.line_start, subtitle.line_end, subtitle.raw))
                self.skip.add(self.index + 1)
        elif level in (PRIORITY_HEADING_LEVEL, PRIORITY_HEADING_LEVEL + 1) or (level < TITLE_LEVEL and named):
            number = cues.ORDINAL_VALUE.get(named["n"].lower(), named["n"].replace(" ", ""))
            rest = named["rest"].strip()
            if named.groupdict().get("word", "").lower() in ("ambition",) and not rest and not self.title_follows():
                heading.cue = "vision"
            else:
                stated = self.stated_priority(rest, number) if rest else None
                if number in ("1", "A", "SO1", "P1", "O1", "A1", "G1") and stated is None:
                    self.new_objective_list()
                draft = self.add("priority", block, rest or text, number=number, quote=quote, same_as=stated)
                parent = self.by_key.get(self.objectives.get(number.split(".")[0], "")) if "." in number else None
                if parent is not None:
                    self.link(draft, parent, "part_of", block)
                self.remember_objective(number, draft)
                heading.priority, heading.cue = draft.key, None
                if not rest:
                    self.awaiting_text = draft
                    draft.label = text
        elif level < TITLE_LEVEL and block.kind == "numbered" and (opened := self.opened_priority(block, cue)):
            # "2. GP practices" opening objective 2's section; "3. Urgent and emergency care" opening the
            # section of the priority a list named so
            draft = self.add("priority", block, text, same_as=opened)
            heading.priority, heading.cue = draft.key, ("enabler" if cue == "enabler" else None)
        elif level < TITLE_LEVEL and parent_cue == "priority" and cue not in ("other", "metric", "risk"):
            # a numbered section inside "Our priorities": the section states a priority
            draft = self.add("priority", block, text, number=block.number,
                             same_as=self.section_refs.get(block.number or "") or self.same_priority(text, strict=True))
            if block.number:
                self.remember_objective(block.number.split(".")[-1], draft)
                self.remember_objective(block.number, draft)
            heading.priority, heading.cue = draft.key, ("enabler" if cue == "enabler" else None)
        elif level < TITLE_LEVEL and parent_cue == "enabler" and cue not in ("other", "metric", "risk") and \
                not cues.ENABLER_HEADING.match(text):
            heading.cue = "enabler_section"  # "5.1 Digital and workforce information" under "Our enablers"
        elif level >= TITLE_LEVEL and cue is None and self.scope_priority() is None and \
                self.cue() not in ("metric", "risk", "other") and len(tokens(text)) >= 3 and \
                (restated := self.same_priority(text, strict=True)):
            # "Looking after the people who look after our patients", named in a goals table above,
            # now heading its own section
            draft = self.add("priority", block, text, same_as=restated)
            heading.level = level = PRIORITY_HEADING_LEVEL
            heading.priority = draft.key
        elif level >= TITLE_LEVEL and cue is None and self.paragraph_follows() and (
                parent_cue == "enabler" or (cues.ENABLER_NAME.match(text) and self.scope_priority() is None
                                            and self.objective_order)):
            heading.cue = "enabler_section"  # "Our people", "Data and digital", "Money": what every plan rests on
        elif level >= TITLE_LEVEL and cue is None and self.stack and self.stack[-1].level >= TITLE_LEVEL and \
                self.stack[-1].cue == "metric":
            # a KPI group: it keeps the metric cue, and measures the priority it is named after
            heading.cue = "metric"
            target = self.same_priority(text)
            if target is not None:
                heading.priority = target.key
        elif level >= TITLE_LEVEL and cue is None and parent_cue == "other" and self.stack and \
                self.stack[-1].level >= TITLE_LEVEL and self.stack[-1].cue == "other" and \
                re.search(r"glossary|appendix|definitions|abbreviations", self.stack[-1].text, re.IGNORECASE):
            heading.cue = "other"
        if level >= TITLE_LEVEL and cue in ("initiative", "metric", "risk") and self.stack and \
                self.stack[-1].level == PRIORITY_HEADING_LEVEL + 1:
            self.stack.pop()  # "Key actions" after outcomes 1.1 and 1.2 are the actions of their ambition
        if level >= TITLE_LEVEL and cue is None and CASE_STUDY.match(text):
            self.case_study = self.add("initiative", block, text, label=text, confidence=0.6, method="rule")
        if cue == "priority" and level < PRIORITY_HEADING_LEVEL:
            self.new_objective_list()
        if level == 1 and block.number and block.number.isdigit():
            self.top_section = int(block.number)
        if heading.cue == "enabler_section":
            heading.cue = "enabler_actions"
            self.push(heading)
            self.enabler = self.add("enabler", block, text, label=make_label(text), confidence=0.85, quote=quote,
                                    same_as=self.same_statement("enabler", text, strict=True))
            self.describing = self.enabler
            return
        self.push(heading)
        if cue == "enabler" and cues.ENABLER_HEADING.match(text):
            heading.cue = "enabler_actions"
            name = cues.ENABLER_HEADING.match(text)["rest"].strip()
            self.enabler = self.add("enabler", block, name, label=name, confidence=0.9)

    def cue_for_children(self, level: int) -> str | None:
        """The cue of the section a new heading of ``level`` opens inside."""
        for heading in reversed([h for h in self.stack if h.level < level]):
            if heading.priority:
                return None
            if heading.cue:
                return heading.cue
        return None

    def new_objective_list(self) -> None:
        """A numbered list starts again: numbers name its items now. Letters and codes ("Pillar A",
        "SO2") name another series, which goals numbered 1, 2, 3 under each pillar do not replace."""
        self.objectives = {n: key for n, key in self.objectives.items() if not n.split(".")[0].isdigit()}
        self.objective_order = []
        self.delivered_index = 0

    def remember_objective(self, number: str | None, draft: Draft) -> None:
        if not number:
            return
        self.objectives[number] = draft.key
        if draft.key not in self.objective_order:
            self.objective_order.append(draft.key)

    # ------------------------------------------------------------------ content
    def content(self, block: Block) -> None:
        text = block.text
        if block.kind == "line" and (CAPTION.match(text) or CROSS_REFERENCE.match(text) or LEGEND.match(text)):
            return  # names the table below, or points elsewhere: states nothing, and does not end its section
        if self.case_study is not None and block.kind == "line" and block.words >= 12:
            study, self.case_study = self.case_study, None
            study.text = f"{study.text}: {text}"  # the box's first paragraph says what the scheme does
            study.spans.append(Span(block.line_start, block.line_end, block.raw))
            return
        if block.kind == "line" and re.fullmatch(r"\d{1,2}\.?", text):
            self.pending_number = text.rstrip(".")  # a slide's big number, its aim on the next line
            return
        number, self.pending_number = (block.number if block.kind == "numbered" else self.pending_number), None
        if number and number.isdigit() and block.indent == 0 and AIM_LEADIN.search(text) and \
                self.cue() not in ("other", "metric", "risk") and 4 <= block.words <= 30 and self.list_follows() \
                and cues.cue_of(text) is None:  # "We ask systems to:" announces actions, not an aim
            self.aim_leadin(block, number)
            return
        if number and number.isdigit() and self.leadin_priority is not None and block.indent == 0 and \
                self.leadin_priority.number == str(int(number) - 1) and 4 <= block.words <= 45:
            self.aim_leadin(block, number)  # the last aim of a run, stated without its list
            return
        prefix = cues.label_prefix(text)
        describing, self.describing = self.describing, None
        if self.enabler is not None and prefix and SUPPORTS_LABEL.match(prefix[0]):
            self.supported_areas(self.enabler, prefix[1], block)
            return
        if describing is not None and describing.type == "enabler" and block.kind == "line" and not prefix and \
                block.words >= 6:
            describing.text = f"{describing.text}: {text}"  # what the enabler is, said under its name
            for target in self.referenced_priorities(text):  # "… most critical to Ambitions 1 and 3"
                self.link(describing, target, "supports", block, confidence=0.8)
            self.targets_in_prose(block)
            return
        if block.kind == "line" and cues.ENABLERS_LISTED.search(text):
            self.listed_enablers(block)
            return
        prefix_cue = cues.cue_of(prefix[0]) if prefix else None
        if cues.DELIVERED_BY.search(text[:60]):
            self.delivered_by(block)
            return
        if (block.kind == "line" or (block.kind == "numbered" and self.list_follows())) and \
                (text.endswith(":") or text.endswith(" -")) and block.words <= 25:
            # the sentence that ends with the colon announces the list: "Principles are not enough on
            # their own. Three shared enablers will make them real:"
            cue = cues.cue_of(split_sentences(text)[-1])
            if re.search(r"\b(vision|mission)\b", text, re.IGNORECASE) and cue != "other":
                cue = "vision"
            if cues.OWN_LIST.search(text[-60:]):
                cue = "priority"  # "… agreed to meet the following five strategic goals:"
            if cue == "priority" and not cues.OWN_LIST.search(text) and block.words > 12:
                cue = "other"  # "the key priorities of another programme include:" lists someone else's
            self.leadin = (cue or self.cue(), block)
            self.leadin_priority = None
            self.items_by_indent = []
            return
        short_cue = cues.cue_of(text) if block.kind == "line" and block.words <= 12 and \
            not text.endswith(".") else None
        if short_cue in ("priority", "initiative", "metric", "risk", "enabler") and not prefix:
            self.leadin = (short_cue, block)  # "Five selected priority pathways" heads the list below
            self.items_by_indent = []
            return
        if block.kind == "line" and STATED_PURPOSE.match(text):
            self.add("vision", block, text, confidence=0.7, method="rule")
            return
        if block.kind == "line" and re.search(r"\b(vision|mission)\b[^.]{0,25}?\b(is|are)\b(\s+to)?\s*:?", text, re.IGNORECASE) and \
                not re.search(r"\bvision for\b", text[:20], re.IGNORECASE):
            body = re.split(r"\b(?:is|are)\b(?:\s+to)?\s*:?", text, maxsplit=1)[-1].strip()
            if len(body.split()) >= 3:
                self.add("vision", block, text, label=make_label(body))
            self.leadin = ("vision", block)
            return
        if prefix_cue in ("metric", "risk", "vision", "other", "enabler", "priority") and block.kind == "line":
            kind = prefix_cue
            if kind == "priority":
                kind = None
            if kind and kind != "other":
                # "Underpinned by our enablers: digital • estates • finance": one statement per item
                listed = re.split(r"\s*[:–]\s+", block.raw, maxsplit=1)[-1]
                items = split_cell(listed) if kind != "vision" and "•" in listed else [prefix[1]]
                for item in items if kind != "vision" else [text]:
                    quote = item if len(items) > 1 else None
                    draft = self.add(kind, block, clean(item), quote=quote)
                    self.measure_references(draft, block)
            self.leadin = (prefix_cue, block)
            return
        cue = self.cue()
        if block.kind == "line" and self.leadin is not None and block.words > 25 and \
                self.leadin[0] not in ("metric", "risk", "vision"):
            self.leadin = None
            self.leadin_priority = None
            cue = self.cue()
        kind = self.kind_for(block, cue)
        sentences = split_sentences(block.raw) if block.kind == "line" else []
        if kind in ("enabler", "risk", "metric") and sentences and \
                (INTRODUCTION.search(sentences[0]) or (len(sentences) == 1 and GOVERNANCE.search(sentences[0]))) and \
                (len(sentences) == 1 or kind == "enabler"):
            kind = None  # "Our themes depend on five enablers. …": about the list, not an item of it
        if kind is None:
            if block.kind == "numbered" and block.number and block.number.isdigit():
                self.pending_numbered.append(block)
            elif block.kind == "line":
                self.targets_in_prose(block)
            if block.kind in ("bullet", "numbered") and cue is None and 2 <= block.words <= 60:
                self.found.untyped.append(block)
            return
        self.place(kind, block)

    def targets_in_prose(self, block: Block) -> None:
        """ "… so that 82% of patients are seen within 4 hours by March 2027": a paragraph's
        quantified commitments are metrics of the priority whose section states them."""
        if self.cue() in ("other", "vision") or any(BACKGROUND.search(h.text) for h in self.stack[-1:]):
            return
        scope = self.scope_priority()
        if scope is None and not self.stack_has_cue("enabler_actions"):
            return
        for target in quantified_targets(block.raw):
            metric = self.add("metric", block, clean(target), quote=target, confidence=0.6, method="rule")
            if scope is not None:
                self.link(metric, scope, "measures", block, confidence=0.6, method="rule")

    def referenced_priorities(self, text: str) -> list[Draft]:
        """Priorities a sentence refers to: by number or code ("Ambitions 1 and 3", "SO2"), by name
        ("most important for Ageing well"), or all of them ("supports all three priorities")."""
        priorities = [d for d in self.found.statements if d.type == "priority"]
        if EVERY_PRIORITY.search(text):
            return priorities
        numbered = self.numbered(cues.parse_references(text) + cues.code_references(text))
        named = [d for d in priorities if len(d.label.split()) >= 2 and
                 re.search(rf"\b{re.escape(d.label)}\b", text, re.IGNORECASE)]
        return numbered + [d for d in named if d not in numbered]

    def numbered(self, numbers: list[str]) -> list[Draft]:
        """The priorities stated under these numbers or codes, in their order, each once."""
        keys = dict.fromkeys(self.objectives[n] for n in numbers if n in self.objectives)
        return [self.by_key[key] for key in keys]

    def listed_enablers(self, block: Block) -> None:
        """ "Our cross-cutting enablers are a skilled workforce, shared data, … and X.": one enabler per
        item; enablers a plan calls cross-cutting, or that all its priorities rest on, support each."""
        listed = cues.ENABLERS_LISTED.search(block.raw)
        items = [item.strip(" ,;") for item in re.split(r",\s+(?:and\s+)?|;\s+", listed["list"])]
        everything = re.search(r"cross[- ]cutting|\ball\b[\w\s]{0,12}\b(priorities|objectives|ambitions|themes)",
                               " ".join([block.raw, *(h.text for h in self.stack)]), re.IGNORECASE)
        priorities = [d for d in self.found.statements if d.type == "priority"] if everything else []
        for item in items:
            if len(item.split()) < 2 and not cues.ENABLER_NAME.match(item):
                continue
            enabler = self.add("enabler", block, clean(item), quote=item, confidence=0.6, method="rule")
            for priority in priorities:
                self.link(enabler, priority, "supports", block, confidence=0.6, method="rule")

    def supported_areas(self, enabler: Draft, areas: str, block: Block) -> None:
        """ "Supports: Themes 2, 4 and 5" (or the themes' names): the enabler supports those priorities."""
        targets = self.numbered(cues.parse_references(areas))
        if not targets:
            names = [n for n in re.split(r",|;|\band\b|&", areas) if len(n.split()) >= 2]
            targets = [t for t in (self.same_priority(n) for n in names) if t is not None]
        for target in targets:
            self.link(enabler, target, "supports", block, confidence=0.85)

    def title_follows(self) -> bool:
        """Whether a short title line follows the current block: "Big ambition 1" / "Every child …"."""
        following = [b for b in self.blocks[self.index + 1:self.index + 3] if b.kind not in ("footnote", "rule")]
        return bool(following) and following[0].kind == "line" and following[0].words <= 14 and \
            not following[0].text.endswith(".")

    def paragraph_follows(self) -> bool:
        """Whether the block after the current one is a paragraph of some length."""
        following = [b for b in self.blocks[self.index + 1:self.index + 3] if b.kind not in ("footnote", "rule")]
        return bool(following) and following[0].kind == "line" and following[0].words >= 4

    def list_follows(self) -> bool:
        """Whether the block after the current one is a list item."""
        following = self.blocks[self.index + 1:self.index + 3]
        following = [b for b in following if b.kind != "footnote"]
        return bool(following) and following[0].kind in ("bullet", "numbered")

    def aim_leadin(self, block: Block, number: str) -> None:
        """ "1 We will begin to address X, by:" states aim 1; the list below it serves it."""
        aim = AIM_LEADIN.sub("", block.text).strip(" ,:")
        aim = re.sub(rf"^{number}[.)]?\s+", "", aim) if block.kind != "numbered" else aim
        known = self.objectives.get(number)
        same = self.by_key[known] if known and similar(aim, self.by_key[known].text) >= 0.6 else None
        if number == "1" and same is None:
            self.new_objective_list()
        draft = self.add("priority", block, aim, number=number, same_as=same, label=make_label(aim))
        self.remember_objective(number, draft)
        self.leadin = ("initiative", block)
        self.leadin_priority = draft
        self.items_by_indent = []

    def kind_for(self, block: Block, cue: str | None) -> str | None:
        listed = block.kind in ("bullet", "numbered")
        if cue in (None, "other"):
            return None
        if cue == "priority":
            # "3: Reducing avoidable admissions. To increase …" names a priority, then says more;
            # "12. Systems should agree plans that …" is a numbered paragraph
            opening = split_sentences(block.text)[0] if listed else block.text
            sentence = block.text.endswith(".") and len(opening.split()) > (20 if listed else 10)
            if ((listed and block.words <= 40) or (block.kind == "line" and block.words <= 20)) and not sentence:
                return "priority"  # a short item names a priority; a numbered paragraph talks about them
            return None  # a long numbered paragraph is prose, not an item of the list
        if cue == "vision":
            return "vision" if (listed and block.words <= 60) or (not listed and block.words <= 80) else None
        if cue in ("metric", "risk"):
            # a paragraph is read sentence by sentence ("The grant may not keep pace … The rising cost …")
            return cue if listed or block.words <= (200 if cue == "risk" else 80) else None
        if cue == "enabler":
            return "enabler" if listed or block.words <= 40 else None
        if cue == "initiative":
            commitment = block.words <= 80 and re.match(r"we will\b", block.text, re.IGNORECASE)
            return "initiative" if listed or (block.kind == "line" and (block.words <= 30 or commitment) and
                                               not block.text.endswith(":")) else None
        if cue in ("implied", "enabler_actions"):
            return "initiative" if listed else None
        return None

    def place(self, kind: str, block: Block) -> None:
        if kind in ("metric", "risk") and block.kind == "line":
            sentences = split_sentences(block.raw)
            if len(sentences) > 1:
                for sentence in sentences:  # a criteria paragraph states one criterion per sentence
                    part = Block("line", clean(sentence), sentence, block.line_start, block.line_end)
                    if INTRODUCTION.search(part.text) or GOVERNANCE.search(part.text):
                        continue
                    # a sentence that states no risk ("Scores are likelihood × …") or measures nothing
                    # ("Year 1 is March 2026") is the list's gloss
                    if RISK_LANGUAGE.search(part.text) if kind == "risk" else not GLOSS.match(part.text):
                        self.place(kind, part)
                return
        labelled = re.match(rf"^(?:{kind}|key {kind})\s*[:–-]\s*(?=\S)", block.text, re.IGNORECASE)
        if labelled:  # "1. Risk: Neighbouring employers raise pay …": the item is what follows its label
            block = replace(block, text=block.text[labelled.end():])
        parent = self.parent_item(block, kind)
        if kind == "risk" and (block.marker == "→" or MITIGATION.match(block.text)):
            if parent is not None and parent.type == "risk":  # "→ We will …" under a risk: how it is managed
                parent.text = f"{parent.text} Mitigation: {block.text}"
                parent.spans.append(Span(block.line_start, block.line_end, block.raw))
            return
        number = block.number if block.kind == "numbered" else None
        if kind == "priority" and number and number in self.objectives and number == "1":
            self.new_objective_list()
        if kind == "priority" and number is None and not self.objective_order:
            self.new_objective_list()
        if kind == "priority" and number and number.isdigit():
            self.continue_numbered_run(int(number))
        self.pending_numbered = []
        refs = re.findall(r"\(section\s+(\d{1,2}(?:\.\d{1,2})?)\)", block.text, re.IGNORECASE) \
            if kind == "priority" else []
        same_as = next((self.section_refs[r] for r in refs if r in self.section_refs), None)
        draft = self.add(kind, block, number=number, confidence=0.8 if parent else 0.85, same_as=same_as)
        if kind == "priority":
            self.remember_objective(number or str(len(self.objective_order) + 1), draft)
            for ref in refs:
                self.section_refs[ref] = draft
            self.inline_measures(draft, block)
        if parent is not None and parent.type == kind:
            self.link(draft, parent, "part_of", block)
        self.remember_item(block, draft)
        scope = self.leadin_priority or self.scope_priority()
        tagged = self.tagged_priorities(block.text) if kind in ("initiative", "metric") else []
        if kind == "initiative" and tagged:
            for target in tagged:  # "… (Outcome 1.1)": the item names the priority it serves
                self.link(draft, target, "serves", block, confidence=0.9)
        elif kind == "initiative":
            target = scope
            if parent is not None and parent.type == "priority":
                target = parent
            if target is not None:
                self.link(draft, target, "serves", block)
                if "enabler" in target.label.lower() or self.stack_has_cue("enabler"):
                    self.enabler_for(draft, block, target)
        elif kind == "metric":
            self.measure_references(draft, block)
            for target in tagged or ([scope] if scope is not None else []):
                self.link(draft, target, "measures", block, confidence=0.9 if tagged else 0.75)
        if kind == "initiative" and self.enabler is not None and self.stack_has_cue("enabler_actions"):
            self.link(self.enabler, draft, "supports", block, confidence=0.75)
        elif kind == "enabler":
            for target in self.referenced_priorities(block.text) or ([scope] if scope is not None else []):
                self.link(draft, target, "supports", block, confidence=0.75)

    def tagged_priorities(self, text: str) -> list[Draft]:
        """Priorities an item names in brackets: "(Outcome 1.1)", "(SO2, SO3)", "(priorities 1 and 4)"."""
        tags = re.findall(r"\(([^()]{2,60})\)", text)
        return self.numbered([n for tag in tags for n in cues.parse_references(tag) + cues.code_references(tag)])

    def continue_numbered_run(self, number: int) -> None:
        """A numbered list is one list: untyped items 1..n-1 just before priority n are priorities too."""
        run: list[Block] = []
        expected = number - 1
        for block in reversed(self.pending_numbered):
            if expected >= 1 and block.number == str(expected):
                run.append(block)
                expected -= 1
        if expected != 0:
            return
        for block in reversed(run):
            draft = self.add("priority", block, number=block.number, confidence=0.7)
            self.remember_objective(block.number, draft)

    def stack_has_cue(self, cue: str) -> bool:
        return any(h.cue == cue for h in self.stack)

    def enabler_for(self, initiative: Draft, block: Block, priority: Draft) -> None:
        """An action under an enablers priority also names the enabler it builds."""
        enabler = self.add("enabler", block, initiative.text, label=enabler_label(initiative.text),
                           confidence=0.7)
        self.link(enabler, priority, "supports", block, confidence=0.7)
        self.link(enabler, initiative, "supports", block, confidence=0.6)

    def parent_item(self, block: Block, kind: str) -> Draft | None:
        if block.kind not in ("bullet", "numbered"):
            return None
        while self.items_by_indent and self.items_by_indent[-1][0] >= block.indent:
            self.items_by_indent.pop()
        return self.items_by_indent[-1][1] if self.items_by_indent else None

    def remember_item(self, block: Block, draft: Draft) -> None:
        if block.kind in ("bullet", "numbered"):
            self.items_by_indent.append((block.indent, draft))
        else:
            self.items_by_indent = []

    def delivered_by(self, block: Block) -> None:
        """ "1. Delivered by: …" serves objective 1; unnumbered ones serve the objectives in turn."""
        text = cues.DELIVERED_BY.split(block.text, maxsplit=1)[-1].strip()
        draft = self.add("initiative", block, text, confidence=0.9)
        numbers = cues.leading_numbers(block.raw) if block.kind == "numbered" else []
        targets = [self.objectives[n] for n in numbers if n in self.objectives]
        if not targets and self.objective_order:
            order = self.objective_order
            if self.delivered_index < len(order):
                remaining_after = [b for b in self.blocks if b.line_start > block.line_end][:12]
                more = any(cues.DELIVERED_BY.search(b.text[:60]) for b in remaining_after)
                targets = [order[self.delivered_index]] if more else order[self.delivered_index:]
            self.delivered_index += 1
        for key in targets:
            self.link(draft, self.by_key[key], "serves", block, confidence=0.9)
        self.leadin = ("initiative", block)

    def measure_references(self, draft: Draft, block: Block) -> None:
        """ "Domain 1: … – Objectives 5, 6 & 7" measures those objectives."""
        if draft.type not in ("metric",):
            return
        for number in cues.parse_references(block.text):
            key = self.objectives.get(number)
            if key:
                self.link(draft, self.by_key[key], "measures", block, confidence=0.9)

    def inline_measures(self, priority: Draft, block: Block) -> None:
        """ "… measured by pathway referral and treatment times" inside a priority is its metric."""
        for match in cues.INLINE_MEASURE.finditer(block.text):
            what = match["what"].strip(" ,")
            if len(what.split()) < 2:
                continue
            metric = self.add("metric", block, what, confidence=0.8, method="rule")
            self.link(metric, priority, "measures", block, confidence=0.85, method="rule")


def _leading_int(number: str) -> int:
    """The whole number a section number starts with: ``"3a"`` → 3, ``"12"`` → 12."""
    return int(re.match(r"\d+", number).group())


def find_structure(blocks: list[Block]) -> Findings:
    """Walk ``blocks`` and return the typed statements and their links."""
    return Walker(blocks).run()
