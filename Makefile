# phonghop: the two commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: demo test test-all bench system-packages-demo system-packages-test translations clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[server,client,test]'
	touch $@

system-packages-demo:
	bash packaging/system-packages.sh demo

system-packages-test:
	bash packaging/system-packages.sh test

demo: system-packages-demo $(VENV)/.installed
	$(VENV)/bin/phonghop demo

test: system-packages-test $(VENV)/.installed
	$(VENV)/bin/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow" $(PYTEST_ARGS)

test-all: system-packages-test $(VENV)/.installed
	$(VENV)/bin/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: $(VENV)/.installed
	$(PY) -m bench

translations: $(VENV)/.installed
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete -extensions py ui -ts ui/translations/phonghop_vi.ts
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete -pluralonly -extensions py ui -ts ui/translations/phonghop_en.ts
	$(VENV)/bin/pyside6-lrelease ui/translations/phonghop_vi.ts -qm ui/translations/phonghop_vi.qm
	$(VENV)/bin/pyside6-lrelease ui/translations/phonghop_en.ts -qm ui/translations/phonghop_en.qm

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
