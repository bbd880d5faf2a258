"""Training the role model (:mod:`pipeline.roles.learned`) from the answer keys.

Every mention the pipeline finds on a keyed page is an example (the rules' roles and what gave them, the
shipped segmenter and acceptor: what the model meets in use), labelled
with the role the key gives the organisation it names: the key's organisation of that name in the gold
record around the mention, else anywhere on the page. Mentions that name no key organisation are left
out. Pages: the seen keys and the dev split of the real-page corpus, never ``test``. Deterministic: the
same keys and code give the same weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.core import linear
from pipeline.roles.learned import FORMAT, MODEL_PATH, role_features

C2 = 1.0  # crfsuite L-BFGS L2 regularisation, chosen by publisher-folded cross-validation (model card)


Example = linear.Example  # label: the key's role; rule: the rules' role


def _gold_role(gold, name: str, acronym: str | None, pos: int):
    """The key's organisation the name names: in the gold record around ``pos`` first, else the first on
    the page; None when it names none (or only an optional one)."""
    from pipeline.evaluate.score import MatchConfig, OrgRow, org_name_quality, org_near

    p, cfg = OrgRow(name, acronym, "other"), MatchConfig()
    found = []
    for i, r in enumerate(gold.records):
        inside = r.char_start is not None and r.char_start <= pos < (r.char_end if r.char_end is not None else 1 << 60)
        for o in r.organisations:
            if org_name_quality(o, p) is not None or org_near(o, p, cfg) is not None:
                found.append((not inside, i, o, o.optional or r.optional))
    if not found:
        return None
    _, _, org, optional = min(found, key=lambda x: (x[0], x[1]))
    return None if optional else org


def page_examples(doc, nlp, publisher: str | None, gold, site: str) -> list[Example]:
    """The examples of one page (``doc``: its canonical text, as the pipeline reads it)."""
    from pipeline.resolve.nominative import name_reading
    from pipeline.runner.document import extract_document, record_assignments

    ex = extract_document(doc, nlp, "both", publisher)
    values = {v.record.project_id: v for v in ex.values}
    refs = dict(ex.publisher_refs)
    out = []
    for pid, assigned in record_assignments(ex, learned=False):
        v = values[pid]
        for a in assigned:
            m = a.mention
            name = m.text if m.is_acronym else name_reading(m.name_text).nominative
            org = _gold_role(gold, name, m.acronym or (m.text if m.is_acronym else None), m.char_start)
            if org is None:
                continue
            feats = role_features(doc.text, a, v.record, v.amounts, assigned, refs.get(pid))
            out.append(Example(doc.doc_id, site, feats, org.role, tuple(org.alt_roles), a.role))
    return out


def training_examples(gold_dir: Path, root: Path, splits: Sequence[str] = ("dev",)) -> list[Example]:
    """Examples of the seen keys and the real-page keys of ``splits`` (never ``test``)."""
    from pipeline.evaluate.keyed_pages import extracted_examples

    return extracted_examples(gold_dir, root, splits, "role model", page_examples)


def fit(examples: Sequence[Example], c2: float = C2) -> dict[str, dict[str, float]]:
    """Weights per role (:func:`pipeline.core.linear.fit`)."""
    return linear.fit(((e.features, e.label) for e in examples), c2)


def cross_validate(examples: Sequence[Example], c2: float = C2) -> dict[str, float]:
    """Accuracy on held-out publishers: the rules' roles, the model's, and always-lead."""
    return linear.cross_validate(examples, c2, "projekty-role-cv", "lead")


def write_role_model(weights: dict[str, dict[str, float]], meta: dict, path: Path = MODEL_PATH) -> Path:
    return linear.write_model(FORMAT, weights, meta, path)
