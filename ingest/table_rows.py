"""Table rows: how the section walk reads a table, row by row, once its header says what columns hold.

A mixin of :class:`ingest.structure.Walker`: it uses the walker's statements, links, heading stack
and numbered priorities. A row states the statements of its typed columns; its priority comes from
a priority column (a new priority, or one stated before), a number or reference column, a group
line between rows, or the section the table stands in. Annexes and summaries restate: their rows
name priorities stated in the body and create none. Must not import spaCy or anything from kg/ or api/.
"""
from __future__ import annotations

import re

from ingest import cues, tables
from ingest.blocks import Block, clean, normalise_space
from ingest.drafts import PRIORITY_HEADING_LEVEL, Draft, Heading, similar, tokens
from ingest.sentences import quantified_targets, split_cell

# sections that restate the plan rather than state it
RESTATEMENT = re.compile(r"^(?:appendix|annex)\b|\bsummary of\b", re.IGNORECASE)


# a cell listing priorities by their letters or numbers: "A, C", "B and D", "1, 2 & 4"
_CODE_LIST = re.compile(r"^(?:[A-H]|\d{1,2})(?:\s*(?:,|and|&)\s*(?:[A-H]|\d{1,2}))+$")


class TableRows:
    """The table-reading part of the section walk (mixed into :class:`ingest.structure.Walker`)."""

    def enabler_row(self, block: Block, filled: list[str]) -> None:
        """A row "Enabler – Workforce | lead" opens that enabler's section."""
        name = cues.ENABLER_HEADING.match(filled[0])["rest"].strip()
        if len(filled) > 1 and re.fullmatch(r"[a-z]{1,3}", filled[1]):
            name += filled[1]  # a word the conversion cut in two cells
        heading = Heading(PRIORITY_HEADING_LEVEL, f"Enabler – {name}", "enabler_actions", block)
        self.push(heading)
        self.enabler = self.add("enabler", block, name, label=name, confidence=0.9,
                                quote=_cell_quote(block, filled[0]))

    def enabler_impact(self, block: Block, areas: list[str]) -> None:
        """ "Impact | area 1 | area 2": the enabler supports the priorities those areas name."""
        for area in areas:
            target = self.same_priority(area) if len(area.split()) >= 3 else None
            if target is not None:
                self.link(self.enabler, target, "supports", block, confidence=0.7)

    def table_row(self, block: Block) -> None:
        cells = list(block.cells)
        filled = [c for c in cells if c]
        if filled and cues.ENABLER_HEADING.match(filled[0]):
            self.enabler_row(block, filled)
            return
        if filled and self.enabler is not None and re.match(r"^impact\b", filled[0], re.IGNORECASE):
            self.enabler_impact(block, filled[1:])
            return
        if self.cue() == "other" or self.enabler is not None:
            return  # restated plans, and an enabler's own table of aims, lead and timetable
        if self.table is None and len(filled) == 1 and len(filled[0].split()) > 12:
            return  # a caption spanning the row, before the table's own header
        if self.table is None:
            columns = tables.read_header(cells)
            section = self.cue()
            if not columns.states_anything and section in ("metric", "risk", "initiative") and \
                    tables.looks_like_header(cells):
                columns.roles[0] = section  # "Measure | Now | 2029 ambition" under "How we will measure"
            self.table = {"columns": columns, "priority": None}
            return  # the header row states nothing itself; a table without one is not read
        columns: tables.Columns = self.table["columns"]
        if not columns.states_anything or tuple(cells) == columns.header:
            return  # a table that states nothing, or its header repeated on a new page
        raw_cells = block.raw_cells or (block.raw,)
        first_lines = block.meta.get("first_cells", raw_cells)
        row_priority = self.row_priority(block, columns, cells, first_lines)
        for index, cell in enumerate(cells):
            column = columns.roles.get(index)
            if not cell or column in (None, "priority") or len(cell.split()) < 2:
                continue
            raw = raw_cells[index] if index < len(raw_cells) else block.raw
            spilled = index < len(first_lines) and first_lines[index] != raw
            parts = [raw] if spilled else split_cell(raw)
            for part in parts:
                text = clean(part)
                if len(text.split()) < 2:
                    continue
                if column == "initiative" and index in columns.objectives and quantified_targets(text):
                    column = "metric"  # an "Objective" cell that is a quantified target measures its row
                # a cell broken over lines quotes its first line: the lines between hold other columns
                quote = normalise_space(first_lines[index]) if spilled else normalise_space(part)
                draft = self.add(column, block, text, quote=quote)
                relation = {"initiative": "serves", "metric": "measures", "enabler": "supports"}.get(column)
                targets = self.row_references(columns, cells) or self.listed_priorities(columns, cells) or \
                    ([row_priority] if row_priority else [])
                for target in targets:
                    if relation:
                        self.link(draft, target, relation, block)

    def group_label(self, block: Block) -> bool:
        """A short line inside a table naming the priority of the rows below it, or saying the table
        goes on ("(continued)"); False for other lines, which end the table."""
        if block.kind != "line" or block.words > 16 or block.text.endswith("."):
            return False
        if re.fullmatch(r"\(?(?:table\s+\d+\s+)?continued\)?", block.text.strip(), re.IGNORECASE):
            return True
        named = cues.PRIORITY_HEADING.match(block.text) or cues.CODE_HEADING.match(block.text) or \
            cues.LETTERED_HEADING.match(block.text)
        number = named["n"].replace(" ", "") if named else None
        found = self.stated_priority(named["rest"] if named else block.text, number)
        if found is None:
            return False
        self.table["priority"] = found
        return True

    def row_references(self, columns: "tables.Columns", cells: list[str]) -> list[Draft]:
        """The priorities a row's reference column names ("SO1, SO2", "1.1, 1.2", "Themes 2 and 4")."""
        if columns.references is None or columns.references >= len(cells):
            return []
        text = cells[columns.references]
        return self.numbered(re.findall(r"\b\d{1,2}(?:\.\d{1,2})?\b", text) + cues.code_references(text))

    def listed_priorities(self, columns: "tables.Columns", cells: list[str]) -> list[Draft]:
        """The priorities a priority cell lists by letter or number ("A, C", "1 and 3")."""
        column = next((i for i, role in columns.roles.items() if role == "priority"), None)
        text = cells[column].strip() if column is not None and column < len(cells) else ""
        if not _CODE_LIST.match(text):
            return []
        return self.numbered(re.findall(r"[A-H]|\d{1,2}", text))

    def row_priority(self, block: Block, columns: "tables.Columns", cells: list[str],
                     first_lines: tuple[str, ...]) -> Draft | None:
        """The priority a row is about: named in its priority column (a new one, or one stated
        before), numbered in its number column, or carried from the rows above it."""
        priority_column = next((i for i, role in columns.roles.items() if role == "priority"), None)
        number = cells[columns.number].strip() if columns.number is not None and columns.number < len(cells) else None
        text = cells[priority_column] if priority_column is not None and priority_column < len(cells) else ""
        if priority_column is None and not number:
            # a table inside a priority's section (its KPIs, its actions) is about that priority
            return self.table["priority"] or self.leadin_priority or self.scope_priority()
        if not text.strip() and not number:
            return self.table["priority"]  # an empty cell: the row goes on with the priority above it
        if _CODE_LIST.match(text):
            return None  # "A, C": the row serves several priorities (see :meth:`listed_priorities`)
        cell_number, words = tables.priority_cell(text)
        number = cell_number or number  # the priority cell's own number over the row's reference
        if not words:  # "2", "All": a reference to a priority stated elsewhere, or to every one
            found = self.by_key.get(self.objectives.get(number or "", ""))
            self.table["priority"] = found
            return found
        head, *more = split_cell(first_lines[priority_column]) if priority_column < len(first_lines) else [words]
        words = words if len(more) == 0 else clean(head)
        restating = self.in_restatement()
        stated = self.stated_priority(words, number) or (self.named_priority(words) if restating else None)
        if stated is None and restating:
            self.table["priority"] = None
            return None  # an annex restating the plan: its rows name what was stated before
        quote = normalise_space(head)
        draft = self.add("priority", block, words, number=number, quote=quote, same_as=stated)
        if stated is None and number:
            self.remember_objective(number, draft)
        self.table["priority"] = draft
        for part in more:  # a cell may run on into the actions of its row
            if len(clean(part).split()) >= 2:
                self.link(self.add("initiative", block, clean(part), quote=normalise_space(part)), draft,
                          "serves", block)
        return draft

    def stated_priority(self, text: str, number: str | None = None) -> Draft | None:
        """A priority stated before that ``text`` restates: the same number with much the same
        words, or words so close that they can name nothing else."""
        known = self.by_key.get(self.objectives.get(number or "", ""))
        if known is not None and similar(text, known.label) >= 0.6:
            return known
        return self.same_priority(text, strict=True)

    def named_priority(self, text: str) -> Draft | None:
        """The one priority whose words include all of ``text``'s ("Cancer", "Elective care")."""
        words = tokens(text)
        named = [d for d in self.found.statements if d.type == "priority" and words and words <= tokens(d.label)]
        return named[0] if len(named) == 1 else None

    def in_restatement(self) -> bool:
        """Inside an appendix, annex or summary: what it lists was stated in the body."""
        return any(RESTATEMENT.search(h.text) for h in self.stack)


def _cell_quote(block: Block, cell: str) -> str:
    for raw in block.raw_cells:
        if clean(raw) == cell:
            return raw
    return block.raw
