# Glose: `make run` starts the app, `make test` runs the whole suite.
# Both create .venv when missing and install what they need, Debian's Qt
# runtime libraries included, so they work on a fresh machine with only Python.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test test-server bench fuzz app selftest-app screenshots clean system-deps

$(PY):
	$(PYTHON) -m venv $(VENV) || { echo "python3-venv missing: installing it"; SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip

# LibreTranslate for the server tests, in its own environment (it pins numpy<2 and
# Flask); made once and kept (.venv-server/), remade when LT_VERSION changes.
LT_VERSION := 1.9.6
LT_VENV := .venv-server
LT_PY := $(LT_VENV)/bin/python
LT_STAMP := $(LT_VENV)/.installed-$(LT_VERSION)

$(LT_STAMP):
	rm -rf $(LT_VENV)
	$(PYTHON) -m venv $(LT_VENV) || { echo "python3-venv missing: installing it"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(LT_VENV); }
	$(LT_PY) -m pip install -q --upgrade pip
	$(LT_PY) -m pip install -q "libretranslate==$(LT_VERSION)"
	touch $@

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

# Qt's platform plugins need shared libraries a minimal Debian lacks: `ldd` of the plugins
# and modules Glose loads says which (tests/system_deps.py), and their Debian packages are
# installed when any is missing (root on CI machines, sudo elsewhere).
# Offline OCR of scanned pages: Tesseract and its French data (Apache-2.0), installed
# the same way when `tesseract --list-langs` does not list fra.
OCR_DEBS := tesseract-ocr tesseract-ocr-fra

system-deps: $(STAMP)
	@$(PY) tests/system_deps.py --install
	@tesseract --list-langs 2>/dev/null | grep -qx fra || { echo "Installing Tesseract and its French data (OCR)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(OCR_DEBS) >/dev/null; }

run: $(STAMP) system-deps
	$(PY) -m desktop

test: $(STAMP) $(LT_STAMP) system-deps
	GLOSE_LT_PYTHON=$(abspath $(LT_PY)) QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# A long fuzz run over import, notes import and model install (tests/fuzz; `make test` runs
# 25 cases of each): FUZZ_EXAMPLES cases per target, figures in fuzz-report.json.
FUZZ_EXAMPLES ?= 1000
fuzz: $(STAMP)
	GLOSE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) GLOSE_FUZZ_REPORT=fuzz-report.json QT_QPA_PLATFORM=offscreen \
	  $(PY) -m pytest -q -s -p no:cacheprovider tests/fuzz

# Only the tests against a real LibreTranslate server on loopback (tests/server/).
test-server: $(STAMP) $(LT_STAMP)
	GLOSE_LT_PYTHON=$(abspath $(LT_PY)) QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/server

bench: $(STAMP) $(LT_STAMP)
	for b in tests/bench/bench_*.py; do echo "== $$b"; GLOSE_LT_PYTHON=$(abspath $(LT_PY)) QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

screenshots: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/ui/test_screenshots.py --screenshots

# The standalone app in dist/Glose/ (build_app.spec); GLOSE_BUNDLE_MODELS=DIR also
# bundles DIR's .argosmodel files, installed on the app's first start.
# The bundle carries the xcb libraries Qt's X11 plugin needs (minimal desktops lack some):
# system-deps puts them on the build machine. PyInstaller needs objdump and strip, the
# spec's ICU data trim nm, as and ld (all from binutils).
app: $(STAMP) system-deps
	@for tool in objdump strip nm as ld; do command -v $$tool >/dev/null || { \
	  echo "Installing binutils (the app build needs $$tool)"; SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends binutils >/dev/null; \
	  break; }; done
	$(PY) -m pip install -q -e '.[app]'
	@command -v gcc >/dev/null || { echo "Installing gcc (the app build compiles a stand-in for numpy's OpenBLAS: desktop/bundling/blas.py)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends gcc >/dev/null; }
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN build_app.spec
	@du -sh dist/Glose

# Checks the built app: --help, list, models install (a tiny test model), --self-test
# offscreen and, with xvfb (installed here when possible), on a real X server.
selftest-app: $(STAMP) system-deps
	@command -v xvfb-run >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends xvfb xauth; } >/dev/null 2>&1 \
	  || echo "xvfb not installed: the X11 check is skipped"; }
	$(PY) tests/run_app_selftest.py dist/Glose

clean:
	rm -rf build dist .pytest_cache
