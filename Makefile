# The two commands of the README: `make run` and `make test`. Everything else serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench install clean messages browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/rightstrack load
	$(BIN)/rightstrack ingest --show 5
	$(BIN)/rightstrack predict
	$(BIN)/rightstrack stats -f issue=Elections --basis rows --limit 5
	@echo
	@echo "Loaded. On the command line, try:"
	@echo "  $(BIN)/rightstrack search -f issue='Freedom of the press' -f response=noted -f recommender_group=GRULAC -f sur_group=Asia-Pacific -f cycle=2"
	@echo "  $(BIN)/rightstrack states Slovenia     (four reviews: the UN's own documents, 2010-2025)"
	@echo "  $(BIN)/rightstrack elections 2016      (Human Rights Council elections since 2006, with sources)"
	@echo
	@echo "What is loaded: UPR Info's export of sessions 1-19 (2008-2014) and the UN documents in ../shared/data."
	@echo "With an internet connection, bring it up to date (every mechanism, every cycle):"
	@echo "  $(BIN)/rightstrack fetch uhri          (OHCHR's Universal Human Rights Index: UPR, treaty bodies, special procedures)"
	@echo "  $(BIN)/rightstrack fetch upr-info      (UPR Info's database, all cycles, with issues and action categories)"
	@echo "  $(BIN)/rightstrack fetch documents --session 48   (the UN's Working Group reports and addenda)"
	@echo
	$(BIN)/rightstrack serve --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check rightstrack tests bench tools
	$(BIN)/ruff format --check rightstrack tests bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports

# Browser tests drive Debian's Chromium; install it where missing and we may (root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: browser tests will be skipped (sudo apt-get install chromium)"; fi; }

# On every core (logical ones: `auto` counts physical cores, one on a 2-vCPU machine with psutil):
# the tests on one backend's stores of real data share a worker (tests/parallel.py), and the
# trained models are kept in .test-cache between runs (tests/shared_cache.py).
test: lint browser
	$(BIN)/pytest -n logical --dist loadgroup

bench: install
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/web_bench.py
	$(BIN)/python bench/page_bench.py
	$(BIN)/python bench/api_models_bench.py
	$(BIN)/python bench/draft_bench.py
	$(BIN)/python bench/tracking_bench.py
	$(BIN)/python bench/feeds_bench.py
	$(BIN)/python bench/elections_bench.py
	$(BIN)/python bench/abuse_bench.py
	$(BIN)/python bench/uhri_bench.py
	$(BIN)/python bench/cli_bench.py
	$(BIN)/python bench/load_bench.py
	$(BIN)/python bench/scale_bench.py

# The .po files are the translations' source of truth: edit them with Poedit or any editor, and run
# `make messages` after changing a template or a marked string. It extracts the template, merges it
# into the catalogues without guessing (no fuzzy matching) and fails, naming the locale and the
# messages, while any is untranslated or fuzzy. The template is replaced only when more than its
# creation date changed, so a run with nothing new leaves the tree as it was.
LOCALES_DIR := rightstrack/locales
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --project RightsTrack \
	  -o $(LOCALES_DIR)/messages.pot.new .
	@if diff -I '^"POT-Creation-Date:' $(LOCALES_DIR)/messages.pot $(LOCALES_DIR)/messages.pot.new >/dev/null 2>&1; \
	then rm $(LOCALES_DIR)/messages.pot.new; else mv $(LOCALES_DIR)/messages.pot.new $(LOCALES_DIR)/messages.pot; fi
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete \
	  -i $(LOCALES_DIR)/messages.pot -d $(LOCALES_DIR) -D messages
	$(BIN)/python tools/check_catalogs.py $(LOCALES_DIR)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
