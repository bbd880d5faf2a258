"""The domain list is read from one neutral place, so the NLP stage does not depend on the extract stage."""

import subprocess
import sys

from pipeline.ruledata.domain_orgs import domain_orgs


def test_the_domain_list_has_named_sourced_entries():
    orgs = domain_orgs()
    assert orgs and all(o.name and o.source for o in orgs)
    zpp = next(o for o in orgs if o.acronym == "ZPP")
    assert zpp.name == "Związek Powiatów Polskich"


def test_the_nlp_ruler_does_not_import_the_extract_stage():
    code = "import sys, pipeline.nlp.gazetteer; print(any(m.startswith('pipeline.extract') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
