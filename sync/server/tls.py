"""Checking the server's TLS certificate and key before uvicorn starts, so that a wrong file
gives one clear line instead of a traceback from deep inside the event loop."""
from __future__ import annotations

import ssl
from pathlib import Path


class TlsFilesError(ValueError):
    """The certificate or key cannot be used; the message is one line for the operator."""


def _readable(path: Path, what: str) -> None:
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except FileNotFoundError:
        raise TlsFilesError(f"the TLS {what} {str(path)!r} does not exist") from None
    except IsADirectoryError:
        raise TlsFilesError(f"the TLS {what} {str(path)!r} is a directory") from None
    except OSError as exc:
        raise TlsFilesError(f"cannot read the TLS {what} {str(path)!r}: {exc.strerror}") from None


def _no_password() -> str:
    raise TlsFilesError("the TLS key is protected by a password: give the server an unencrypted "
                        "key file that only its system user can read")


def check_tls_files(cert: Path, key: Path) -> tuple[Path, Path]:
    """Load the pair the way uvicorn will; return it, or raise `TlsFilesError`."""
    cert, key = Path(cert).expanduser(), Path(key).expanduser()
    _readable(cert, "certificate")
    _readable(key, "key")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(cert, key, password=_no_password)
    except ssl.SSLError as exc:
        reason = (exc.reason or str(exc)).upper()
        if "MISMATCH" in reason:
            raise TlsFilesError(f"the TLS key {str(key)!r} does not belong to the certificate "
                                f"{str(cert)!r}") from None
        raise TlsFilesError(f"cannot load the TLS certificate {str(cert)!r} and key {str(key)!r}: "
                            "expected PEM files (certificate chain, then its private key)"
                            ) from None
    return cert, key


def check_ca_file(path: Path) -> Path:
    """A client's CA bundle: readable PEM certificates, or raise `TlsFilesError`."""
    path = Path(path).expanduser()
    _readable(path, "CA file")
    try:
        ssl.create_default_context(cafile=str(path))
    except ssl.SSLError:
        raise TlsFilesError(f"the CA file {str(path)!r} holds no PEM certificate") from None
    return path
