"""phonghop's desktop client (PySide6). It talks to the server through `sync.client.ApiClient`
(login, the session list) and the sync engine `sync.engine.SyncEngine` (the selected session's
agenda, documents and live state from a local replica that keeps working offline; every change
is a queued mutation). It runs every network call, engine call and page render off the UI
thread; the engine's callbacks reach the UI through `ui.sync_bridge.SyncBridge` signals.

Entry points:
- `ui.app.run_client(server_url, *, username, password, offscreen, screenshot, open_document,
  lang, cache_dir, ca_file, client_factory, sync_engine) -> int`: run the client (log in, main
  window) until it closes, or until the screenshot is saved; returns the exit code. The local
  data lives in `cache_dir`: replicas/<sha1(server)[:12]>-<user>.sqlite and files/<sha256>.pdf.
  `sync_engine=False` reads the session through the REST API only (tests with a stand-in
  server; also the fallback when the replica cannot be opened).
- `ui.app.main(argv)` / `python -m ui --server URL [--ca-file FILE]`: the plain launcher.
"""
