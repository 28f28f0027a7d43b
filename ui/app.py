"""Start the desktop client: `run_client(...)` for callers such as `phonghop demo`, and
`main()` for a plain launch (`python -m ui --server http://host:port`)."""
from __future__ import annotations

import argparse
import os
import ssl
import sys
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import (
    QCoreApplication, QEvent, Qt, QTimer, QTranslator, QT_TRANSLATE_NOOP, qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from sync.client import ApiClient
from ui import i18n
from ui.client_flow import ClientFlow
from ui.login_dialog import ClientFactory
from ui.style import apply_style
from ui.workers import TaskRunner

DEFAULT_SERVER = "http://127.0.0.1:8000"
SERVER_ENV, PASSWORD_ENV = "PHONGHOP_SERVER", "PHONGHOP_PASSWORD"


def default_cache_dir() -> Path:
    """The client's local data: replicas/ (one per server and user) and files/ (documents)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("phonghop"))


def _application(offscreen: bool) -> QApplication:
    app = QApplication.instance()
    if app is None:
        if offscreen:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([sys.argv[0] if sys.argv else "phonghop"])
        app.setApplicationName("phonghop")
    return app  # type: ignore[return-value]


# Harmless notices of Qt's offscreen platform; they would spoil the one-line error contract.
_IGNORED_QT_MESSAGES = ("does not support propagateSizeHints",)


def _print_qt_message(_mode, _context, message: str) -> None:
    if not any(ignored in message for ignored in _IGNORED_QT_MESSAGES):
        print(message, file=sys.stderr, flush=True)


def run_client(server_url: str, *, username: str | None = None, password: str | None = None,
               offscreen: bool = False, screenshot: str | None = None,
               open_document: int | None = None, lang: str | None = None,
               cache_dir: str | None = None, ca_file: str | None = None,
               client_factory: ClientFactory | None = None, sync_engine: bool = True,
               insecure: bool = False) -> int:
    """Run the client until its window closes; return the exit code.

    With `username` and `password` it logs in by itself (on a worker thread), else it asks.
    With `screenshot`, it saves the main window as a PNG once the sessions and the default
    session's agenda are shown (read from the sync engine's replica, once it holds the
    session's snapshot), and with `open_document=N` page 1 of the N-th document of the first
    agenda item; then it returns 0; on a failure or after 60 s it writes one line to
    stderr and returns 1. `lang` is "vi" (default) or "en" ($PHONGHOP_LANG otherwise).
    `ca_file`: a PEM file of the CA that signed the server's certificate (else the system's
    trust store). `client_factory(url)` makes the ApiClient (tests pass one with a mock
    transport). `sync_engine=False` runs without the sync engine: the session's content then
    comes from the REST API only (no offline work, no live state). `insecure` allows a plain
    http:// address of another machine (else only https, or http to this machine)."""
    def make_flow(runner: TaskRunner, verify, factory: ClientFactory) -> ClientFlow:
        return ClientFlow(server_url, runner, Path(cache_dir) if cache_dir else default_cache_dir(),
                          client_factory=factory, username=username, password=password,
                          screenshot=screenshot, open_document=open_document,
                          sync_engine=sync_engine, verify=verify)

    return run_flow(make_flow, lambda flow: flow.window.client if flow.window is not None
                    else None, program="phonghop", ca_file=ca_file, insecure=insecure,
                    lang=lang, offscreen=offscreen, client_factory=client_factory)


def run_flow(make_flow: Callable, client_of: Callable, *, program: str, ca_file: str | None,
             insecure: bool, lang: str | None, offscreen: bool,
             client_factory: ClientFactory | None) -> int:
    """What every window of the client shares: the CA to trust, the Qt application, the
    language, the style; `make_flow(runner, verify, client_factory)` makes the flow (with
    `start()`, `close()` and `exit_requested`); its event loop runs until the flow exits,
    then everything is taken down in order (`client_of(flow)` is closed last)."""
    try:
        verify = ssl.create_default_context(cafile=ca_file) if ca_file else True
    except (OSError, ssl.SSLError) as exc:
        print(f"{program}: {ca_file}: {exc}", file=sys.stderr, flush=True)
        return 2
    if client_factory is None:
        def client_factory(url: str) -> ApiClient:
            return ApiClient(url, verify=verify, insecure=insecure)
    app = _application(offscreen)
    try:
        translator = i18n.install_translator(app, i18n.resolve_language(lang))
    except FileNotFoundError as exc:
        print(f"{program}: {exc}", file=sys.stderr, flush=True)
        return 2
    apply_style(app)
    previous_handler = qInstallMessageHandler(_print_qt_message)
    quit_on_last_window = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    runner = TaskRunner()
    flow = make_flow(runner, verify, client_factory)
    # Queued: an exit asked for before the loop runs must still end the loop.
    flow.exit_requested.connect(app.exit, Qt.ConnectionType.QueuedConnection)
    QTimer.singleShot(0, flow.start)
    try:
        code = app.exec()
    finally:
        client = client_of(flow)
        flow.close()
        runner.shutdown(5000, cancel=False)  # lets the background logout finish
        if client is not None:
            client.close()
        flow.deleteLater()
        runner.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        i18n.remove_translator(app, translator)
        app.setQuitOnLastWindowClosed(quit_on_last_window)
        qInstallMessageHandler(previous_handler)
    return code


# -- command line ---------------------------------------------------------------------------
_HELP = {
    "description": QT_TRANSLATE_NOOP("ClientCommandLine",
                                      "Paperless meeting room: the desktop client."),
    "server": QT_TRANSLATE_NOOP("ClientCommandLine", "address of the phonghop server"),
    "user": QT_TRANSLATE_NOOP("ClientCommandLine",
                              "log in as this user (the password is read from $PHONGHOP_PASSWORD)"),
    "lang": QT_TRANSLATE_NOOP("ClientCommandLine", "language of the interface: vi or en"),
    "cache": QT_TRANSLATE_NOOP("ClientCommandLine",
                               "folder for the local copy of sessions and documents"),
    "ca": QT_TRANSLATE_NOOP("ClientCommandLine",
                            "trust the server certificates signed by the CA in this PEM file"),
    "screenshot": QT_TRANSLATE_NOOP("ClientCommandLine",
                                    "save the main window to this PNG file once loaded, then exit"),
    "document": QT_TRANSLATE_NOOP("ClientCommandLine",
                                  "open the N-th document of the first agenda item"),
    "offscreen": QT_TRANSLATE_NOOP("ClientCommandLine", "run without a display"),
    "insecure": QT_TRANSLATE_NOOP("ClientCommandLine",
                                  "allow a plain http:// server address of another machine "
                                  "(passwords travel in clear)"),
}


def _command_line_texts(argv: Sequence[str]) -> dict[str, str]:
    """The help texts in the language asked for (a standalone translator: the application
    does not exist yet while the arguments are parsed)."""
    requested = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            requested = argv[i + 1]
        elif arg.startswith("--lang="):
            requested = arg.split("=", 1)[1]
    language = i18n.resolve_language(requested)
    translator = QTranslator()
    if language == "en" or not translator.load(str(i18n.qm_path(language))):
        return dict(_HELP)
    return {key: translator.translate("ClientCommandLine", text) or text
            for key, text in _HELP.items()}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    texts = _command_line_texts(argv)
    parser = argparse.ArgumentParser(prog="phonghop-client", description=texts["description"])
    parser.add_argument("--server", default=os.environ.get(SERVER_ENV, DEFAULT_SERVER),
                        help=texts["server"])
    parser.add_argument("--user", help=texts["user"])
    parser.add_argument("--lang", choices=i18n.SUPPORTED_LANGUAGES, help=texts["lang"])
    parser.add_argument("--cache-dir", help=texts["cache"])
    parser.add_argument("--ca-file", metavar="FILE", help=texts["ca"])
    parser.add_argument("--screenshot", metavar="PNG", help=texts["screenshot"])
    parser.add_argument("--open-document", type=int, metavar="N", help=texts["document"])
    parser.add_argument("--offscreen", action="store_true", help=texts["offscreen"])
    parser.add_argument("--insecure", action="store_true", help=texts["insecure"])
    args = parser.parse_args(argv)
    password = os.environ.get(PASSWORD_ENV) if args.user else None
    return run_client(args.server, username=args.user, password=password,
                      offscreen=args.offscreen, screenshot=args.screenshot,
                      open_document=args.open_document, lang=args.lang,
                      cache_dir=args.cache_dir, ca_file=args.ca_file, insecure=args.insecure)


if __name__ == "__main__":
    sys.exit(main())
