# `make run`: set up and build the dataset from raw/ into outputs/.
# `make test`: set up and run every test (lint, unit + e2e tests, gold evaluation).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test test-fast lint evaluate check-evaluations clean readme models

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/projekty run --raw raw --out outputs

# Each phase prints one line when it passes and everything when it fails.
lint: setup
	@$(BIN)/ruff check -q pipeline schemas tests bench && echo "ruff check: clean (incl. complexity <= 15)"
	@$(BIN)/ruff format -q --check pipeline schemas tests bench && echo "ruff format: every file formatted"
	@$(BIN)/mypy pipeline schemas

# test is scored with --ablation: one run per source of organisations, the "both" run being the split's own evaluation
# (floors and Quality section checked too), so no split is scored twice. dev is scored once: its ablation (two more
# runs over 2 422 pages, about 5 CPU-minutes) took CI past 20 minutes on 2 cores in the thirty-third session (21 min 15 s);
# `projekty evaluate --split dev --ablation` still prints it.
ABLATION_SPLITS := test
ABLATION := --ablation --jobs 2
PLAIN_SPLITS := dev seen

# The NLP stage's entities, kept while `make test` runs (pipeline/nlp/entity_cache.py): the model checks in pytest and the
# evaluations after it run the same NER over the same keyed pages. Emptied when `make test` starts.
ENTITY_CACHE := $(CURDIR)/$(VENV)/entity-cache
evaluate check-evaluations readme: export PROJEKTY_ENTITY_CACHE := $(ENTITY_CACHE)

evaluate: setup
	for s in $(PLAIN_SPLITS); do $(BIN)/projekty evaluate --split $$s --check-readme README.md || exit 1; done
	for s in $(ABLATION_SPLITS); do $(BIN)/projekty evaluate --split $$s $(ABLATION) --check-readme README.md || exit 1; done

# The three evaluations behind `make test` (each split above its floors, each README section current), two at a time.
# Each prints one line when it passes, its log when not.
EVALUATIONS := $(addsuffix :ablation,$(ABLATION_SPLITS)) $(PLAIN_SPLITS)
check-evaluations: setup
	@printf '%s\n' $(EVALUATIONS) | xargs -P 2 -n 1 sh -c ' \
	  split=$${1%%:*}; flag=; suffix=; label=": above every floor, README current"; \
	  case $$1 in *:ablation) flag="$(ABLATION)"; suffix=-ablation; \
	    label=" --ablation: above every floor, README current";; esac; \
	  log=$(VENV)/evaluate-$$split$$suffix.log; \
	  if $(BIN)/projekty evaluate --split $$split $$flag --check-readme README.md > $$log 2>&1; \
	  then echo "evaluate --split $$split$$label"; \
	  else cat $$log; echo "evaluate --split $$split $$flag: FAILED"; exit 1; fi' _

PYTEST_LOG := $(VENV)/pytest.log
PYTEST = $(BIN)/python -m pytest -p no:cacheprovider

# Every test on two workers. The slow ones (each learned model rebuilt from the keys and compared with the shipped
# file, property runs on the real page) are most of it: pytest took 9.6 of CI's 14.6 min in a fresh clone on 2 cores
# on 2026-12-04 (twenty-second session; 12 of 18.4 min the session before); bench/RESULTS.md keeps the history.
# The models trained from what the shipped pipeline extracts (kinds, roles, titles) are checked by one command in one
# process (`projekty check-models`: each keyed page extracted once for the three, since the forty-eighth session),
# in the xdist group "model_checks" (--dist loadgroup); its NLP stage's entities (ENTITY_CACHE) are kept for the
# evaluations after pytest.
test: lint
	@rm -rf $(ENTITY_CACHE)
	@PROJEKTY_CHECK_ENTITY_CACHE=$(ENTITY_CACHE) $(PYTEST) -n 2 --dist loadgroup > $(PYTEST_LOG) 2>&1 && echo "pytest: $$(tail -1 $(PYTEST_LOG) | tr -d =)" || { cat $(PYTEST_LOG); exit 1; }
	@$(BIN)/frictionless validate outputs/datapackage.json > /dev/null && echo "frictionless: outputs/datapackage.json VALID"
	@$(MAKE) --no-print-directory check-evaluations

# The edit loop: lint and every test but the slow ones (see tests/conftest.py), on two workers.
test-fast: lint
	@$(PYTEST) -m "not slow" -n 2 > $(PYTEST_LOG) 2>&1 && echo "pytest (not slow): $$(tail -1 $(PYTEST_LOG) | tr -d =)" \
	  || { cat $(PYTEST_LOG); exit 1; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Every learned model rebuilt from the keys, in the order they depend on one another: the amount-kind, acceptor, role
# and title models are trained on what the pipeline extracts with the models before them (the segmenter's records, the
# tagger's spans), so a model retrained alone can leave the ones after it stale (their `--check` tests fail). After
# keying pages or changing what a stage extracts, this; about 17 minutes on one core with 3 500 dev pages.
models: setup
	$(BIN)/projekty segment train
	$(BIN)/projekty kinds train
	$(BIN)/projekty orgs train --tagger
	$(BIN)/projekty roles train
	$(BIN)/projekty titles train

readme: setup
	for s in $(PLAIN_SPLITS); do $(BIN)/projekty evaluate --split $$s --readme README.md > /dev/null || exit 1; done
	for s in $(ABLATION_SPLITS); do $(BIN)/projekty evaluate --split $$s $(ABLATION) --readme README.md > /dev/null || exit 1; done
