"""A server-only install has no Qt: the package's own requirements put PySide6 in the
`client` extra only, the core imports none of it, and the server starts and answers with
PySide6 made impossible to import. (The direction of every import is checked by
import-linter's contracts in pyproject.toml, which `make test` runs.)"""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import requires
from pathlib import Path

from packaging.requirements import Requirement

from sync.server.runner import free_port

ROOT = Path(__file__).resolve().parent.parent
CORE = ("app", "documents", "signing", "sync")
QT = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"}
# Run before anything else in a child Python: importing Qt raises.
NO_QT = ("import sys\n"
         "class _NoQt:\n"
         "    def find_spec(self, name, path=None, target=None):\n"
         "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
         "            raise ImportError('Qt is not installed on this server')\n"
         "sys.meta_path.insert(0, _NoQt())\n")


def _required(extras: set[str]) -> set[str]:
    names = set()
    for line in requires("phonghop") or []:
        requirement = Requirement(line)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras | {""}):
            names.add(requirement.name.lower())
    return names


def test_the_server_extra_needs_no_qt_and_the_client_extra_does():
    assert not _required({"server"}) & QT
    assert {"fastapi", "uvicorn", "psycopg"} <= _required({"server"})
    assert "pyside6-essentials" in _required({"client"})


def test_importing_the_whole_core_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in CORE for p in (ROOT / package).rglob("*.py")
        if "migrations" not in p.parts and p.name != "__main__.py"
    )
    code = NO_QT + ("import importlib\n"
                    f"for m in {modules!r}: importlib.import_module(m)\n"
                    "print(sorted(n for n in sys.modules if n.split('.')[0] in "
                    "('PySide6', 'shiboken6', 'ui')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_server_command_runs_without_qt(tmp_path):
    db = f"sqlite:///{tmp_path / 'server.db'}"
    run = NO_QT + "from phonghop.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    init = subprocess.run([sys.executable, "-c", run, "server", "init", "--db", db, "--admin",
                           "quantri"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PHONGHOP_ADMIN_PASSWORD": "mat-khau-dai-8", "PATH": "/usr/bin:/bin"})
    assert init.returncode == 0, init.stderr
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", run, "server", "--db", db, "--port",
                               str(port), "--data-dir", str(tmp_path / "data")], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline, health = time.monotonic() + 60, None
        while health is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as r:
                    health = json.loads(r.read())
            except OSError:
                time.sleep(0.2)
        assert health is not None and health["status"] == "ok", server.stderr.read() if \
            server.poll() is not None else "no answer"
    finally:
        server.terminate()
        server.wait(10)
