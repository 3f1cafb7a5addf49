"""The environment a docker-compose service's containers get, resolved from the compose file.

Resolution rules (the subset of the Compose specification that environments use; a Java port
should follow them in this order): (1) The file is read as YAML 1.1 with anchors, aliases and
merge keys resolved: ``<<: *a`` copies the keys of mapping ``a`` that the mapping does not set
itself, and ``<<: [*a, *b]`` merges several, an earlier one winning over a later one; top-level
``x-*`` keys are extensions, not services. (2) A service's ``env_file`` entries (a string, or a list
of strings or of ``{path, required}`` maps, relative to the compose file's folder) are read in
order, a later file overriding an earlier one; each non-blank line not starting with ``#`` is
``KEY=VALUE`` (optionally ``export KEY=VALUE``; the value may be in single quotes, taken literally,
or double quotes) or a bare ``KEY``. ``environment`` then overrides them. (3) ``environment`` is
either a list of ``KEY=VALUE`` strings (split at the first ``=``; the value may be empty) or a map;
a list entry without ``=``, or a map value of null, takes the value from the host environment of
``docker compose`` (the ``host`` argument here) and is left out when the host does not set it.
Map values that YAML typed are written back as compose does: booleans ``true``/``false``,
numbers as written. (4) Values, except those from a single-quoted env_file value, are then
interpolated against the host environment: ``$$`` is a literal ``$``; ``${VAR}`` and ``$VAR`` the
variable (empty when unset); ``${VAR:-def}`` ``def`` when unset or empty, ``${VAR-def}`` when unset;
``${VAR:+alt}`` ``alt`` when set and non-empty, ``${VAR+alt}`` when set; ``${VAR:?msg}`` and
``${VAR?msg}`` an error when unset (or empty, with the colon); defaults may nest ``${...}``. The
host environment defaults to empty, so a file's own defaults decide, the same on every machine.
``extends`` is not followed (a ValueError says so). (5) The host environment of a real ``docker
compose`` is the shell's, over the variables of the ``.env`` file beside the compose file (or
``--env-file``); ``read_dotenv`` reads such a file with the env_file rules of (2).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Mapping

import yaml

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def load_compose(path: str | os.PathLike | None = None) -> dict:
    """The compose file as data: anchors, aliases and merge keys resolved (PyYAML's safe loader)."""
    with open(path or COMPOSE_FILE, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict) or not isinstance(data.get("services"), dict):
        raise ValueError(f"{path or COMPOSE_FILE}: no services")
    return data


def interpolate(value: str, host: Mapping[str, str] | None = None) -> str:
    """Compose's variable interpolation of one string value, against the host environment."""
    host = host or {}
    out: list[str] = []
    i = 0
    while i < len(value):
        c = value[i]
        if c != "$":
            out.append(c)
            i += 1
            continue
        nxt = value[i + 1] if i + 1 < len(value) else ""
        if nxt == "$":
            out.append("$")
            i += 2
        elif nxt == "{":
            end = _closing_brace(value, i + 2)
            out.append(_substitute(value[i + 2:end], host))
            i = end + 1
        else:
            m = _NAME.match(value, i + 1)
            if m:
                out.append(host.get(m.group(0), ""))
                i = m.end()
            else:
                out.append("$")
                i += 1
    return "".join(out)


def _closing_brace(value: str, start: int) -> int:
    depth = 1
    i = start
    while i < len(value):
        if value.startswith("$$", i):
            i += 2
            continue
        if value.startswith("${", i):
            depth += 1
            i += 2
            continue
        if value[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unclosed ${{ in {value!r}")


def _substitute(expr: str, host: Mapping[str, str]) -> str:
    m = _NAME.match(expr)
    if not m:
        raise ValueError(f"bad variable reference ${{{expr}}}")
    name, rest = m.group(0), expr[m.end():]
    is_set = name in host
    current = host.get(name, "")
    if rest == "":
        return current
    for op in (":-", "-", ":+", "+", ":?", "?"):
        if rest.startswith(op):
            arg = rest[len(op):]
            present = is_set and (current != "" or not op.startswith(":"))
            if op.endswith("-"):
                return current if present else interpolate(arg, host)
            if op.endswith("+"):
                return interpolate(arg, host) if present else ""
            if not present:
                raise ValueError(f"required variable {name} is missing: {interpolate(arg, host)}")
            return current
    raise ValueError(f"bad variable reference ${{{expr}}}")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _env_files(service: Mapping[str, Any], base: Path) -> list[tuple[Path, bool]]:
    spec = service.get("env_file")
    if spec is None:
        return []
    entries = spec if isinstance(spec, list) else [spec]
    files = []
    for e in entries:
        if isinstance(e, dict):
            files.append((base / e["path"], bool(e.get("required", True))))
        else:
            files.append((base / str(e), True))
    return files


def _read_env_file(path: Path, required: bool, host: Mapping[str, str]) -> dict[str, str]:
    if not path.exists():
        if required:
            raise FileNotFoundError(path)
        return {}
    env: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export "):].lstrip()
        if "=" not in line:
            if line in host:
                env[line] = host[line]
            continue
        key, val = line.split("=", 1)
        key, val = key.strip(), val.strip()
        if len(val) >= 2 and val[0] == val[-1] == "'":
            env[key] = val[1:-1]
            continue
        if len(val) >= 2 and val[0] == val[-1] == '"':
            val = val[1:-1]
        env[key] = interpolate(val, host)
    return env


def read_dotenv(path: str | os.PathLike, host: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables of a ``.env`` file (the project environment Compose interpolates with)."""
    return _read_env_file(Path(path), True, dict(host or {}))


def compose_environment(service: str, compose_file: str | os.PathLike | None = None,
                        host: Mapping[str, str] | None = None) -> dict[str, str]:
    """The resolved environment of ``service`` (rules in this module's docstring)."""
    path = Path(compose_file or COMPOSE_FILE)
    host = dict(host or {})
    services = load_compose(path)["services"]
    if service not in services:
        raise KeyError(f"no service {service!r} in {path}; services: {sorted(services)}")
    svc = services[service] or {}
    if "extends" in svc:
        raise ValueError(f"service {service!r} uses extends, which compose_environment does not follow")

    env: dict[str, str] = {}
    for file, required in _env_files(svc, path.parent):
        env.update(_read_env_file(file, required, host))

    spec = svc.get("environment") or {}
    items: list[tuple[str, Any]] = []
    if isinstance(spec, dict):
        items = list(spec.items())
    elif isinstance(spec, list):
        for entry in spec:
            entry = str(entry)
            if "=" in entry:
                k, v = entry.split("=", 1)
                items.append((k, v))
            else:
                items.append((entry, None))
    else:
        raise ValueError(f"service {service!r}: environment must be a list or a map")
    for key, value in items:
        key = str(key)
        if value is None:
            if key in host:
                env[key] = host[key]
            else:
                env.pop(key, None)
            continue
        env[key] = interpolate(_scalar(value), host)
    return env
