"""The published OpenAPI document: fetched, its references walked and resolved, and a copy
with what it lacks filled in so that the fuzzer can run."""
from __future__ import annotations

import copy
from typing import Any, Iterator

import httpx



# ---------------------------------------------------------------------------------------------
# The OpenAPI document.

def fetch_openapi(base_url: str) -> dict:
    response = httpx.get(base_url + "/openapi.json", timeout=10)
    response.raise_for_status()
    return response.json()


def iter_refs(node: Any, where: str = "#") -> Iterator[tuple[str, str]]:
    """Every (JSON pointer of the place, $ref) in a JSON document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                token = str(key).replace("~", "~0").replace("/", "~1")
                yield from iter_refs(value, f"{where}/{token}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_refs(value, f"{where}/{index}")


def resolve_pointer(doc: dict, ref: str) -> Any:
    """The target of a local `#/...` reference; KeyError when there is none."""
    if not ref.startswith("#"):
        raise KeyError(f"not a local reference: {ref}")
    node: Any = doc
    for raw in [t for t in ref[1:].split("/") if t]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            raise KeyError(ref)
    return node


def unresolved_refs(doc: dict) -> list[tuple[str, str]]:
    """(JSON pointer of the place, $ref) for every reference that points at nothing."""
    broken = []
    for where, ref in iter_refs(doc):
        try:
            resolve_pointer(doc, ref)
        except KeyError:
            broken.append((where, ref))
    return broken


def readable_pointer(pointer: str) -> str:
    """`#/paths/~1api~1v1~1x/post/...` as `paths["/api/v1/x"].post....`, for people."""
    parts = [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("#").split("/") if t]
    return "".join(f'["{t}"]' if "/" in t or "." in t else (f".{t}" if i else t)
                   for i, t in enumerate(parts))


def healed(doc: dict) -> tuple[dict, list[str]]:
    """A copy in which a missing `#/components/schemas/X` that some nested `$defs` defines
    (Pydantic's `model_json_schema()` pasted into `openapi_extra`) is hoisted into
    `components/schemas`, so the fuzzer can still generate that operation's body. The document
    test reports the defect; this only keeps it from hiding everything behind it."""
    fixed = copy.deepcopy(doc)
    nested: dict[str, Any] = {}

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for name, schema in (node.get("$defs") or {}).items():
                nested.setdefault(name, schema)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(fixed)
    notes = []
    schemas = fixed.setdefault("components", {}).setdefault("schemas", {})
    prefix = "#/components/schemas/"
    for where, ref in unresolved_refs(fixed):
        name = ref[len(prefix):] if ref.startswith(prefix) else None
        if name in nested and name not in schemas:
            schemas[name] = nested[name]
            notes.append(f"{ref} (used at {readable_pointer(where)}) taken from a nested $defs")
    return fixed, notes
