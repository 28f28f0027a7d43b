"""phonghop's desktop client (PySide6). It talks to the server only through
`sync.client.ApiClient`, and runs every network call and page render off the UI thread.

Entry points:
- `ui.app.run_client(server_url, *, username, password, offscreen, screenshot, open_document,
  lang, cache_dir, client_factory) -> int`: run the client (log in, main window) until it
  closes, or until the screenshot is saved; returns the exit code.
- `ui.app.main(argv)` / `python -m ui --server URL`: the plain launcher.
"""
