"""Grant news: prose that reports several grants, one sentence each (``Gmina Komarówka Podlaska pozyskała
441 tys. zł na remont byłej plebanii.``). Each grant sentence, with the sentences after it in its paragraph,
is a record (annotation conventions: grant lists and grant sentences); its title is the quoted name of
the task, else the purpose after ``na``, else the sentence's opening words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.segment.lines import match_quoted, norm
from pipeline.segment.records import quoted_after_project_noun, quoted_after_purpose
from pipeline.segment.vocab import Config
from pipeline.text.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class GrantRecord:
    start: int
    end: int
    title_start: int
    title_end: int


# A sentence that sums the round's grants up: a total ("Łącznie przyznano 124 tys. zł", "W sumie 190 tys. zł"),
# or an approximate amount that a group of grantees received ("Prawie 200 tys. zł otrzymały kluby ..."): it
# reports no single grant
_TOTAL = re.compile(r"\b(?:łącznie|w sumie|razem)(?:\s+aż)?\s+(?=\d)", re.IGNORECASE)
_APPROXIMATE = re.compile(r"\b(?:prawie|blisko|około|ok\.|ponad)\s+(?=\d)", re.IGNORECASE)
_GROUP_VERB = re.compile(r"\b(?:otrzyma|uzyska|pozyska|dosta|zdoby)[łl][yi]\b|\btrafiły\b", re.IGNORECASE)


def _is_grant(sentence: str, cfg: Config) -> bool:
    money = cfg.money_hint.search(sentence)
    if money is None or not cfg.grant_verb.search(sentence):
        return False
    before = sentence[max(0, money.start() - 12) : money.start() + 1]
    group = _APPROXIMATE.search(before) is not None and _GROUP_VERB.search(sentence) is not None
    return not (_TOTAL.search(before) or group)


def _title(text: str, start: int, end: int, sentence_end: int, cfg: Config) -> tuple[int, int]:
    """The task's quoted name in the record (after a title marker, else after a project noun), else
    the purpose ``na ...`` of its grant sentence, else the aim the next sentence states (``Celem zadania jest
    X``), else the sentence's opening words (up to ``max_title``)."""
    for marker in cfg.title_marker.finditer(text, start, end):  # "inicjatywę zatytułowaną „X”", "zadanie pn. „X”"
        q = match_quoted(text, marker.end(), end)
        if q:
            return q.start("q"), q.end("q")
    named = quoted_after_project_noun(text, start, end, cfg)
    if named:
        return named
    named = quoted_after_purpose(text, start, sentence_end, cfg)
    if named:
        return named
    p = cfg.grant_purpose.search(text, start, sentence_end)
    if p:
        return _after_kind_noun(text, p.start("p"), p.end("p")), p.end("p")
    nxt = sentence_end + len(text[sentence_end:end]) - len(text[sentence_end:end].lstrip())
    aim = cfg.purpose_sentence.match(text, nxt, end) if nxt < end else None
    if aim:  # "... otrzyma 29 tys. zł. Celem popularyzacja ...": the aim the next sentence states
        return aim.start("p"), aim.end("p")
    cut = text.rfind(" ", start, min(sentence_end, start + cfg.max_title))
    return start, sentence_end if sentence_end - start <= cfg.max_title else max(cut, start + 1)


_KIND_NOUN = re.compile(r"(?:zadanie|projekt|przedsięwzięcie|inicjatywę)\s+(?P<w>[^\W\d_]+)", re.IGNORECASE)
_NOT_A_NAME = frozenset({"adj", "pact", "ppas", "prep", "conj", "comp", "qub", "adv"})  # morfeusz parts of speech


def _after_kind_noun(text: str, start: int, end: int) -> int:
    """Where the name starts in a purpose that opens with the kind of task (``na zadanie bieg po karmę``,
    ``na projekt szachy są wśród nas``): after the kind noun when a noun or verb follows it, unlike a
    description (``zadanie publiczne w zakresie``, ``projekt dotyczący``, ``projekt z zakresu``)."""
    from pipeline.text.morph import analyse

    m = _KIND_NOUN.match(text, start, end)
    if m is None or any(a.pos in _NOT_A_NAME for a in analyse(m["w"])):
        return start
    return m.start("w")


def _grant_units(text: str, sentences: list[tuple[int, int]], cfg: Config) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentences, a grant sentence that lists two grants cut before the second (``otrzymaliśmy 196 tys.
    zł na odnowienie kościoła w Rokitach | oraz 147 tys. zł na remont kościoła w Nożynie``), and the
    indices of the units that report a grant."""
    units: list[tuple[int, int]] = []
    grants: list[int] = []
    for a, b in sentences:
        is_grant = _is_grant(text[a:b], cfg)
        cuts = [m.start() + 1 for m in _NEXT_GRANT.finditer(text, a, b)] if is_grant else []
        for x, y in zip([a, *cuts], [*cuts, b], strict=True):
            if is_grant and cfg.money_hint.search(text, x, y):
                grants.append(len(units))
            units.append((x, y))
    return units, grants


# A second grant in the same sentence: "... oraz 147 tys. zł na remont ..." (an amount, then its purpose),
# "... uzyskał 5 tys. zł, a Stowarzyszenie Y na zadanie „Z” - 4 tys. zł" (a contrasted grantee), a further
# grantee named with its own amount or grant verb ("..., Muzeum Przyrody w Drozdowie otrzymało 60 000 zł",
# "... oraz Parafia pw. X w Kożanach, 50 000 zł zostanie przeznaczone na ...", "oraz Parafii Y, dotacja w
# wysokości 60 000 zł", "..., Uczniowski Klub Sportowy Sprinter - 4200 złotych": a name, a dash and its
# amount; not after a bare "i", which joins words inside names: "Fundacja Rozwoju Dzieci i Rodzin"): each unit
# that keeps an amount is a grant (annotation conventions: grant sentences)
_NEXT_GRANT = re.compile(
    r"\s(?=(?:oraz|a także|i)\s+\d[\d\s.,]*\s*(?:tys\.|mln)?\s*(?:zł|złotych)\s+na\s)|(?<=,)\s(?=a\s+[A-ZĄĆĘŁŃÓŚŹŻ])"
    r"|(?:(?<=,)|\s(?=oraz\s))\s*(?=(?:oraz\s+)?[A-ZĄĆĘŁŃÓŚŹŻ][^,;:]{3,120}?"
    r"(?:,\s*(?:kwot\w*|dotacj\w*|\d)|\s[-–]\s*\d|\s(?:otrzyma[łl]\w*|uzyska[łl]\w*|pozyska[łl]\w*|dosta[łl]\w*)\s+\d))"
)


def grant_records(text: str, start: int, end: int, cfg: Config) -> list[GrantRecord]:
    """The grant records of ``text[start:end]`` when it reports at least two grants, else none."""
    sentences, grants = _grant_units(text, split_sentences(text, start, end), cfg)
    if len(grants) < 2:
        return []
    out = []
    for n, i in enumerate(grants):
        a, b = sentences[i]
        last = grants[n + 1] - 1 if n + 1 < len(grants) else len(sentences) - 1
        rec_end = b
        for j in range(i + 1, last + 1):  # the sentences after it, while the paragraph goes on
            if "\n" in text[rec_end : sentences[j][0]]:
                break
            rec_end = sentences[j][1]
        ts, te = _title(text, a, rec_end, b, cfg)
        if norm(text[ts:te]):
            out.append(GrantRecord(a, rec_end, ts, te))
    if len(out) < 2:
        return []
    return sorted(out + _sibling_paragraphs(text, out, end, cfg), key=lambda g: g.start)


# A total before the amount anywhere in the paragraph ("W sumie na ... przeznaczono 190 tys. zł"): no grant
_SUM_WORD = re.compile(r"\b(?:łącznie|w sumie|razem|ogółem|w całości)\b", re.IGNORECASE)


def _sibling_paragraphs(text: str, grants: list[GrantRecord], end: int, cfg: Config) -> list[GrantRecord]:
    """Paragraphs after the first grant that hold no grant sentence but name an amount, not a total: grants
    worded otherwise (``Kwota wsparcia wynosi 39,9 tys. zł``, ``40 tys. zł wesprze parafię w Machowej``).
    In a page that reports grants one paragraph each, a paragraph with money between them is one more."""
    out = []
    for m in re.finditer(r"[^\n]+", text[grants[0].end : end]):
        a, b = grants[0].end + m.start(), grants[0].end + m.end()
        if any(g.start < b and a < g.end for g in grants) or not norm(text[a:b]):
            continue
        money = cfg.money_hint.search(text, a, b)
        if money is None or _SUM_WORD.search(text[a : money.start()]):
            continue
        first = split_sentences(text, a, b)
        if not first:
            continue
        ts, te = _title(text, a, b, first[0][1], cfg)
        if norm(text[ts:te]):
            out.append(GrantRecord(a, b, ts, te))
    return out
