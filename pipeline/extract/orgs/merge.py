"""Rule mentions and the models' ORG spans in one list: where they overlap the rules win (the tagger offers edges)."""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.datatypes import OrgMention


def merge_mentions(rule: list[OrgMention], model: list[OrgMention]) -> list[OrgMention]:
    """Merge rule mentions with a model's ORG spans.

    Rules win wherever they overlap a model span: they are more specific (they
    split coordinations, attach acronyms, know the domain list). A model span
    that overlaps no rule mention is kept. A model span that covers exactly
    one rule mention and only extends it by capitalised words is NOT used to
    widen it (the rule boundaries are kept). The domain tagger's spans (source ``tagger``) are the
    exception: one that covers a rule mention's words with other edges stays beside it, an alternative of
    which the acceptor keeps the more probable (:func:`pipeline.extract.orgs.acceptor.one_per_overlap`),
    and its edges win over an overlapping span of the general model. Result sorted by offset.
    """
    out = list(rule)
    tagged = [m for m in model if m.source == "tagger"]
    for m in model:
        over = [r for r in rule if m.char_start < r.char_end and r.char_start < m.char_end]
        if over:
            if m.source == "tagger" and all((r.char_start, r.char_end) != (m.char_start, m.char_end) for r in over):
                out.append(m)  # other edges than the rules': an alternative the acceptor weighs (one_per_overlap)
            continue
        if m.source != "tagger" and any(m.char_start < t.char_end and t.char_start < m.char_end for t in tagged):
            continue  # the domain tagger's edges win over the general model's
        out.append(m if m.source in ("model", "tagger") else replace(m, source="model"))
    out.sort(key=lambda m: (m.char_start, m.char_end))
    return out
