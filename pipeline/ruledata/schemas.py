"""The shape of every rule-data file (pipeline/data/*.yaml), declared once: one frozen model per file.

:func:`pipeline.ruledata.resources.load_yaml` checks each file against its model when it is first read, so
an unknown key (a typo), a missing one or a value of the wrong type stops the run with one line naming the
file and the key, instead of a stage quietly using a default. Models are strict (``"3"`` is not an int)
and reject unknown keys; a key that is optional here is optional for the stage too (an entry's flag).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from schemas import fields


class Rules(BaseModel):
    """Base of every model here: strict, frozen, no key that is not declared."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return pattern


Regex = Annotated[str, AfterValidator(_compiles)]  # a Python regular expression (flags are the stage's)
Text = Annotated[str, Field(min_length=1)]
Pair = Annotated[list[str], Field(min_length=2, max_length=2)]  # e.g. ("od", "do")
Quotes = Annotated[str, Field(min_length=2, max_length=2)]  # an opening and a closing character: "„”"
Strength = Annotated[int, Field(ge=1, le=3)]  # 1 weak, 2 a verb or noun, 3 a fixed phrase
Count = Annotated[int, Field(ge=0)]
# YAML 1.1 reads an unquoted ``no`` / ``on`` as a boolean: the word lists that hold one load it as such
# (html.yaml content_first ``no``, org_heads.yaml connectors ``on``); accepted so that the values stay
# exactly what the stages have always read.
Word = str | bool

Role = Literal[fields.ROLES]  # type: ignore[valid-type]
OrgType = Literal[fields.ORG_TYPES]  # type: ignore[valid-type]
AmountKind = Literal[fields.AMOUNT_KINDS]  # type: ignore[valid-type]
Currency = Literal[fields.CURRENCIES]  # type: ignore[valid-type]
Side = Literal["before", "after", "both"]


# --- common.yaml --------------------------------------------------------------------------------------


class YearRange(Rules):
    min: int
    max: int

    @model_validator(mode="after")
    def _ordered(self) -> YearRange:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class YearFloor(Rules):
    min: int


class TableAxis(Rules):
    min_years: Annotated[int, Field(ge=2)]
    total_words: list[Text]


class Common(Rules):
    """Constants several stages share (read through :func:`pipeline.ruledata.common.common`)."""

    written_years: YearRange  # a 4-digit number in range can be a year as written (dates, counts)
    project_years: YearRange  # years a project ran (segmenter: record years from titles, headings)
    historical_years: YearFloor  # from here to written_years.min: a year only with a marker
    table_axis: TableAxis  # a header line of years over the columns of a flattened table (dates, counts)

    @model_validator(mode="after")
    def _historical_first(self) -> Common:
        if self.historical_years.min >= self.written_years.min:
            raise ValueError("historical_years.min must be below written_years.min")
        return self


# --- sentences, amounts, money, numbers, counts ---------------------------------------------------------


class Abbreviations(Rules):
    no_sentence_end: list[Text]


class AmountCue(Rules):
    kind: AmountKind
    side: Side
    strength: Strength
    pattern: Regex


class AmountShare(Rules):
    after: Regex
    before: Regex


class AmountKinds(Rules):
    before_chars: Annotated[int, Field(ge=1)]
    after_chars: Annotated[int, Field(ge=1)]
    table_lines: Count
    default_kind: AmountKind
    cues: list[AmountCue]
    labels: dict[AmountKind, list[Text]]
    share: AmountShare


class CurrencyForms(Rules):
    after: list[Text]
    before: list[Text]


class Scale(Rules):
    form: Text
    multiplier: Annotated[int, Field(ge=1)]


class RangeConnectors(Rules):
    dashes: list[Text]
    words: list[Text]


class BareFigures(Rules):
    money_words: Regex
    max_gap: Annotated[int, Field(ge=1)]


class Currencies(Rules):
    currencies: dict[Currency, CurrencyForms]
    abbreviation_dot_if_followed_by: Regex
    scales: list[Scale]
    range_connectors: RangeConnectors
    bare_figures: BareFigures


class Numerals(Rules):
    numbers: dict[str, int]
    vague: dict[str, Annotated[list[int], Field(min_length=2, max_length=2)]]  # [lowest, highest]
    scales: dict[str, int]
    scale_abbreviations: dict[str, int]
    fractions: dict[str, int]  # in quarters: ćwierć 1, pół 2, półtora 6
    ordinals: dict[str, int] = Field(default_factory=dict)  # adjective lemma -> its number: trzeci 3


class CountQualifier(Rules):
    qualifier: Literal["approx", "at_least", "at_most"]
    strict: bool = False


class UnknownNounEnding(Rules):
    case: Literal["gen", "dat", "inst", "loc"]
    lemma_ending: str = ""


class Counts(Rules):
    qualifiers: dict[str, CountQualifier]
    range_frames: list[Pair]
    distributive: list[Text]
    coordinators: list[Text]
    ellipsis_markers: list[Text]
    partitive_prepositions: list[Text]
    exclude_units: dict[str, list[Text]]
    identifier_words: list[Text]
    year_context_words: list[Text]
    unit_abbreviations: dict[str, Text]
    piece_units: list[Text]
    dispreferred_lemmas: list[Text]
    score_units: list[Text]
    score_adjectives: list[Text]
    counted_durations: dict[str, list[Text]]
    money_nouns: list[Text]
    money_min_scale: Annotated[int, Field(ge=1)]
    address_markers: list[Text]
    label_words: list[Text]
    breakdown_prepositions: list[Text]
    elided_after_verb_tags: list[Text]
    unknown_noun_endings: dict[str, UnknownNounEnding]
    unknown_adjective_endings: dict[str, list[Literal["nom", "gen", "dat", "acc", "inst", "loc"]]]
    interposed_phrases: list[Text]
    label_links: list[Text]
    anaphoric_ellipsis_markers: list[Text]
    partitive_pronouns: list[Text]
    partitive_determiners: list[Text]
    cardinal_endings: list[Text]
    person_group_stem: Text
    person_group_nouns: list[Text]


# --- dates --------------------------------------------------------------------------------------------


class Month(Rules):
    number: Annotated[int, Field(ge=1, le=12)]
    forms: list[Text]
    abbreviations: list[Text]
    roman: Text


class Months(Rules):
    months: Annotated[list[Month], Field(min_length=12, max_length=12)]
    year_markers_after: list[Text]
    year_markers_before: list[Text]
    range_connectors: list[Regex]
    year_range_connectors: list[Regex]
    enumeration_connectors: list[Regex]
    bare_year_ok_followers: list[Text]
    bare_year_cues: list[Text]
    bare_year_count_endings: list[Text]
    day_range_words: list[Text]
    day_list_words: list[Text]
    bare_month_cues: list[Text]
    bare_month_brackets: list[Quotes]
    reject_after_words: list[Text]
    year_label_words: list[Text]


class OffsetForms(Rules):
    offset: int
    forms: list[Text]


class YearFraction(Rules):
    months: Annotated[int, Field(ge=1, le=12)]
    forms: list[Text]
    needs_year: bool = False  # without a year (or a `roku` after it) not a date


class Season(Rules):
    first_month: Annotated[int, Field(ge=1, le=12)]
    last_month: Annotated[int, Field(ge=1, le=12)]
    forms: list[Text]


class Dates(Rules):
    deictic_years: list[OffsetForms]
    deictic_abbreviations: list[Text]
    relative_days: list[OffsetForms]
    page_relative_days: list[OffsetForms]
    page_relative_day_not_after: list[Text]
    part_qualifiers: list[Text]
    turn_words: list[Text]
    turn_connectors: list[Regex]
    month_pair_connectors: list[Regex]
    year_fractions: list[YearFraction]
    seasons: list[Season]
    school_year_words: list[Regex]
    fraction_ordinals: dict[int, list[Text]]
    publication_labels: list[Text]
    metadata_labels: list[Text]
    dateline_first_lines: Count
    dateline_words: list[Text]
    weekdays: list[Text]
    programme_periods: list[Annotated[str, Field(pattern=r"^\d{4}-\d{4}$")]]
    programme_words: list[Text]
    name_year_not_after: list[Text]
    citation_prefixes: list[Text]
    statute_words: list[Text]
    statute_date_words: list[Text]
    statute_issuer_joiners: list[Text]
    statute_issuer_max_words: Count
    name_quotes: list[Quotes]
    quoted_name_max_words: Count
    quoted_speech_pos: list[Text]


# --- organisations and roles ----------------------------------------------------------------------------


class Head(Rules):
    org_type: OrgType
    needs_name: bool = False
    standalone: bool = True
    plural_ok: bool = False
    sg_form_only: bool = False  # a form also read as plural does not start a name
    action_noun: bool = False  # also a noun of action: not before an event (Organizacja XII Festiwalu)
    adjective_name: bool = False  # named by a lowercase adjective after it (Powiat gołdapski)
    place_name: bool = False  # named by its place in apposition (Miasto Gdańsk, Gmina Lisia Góra)


class TypeAcronym(Rules):
    org_type: OrgType
    expansion: Text
    spelt_out: bool = True  # a canonical name spells the kind out (OSP w X -> Ochotnicza Straż Pożarna w X)
    place_is_seat: bool = False  # a bare place after the acronym is the body's seat (SP Zieleń -> ... w Zieleniu)


class OrgHeads(Rules):
    polish: dict[str, Head]
    english: dict[str, Head]
    foreign_sentence_case: dict[str, Head]
    foreign_postposed: dict[str, Head]
    type_acronyms: dict[str, TypeAcronym]
    club_acronym: Regex | None = None  # "KKS Włókniarz", "BKS Concordia": a sports club's kind by its shape
    connectors: list[Word]
    connector_phrases: list[Text] = Field(default_factory=list)  # "Fundacja na rzecz Nauki Polskiej"
    span_name_links: list[Text]  # "Szkoła Podstawowa im." + the name after it
    span_seat_links: list[Text]  # "Centrum GovTech w" + the seat or parent body after it
    span_no_end_words: list[Text]  # a model span never ends in a preposition or conjunction ("Wojewoda i")
    saint_titles: list[Text]  # lemmas of a saint's title, lowercase inside a name ("parafia świętego Michała")
    lowercase_in_names: list[Text]  # words a recased name keeps lowercase ("nr", "im", "w")
    legal_suffix: Regex
    programme_words: list[Text]
    programme_period: Regex
    grant_row: Regex  # a grant list's row: its grantee's name before a dash and an amount
    name_abbreviations: list[Text] = Field(default_factory=list)  # św., bł., Ap. inside a name
    seat_abbreviations: list[Text] = Field(default_factory=list)  # Wlkp., Maz. ending a seat
    possessives: list[Text] = Field(default_factory=list)  # "i ich Rodziców" inside a name
    lowercase_heads: list[Text] = Field(default_factory=list)  # "fundacji Pogranicze"
    territory_words: list[Text] = Field(default_factory=list)  # "na terenie gminy X" is a place
    lowercase_units: list[Text] = Field(default_factory=list)  # "powiatu nakielskiego", "diecezji legnickiej"
    region_offices: list[Text] = Field(default_factory=list)  # "samorządu województwa mazowieckiego"
    regions: list[Text] = Field(default_factory=list)  # the sixteen regions' adjective stems: "podlask"
    regional_bodies: list[Text] = Field(default_factory=list)  # "urząd marszałkowski": named with its region
    head_abbreviations: dict[Text, Text] = Field(default_factory=dict)  # "gm. Gołcza" -> gmina
    holder_offices: list[Text] = Field(default_factory=list)  # "Wojewoda X Jan Kowalski": the holder follows
    seat_named: list[Text] = Field(default_factory=list)  # "parafii w Zwierniku": named by the seat alone
    dedicated_heads: list[Text] = Field(default_factory=list)  # "Parafia Najdroższej Krwi Pana Jezusa"
    patron_phrases: list[Text] = Field(default_factory=list)  # "parafia świętego Michała": a patron spelt out
    seat_names: dict[str, list[Text]] = Field(default_factory=dict)  # "Muzeum X – Dwór Y": head -> buildings
    kinds_before_name: list[Text] = Field(default_factory=list)  # "grupa nieformalna X": X alone is the name
    enumerating_heads: dict[Text, Text] = Field(default_factory=dict)  # "gmin: X, Y": lemma -> name prefix


class OrgStoplist(Rules):
    stoplist: list[Text]
    allow_known_words: list[Text]
    state_acronyms: list[Text]  # acronyms of the state inside names (RP)
    generic_names: list[Text] = Field(default_factory=list)  # a kind of body without its name
    person_titles: list[Text] = Field(default_factory=list)  # lemmas of titles that open a person's name


class DomainOrg(Rules):
    name: Text
    acronym: Text | None = None
    acronym_variants: list[Text] = Field(default_factory=list)
    aliases: list[Text] = Field(default_factory=list)
    org_type: OrgType
    source: Text  # where the name is attested: every entry needs one
    designated: bool = False


class DomainOrgs(Rules):
    orgs: list[DomainOrg]


class ModelOrgVeto(Rules):
    event_heads: list[Text]
    phrases: list[Text]
    person_heads: list[Text] = Field(default_factory=list)  # "Członek Zarządu": a person, not the body


class RoleCue(Rules):
    role: Role
    pattern: Regex
    scope: Side
    strength: Strength


class PublisherRefs(Rules):
    possessive: Regex  # a first-person possessive before the publisher's head noun (naszą Fundację)
    not_after: Regex  # what may not stand right before a reference (w naszej gminie: a place)
    role: Role  # the role of a reference no cue decides
    first_person: Regex  # the writer (the publisher) carried the project out: realizowaliśmy


class RoleCues(Rules):
    priority: list[Role]
    reach: Count
    subject_reach: Count
    cues: list[RoleCue]
    section_funder_cues: list[Regex]
    publisher_refs: PublisherRefs


class BeforeAmountRoles(Rules):
    gazetteer: Role  # a body of the domain list named before an amount
    appended: Role  # after a comma or an opening bracket: attribution appended to a description
    subject: Role  # the item's subject (line start, after the item's title)


class FieldRoles(Rules):
    fields: dict[str, Role]
    before_amount: Regex
    before_amount_roles: BeforeAmountRoles
    coordinated: Regex


# --- pages, segmentation, release ---------------------------------------------------------------------


class FurnitureNames(Rules):
    content_names: list[Text]
    phrases: list[Text]
    content_first: list[Word]
    anywhere: list[Text]
    first: list[Text]
    ignore: Regex


class Html(Rules):
    never_text: list[Text]
    furniture_tags: list[Text]
    page_furniture_tags: list[Text]
    sectioning: list[Text]
    form_content: list[Text]
    never_furniture: list[Text]
    drop_roles: list[Text]
    furniture_names: FurnitureNames
    main_content: list[list[Text]]  # CSS selectors, one list per rule, tried in order
    main_min_share: Annotated[float, Field(ge=0, le=1)]
    block_tags: list[Text]
    layout_table_markers: list[Text]
    section_headings: list[Text]
    title_headings: list[Text]
    paragraphs: list[Text]


class Segment(Rules):
    max_title_chars: Annotated[int, Field(ge=1)]
    max_heading_chars: Annotated[int, Field(ge=1)]
    upper_heading_ratio: Annotated[float, Field(ge=0, le=1)]
    fields: dict[str, list[Text]]
    link_patterns: list[Regex]
    chrome_patterns: list[Regex]
    chrome_notice_patterns: list[Regex]
    prose_year_start: Regex
    prose_record_verbs: Regex
    quoted_start: Regex
    title_markers: Regex
    heading_year: Regex
    date_line: Regex
    item_title_end: Regex
    body_period: Regex
    news_years: Regex
    day_date: Regex  # one day's date in a sentence
    start_act: Regex  # an act that starts a project (a signed agreement, a grant, a call opened): year_end open
    project_nouns: Regex  # nouns naming a project before a quoted title (pn. "...")
    figure_item: Regex  # a list item that is a label and a figure: not a record
    purpose_noun: Regex  # "na zadanie", "na realizację projektu": a grant's purpose, its quoted name follows
    round_words: Regex  # an intro paragraph that reports a call's or round's results
    salutation: Regex  # a letter's salutation line: never a title
    detail_item: Regex  # a list item that states a figure or the year of one project: a detail, not a record
    grant_verb: Regex  # a verb of receiving, in a sentence that reports a grant
    money_hint: Regex  # an amount of money, as a grant sentence writes it
    grant_purpose: Regex  # the purpose after "na" that titles a grant record (group p)
    purpose_sentence: Regex  # "Celem (zadania) jest X" right after a grant sentence: its title (group p)
    amount_row: Regex  # a list row "name – amount [na purpose]": a grant or item of its own next to another
    amount_row_label: Regex  # a row's name that labels a figure ("Przyznane środki ..."): no record


class Release(Rules):
    rows_per_run: Annotated[int, Field(ge=1)]
    row_group_rows: Annotated[int, Field(ge=1)]


class KpwrLabels(Rules):
    """The NER training's label mapping (pipeline/ner/convert.py reads it and checks it against this)."""

    keep_labels: list[Text]
    rules: dict[str, Text]


# One schema per data file; a file without one cannot be loaded.
SCHEMAS: dict[str, type[Rules]] = {
    "abbreviations.yaml": Abbreviations,
    "amount_kinds.yaml": AmountKinds,
    "common.yaml": Common,
    "counts.yaml": Counts,
    "currencies.yaml": Currencies,
    "dates.yaml": Dates,
    "domain_orgs.yaml": DomainOrgs,
    "field_roles.yaml": FieldRoles,
    "html.yaml": Html,
    "kpwr_labels.yaml": KpwrLabels,
    "model_org_veto.yaml": ModelOrgVeto,
    "months.yaml": Months,
    "numerals.yaml": Numerals,
    "org_heads.yaml": OrgHeads,
    "org_stoplist.yaml": OrgStoplist,
    "release.yaml": Release,
    "role_cues.yaml": RoleCues,
    "segment.yaml": Segment,
}
