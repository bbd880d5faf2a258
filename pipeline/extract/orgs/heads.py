"""Names built on a head noun: Polish (adjectives + ``Fundacja`` + name words) and foreign ones."""

from __future__ import annotations

from pipeline.extract.orgs.boundaries import DASHES, extend_name
from pipeline.extract.orgs.model_spans import model_veto
from pipeline.extract.orgs.morphology import (
    adj_analyses,
    agrees,
    head_analyses,
    head_lemma,
    is_compound_part,
    is_first_name,
    is_function_word,
    is_nominative_first_name,
    is_polish_word,
    num_gender_case,
)
from pipeline.extract.orgs.vocab import Heads, heads, name_abbreviations, patron_phrase_end
from pipeline.text.acronyms import is_acronym, is_roman
from pipeline.text.morph import analyse, is_known
from pipeline.text.tokens import Span, Tok, gap, plain_gap, tok_lemmas


def scan_heads(toks: list[Tok], text: str) -> list[Span]:
    """Every head-noun name in the tokens, left to right, a new one starting after the last."""
    out: list[Span] = []
    h = heads()
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not (t.is_word and t.is_cap):
            span = _lowercase_head_at(toks, i, text)
            i = i + 1 if span is None else span.end
            if span is not None:
                out.append(span)
            continue
        span = _phrase_at(toks, i, text, h)
        if span is None:
            i += 1
            continue
        span = _with_ordinal_start(toks, _with_compound_start(toks, span, text, out[-1].end if out else 0), text)
        out.append(span)
        i = span.end
    return out


def _with_compound_start(toks: list[Tok], span: Span, text: str, floor: int) -> Span:
    """The name with the first part of its first adjective when the compound is written apart (``Polsko –
    Amerykańskiej Fundacji``, ``Miejsko - Gminna Biblioteka``): a compound part (:func:`is_compound_part`) and a
    dash, spaced alike or not at all, before the adjective the name opens with; never reaching into the name
    before it (``floor``)."""
    s = span.start
    if s - 2 < floor:
        return span
    first, dash, adjective = toks[s - 2], toks[s - 1], toks[s]
    before, after = gap(text, first, dash), gap(text, dash, adjective)
    if (
        dash.text in DASHES
        and before == after
        and before in ("", " ")
        and first.is_word
        and first.is_cap
        and is_compound_part(first.text)
        and adj_analyses(adjective.text)
        and head_lemma(adjective.text, standalone_only=True) is None
    ):
        return span._replace(start=s - 2)
    return span


def _with_ordinal_start(toks: list[Tok], span: Span, text: str) -> Span:
    """The name with the Roman numeral that numbers it (``II Liceum Ogólnokształcące``, ``XXIII Liceum``): schools
    of one kind in a town are numbered so, and the keys name them with it (35 times on the dev pages)."""
    s = span.start
    if s < 1 or not is_roman(toks[s - 1].text) or not plain_gap(text, toks[s - 1], toks[s]):
        return span
    if s >= 2 and toks[s - 2].is_word and (toks[s - 2].is_cap or is_roman(toks[s - 2].text)):
        return span  # "im. Jana Pawła II Liceum ...": the numeral ends the name before
    return span._replace(start=s - 1)


def _unit_adjective(toks: list[Tok], j: int, text: str, ha) -> bool:
    """Token j is a lowercase adjective agreeing with the head of a territorial unit before it, the unit's
    name (``Powiat gołdapski``, ``Województwo mazowieckie``)."""
    if j >= len(toks) or not plain_gap(text, toks[j - 1], toks[j]):
        return False
    t = toks[j]
    return t.is_word and t.text.islower() and agrees(adj_analyses(t.text), ha, case=True)


def _activity_object(toks: list[Tok], j: int) -> bool:
    """After a head that is also a noun of action (``Organizacja``: organising), token j names what is
    done, not a body: a numbered event (``Organizacja XII Festiwalu``), a number, or an event noun
    (``Organizacja Festiwalu Kultury``, ``Organizacja Zajęć``; ``event_heads`` of model_org_veto.yaml)."""
    if j >= len(toks):
        return False
    t = toks[j]
    if t.text[:1].isdigit() or is_roman(t.text):
        return True
    return t.is_word and bool(tok_lemmas(t.text) & model_veto().event_heads)


def _lowercase_head_at(toks: list[Tok], i: int, text: str) -> Span | None:
    """A body written with a lowercase head before its capitalised name (``fundacji Pogranicze``,
    ``stowarzyszenia Nasz Dom``): heads of ``lowercase_heads`` in org_heads.yaml, the name a capitalised
    word that is no head itself, nor a function word."""
    t = toks[i]
    if not t.is_word or t.text[:1].isupper() or i + 1 >= len(toks):
        return None
    if (abbreviated := _abbreviated_head_at(toks, i, text)) is not None:
        return abbreviated
    lem = head_lemma(t.text.capitalize(), standalone_only=True)
    if lem is not None and (unit := _lowercase_unit_at(toks, i, text, lem)) is not None:
        return unit
    nxt = toks[i + 1]
    # "parafii pw. św. Anny", "parafii św. Jana": the name after the dedication or the patron's title
    dedication = nxt.text in ("pw", "p") or nxt.text in name_abbreviations()
    patron = patron_phrase_end([x.text for x in toks[i + 1 : i + 3]], 0)  # "parafia świętego Michała"
    dedication = dedication or patron is not None
    seat = lem in heads().seat_named and nxt.text in ("w", "we")  # "parafii w Zwierniku"
    if (
        lem is None
        or lem not in heads().lowercase
        or not (nxt.is_word and (nxt.is_cap or dedication or seat) and plain_gap(text, t, nxt))
        or head_lemma(nxt.text)
        or (is_function_word(nxt.text) and not seat)
    ):
        return None
    end = extend_name(toks, i + 1, text, head_analyses(t.text.capitalize(), lem))
    words = patron if patron is not None else (2 if dedication else 0) + (1 if seat else 0)
    return Span(i, end, "rule") if end > i + 1 + words else None


def _abbreviated_head_at(toks: list[Tok], i: int, text: str) -> Span | None:
    """A body named after its abbreviated head (``gm. Gołcza``, ``gm.Krzepice``; ``head_abbreviations`` of
    org_heads.yaml): the head's nominative reads the name words after the full stop."""
    lem = heads().head_abbreviations.get(toks[i].text)
    if lem is None or i + 2 >= len(toks) or toks[i + 1].text != "." or toks[i + 1].start != toks[i].end:
        return None
    name = toks[i + 2]
    if not (name.is_word and name.is_cap) or len(gap(text, toks[i + 1], name)) > 1 or head_lemma(name.text):
        return None
    ha = tuple(a for a in head_analyses(lem.capitalize(), lem) if "nom" in num_gender_case(a)[2])
    return Span(i, extend_name(toks, i + 2, text, ha), "rule")


def _lowercase_unit_at(toks: list[Tok], i: int, text: str, lem: str) -> Span | None:
    """A territorial unit or office written lowercase and named by an agreeing adjective after it
    (``powiatu proszowickiego``, ``wojewoda dolnośląski``; ``lowercase_units``), or a region's office named
    by ``województwa`` and the region's adjective (``samorządu województwa mazowieckiego``, ``urzędu
    marszałkowskiego województwa łódzkiego``; ``region_offices`` of org_heads.yaml)."""
    h = heads()
    ha = head_analyses(toks[i].text.capitalize(), lem)
    if lem in h.lowercase_units and _unit_adjective(toks, i + 1, text, ha):
        return Span(i, i + 2, "rule")
    if lem not in h.region_offices:
        return None
    j = i + 1
    if lem == "urząd" and _unit_adjective(toks, j, text, ha):
        j += 1  # "urzędu marszałkowskiego"
    if j + 1 >= len(toks) or toks[j].text != "województwa" or not plain_gap(text, toks[j - 1], toks[j]):
        return None
    region = head_analyses("Województwa", "województwo")
    return Span(i, j + 2, "rule") if _unit_adjective(toks, j + 1, text, region) else None


def _phrase_at(toks: list[Tok], i: int, text: str, h: Heads) -> Span | None:
    """The name starting at token ``i``: Polish adjectives + head noun, a foreign head, else None."""
    n = len(toks)
    # --- Polish: adjectives* head
    k = i
    while k < n and k - i <= 3:
        t = toks[k]
        if not (t.is_word and t.is_cap):
            break
        if k > i and not plain_gap(text, toks[k - 1], t):
            break
        lem = head_lemma(t.text, standalone_only=True)
        if lem:
            ha = head_analyses(t.text, lem)
            if all(agrees(adj_analyses(toks[m].text), ha, case=True) for m in range(i, k)):
                info = h.polish[lem]
                if info.action_noun and _activity_object(toks, k + 1):
                    return None
                end = _before_holder(toks, k, extend_name(toks, k + 1, text, ha), lem, h)
                if end == k + 1 and info.adjective_name and _unit_adjective(toks, k + 1, text, ha):
                    end = k + 2  # "Powiat gołdapski"
                if end == k + 1 and (info.needs_name or k == i):
                    return None
                return Span(i, _subtitle_end(toks, i, end, text, h), "rule")
            return None
        if not adj_analyses(t.text) or is_acronym(t.text):
            break
        k += 1
    # --- foreign: Capitalised* EnglishHead (of Capitalised ...)*
    k = i
    while k < n and k - i <= 5:
        t = toks[k]
        if not (t.is_word and t.is_cap) or (k > i and not plain_gap(text, toks[k - 1], t)):
            break
        if t.text in h.english:
            if k == i and not _english_continues(toks, k):
                return None  # a head alone opens no name: "Foundation i Born This Way Foundation"
            end = extend_name(toks, k + 1, text, None)
            end = next((x for x in range(k + 1, end) if toks[x].text in _POLISH_AND), end)
            return Span(i, end, "rule")  # a Polish "i" joins two names: "Kulczyk Foundation i Born This Way Foundation"
        if is_acronym(t.text) or (is_polish_word(t.text) and not _before_english_head(toks, k, text, h)):
            break
        k += 1
    return _foreign_phrase_at(toks, i, text)


# words that carry an English name on after its head: "Foundation for Polish Science", "Institute of Public Affairs"
_ENGLISH_LINKS = frozenset({"for", "of", "on", "in", "and", "&"})
_POLISH_AND = frozenset({"i", "oraz", "lub", "albo"})


def _english_continues(toks: list[Tok], k: int) -> bool:
    """The head is followed by a link or a capitalised word of its name (``Caritas Diecezji Gliwickiej``)."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is not None and (nxt.text in _ENGLISH_LINKS or (nxt.is_word and nxt.is_cap))


def _before_english_head(toks: list[Tok], k: int, text: str, h: Heads) -> bool:
    """A capitalised word Polish too (``Kulczyk``: a bird) still names a foreign body when the next word is
    its English head and it does not open a sentence: ``od Kulczyk Foundation``."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or nxt.text not in h.english or not plain_gap(text, toks[k], nxt) or k == 0:
        return False
    prev = toks[k - 1]
    return prev.is_word and "\n" not in text[prev.end : toks[k].start]


def _before_holder(toks: list[Tok], k: int, end: int, lem: str, h: Heads) -> int:
    """The end of an office named by its holder, before the holder's first name (``Wojewoda Małopolski
    Łukasz Kmita`` -> ``Wojewoda Małopolski``; ``holder_offices`` of org_heads.yaml); of any other body
    before a person named in the nominative after it, first name and surname (``Członek Zarządu Piotr
    Gamrot``, ``Przewodniczący Rady Paweł Rykała``: the person holds a seat there, the body is named
    without him; a person in a body's name stands in the genitive or after ``im.``: ``Fundacja Jana
    Pawła II``, ``Szkoła im. Marii Konopnickiej``); else ``end``."""
    if lem in h.holder_offices:
        return next((x for x in range(k + 1, end) if is_first_name(toks[x].text)), end)
    if any(toks[x].text.lower() in ("im", "pw") for x in range(k + 1, end)):
        return end
    return next((x for x in range(k + 1, end - 1) if _person_named(toks, x)), end)


def _person_named(toks: list[Tok], x: int) -> bool:
    """A first name in the nominative (never the genitive: ``Piotr``, ``Maria``; not ``Jana``, ``Józefa``)
    followed by a capitalised word, the surname."""
    nxt = toks[x + 1]
    return nxt.is_word and nxt.is_cap and not is_acronym(nxt.text) and is_nominative_first_name(toks[x].text)


_SUBTITLE_MARKS = frozenset({"–", "—", "-", ":"})


def _subtitle_end(toks: list[Tok], i: int, end: int, text: str, h: Heads) -> int:
    """The end of the name at ``toks[i:end]`` when it goes on after a spaced dash with a second name in the
    nominative, the body's subtitle, whatever the case of the first part (``Stowarzyszeniu Harcerstwa
    Katolickiego „Zawisza” – Federacja Skautingu Europejskiego``), or after a colon with a programme's
    title (``Funduszu Polski Ład: Program Inwestycji Strategicznych``); else ``end``. What is not a name
    after the dash ends the name there (``Gmina X – lider projektu``, ``Fundacja X – 5000 zł``), and so
    does a line break."""
    if end + 1 >= len(toks) or toks[end].text not in _SUBTITLE_MARKS:
        return end
    mark, nxt = toks[end], toks[end + 1]
    before, after = gap(text, toks[end - 1], mark), gap(text, mark, nxt)
    if after != " " or before != ("" if mark.text == ":" else " "):
        return end
    sub = _phrase_at(toks, end + 1, text, h) if nxt.is_word and nxt.is_cap else None
    if sub is None:
        return end if mark.text == ":" else _seat_end(toks, i, end, text, h)
    lemmas = ((k, head_lemma(toks[k].text, standalone_only=True)) for k in range(sub.start, sub.end))
    k, lem = next(((k, lem) for k, lem in lemmas if lem), (sub.start, None))
    if lem is None or not any("nom" in num_gender_case(a)[2] for a in head_analyses(toks[k].text, lem)):
        return end
    if mark.text == ":" and not (_programme_head(toks[i:end]) and h.polish[lem].org_type == "fund_or_programme"):
        return end  # "z Fundacji X: Fundacja Y dała ...": a colon ends a name unless a programme's title follows
    return sub.end


def _seat_end(toks: list[Tok], i: int, end: int, text: str, h: Heads) -> int:
    """The end of the name at ``toks[i:end]`` going on after its dash with the building it occupies in the
    nominative (``Muzeum Przyrody – Dwór Lutosławskich w Drozdowie``; ``seat_names`` of org_heads.yaml),
    the building's own name words after it; else ``end``."""
    lemmas = (head_lemma(t.text, standalone_only=True) for t in toks[i:end] if t.is_word and t.is_cap)
    lem = next((x for x in lemmas if x), None)
    seat = toks[end + 1]
    if lem is None or not seat.is_cap or end + 2 >= len(toks):
        return end
    nouns = tuple(a for a in analyse(seat.text) if a.pos == "subst" and "nom" in num_gender_case(a)[2])
    if not {a.lemma.lower() for a in nouns} & h.seat_names.get(lem, frozenset()):
        return end
    named = extend_name(toks, end + 2, text, nouns)
    return named if named > end + 2 else end


def _programme_head(name: list[Tok]) -> bool:
    """The name's head (its first head noun) is a fund or a programme."""
    polish = heads().polish
    lemmas = (head_lemma(t.text, standalone_only=True) for t in name if t.is_word and t.is_cap)
    lem = next((x for x in lemmas if x), None)
    return lem is not None and polish[lem].org_type == "fund_or_programme"


def _foreign_phrase_at(toks: list[Tok], i: int, text: str) -> Span | None:
    """Foreign names the patterns above miss: sentence case with a lowercase head after a capitalised
    word that is not Polish (``Občianske združenie Synagóga Lučenec``, ``Mládežnícka rada Prešovského
    kraja``), and capitalised words closed by a postposed head (``Mozaik Egyesület``)."""
    h, n = heads(), len(toks)
    first = toks[i]
    if not (first.is_word and first.is_cap) or is_acronym(first.text):
        return None
    for k in range(i + 1, min(i + 4, n)):
        t = toks[k]
        if not (t.is_word and plain_gap(text, toks[k - 1], t)):
            break
        if t.text in h.postposed:
            return Span(i, k + 1, "rule")
        if not t.is_cap:
            break
    nxt = toks[i + 1] if i + 1 < n else None
    if nxt is None or nxt.text not in h.sentence_case or is_known(first.text):
        return None
    if not plain_gap(text, first, nxt):
        return None
    end = extend_name(toks, i + 2, text, None)
    # a lowercase word closing a foreign genitive ("Prešovského kraja"), if it is not Polish
    if (
        end > i + 2
        and end < n
        and toks[end].is_word
        and toks[end].text.islower()
        and not is_polish_word(toks[end].text)
        and plain_gap(text, toks[end - 1], toks[end])
    ):
        end += 1
    return Span(i, end, "rule")
