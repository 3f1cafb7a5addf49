"""What the built Polaroid server accepts, read from the build itself, for the deployment tests.

Every deployment (the Helm chart, docker-compose) configures the application through environment
variables, ports, probe paths and metric names. A misspelled variable binds to nothing and Spring
says nothing about it, so these tests check every name against what the application really binds:
the Spring configuration metadata in the built jar (Polaroid's own properties and those of every
library: Spring Boot, spring-grpc, ...), the placeholders of application.yml, and a short list of
variables read outside Spring (the JVM's, the AWS SDK's).

The API (kept stable, other tests import it): known_properties(), map_properties(), env_binds(name),
app_ports(), actuator_paths(); and role_default_ports(role), prometheus_metric_names().
"""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "polaroid-server"
CLASSES = SERVER / "target" / "classes"
JAR = SERVER / "target" / "polaroid-server.jar"
APPLICATION_YML = SERVER / "src" / "main" / "resources" / "application.yml"
SERVER_JAVA = SERVER / "src" / "main" / "java"

METADATA_FILES = (
    "META-INF/spring-configuration-metadata.json",
    "META-INF/additional-spring-configuration-metadata.json",
)

# Variables read outside Spring's binding: by the JVM, the image's start script, the AWS SDK.
NON_SPRING_ENV = frozenset({
    "JAVA_TOOL_OPTIONS",
    "JAVA_OPTS",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    # docker/entrypoint.sh: the client token of a compose deployment, which it turns into a tokens
    # file of its hash (POLAROID_SECURITY_TOKENSFILE) and removes before the JVM starts.
    "POLAROID_CLIENT_TOKEN",
})


class ContractError(RuntimeError):
    """The build the contract is read from is missing or unreadable."""


if not JAR.is_file():
    raise ContractError(
        f"{JAR.relative_to(ROOT)} is missing: run `mvn install` (or `make build`) first; the deployment "
        "tests read the properties the application binds from the built jar")


# ---------------------------------------------------------------------------------------------
# Configuration properties


def _read_metadata(text: bytes | str, where: str, properties: dict[str, str]) -> None:
    try:
        data = json.loads(text)
    except ValueError as e:
        raise ContractError(f"{where}: not JSON: {e}") from e
    for p in data.get("properties", []):
        name = p.get("name")
        if name:
            properties.setdefault(name, p.get("type") or "")


@functools.lru_cache(maxsize=None)
def _metadata() -> dict[str, str]:
    """Property name -> Java type, from target/classes and from every jar inside the fat jar."""
    properties: dict[str, str] = {}
    for rel in METADATA_FILES:
        f = CLASSES / rel
        if f.is_file():
            _read_metadata(f.read_bytes(), str(f), properties)
    try:
        with zipfile.ZipFile(JAR) as fat:
            for entry in fat.namelist():
                if entry.startswith("BOOT-INF/classes/") and entry[len("BOOT-INF/classes/"):] in METADATA_FILES:
                    _read_metadata(fat.read(entry), f"{JAR.name}!/{entry}", properties)
                elif entry.startswith("BOOT-INF/lib/") and entry.endswith(".jar"):
                    with zipfile.ZipFile(io.BytesIO(fat.read(entry))) as nested:
                        names = set(nested.namelist())
                        for rel in METADATA_FILES:
                            if rel in names:
                                _read_metadata(nested.read(rel), f"{JAR.name}!/{entry}!/{rel}", properties)
    except zipfile.BadZipFile as e:
        raise ContractError(f"{JAR}: not a jar ({e}): rebuild it with `mvn install`") from e
    if not any(n.startswith("polaroid.") for n in properties):
        raise ContractError(
            "no polaroid.* property in the configuration metadata: polaroid-server must be built with "
            "spring-boot-configuration-processor (run `mvn install`)")
    return properties


def known_properties() -> set[str]:
    """Every property name the application binds (canonical form: lower case, dashed)."""
    return set(_metadata())


def map_properties() -> set[str]:
    """The properties of a Map type: any key below them binds too (polaroid.catalog.<name>)."""
    return {n for n, t in _metadata().items() if t.startswith("java.util.Map")}


# ---------------------------------------------------------------------------------------------
# application.yml


@functools.lru_cache(maxsize=None)
def _application_yml() -> dict:
    """application.yml, its documents merged (none is profile-specific today)."""
    merged: dict = {}
    for doc in yaml.safe_load_all(APPLICATION_YML.read_text()):
        if isinstance(doc, dict) and not _get(doc, "spring.config.activate.on-profile"):
            _merge(merged, doc)
    return merged


def _merge(into: dict, other: dict) -> None:
    for k, v in other.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            _merge(into[k], v)
        else:
            into[k] = v


def _get(tree: dict, dotted: str, default=None):
    """A value by its dotted name, whether YAML wrote it nested or with dots in a key."""
    node = tree
    parts = dotted.split(".")
    i = 0
    while i < len(parts):
        if not isinstance(node, dict):
            return default
        for j in range(len(parts), i, -1):
            key = ".".join(parts[i:j])
            if key in node:
                node = node[key]
                i = j
                break
        else:
            return default
    return node


@functools.lru_cache(maxsize=None)
def yml_placeholders() -> frozenset[str]:
    """Names application.yml reads as ${NAME} or ${NAME:default}."""
    return frozenset(re.findall(r"\$\{([A-Za-z0-9_.\-]+)(?::[^}]*)?\}", APPLICATION_YML.read_text()))


def app_ports() -> dict[str, int]:
    """The ports application.yml configures: grpc (spring.grpc.server.port) and http (server.port)."""
    yml = _application_yml()
    ports = {"grpc": _get(yml, "spring.grpc.server.port"), "http": _get(yml, "server.port")}
    for role, port in ports.items():
        if not isinstance(port, int):
            raise ContractError(f"{APPLICATION_YML}: no integer {role} port ({port!r})")
    return ports


@functools.lru_cache(maxsize=None)
def role_default_ports(role: str) -> dict[str, int]:
    """The ports a process of this role listens on when nothing sets them: application.yml's, unless
    PolaroidServer.java puts other defaults for the role (a worker: 50060 and 8081)."""
    ports = dict(app_ports())
    source = (SERVER_JAVA / "io" / "polaroid" / "server" / "PolaroidServer.java").read_text()
    block = re.search(r"Role\.([A-Z]+)\)\s*\{(.*?)\}", source, re.S)
    if block and block.group(1).lower() == role.lower():
        for prop, value in re.findall(r'defaults\.put\("([^"]+)",\s*(\d+)\)', block.group(2)):
            if prop == "spring.grpc.server.port":
                ports["grpc"] = int(value)
            elif prop == "server.port":
                ports["http"] = int(value)
    return ports


def actuator_paths() -> set[str]:
    """The HTTP paths the actuator serves: each exposed endpoint, plus the health groups (liveness
    and readiness when probes are enabled, and every configured group)."""
    yml = _application_yml()
    base = "/" + str(_get(yml, "management.endpoints.web.base-path", "/actuator")).strip("/")
    include = _get(yml, "management.endpoints.web.exposure.include", "health")
    ids = [s.strip() for s in (include.split(",") if isinstance(include, str) else include)]
    if "*" in ids:
        raise ContractError("management.endpoints.web.exposure.include is '*': list the endpoints")
    paths = {f"{base}/{i}" for i in ids if i}
    if "health" in ids:
        groups = set((_get(yml, "management.endpoint.health.group", {}) or {}).keys())
        if _get(yml, "management.endpoint.health.probes.enabled", False) is True:
            groups |= {"liveness", "readiness"}
        paths |= {f"{base}/health/{g}" for g in groups}
    return paths


# ---------------------------------------------------------------------------------------------
# Environment variables


def _relaxed(name: str) -> str:
    return name.replace("-", "")


@functools.lru_cache(maxsize=None)
def _relaxed_index() -> tuple[frozenset[str], tuple[str, ...]]:
    # A map property binds its keys, not a single value: POLAROID_CATALOG alone binds nothing.
    props = frozenset(_relaxed(p) for p in known_properties() - map_properties())
    maps = tuple(sorted(_relaxed(p) + "." for p in map_properties()))
    return props, maps


def env_binds(name: str) -> bool:
    """True if an environment variable of this name reaches the application: it binds to a known
    property by Spring's relaxed rules (POLAROID_WORKER_ADVERTISEDHOST -> polaroid.worker.advertised-host:
    lower case, '_' -> '.', dashes dropped), or to a key of a map property (POLAROID_CATALOG_ORDERS),
    or application.yml reads it as a placeholder, or the JVM or the AWS SDK reads it."""
    if not name or name in NON_SPRING_ENV or name in yml_placeholders():
        return True
    props, maps = _relaxed_index()
    if name in known_properties() - map_properties():
        return True
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        return False
    # Spring's SystemEnvironmentPropertyMapper: '_' separates elements; a number element is an index.
    candidate = name.lower().replace("_", ".")
    if candidate in props:
        return True
    stripped = re.sub(r"\.\d+(?=\.|$)", "", candidate)  # POLAROID_DATA_ROOTS_0 -> polaroid.data.roots
    if stripped in props:
        return True
    return any(candidate.startswith(m) and len(candidate) > len(m) for m in maps)


# ---------------------------------------------------------------------------------------------
# Metrics


def _prometheus_base(name: str, base_unit: str | None) -> str:
    base = re.sub(r"[^a-zA-Z0-9_]", "_", name)
    if base_unit:
        unit = re.sub(r"[^a-zA-Z0-9_]", "_", base_unit)
        if not base.endswith("_" + unit):
            base += "_" + unit
    return base


@functools.lru_cache(maxsize=None)
def prometheus_metric_names() -> frozenset[str]:
    """The Prometheus series names of the polaroid.* meters the server's code registers, named as
    Micrometer's Prometheus registry names them: dots -> '_', the base unit appended (a timer's is
    seconds), counters end in _total, timers give _seconds_bucket/_count/_sum/_max."""
    names: set[str] = set()
    chain = re.compile(r'\b(Counter|Timer|Gauge|DistributionSummary)\.builder\(\s*"(polaroid\.[^"]+)"(.*?)\.register\(', re.S)
    shorthand = re.compile(r'\.(counter|timer|gauge|summary)\(\s*"(polaroid\.[^"]+)"')
    for java in SERVER_JAVA.rglob("*.java"):
        text = java.read_text()
        found = [(k.lower(), n, re.search(r'\.baseUnit\(\s*"([^"]+)"', rest)) for k, n, rest in chain.findall(text)]
        found += [(k, n, None) for k, n in shorthand.findall(text)]
        for kind, name, unit in found:
            unit = unit.group(1) if unit else None
            if kind == "counter":
                names.add(_prometheus_base(name, unit) + "_total")
            elif kind == "timer":
                base = _prometheus_base(name, "seconds")
                names |= {base + s for s in ("_bucket", "_count", "_sum", "_max")}
            elif kind in ("distributionsummary", "summary"):
                base = _prometheus_base(name, unit)
                names |= {base + s for s in ("_bucket", "_count", "_sum", "_max")}
            else:
                names.add(_prometheus_base(name, unit))
    return frozenset(names)
