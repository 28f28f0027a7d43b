"""The composition root: the `phonghop` command and the demo launcher, the one place that
knows every layer (ui → sync → app, documents, signing). It imports them lazily, inside the
commands, so a server-only install (`pip install .[server]`) never loads Qt."""
