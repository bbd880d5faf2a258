"""The rules' tokens: where a name may go on after a token."""

from pipeline.text.tokens import cap_word_after, tokenize


def _after(text: str, word: str) -> str | None:
    toks = tokenize(text, 0, len(text))
    k = next(i for i, t in enumerate(toks) if t.text == word)
    nxt = cap_word_after(toks, k, text)
    return None if nxt is None else nxt.text


def test_a_capitalised_word_right_after_a_token_continues_a_name():
    assert _after("Ochotnicza Straż Pożarna w Bolesławiu", "w") == "Bolesławiu"


def test_no_name_goes_on_across_a_paragraph_break_a_lowercase_word_or_the_end():
    assert _after("Fundacja Dla\n\nDzieci", "Dla") is None
    assert _after("Fundacja dla dzieci", "dla") is None
    assert _after("Fundacja Orlen", "Orlen") is None


def test_an_unknown_adjective_of_a_place_declines_like_a_known_one():
    from pipeline.text.morph import generate_adjective, guess_adjective

    assert {a.tag for a in guess_adjective("Łęczeszyckiego")} >= {"adj:sg:gen:m1.m2.m3.n:pos"}
    assert guess_adjective("Polskiego") == ()  # known to morfeusz: its own readings
    assert guess_adjective("Gminy") == ()  # no adjective's shape
    forms = {a.form for a in generate_adjective("łęczeszycki") if a.tag == "adj:sg:nom.voc:n:pos"}
    assert forms == {"łęczeszyckie"}
