"""Every mutation's handler, registered by importing this module (the server does)."""
from __future__ import annotations

from app.protocol import mutations as m
from app.services import (  # noqa: F401
    annotation_handlers, attendance, mutation_handlers, speakers, voting,
)
from app.services.mutations import HANDLERS

missing = sorted(set(m.MUTATIONS) - set(HANDLERS))
if missing:  # a mutation described without a handler is a programming error, found at start
    raise RuntimeError(f"mutations without a handler: {', '.join(missing)}")
