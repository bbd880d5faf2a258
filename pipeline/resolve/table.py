"""The distinct mention forms of a dataset, and the table of them that the resolution phases read."""

from __future__ import annotations

from typing import NamedTuple

from pipeline.core.datatypes import OrgMention
from pipeline.resolve.nominative import canonical_name


class Form(NamedTuple):
    """What resolution reads of a mention: two mentions of one form always resolve to the same body."""

    text: str
    is_acronym: bool
    acronym: str | None


def mention_form(m: OrgMention) -> Form:
    return Form(m.text, m.is_acronym, m.acronym)


class Forms:
    """The distinct mention forms of a dataset, in order of first appearance, with how often each occurs.

    Resolution works on forms, not mentions, so what it holds grows with the number of distinct names,
    not with the corpus: a name repeated on a thousand pages is one entry."""

    def __init__(self) -> None:
        self.count: dict[Form, int] = {}

    def add(self, m: OrgMention) -> None:
        f = mention_form(m)
        self.count[f] = self.count.get(f, 0) + 1

    def __len__(self) -> int:
        return len(self.count)


class FormTable(NamedTuple):
    """What the phases read of the distinct forms, in order of first appearance (index i is node ``m:i``)."""

    forms: tuple[Form, ...]
    counts: tuple[int, ...]  # occurrences of each form
    canon: tuple[str | None, ...]  # nominative name of a written name; None for a bare acronym

    @classmethod
    def of(cls, count: dict[Form, int]) -> FormTable:
        forms = tuple(count)
        canon = tuple(None if f.is_acronym else canonical_name(f.text) for f in forms)
        return cls(forms, tuple(count.values()), canon)
