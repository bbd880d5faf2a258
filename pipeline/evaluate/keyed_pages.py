"""The keyed pages a trained component learns from, read as the pipeline reads them.

The organisation acceptor and the role model both learn from what the pipeline extracts on the seen pages
and the dev split of the real-page corpus (never ``test``): each page's canonical text with its doc_id, its
answer key, its publisher (sources.csv) and its site (cross-validation folds keep a publisher together).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.core.datatypes import Document


@dataclass(frozen=True)
class KeyedPage:
    doc: Document  # its canonical text (pipeline.text.canonical), as extraction reads it
    gold: object  # its answer key (pipeline.evaluate.score.GoldDocument)
    publisher: str | None
    site: str  # the publisher's site; "seen" for our own pages


def keyed_pages(gold_dir: Path, root: Path, splits: Sequence[str], who: str) -> Iterator[KeyedPage]:
    """The seen keys' pages and the real-page keys' pages of ``splits``; ``who`` names the component in the
    error raised when ``splits`` holds ``test``."""
    from pipeline.evaluate.realkeys import load_real, read_sources
    from pipeline.evaluate.run import gold_sources
    from pipeline.evaluate.score import load_gold
    from pipeline.ingest.decode import read_document
    from pipeline.text.canonical import canonical_view

    if "test" in splits:
        raise ValueError(f"the {who} is never trained on the test split")
    golds = load_gold(gold_dir, root) + load_real(gold_dir / "real", root, splits)
    sources = gold_sources(golds, gold_dir, root)
    real = gold_dir / "real"
    sites = {p.doc_id: p.site for p in read_sources(real)} if (real / "sources.csv").is_file() else {}
    for g in golds:
        doc = replace(read_document(root / g.source_file, root), doc_id=g.doc_id)
        view = canonical_view(doc.text)
        if view is not None:
            doc = replace(doc, text=view.text)
        source = sources.get(g.doc_id)
        yield KeyedPage(doc, g, source.publisher if source else None, sites.get(g.doc_id, "seen"))


def extracted_examples(gold_dir: Path, root: Path, splits: Sequence[str], who: str, page_examples: Callable) -> list:
    """The training examples of a component that learns from what the pipeline extracts: those
    ``page_examples(doc, nlp, publisher, gold, site)`` gives on each keyed page of ``splits`` (never test:
    :func:`keyed_pages`), with the NER model loaded once."""
    from pipeline.nlp.annotate import load_nlp

    pages = keyed_pages(gold_dir, root, splits, who)
    nlp = load_nlp()
    return [e for p in pages for e in page_examples(p.doc, nlp, p.publisher, p.gold, p.site)]
