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
