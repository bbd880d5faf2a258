"""Document -> project records, section headings and non-record blocks.

Pages of this genre write records in a handful of layouts, often mixed on one
page; each layout has a start check (see :mod:`pipeline.segment.starts`):

- title line with a year span: ``Title (2014-2015)``, ``(Act4T, 2013)``, a title
  wrapped over lines with ``(2008-2009) - description`` on the last one;
- title line with trailing years: ``Program LOGON - ..., 1998-2003``, ``Title – 2016``;
- list entry: ``2009 Title``, ``2006 - Title``, ``2009/2010 – Title`` (continuation
  lines belong to it), and bulleted entries directly under a heading;
- prose record: ``W 2006 r. Związek zrealizował projekt pt. ...``;
- field-style record: ``Tytuł projektu:`` / ``Okres realizacji:`` / ...;
- news item: a standalone headline followed by prose.

Everything that is not a record is kept as a :class:`Block` (heading, intro,
link, chrome, residue) so no text is lost. This module walks the lines
(:class:`Segmenter`); what a line looks like is :mod:`~pipeline.segment.lines`,
how an open record becomes a Record is :mod:`~pipeline.segment.records`, tables
are :mod:`~pipeline.segment.tables`. Vocabulary lives in ``data/segment.yaml``
(:mod:`~pipeline.segment.vocab`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.core.datatypes import Block, Document, Record
from pipeline.segment.grants import GrantRecord, grant_records
from pipeline.segment.lines import (
    LABELLED,
    SEPARATOR,
    Line,
    heading_text,
    heading_years,
    matches_any,
    norm,
    split_lines,
    years_in,
)
from pipeline.segment.records import (
    OpenRecord,
    Years,
    close_record,
    news_title,
    prose_title,
    sentence_years,
    table_records,
    tidy_title,
)
from pipeline.segment.starts import Context, Start, heading_kind, leaf_heading, record_start
from pipeline.segment.tables import CellTable, Table, cell_tables, lp_rows, table_at
from pipeline.segment.vocab import config
from pipeline.text.sentences import split_sentences

CONTENT_BLOCKS = ("heading", "intro", "residue")  # what a one-project page's record is made of


@dataclass
class Segmentation:
    records: list[Record]
    blocks: list[Block]


class Segmenter:
    """One pass over a document's lines. The state is the open record, the lines waiting outside
    any record (intro or residue), and the section (top heading, sub heading, their years); each
    line is a table, chrome, a heading, a record start, or a line of whatever is open."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.cfg = config()
        self.lines = split_lines(doc.text)
        self.records: list[Record] = []
        self.blocks: list[Block] = []
        self.top: str | None = None
        self.sub: str | None = None
        self.section_years: tuple[int, int] | None = None
        self.year_heading = False  # the top heading is a bare year, promoted from a sub heading
        self.open: OpenRecord | None = None
        self.pending: list[Line] = []  # lines outside records: intro or residue
        self.seen_content = False
        self.cell_tables = {t.header[0]: t for t in cell_tables(self.lines)}
        self.lp_rows = lp_rows(self.lines)

    def run(self) -> Segmentation:
        i = 0
        while i < len(self.lines):
            i = self._step(i)
        self._close()
        self._flush()
        self.blocks.sort(key=lambda b: b.char_start)
        self._merge_restated()
        one_below_prose = len(self.records) == 1 and self._prose_before(self.records[0])
        if one_below_prose:
            r = self.records.pop()  # one record below the page's own prose: the page is about one project
            self.blocks.append(Block(self.doc.doc_id, "residue", r.char_start, r.char_end, r.section))
            self.blocks.sort(key=lambda b: b.char_start)
        if not self.records:
            self._whole_page(grants=not one_below_prose)
        elif len(self.records) == 1:
            self._one_record_of_grants()
        else:
            self._records_of_grants()
        if len(self.records) == 1:
            self._extend_to_content_end()
        return Segmentation([tidy_title(self.doc.text, r) for r in self.records], self.blocks)

    def _extend_to_content_end(self) -> None:
        """A page's only record runs on through the headings and paragraphs below it (its figures, its
        aims, its forms of support): the page is about that one project; links and chrome stay blocks."""
        r = self.records[0]
        after = [b for b in self.blocks if b.char_start >= r.char_end]
        tail = []
        for b in after:
            if b.kind not in CONTENT_BLOCKS:
                break
            tail.append(b)
        if not tail:
            return
        end = tail[-1].char_end
        self.blocks = [b for b in self.blocks if b not in tail]
        self.records = [replace(r, char_end=end, body_end=end)]

    def _merge_restated(self) -> None:
        """A record whose title restates the previous record's (a headline, then ``Tytuł projektu:`` with
        the same name) is that project's card: one record from the first one's start to its end."""
        merged: list[Record] = []
        for r in self.records:
            prev = merged[-1] if merged else None
            titled_by_field = any(name == "title" for name, _, _ in r.fields)
            if prev is None or not titled_by_field or _title_key(prev.title) != _title_key(r.title):
                merged.append(r)
                continue
            self.blocks = [b for b in self.blocks if not (prev.char_end <= b.char_start and b.char_end <= r.char_start)]
            dated = prev if prev.year_start is not None and not prev.years_inferred else r
            merged[-1] = replace(
                prev,
                char_end=r.char_end,
                body_end=r.char_end,
                fields=prev.fields + r.fields,
                year_start=dated.year_start,
                year_end=dated.year_end,
                years_inferred=dated.years_inferred,
                years_source=dated.years_source,
            )
        self.records = [replace(r, ordinal=n) for n, r in enumerate(merged, 1)]

    def _prose_before(self, r: Record) -> bool:
        """Paragraphs of running text (residue or intro, a sentence or longer) stand above record ``r``."""
        text = self.doc.text
        return any(
            b.char_end <= r.char_start
            and b.kind in ("residue", "intro")
            and len(text[b.char_start : b.char_end]) > self.cfg.max_heading
            for b in self.blocks
        )

    def _one_record_of_grants(self) -> None:
        """A page read as one record (a news item) that reports two or more grants is grant news."""
        r = self.records[0]
        grants = grant_records(self.doc.text, r.char_start, r.char_end, self.cfg)
        if grants:
            self.records = self._grant_news(grants, r.char_start, r.char_end)

    def _records_of_grants(self) -> None:
        """A prose record of a page with several records that reports two or more grants (a call's results
        in one paragraph: ``X otrzymał 21 tysięcy złotych, Y - 4800 złotych, ...``) is the round, up to its first
        grant, and a record per grant."""
        out: list[Record] = []
        for r in self.records:
            grants = grant_records(self.doc.text, r.char_start, r.char_end, self.cfg)
            if len(grants) < 2:
                out.append(r)
                continue
            head_end = grants[0].start
            if self.doc.text[r.char_start : head_end].strip():
                out.append(replace(r, char_end=head_end, body_end=max(r.body_start, min(r.body_end, head_end))))
            out.extend(self._grant_news(grants, grants[0].start, r.char_end))
        self.records = [replace(r, ordinal=n) for n, r in enumerate(out, 1)]

    def _whole_page(self, grants: bool = True) -> None:
        """A page where no record layout starts anywhere is about one project (a news item, a project's
        own page, one grant): its content, from the first heading or text to the last, is one record.
        Its title is the project's name when the text gives one (``zadania pn. „X”``, ``projekt „X”``),
        else the first heading or short first line, else the first sentence. Chrome and links at either
        end stay blocks."""
        content = [b for b in self.blocks if b.kind in CONTENT_BLOCKS]
        if not content:
            return
        start, end = content[0].char_start, content[-1].char_end
        text = self.doc.text
        body = text[start:end]
        if not any(r.search(body) for r in (self.cfg.project_noun, self.cfg.money_hint, self.cfg.grant_verb)):
            return  # no project, money or grant named: a contact page, an about page
        found = grant_records(text, start, end, self.cfg) if grants else []
        if found:
            self.records = self._grant_news(found, start, end)
            return
        line_end = text.find("\n", start, end)
        first_line = (start, end if line_end < 0 else line_end)
        if self.cfg.salutation.match(text[first_line[0] : first_line[1]].strip()) and line_end >= 0:
            nxt = len(text[line_end:end]) - len(text[line_end:end].lstrip())  # "Szanowni Państwo": not the title
            line_end = text.find("\n", line_end + nxt, end)
            first_line = (first_line[1] + nxt, end if line_end < 0 else line_end)
        prose_first = len(norm(text[first_line[0] : first_line[1]])) > self.cfg.max_title
        if prose_first:
            first_line = prose_title(text, split_sentences(text, start, end)[0], self.cfg)
        title_span = news_title(text, start, end, first_line, self.cfg)
        opening_end = text.find("\n\n", start, end)
        if 0 <= opening_end < title_span[0] and self.cfg.round_words.search(text, start, opening_end):
            title_span = first_line  # a round's report: a name quoted further down is one of its grants
        if len(norm(text[title_span[0] : title_span[1]])) > self.cfg.max_title:
            # a page that opens with one long legal sentence ("Zgodnie z § 4 ust. 3 ...") is still about its
            # projects: its title is the sentence's opening words, cut at a word (never no record)
            cut = text.rfind(" ", title_span[0], title_span[0] + self.cfg.max_title)
            title_span = (title_span[0], cut if cut > title_span[0] else title_span[0] + self.cfg.max_title)
        title = norm(heading_text(text[title_span[0] : title_span[1]]))
        if not title:
            return
        body_start = min(first_line[1] + 1, end)
        opens_prose = prose_first or text[first_line[0] : first_line[1]].rstrip().endswith(".")
        years = self._page_years(title, start if opens_prose else body_start, end)
        self.blocks = [b for b in self.blocks if b.char_end <= start or b.char_start >= end]
        self.records.append(
            Record(
                doc_id=self.doc.doc_id,
                ordinal=1,
                section="",
                title=title,
                year_start=years[0] if years else None,
                year_end=years[1] if years else None,
                char_start=start,
                char_end=end,
                title_start=title_span[0],
                title_end=title_span[1],
                body_start=body_start,
                body_end=end,
                years_source="title" if years else None,
            )
        )

    def _page_years(self, title: str, body_start: int, end: int) -> Years | None:
        """A one-project page's years: its title's (as a sentence gives them when the title dates a
        day), else those its body's first sentence gives (the page's first, when it opens with prose)."""
        if self.cfg.day_date.search(title):
            return sentence_years(title, self.cfg)
        years = years_in(title, self.cfg)
        sentences = split_sentences(self.doc.text, body_start, end) if years is None else []
        if sentences:
            return sentence_years(self.doc.text[sentences[0][0] : sentences[0][1]], self.cfg)
        return years

    def _grant_news(self, grants: list[GrantRecord], start: int, end: int) -> list[Record]:
        """Prose reporting several grants: a record per grant (returned, numbered from 1); the text between
        them stays residue (the blocks of ``text[start:end]`` are replaced by it)."""
        text = self.doc.text
        self.blocks = [b for b in self.blocks if b.char_end <= start or b.char_start >= end]
        cursor = start
        records = []
        for n, g in enumerate(grants, 1):
            self._residue(cursor, g.start)
            title = norm(text[g.title_start : g.title_end])
            years = sentence_years(text[g.start : g.end], self.cfg)
            records.append(
                Record(
                    doc_id=self.doc.doc_id,
                    ordinal=n,
                    section="",
                    title=title,
                    year_start=years[0] if years else None,
                    year_end=years[1] if years else None,
                    char_start=g.start,
                    char_end=g.end,
                    title_start=g.title_start,
                    title_end=g.title_end,
                    body_start=g.start,
                    body_end=g.end,
                    years_source="body" if years else None,
                )
            )
            cursor = g.end
        self._residue(cursor, end)
        self.blocks.sort(key=lambda b: b.char_start)
        return records

    def _residue(self, a: int, b: int) -> None:
        """``text[a:b]`` as a residue block, whitespace trimmed (nothing when it is blank)."""
        piece = self.doc.text[a:b]
        if piece.strip():
            a += len(piece) - len(piece.lstrip())
            b -= len(piece) - len(piece.rstrip())
            self.blocks.append(Block(self.doc.doc_id, "residue", a, b, ""))

    # --- one line ----------------------------------------------------------------

    def _step(self, i: int) -> int:
        """Take line ``i``; the index of the next line to look at."""
        line = self.lines[i]
        if self.open and i < self.open.start.first_line + self.open.start.title_lines:
            self.open.lines.append(line)  # a title line already matched with the record's start
            return i + 1
        if i in self.cell_tables:
            return self._cell_table(self.cell_tables[i])
        table = table_at(self.lines, i, self.cfg)
        if table:
            return self._table(line, table)
        if i in self.lp_rows:  # "1 Przebudowa drogi Wierzbica – Mirów" under "Lp. rodzaj i miejsce zadania"
            self._begin(Start("list", i, self.lp_rows[i], line.end, None, line.end), i)
            return i + 1
        if i + 1 in self.lp_rows:  # the line above the first row, not a row itself: the table's header
            self._close()
            self._flush()
            self._block("table_header", line)
            return i + 1
        if self._is_chrome(line):
            self._close()
            self._flush()
            self._block("chrome", line)
            return i + 1
        ctx = self._context(i)
        start = record_start(self.lines, i, self.cfg, ctx)
        if start is None or start.kind == "bare":
            level = heading_kind(self.lines, i, self.cfg, ctx, self.seen_content)
            if self._leaf(i, level):
                level, start = None, Start("block_title", i, line.start, line.end, None, line.end)
            if level in ("top", "sub"):
                self._heading(line, level)
                return i + 1
            if level == "headline":
                start = Start("headline", i, line.start, line.end, None, line.end)
        if start is not None:
            self._begin(start, i)
        else:
            self._other(line)
        return i + 1

    def _leaf(self, i: int, level: str | None) -> bool:
        """Line ``i`` heads prose paragraphs only (see ``leaf_heading``): under a section's heading, or
        right after another such record, it is a record titled by the line."""
        nested = level in ("top", "sub") and bool(self.top or self.sub)
        after_leaf = level is None and self.open is not None and self.open.start.kind == "block_title"
        return (nested or after_leaf) and leaf_heading(self.lines, i, self.cfg)

    def _is_chrome(self, line: Line) -> bool:
        cfg = self.cfg
        is_chrome = matches_any(cfg.chrome_res, line.text) and len(line.text) <= cfg.max_heading
        return is_chrome or matches_any(cfg.chrome_notice_res, line.text) or bool(SEPARATOR.match(line.text))

    def _context(self, i: int) -> Context:
        """What the start and heading checks know about the state at line ``i``."""
        if self.open is None:
            blocks, lines = self.blocks, self.lines
            return Context(
                after_heading=bool(blocks)
                and blocks[-1].kind == "heading"
                and i > 0
                and blocks[-1].char_end == lines[i - 1].end
            )
        st = self.open.start
        return Context(st.kind, st.first_line, len(self.open.lines) > st.title_lines, st.is_item)

    def _table(self, line: Line, table: Table) -> int:
        self._close()
        self._flush()
        self._block("table_header", line)
        self.records.extend(
            table_records(self.doc, table, len(self.records) + 1, self._section(), self.section_years, self.cfg)
        )
        self.seen_content = True
        return table.next_line

    def _cell_table(self, table: CellTable) -> int:
        """A table of one cell per line: its labels are a header block, each numbered row a record titled
        by its longest text cell (the task's name beside its number, file number, verdict and score)."""
        self._close()
        self._flush()
        lines = self.lines
        a, b = table.header
        if b > a:
            self.blocks.append(
                Block(self.doc.doc_id, "table_header", lines[a].start, lines[b - 1].end, self._section())
            )
        years = self.section_years
        for first, end in table.rows:
            cells = lines[first + 1 : end]
            title = max(cells, key=lambda c: sum(ch.isalpha() for ch in c.text))
            self.records.append(
                Record(
                    doc_id=self.doc.doc_id,
                    ordinal=len(self.records) + 1,
                    section=self._section(),
                    title=norm(title.text),
                    year_start=years[0] if years else None,
                    year_end=years[1] if years else None,
                    char_start=lines[first].start,
                    char_end=lines[end - 1].end,
                    title_start=title.start,
                    title_end=title.end,
                    body_start=lines[first].start,
                    body_end=lines[end - 1].end,
                    years_inferred=years is not None,
                    years_source="heading" if years else None,
                )
            )
        self.seen_content = True
        return table.rows[-1][1]

    def _heading(self, line: Line, level: str) -> None:
        """A top heading opens a section; a sub heading a subsection of it. Their years date the records below."""
        self._close()
        self._flush()
        name = heading_text(line.text)
        bare_year = level == "sub" and self.top is None and _BARE_YEAR.fullmatch(name) is not None
        if bare_year:
            level = "top"  # "2008", "Rok 2019": a year heading spans the subsections below it
        if level == "top":
            self.year_heading = bare_year
            self.top, self.sub = name, None
            self.section_years = heading_years(name, self.cfg)
        else:
            self.sub = name
            self.section_years = heading_years(name, self.cfg) or heading_years(self.top or "", self.cfg)
        self._block("heading", line)
        self.seen_content = True

    def _begin(self, start: Start, i: int) -> None:
        """Open the record that starts at line ``i`` (its title may begin on an earlier line)."""
        if start.first_line < i:  # wrapped title lines were taken as body, intro or a bare title
            self.pending = [ln for ln in self.pending if ln.idx < start.first_line]
            if self.open:
                self.open.lines = [ln for ln in self.open.lines if ln.idx < start.first_line]
                if not self.open.lines:
                    self.open = None
        self._close()
        self._flush()
        self.open = OpenRecord(start, self._section(), self.section_years, year_heading=self.year_heading)
        self.open.lines.extend(self.lines[start.first_line : i + 1])
        self.seen_content = True

    def _other(self, line: Line) -> None:
        """A line that starts nothing: the open record's body, a link, or intro/residue text."""
        if self.open is not None:
            if line.first and self.open.start.is_item and not self._entry_alone() and not self._entry_field(line):
                self._close()  # a new paragraph after a list entry is not its continuation
                self.pending.append(line)
            else:
                self.open.lines.append(line)
        elif matches_any(self.cfg.link_res, line.text):
            self._flush()
            self._block("link", line)
        else:
            if self.pending and line.first:
                self._flush()
            self.pending.append(line)
            self.seen_content = True

    def _entry_field(self, line: Line) -> bool:
        """A paragraph that is one of a list entry's fields (``Nazwa zadania - X``, ``Przyznane środki na
        realizację zadania - 6.000,00 zł`` under ``1. Klub Sportowy Y``): it continues the entry."""
        m = LABELLED.match(line.text)
        if m is None or self.open is None or self.open.start.kind != "bullet":
            return False
        return m["label"].lower() in self.cfg.field_names or self.cfg.money_hint.search(m["value"]) is not None

    def _entry_alone(self) -> bool:
        """The open record is a year entry standing as a paragraph of its own (``2013 − 2014 | Title``,
        blank lines around it): the paragraphs after it, up to the next entry, are its body."""
        st = self.open.start if self.open else None
        if st is None or st.kind != "list":
            return False
        line = self.lines[st.first_line]
        return line.first and line.last

    # --- output ----------------------------------------------------------------------

    def _section(self) -> str:
        return " / ".join(s for s in (self.top, self.sub) if s)

    def _block(self, kind: str, line: Line) -> None:
        self.blocks.append(Block(self.doc.doc_id, kind, line.start, line.end, self._section()))

    def _flush(self) -> None:
        """The waiting lines become one intro block (under a heading) or residue."""
        if self.pending:
            kind = "intro" if (self.top or self.sub) else "residue"
            self.blocks.append(
                Block(self.doc.doc_id, kind, self.pending[0].start, self.pending[-1].end, self._section())
            )
            self.pending = []

    def _close(self) -> None:
        """The open record becomes a Record (residue when it has no title)."""
        rec = self.open
        if rec is None:
            return
        if rec.start.kind == "headline" and len(rec.lines) == 1:
            self.blocks.append(Block(self.doc.doc_id, "heading", rec.lines[0].start, rec.lines[0].end, rec.section))
            self.open = None  # a headline with nothing under it before the next heading: the page's heading
            return
        record = close_record(self.doc, rec, len(self.records) + 1, self.cfg, self.blocks)
        if record is not None:
            self.records.append(record)
        else:
            self.blocks.append(Block(self.doc.doc_id, "residue", rec.lines[0].start, rec.lines[-1].end, rec.section))
        self.open = None


_BARE_YEAR = re.compile(r"(?:rok\s+)?(?:19|20)\d{2}(?:\s*(?:r\.|rok|roku))?\s*:?", re.IGNORECASE)


def _title_key(title: str) -> str:
    """A title compared without case, quotes and final punctuation."""
    return re.sub(r"[\W_]+", " ", title.casefold()).strip()


def segment(doc: Document) -> Segmentation:
    """Split a document into records and blocks; every non-blank line lands in exactly one."""
    return Segmenter(doc).run()


def unit_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut before every field line (``Partnerzy: ...``): names never run across fields."""
    cfg = config()
    cuts = [start]
    for m in re.finditer(r"\n[ \t]*", text[start:end]):
        line_start = start + m.end()
        line_end = text.find("\n", line_start, end)
        if cfg.field_re.match(text[line_start : end if line_end < 0 else line_end]):
            cuts.append(line_start)
    cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def description(doc_text: str, record: Record) -> str:
    """The record's body, whitespace-normalised, without a leading dash or cell bar."""
    return norm(doc_text[record.body_start : record.body_end]).lstrip("-–—| ").strip()
