"""Folded views: white space folded (and, for the model, typography read as ASCII) with a map back to the text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.fold import TYPOGRAPHIC, WHITESPACE, fold, view_span

TRICKY = list("ab \n\t\u00a0\u2003\u3000\u00ad\u200b–—„”’.")


def test_typographic_view_folds_whitespace_quotes_and_dashes():
    text = "a\u00a0b\n\nc \u201eq\u201d \u2013 d\u00ad e"
    view, offsets = fold(text, rules=TYPOGRAPHIC)
    assert view == 'a b c "q" - d e'
    a = view.index('"q"')
    s, e = view_span(offsets, a, a + 3)
    assert text[s:e] == "\u201eq\u201d"


def test_typographic_view_keeps_a_space_at_either_end_and_folds_across_left_out_characters():
    text = "x \n Ala \u00ad\n ma\u00adkota \t"
    view, offsets = fold(text, 1, len(text), rules=TYPOGRAPHIC)
    assert view == " Ala makota "
    assert offsets == [1, 4, 5, 6, 7, 11, 12, 14, 15, 16, 17, 18, len(text)]


def test_whitespace_view_trims_and_keeps_typography_as_written():
    text = "  \u201eGra\u201d \u2013\u00a0o\u2003bud\u00adżet \n"
    view, offsets = fold(text, rules=WHITESPACE)
    assert view == "\u201eGra\u201d \u2013 o bud\u00adżet"
    assert offsets[0] == 2 and offsets[-1] == len(text) and len(offsets) == len(view) + 1
    a = view.index("o")
    assert view_span(offsets, a - 2, a + 1) == (8, 11)


@pytest.mark.parametrize("rules", [TYPOGRAPHIC, WHITESPACE])
def test_a_span_is_folded_by_itself(rules):
    text = "ab  cd\n\nef"
    view, offsets = fold(text, 3, 9, rules=rules)
    assert view == ("cd e" if rules is WHITESPACE else " cd e")
    assert offsets[-1] == 9


@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=40))
def test_view_offsets_always_point_into_the_text(text):
    view, offsets = fold(text, rules=TYPOGRAPHIC)
    assert len(offsets) == len(view) + 1
    for i, ch in enumerate(view):
        orig = text[offsets[i]]
        assert ch == orig or ch in " \"'-"


@given(st.text(alphabet=st.sampled_from([*TRICKY, "\x0b", "\x85", "\u2029"]), max_size=40))
def test_whitespace_view_is_str_split_joined(text):
    view, offsets = fold(text, rules=WHITESPACE)
    assert view == " ".join(text.split())
    assert len(offsets) == len(view) + 1 and offsets[-1] == len(text)
    assert all(ch == text[o] or (ch == " " and text[o].isspace()) for ch, o in zip(view, offsets, strict=False))
