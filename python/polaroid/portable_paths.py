"""The files a scan's local paths name, found as the engine finds them (FileSystems.expand): a glob
matches within its folders (``*`` does not cross ``/``), a folder is read with everything under it
that has the format's extension (names starting with ``.`` or ``_`` left out), files in path order."""
from __future__ import annotations

import glob as _glob
import os

from polaroid.backend import PolaroidError

EXTENSIONS = {"PARQUET": (".parquet", ".parq", ".pq"), "CSV": (".csv", ".tsv", ".txt"),
              "IPC": (".arrow", ".ipc", ".feather")}


def expand(paths: list, fmt: str) -> list:
    out = []
    for p in paths:
        if "://" in p:
            out.append(p)
            continue
        matches = sorted(_glob.glob(p, include_hidden=True)) if any(ch in p for ch in "*?[") else [p] if os.path.exists(p) else []
        found = []
        for m in matches:
            found.extend(_under(m, EXTENSIONS.get(fmt, ())) if os.path.isdir(m) else [m])
        if not found:
            raise PolaroidError("no file matches '%s'" % p, "FILE_NOT_FOUND")
        out.extend(sorted(found))
    return out


def _under(folder: str, extensions: tuple) -> list:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        files.extend(os.path.join(root, n) for n in names
                     if not n.startswith((".", "_")) and (not extensions or n.endswith(extensions)))
    return files
