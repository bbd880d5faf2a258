"""The domain ORG tagger: its spans and confidences, its line evidence, how its spans join the rules'
mentions (an alternative the acceptor weighs, one per overlap) and held-out fold taggers for the acceptor's
training. That the shipped tagger is what training gives now is checked with the acceptor (``projekty orgs train
--check``, tests/unit/test_org_acceptor.py)."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs.acceptor import one_per_overlap
from pipeline.extract.orgs.merge import merge_mentions
from pipeline.ner.tagger import (
    MODEL_PATH,
    bio_labels,
    current_tagger,
    line_features,
    load_tagger,
    raw_to_view,
    spans_of,
    tagger_in_use,
)
from pipeline.ner.tagger_train import FOLD_PARAMS, TagSequence, digest, held_out_taggers

ROOT = Path(__file__).resolve().parents[2]


def test_spans_of_runs_take_their_least_marginal():
    labels = ["O", "B-ORG", "I-ORG", "O", "B-ORG", "B-ORG"]
    probs = [0.9, 0.8, 0.6, 0.9, 0.7, 0.95]
    assert spans_of(labels, probs) == [(1, 3, 0.6), (4, 5, 0.7), (5, 6, 0.95)]


def test_bio_labels_the_tokens_a_span_overlaps():
    starts, ends = [0, 4, 9, 15], [3, 8, 14, 18]
    assert bio_labels([(4, 14)], starts, ends, "ORG") == ["O", "B-ORG", "I-ORG", "O"]
    assert bio_labels([], starts, ends, "ORG") == ["O"] * 4


def test_raw_to_view_maps_through_folded_offsets():
    offsets = [0, 1, 3, 4, 5]  # view char 2 is raw 3 (a folded character at raw 2)
    assert raw_to_view(offsets, [(3, 5)]) == [(2, 4)]
    assert raw_to_view(offsets, [(2, 3)]) == []  # nothing of it is in the view


def test_line_features_see_line_openings_after_numbers_and_amounts():
    raw = "Wyniki:\n1. Aktywne Korzeńsko – 5 000 zł\nKoło Gospodyń"
    offsets = list(range(len(raw) + 1))
    starts = [raw.index(w) for w in ("Wyniki", "Aktywne", "Korzeńsko", "Koło", "Gospodyń")]
    got = line_features(raw, offsets, starts)
    assert got == [(True, 0, False), (True, 0, True), (False, 1, True), (True, 0, False), (False, 1, False)]


def _m(text: str, start: int, source: str) -> OrgMention:
    return OrgMention(text, start, start + len(text), source)


def test_a_tagger_span_with_other_edges_than_a_rule_mention_stays_beside_it():
    rule = [_m("Stowarzyszenie Krzewienia Sportu", 0, "rule")]
    other_edges = _m("Stowarzyszenie Krzewienia Sportu, Turystyki", 0, "tagger")
    same_edges = _m("Stowarzyszenie Krzewienia Sportu", 0, "tagger")
    assert merge_mentions(rule, [other_edges]) == [rule[0], other_edges]
    assert merge_mentions(rule, [same_edges]) == rule


def test_the_tagger_edges_win_over_the_general_model_where_both_find_a_name():
    model = _m("Koło Gospodyń Wiejskich", 10, "model")
    tagged = _m("Koło Gospodyń Wiejskich Babeczki", 10, "tagger")
    assert merge_mentions([], [model, tagged]) == [tagged]
    lone = _m("Fundacja Orlen", 60, "model")
    assert merge_mentions([], [model, tagged, lone]) == [tagged, lone]


def test_one_per_overlap_keeps_the_most_probable_and_every_rule_pair():
    a, b = _m("Urząd Miasta Gorzowa", 0, "rule"), _m("Urząd Miasta Gorzowa Wielkopolskiego", 0, "tagger")
    assert one_per_overlap([a, b], [0.5, 0.9]) == [b]
    assert one_per_overlap([a, b], [0.9, 0.5]) == [a]
    r1, r2 = _m("RP Euroregion Bałtyk", 0, "rule"), _m("Euroregion Bałtyk", 3, "rule")
    assert one_per_overlap([r1, r2], [0.4, 0.9]) == [r1, r2]


def test_tagger_in_use_overrides_the_shipped_one_for_a_while():
    shipped = current_tagger()
    with tagger_in_use(None):
        assert current_tagger() is None
    assert current_tagger() is shipped


def _seqs() -> list[TagSequence]:
    feats = [["w=fundacja", "sh=Xx"], ["w=orlen", "sh=Xx"], ["w=dała", "sh=x"]]
    return [TagSequence(f"p{i}", feats, ["B-ORG", "I-ORG", "O"]) for i in range(12)]


def test_held_out_taggers_are_cached_by_their_training_data(tmp_path):
    seqs = _seqs()
    sites = {s.doc_id: f"site{i}.pl" for i, s in enumerate(seqs)}
    first = held_out_taggers(seqs, sites, folds=3, cache=tmp_path)
    files = sorted(tmp_path.rglob("*.crfsuite"))
    assert len(first) == 3 and len(files) == 3
    assert files[0].parent.name == f"folds3-{digest(seqs, FOLD_PARAMS)}" != f"folds3-{digest(seqs)}"
    stamps = [f.stat().st_mtime_ns for f in files]
    held_out_taggers(seqs, sites, folds=3, cache=tmp_path)
    assert [f.stat().st_mtime_ns for f in files] == stamps  # read from the cache, not retrained
    assert digest(seqs[:-1]) != digest(seqs)


def test_the_shipped_tagger_finds_an_unheaded_grantee_of_a_grant_list():
    """Real value: on a numbered grant list, a grantee named without any head noun, which no rule finds."""
    from pipeline.extract.orgs import find_org_mentions
    from pipeline.nlp.annotate import find_entities

    assert load_tagger() is not None and MODEL_PATH.is_file()
    text = (
        "Dotacje otrzymali:\n1. Stowarzyszenie Aktywne Korzeńsko – 5 000 zł\n2. Napędzani Marzeniami – 4 000 zł\n"
        "3. Wyrazów Razem – 3 500 zł\n"
    )
    found = {e.text: e.confidence for e in find_entities(text, [(0, len(text))]) if e.source == "tagger"}
    assert "Stowarzyszenie Aktywne Korzeńsko" in found and "Wyrazów Razem" in found
    assert all(0.0 < p <= 1.0 for p in found.values())
    assert "Wyrazów Razem" not in {m.text for m in find_org_mentions(text)}
