"""Rule mentions and the model's ORG spans in one list: where they overlap the rules win."""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.datatypes import OrgMention


def merge_mentions(rule: list[OrgMention], model: list[OrgMention]) -> list[OrgMention]:
    """Merge rule mentions with a model's ORG spans.

    Rules win wherever they overlap a model span: they are more specific (they
    split coordinations, attach acronyms, know the domain list). A model span
    that overlaps no rule mention is kept. A model span that covers exactly
    one rule mention and only extends it by capitalised words is NOT used to
    widen it (the rule boundaries are kept). Result sorted by offset.
    """
    out = list(rule)
    for m in model:
        if any(m.char_start < r.char_end and r.char_start < m.char_end for r in rule):
            continue
        out.append(m if m.source == "model" else replace(m, source="model"))
    out.sort(key=lambda m: (m.char_start, m.char_end))
    return out
