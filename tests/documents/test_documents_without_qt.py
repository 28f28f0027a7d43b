"""The documents package runs without Qt: importing every module must not load PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import documents


def test_no_qt_import():
    names = [f"documents.{m.name}" for m in pkgutil.iter_modules(documents.__path__)]
    code = ("import importlib, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "documents.render" in names


def test_documents_holds_only_what_a_tablet_runs():
    """The demo's PDF generator lives under app/demo/pdf, not in the product's PDF layer."""
    modules = {m.name for m in pkgutil.iter_modules(documents.__path__)}
    assert not {name for name in modules if name.startswith("demo") or name == "pdf_canvas"}
    from app.demo.pdf import build

    assert callable(build.build_demo_pdf)
