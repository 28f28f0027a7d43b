"""The central server: an ASGI app (FastAPI) over the core services, and its runners."""
from sync.server.app import ServerContext, create_app

__all__ = ["ServerContext", "create_app"]
