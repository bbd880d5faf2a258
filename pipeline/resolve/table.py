"""The distinct mention forms of a dataset, and the table of them that the resolution phases read."""

from __future__ import annotations

from typing import NamedTuple

from pipeline.core.datatypes import NameReading, OrgMention


class Form(NamedTuple):
    """What resolution reads of a mention: two mentions of one form always resolve to the same body."""

    text: str
    is_acronym: bool
    acronym: str | None


def mention_form(m: OrgMention) -> Form:
    """A mention's form: a place in a list after its kind is the body it names (``Górzno`` after ``gminy:`` is
    ``Gmina Górzno``, one form with that name written out; the same place after ``miast:`` another)."""
    return Form(m.name_text, m.is_acronym, m.acronym)


class Forms:
    """The distinct mention forms of a dataset, in order of first appearance, with how often each occurs
    and the reading of each written name (:class:`NameReading`, carried from the per-document stage).

    Resolution works on forms, not mentions, so what it holds grows with the number of distinct names,
    not with the corpus: a name repeated on a thousand pages is one entry."""

    def __init__(self) -> None:
        self.count: dict[Form, int] = {}
        self.reading: dict[Form, NameReading | None] = {}

    def add(self, m: OrgMention, reading: NameReading | None) -> None:
        """Count a mention; ``reading``: its name's (None exactly when the mention is a bare acronym).
        ValueError when a reading is missing, or differs from the one the same form came with before."""
        f = mention_form(m)
        if (reading is None) != f.is_acronym:
            raise ValueError(f"mention {m.text!r}: a written name needs its reading, a bare acronym has none")
        known = self.reading.setdefault(f, reading)
        if known != reading:
            raise ValueError(f"mention {m.text!r}: read as {reading} here, as {known} before")
        self.count[f] = self.count.get(f, 0) + 1

    def __len__(self) -> int:
        return len(self.count)


class FormTable(NamedTuple):
    """What the phases read of the distinct forms, in order of first appearance (index i is node ``m:i``)."""

    forms: tuple[Form, ...]
    counts: tuple[int, ...]  # occurrences of each form
    readings: tuple[NameReading | None, ...]  # what a written name reads as; None for a bare acronym
    canon: tuple[str | None, ...]  # nominative name of a written name; None for a bare acronym

    @classmethod
    def of(cls, forms: Forms) -> FormTable:
        keys = tuple(forms.count)
        readings = tuple(forms.reading[f] for f in keys)
        canon = tuple(None if r is None else r.nominative for r in readings)
        return cls(keys, tuple(forms.count.values()), readings, canon)
