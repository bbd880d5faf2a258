"""Organisation mentions in Polish project pages: rule mentions, the NER model's ORG spans, and their merge.

``find_org_mentions(text, start, end)`` (:mod:`.mentions`) returns :class:`OrgMention` values with
absolute offsets into ``text`` (``text[m.char_start:m.char_end] == m.text``). Patterns (vocabularies
are data in ``pipeline/data``), one module each:

* :mod:`.heads`: a capitalised head noun in any case form (``Związku``, ``Fundacją``; lemmas in
  ``org_heads.yaml``), possibly after capitalised adjectives agreeing with it (``Polsko-Amerykańskiej
  Fundacji``), and foreign names built on an English/German head (``Canadian Urban Institute``);
* :mod:`.boundaries`: the name words after the head: capitalised words, lowercase connectors
  (``i``, ``dla``, ``im.``) when a capitalised word follows, a quoted name; coordination splits the
  phrase where a connector is followed by a new head phrase or an acronym;
* :mod:`.programmes`: a programme name after a lowercase ``programu`` (``w ramach programu Obywatele
  dla Demokracji``), and a programme family's strand, regions and period;
* :mod:`.kinds`: a kind of local body with its name (``LGD „Podlaski Przełom Bugu”``);
* :mod:`.domain_list`: names of recurring bodies from ``domain_orgs.yaml`` (any inflected form,
  matched by lemmas), source ``gazetteer``;
* :mod:`.acronyms`: all-caps acronyms (``ZMP``, ``MSWiA``, ``ZGW RP``) minus a stoplist
  (``org_stoplist.yaml``) and Roman numerals; an acronym in parentheses right after a name is
  attached to it (``Związkiem Powiatów Polskich (ZPP)``), or names the capitalised words whose
  initials spell it (``Polsko-Niemiecką Współpracą Młodzieży (PNWM)``).

:mod:`.model_spans` turns the NER model's ORG spans into mentions (``model_mention``): their edges
fixed, vetoed only by stated evidence (``model_org_veto``). :mod:`.merge` merges them with the rule
mentions: where a model span overlaps a rule mention the rule's boundaries win.
"""

from pipeline.extract.orgs.mentions import find_org_mentions
from pipeline.extract.orgs.merge import merge_mentions
from pipeline.extract.orgs.model_spans import model_mention, model_org_veto
from pipeline.extract.orgs.vocab import ORG_TYPES, check_org_type

__all__ = [
    "ORG_TYPES",
    "check_org_type",
    "find_org_mentions",
    "merge_mentions",
    "model_mention",
    "model_org_veto",
]
