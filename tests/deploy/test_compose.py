"""docker-compose.yml, docker/Dockerfile, docker/entrypoint.sh and .dockerignore against what the
server really binds and serves (app_contract): every environment variable binds to a property,
ports and health checks are the ones the app listens on, the workers scale, the object store and
its one-shot upload agree with the data roots and the catalog. Nothing here needs Docker.

    python/.venv/bin/python -m pytest -q tests/deploy/test_compose.py
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import app_contract  # noqa: E402  (tests/deploy, written with the Helm chart's tests)
from compose_env import COMPOSE_FILE, interpolate, load_compose, read_dotenv  # noqa: E402
from compose_env import compose_environment as resolve_environment  # noqa: E402

DOCKERFILE = ROOT / "docker" / "Dockerfile"
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
DOCKERIGNORE = ROOT / ".dockerignore"

COMPOSE_ENV_SCRIPT = ROOT / "scripts" / "compose-env.sh"
# What the compose file demands from .env (scripts/compose-env.sh writes them). The tests resolve the
# file against these stand-ins, the same on every machine, as `docker compose` would with such a .env.
DOTENV_VARIABLES = ("POLAROID_INTERNAL_SECRET", "POLAROID_CLIENT_TOKEN")
DOTENV = {"POLAROID_INTERNAL_SECRET": "internal-secret-of-the-tests-0123456789",
          "POLAROID_CLIENT_TOKEN": "client-token-of-the-tests-0123456789"}
# The settings that carry a credential of Polaroid's own: never a literal in the compose file.
SECRET_SETTINGS = ("POLAROID_SECURITY_INTERNALSECRET", "POLAROID_CLIENT_TOKEN")


def compose_environment(name: str, host: dict | None = None) -> dict[str, str]:
    """The resolved environment of a service, with the project environment of a generated .env."""
    return resolve_environment(name, host=DOTENV if host is None else host)


COMPOSE = load_compose()
SERVICES: dict = COMPOSE["services"]
IMAGE_DEFAULT_ROLE = "coordinator"  # ENV POLAROID_ROLE in docker/Dockerfile (checked below)


# --- reading the files -------------------------------------------------------------------------

def is_polaroid(name: str) -> bool:
    svc = SERVICES[name] or {}
    build = svc.get("build")
    dockerfile = build.get("dockerfile", "") if isinstance(build, dict) else ""
    return str(svc.get("image", "")).startswith("polaroid:") or dockerfile.endswith("docker/Dockerfile")


POLAROID = sorted(n for n in SERVICES if is_polaroid(n))


def role(name: str) -> str:
    return compose_environment(name).get("POLAROID_ROLE", IMAGE_DEFAULT_ROLE).strip().lower()


COORDINATORS = [n for n in POLAROID if role(n) == "coordinator"]
WORKERS = [n for n in POLAROID if role(n) == "worker"]


def grpc_port(name: str) -> int:
    env = compose_environment(name)
    if "SPRING_GRPC_SERVER_PORT" in env:
        return int(env["SPRING_GRPC_SERVER_PORT"])
    return app_contract.role_default_ports(role(name))["grpc"]


def http_port(name: str) -> int:
    env = compose_environment(name)
    if "SERVER_PORT" in env:
        return int(env["SERVER_PORT"])
    return app_contract.role_default_ports(role(name))["http"]


def published_ports(name: str) -> list[tuple[str, int | None, int, str]]:
    """(host ip, host port or None, container port, protocol) of every `ports` entry."""
    out = []
    for p in (SERVICES[name] or {}).get("ports") or []:
        if isinstance(p, dict):
            published = p.get("published")
            out.append((str(p.get("host_ip", "")), int(interpolate(str(published))) if published else None,
                        int(p["target"]), p.get("protocol", "tcp")))
            continue
        spec = interpolate(str(p))
        spec, _, proto = spec.partition("/")
        parts = spec.rsplit(":", 2) if not spec.startswith("[") else [spec[:spec.index("]") + 1]] + spec[spec.index("]") + 2:].split(":")
        assert all("-" not in x for x in parts[-2:]), f"{name}: port ranges are not expected: {p}"
        if len(parts) == 1:
            out.append(("", None, int(parts[0]), proto or "tcp"))
        elif len(parts) == 2:
            out.append(("", int(parts[0]) if parts[0] else None, int(parts[1]), proto or "tcp"))
        else:
            out.append((parts[0], int(parts[1]) if parts[1] else None, int(parts[2]), proto or "tcp"))
    return out


def depends_on(name: str) -> dict[str, str]:
    """dependency -> condition; the short (list) form means service_started."""
    deps = (SERVICES[name] or {}).get("depends_on") or {}
    if isinstance(deps, list):
        return {d: "service_started" for d in deps}
    return {d: (spec or {}).get("condition", "service_started") for d, spec in deps.items()}


def healthcheck_text(name: str) -> str:
    test = ((SERVICES[name] or {}).get("healthcheck") or {}).get("test")
    if isinstance(test, list):
        return " ".join(str(t) for t in test)
    return str(test or "")


HEALTH_URL = re.compile(r"https?://(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)(/[^\s\"'|;&]*)")


def health_url(name: str) -> tuple[int, str]:
    m = HEALTH_URL.search(healthcheck_text(name))
    assert m, f"{name}: the healthcheck calls no http://127.0.0.1:<port>/... URL: {healthcheck_text(name)!r}"
    return int(m.group(1)), m.group(2)


def command_text(name: str) -> str:
    svc = SERVICES[name] or {}
    parts = []
    for key in ("entrypoint", "command"):
        v = svc.get(key)
        parts.extend(v if isinstance(v, list) else [v] if v else [])
    return "\n".join(str(p) for p in parts)


def volumes(name: str) -> list[dict]:
    """Every volume entry in long form: {type, source, target, read_only}."""
    out = []
    for v in (SERVICES[name] or {}).get("volumes") or []:
        if isinstance(v, dict):
            out.append({"type": v.get("type", "volume"), "source": interpolate(str(v.get("source", ""))),
                        "target": v["target"], "read_only": bool(v.get("read_only", False))})
            continue
        parts = interpolate(str(v)).split(":")
        source, target = (parts[0], parts[1]) if len(parts) > 1 else ("", parts[0])
        mode = parts[2] if len(parts) > 2 else ""
        kind = "bind" if source.startswith((".", "/", "~")) else "volume"
        out.append({"type": kind, "source": source, "target": target, "read_only": "ro" in mode.split(",")})
    return out


def store_service() -> str:
    return urlparse(compose_environment(POLAROID[0])["POLAROID_S3_ENDPOINT"]).hostname


def data_root_buckets() -> set[str]:
    roots = compose_environment(POLAROID[0])["POLAROID_DATA_ROOTS"].split(",")
    return {urlparse(r.strip()).netloc for r in roots if r.strip().startswith(("s3a://", "s3://"))}


def catalog() -> dict[str, str]:
    env = compose_environment(POLAROID[0])
    return {k[len("POLAROID_CATALOG_"):].lower(): v for k, v in env.items() if k.startswith("POLAROID_CATALOG_")}


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    out, current = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#") or not line:  # also inside a continued instruction, as Docker does
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        word, _, args = current.partition(" ")
        out.append((word.upper(), args.strip()))
        current = ""
    assert not current, "the Dockerfile ends inside a continued line"
    return out


def dockerfile_stages() -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instr in dockerfile_instructions():
        if instr[0] == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(instr)
    return stages


def dockerfile_args() -> dict[str, str]:
    """ARG defaults declared before the first FROM (what FROM lines may use)."""
    args = {}
    for word, rest in dockerfile_instructions():
        if word == "FROM":
            break
        if word == "ARG" and "=" in rest:
            k, v = rest.split("=", 1)
            args[k.strip()] = v.strip().strip('"')
    return args


def from_image(args: str) -> tuple[str, str | None]:
    tokens = [t for t in args.split() if not t.startswith("--")]
    image = interpolate(tokens[0], dockerfile_args())
    alias = tokens[2] if len(tokens) >= 3 and tokens[1].upper() == "AS" else None
    return image, alias


def stage_env(stage: list[tuple[str, str]]) -> dict[str, str]:
    env = {}
    for word, rest in stage:
        if word != "ENV":
            continue
        tokens = shlex.split(rest)
        if len(tokens) >= 2 and "=" not in tokens[0]:  # legacy ENV KEY value
            env[tokens[0]] = " ".join(tokens[1:])
            continue
        for t in tokens:
            k, _, v = t.partition("=")
            env[k] = v
    return env


def dockerignore_excludes(path: str) -> bool:
    """Whether .dockerignore keeps `path` (relative, with /) out of the build context: the last
    matching pattern decides (! re-includes); a pattern matching a parent folder matches too."""
    rules = []
    for raw in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line[1:].strip() if negate else line
        pattern = pattern.strip("/") if pattern != "/" else pattern
        rules.append((negate, re.compile(_glob_regex(pattern))))
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    excluded = False
    for negate, rx in rules:
        if any(rx.fullmatch(c) for c in candidates):
            excluded = not negate
    return excluded


def _glob_regex(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


# --- the compose file: services and environments ----------------------------------------------

def test_the_cluster_has_one_coordinator_and_a_worker_service():
    assert COORDINATORS == ["coordinator"], f"polaroid services {POLAROID}, coordinators {COORDINATORS}"
    assert WORKERS == ["worker"], f"polaroid services {POLAROID}, workers {WORKERS}"


def test_polaroid_services_run_the_image_built_from_docker_dockerfile():
    version = re.search(r"<version>([^<]+)</version>",
                        (ROOT / "pom.xml").read_text(encoding="utf-8").split("</parent>")[-1]).group(1)
    expected = "polaroid:" + version.removesuffix("-SNAPSHOT")
    built = []
    for name in POLAROID:
        svc = SERVICES[name]
        assert svc.get("image") == expected, f"{name}: image {svc.get('image')!r}, the project is {version}"
        build = svc.get("build")
        if build is not None:
            assert isinstance(build, dict), f"{name}: build as a map with context and dockerfile"
            assert (COMPOSE_FILE.parent / build.get("context", ".") / build["dockerfile"]).resolve() == DOCKERFILE
            built.append(name)
    assert built, "some polaroid service builds the image (build: docker/Dockerfile)"


@pytest.mark.parametrize("service", POLAROID)
def test_every_environment_variable_binds_to_a_property_the_app_has(service):
    unbound = [name for name in compose_environment(service) if not app_contract.env_binds(name)]
    assert not unbound, f"{service}: these bind to nothing the app reads: {unbound}"


def test_the_servers_share_their_store_roots_and_catalog():
    def shared(env):
        return {k: v for k, v in env.items()
                if k.startswith(("POLAROID_S3_", "POLAROID_DATA_", "POLAROID_CATALOG_", "POLAROID_HADOOP_", "AWS_"))}
    first = shared(compose_environment(POLAROID[0]))
    assert first, "the servers are configured for the object store"
    for name in POLAROID[1:]:
        assert shared(compose_environment(name)) == first, f"{name} and {POLAROID[0]} disagree"


# --- ports, scaling, health -------------------------------------------------------------------

def test_the_coordinator_publishes_exactly_its_grpc_and_http_ports():
    for name in COORDINATORS:
        ports = published_ports(name)
        targets = sorted(p[2] for p in ports)
        assert targets == sorted({grpc_port(name), http_port(name)}), f"{name}: publishes {ports}"
        assert all(p[3] == "tcp" for p in ports)
        # the same number on the host, so grpc://localhost:50052 works as in the README
        assert all(p[1] == p[2] for p in ports), f"{name}: host and container ports differ: {ports}"


def test_the_coordinator_ports_are_the_app_defaults():
    # Not required by Compose, but the README and the clients' defaults assume them.
    ports = app_contract.app_ports()
    assert (grpc_port("coordinator"), http_port("coordinator")) == (ports["grpc"], ports["http"])


def test_workers_scale():
    for name in WORKERS:
        svc = SERVICES[name]
        assert not svc.get("ports"), f"{name}: published ports would clash under --scale"
        assert "container_name" not in svc, f"{name}: a fixed container name prevents --scale"
        assert "hostname" not in svc, f"{name}: one host name for every replica"
        replicas = (svc.get("deploy") or {}).get("replicas")
        assert isinstance(replicas, int) and replicas >= 1, f"{name}: deploy.replicas (what --scale overrides)"
        env = compose_environment(name)
        assert not env.get("POLAROID_WORKER_ADVERTISEDHOST"), \
            f"{name}: a fixed advertised host would be every replica's; the entrypoint sets each one's own"
        assert "SPRING_GRPC_SERVER_PORT" in env and "SERVER_PORT" in env, f"{name}: its ports explicitly"


def test_workers_register_at_the_coordinator_service_and_its_grpc_port():
    (coordinator,) = COORDINATORS
    for name in WORKERS:
        target = compose_environment(name).get("POLAROID_WORKER_COORDINATOR", "")
        assert "://" not in target, f"{name}: host:port, no scheme: {target!r}"
        assert target == f"{coordinator}:{grpc_port(coordinator)}"


@pytest.mark.parametrize("service", POLAROID)
def test_healthchecks_ask_the_actuator_on_the_service_http_port(service):
    port, path = health_url(service)
    assert port == http_port(service), f"{service}: healthcheck on {port}, HTTP on {http_port(service)}"
    assert path in app_contract.actuator_paths(), f"{service}: {path} is not an actuator path of the app"
    expected = "/actuator/health/readiness" if role(service) == "coordinator" else "/actuator/health/liveness"
    assert path == expected
    tool = healthcheck_text(service).split()[1] if healthcheck_text(service).startswith("CMD ") else None
    if tool in ("curl", "wget"):
        assert image_installs(tool), f"{service}: the healthcheck runs {tool}, which the image must contain"


def image_installs(tool: str) -> bool:
    final = dockerfile_stages()[-1]
    return any(w == "RUN" and re.search(rf"\b(apt-get|apk|microdnf|dnf|yum)\b[^&;]*\binstall\b[^&;]*\b{tool}\b|"
                                        rf"\bapk\b[^&;]*\badd\b[^&;]*\b{tool}\b", r)
               for w, r in final)


def test_depends_on_waits_for_health_or_completion():
    store, init = store_service(), "s3-init"
    for name, svc in SERVICES.items():
        deps = (svc or {}).get("depends_on") or {}
        assert isinstance(deps, dict), f"{name}: depends_on in the long form, with a condition"
        for dep, condition in depends_on(name).items():
            assert dep in SERVICES, f"{name} depends on an unknown service {dep}"
            assert "condition" in (deps[dep] or {}), f"{name} -> {dep}: an explicit condition"
            if condition == "service_healthy":
                assert (SERVICES[dep] or {}).get("healthcheck") or is_polaroid(dep), f"{dep} has no healthcheck"
            if dep == store:
                assert condition == "service_healthy", f"{name} -> {dep}"
            if dep == init:
                assert condition == "service_completed_successfully", f"{name} -> {dep}"
    for name in POLAROID:
        assert depends_on(name).get(init) == "service_completed_successfully", f"{name}: starts after the upload"
        assert depends_on(name).get(store) == "service_healthy", f"{name}: starts after the store is healthy"
    # The coordinator is ready only once a worker has registered: a worker waiting for the
    # coordinator's health would never start.
    for w in WORKERS:
        for c in COORDINATORS:
            if depends_on(w).get(c) == "service_healthy":
                assert health_url(c)[1] != "/actuator/health/readiness", f"{w} <-> {c}: a start-up deadlock"
    assert (SERVICES[store] or {}).get("healthcheck"), f"{store}: a healthcheck"


# --- Polaroid's credentials: .env, never the compose file --------------------------------------

REQUIRED = re.compile(r"\$\{(?P<var>[A-Za-z_][A-Za-z0-9_]*):\?(?P<msg>[^}]+)\}")


def raw_environment(name: str) -> dict[str, str]:
    """A service's environment as written (anchors and merge keys resolved, nothing interpolated)."""
    env = (SERVICES[name] or {}).get("environment") or {}
    if isinstance(env, list):
        return dict(str(e).split("=", 1) if "=" in str(e) else (str(e), "") for e in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def test_authentication_is_on_with_the_secret_from_dotenv():
    for name in POLAROID:
        env = compose_environment(name)
        assert env.get("POLAROID_SECURITY_AUTH", "token") == "token", f"{name}: authentication is off"
        assert env["POLAROID_SECURITY_INTERNALSECRET"] == DOTENV["POLAROID_INTERNAL_SECRET"], \
            f"{name}: the internal secret is not .env's POLAROID_INTERNAL_SECRET"
        for key in ("POLAROID_SECURITY_AUTH", "POLAROID_SECURITY_INTERNALSECRET"):
            assert app_contract.env_binds(key), f"{key} binds to no property of the built jar"
    for name in COORDINATORS:
        assert compose_environment(name)["POLAROID_CLIENT_TOKEN"] == DOTENV["POLAROID_CLIENT_TOKEN"]
    for name in WORKERS:
        assert "POLAROID_CLIENT_TOKEN" not in compose_environment(name), f"{name}: a worker has no use for the client token"


def test_secrets_are_never_inlined_nor_defaulted():
    """Each credential setting is ${VAR:?message}: no literal, no ${VAR:-default}, no optional form."""
    for name in POLAROID:
        raw = raw_environment(name)
        for key in SECRET_SETTINGS:
            if key not in raw:
                continue
            m = REQUIRED.fullmatch(raw[key].strip())
            assert m, f"{name}: {key}={raw[key]!r} is not a required variable ${{VAR:?message}}"
            assert m.group("var") in DOTENV_VARIABLES, f"{name}: {key} reads {m.group('var')}, not a .env variable"
            assert "compose-env.sh" in m.group("msg"), f"{name}: {key}: the message says how to make .env"
        for key, value in raw.items():
            if re.search(r"SECRET|TOKEN|PASSWORD", key) and key.startswith("POLAROID_") and not key.endswith("FILE"):
                assert key in SECRET_SETTINGS, f"{name}: {key} carries a credential the tests do not know"


@pytest.mark.parametrize("missing", DOTENV_VARIABLES)
def test_compose_refuses_to_start_without_the_dotenv_values(missing):
    needing = [n for n in POLAROID if any(f"${{{missing}:?" in v for v in raw_environment(n).values())]
    assert needing, f"no service requires {missing}"
    for unset_or_empty in ({k: v for k, v in DOTENV.items() if k != missing}, {**DOTENV, missing: ""}):
        for name in needing:
            with pytest.raises(ValueError, match=rf"required variable {missing} is missing: .*compose-env\.sh"):
                compose_environment(name, host=unset_or_empty)


def test_the_entrypoint_reads_the_client_token_and_sets_a_tokens_file_that_binds():
    text = ENTRYPOINT.read_text(encoding="utf-8")
    assert "POLAROID_CLIENT_TOKEN" in text and "POLAROID_SECURITY_TOKENSFILE=" in text
    assert app_contract.env_binds("POLAROID_SECURITY_TOKENSFILE")


def test_dotenv_is_ignored_by_git_and_by_the_build_context():
    assert dockerignore_excludes(".env"), ".env would be sent to the image build"
    if not shutil.which("git"):
        pytest.skip("no git")
    p = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT, capture_output=True, timeout=30)
    assert p.returncode == 0, ".env is not git-ignored"


def run_compose_env(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(COMPOSE_ENV_SCRIPT), *args], capture_output=True, text=True, check=True, timeout=30)


def test_compose_env_script_writes_a_private_dotenv_that_the_compose_file_accepts(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("TPCH_DATA=./data/tpch-sf1\n")
    run_compose_env(str(dotenv))
    assert stat.S_IMODE(dotenv.stat().st_mode) == 0o600, "only its owner reads .env"
    values = read_dotenv(dotenv)
    assert values["TPCH_DATA"] == "./data/tpch-sf1", "other settings of the file are kept"
    for var in DOTENV_VARIABLES:
        assert re.fullmatch(r"[0-9a-f]{64}", values[var]), f"{var}: 32 random bytes in hex"
    assert values["POLAROID_INTERNAL_SECRET"] != values["POLAROID_CLIENT_TOKEN"]
    for name in POLAROID:
        env = compose_environment(name, host=values)
        assert env["POLAROID_SECURITY_INTERNALSECRET"] == values["POLAROID_INTERNAL_SECRET"]
    # Again: the values stay (a running cluster keeps working); --rotate makes new ones.
    run_compose_env(str(dotenv))
    assert read_dotenv(dotenv) == values
    run_compose_env("--rotate", str(dotenv))
    rotated = read_dotenv(dotenv)
    assert all(rotated[v] != values[v] for v in DOTENV_VARIABLES) and rotated["TPCH_DATA"] == values["TPCH_DATA"]
    other = tmp_path / "other.env"
    run_compose_env(str(other))
    assert all(read_dotenv(other)[v] != rotated[v] for v in DOTENV_VARIABLES), "every .env gets its own values"


def test_make_compose_env_runs_the_script():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^compose-env:.*\n\t.*scripts/compose-env\.sh", makefile, re.M)
    assert COMPOSE_ENV_SCRIPT.stat().st_mode & stat.S_IXUSR, "scripts/compose-env.sh is executable"


# --- the object store and its upload ----------------------------------------------------------

def test_the_s3_endpoint_names_the_store_service_and_its_port():
    env = compose_environment(POLAROID[0])
    url = urlparse(env["POLAROID_S3_ENDPOINT"])
    store = url.hostname
    assert store in SERVICES and not is_polaroid(store), f"POLAROID_S3_ENDPOINT names {store!r}"
    port = url.port or (443 if url.scheme == "https" else 80)
    svc = SERVICES[store]
    container_ports = {int(str(p).split("/")[0]) for p in svc.get("expose") or []}
    container_ports |= {p[2] for p in published_ports(store)}
    assert port in container_ports, f"{store} exposes {container_ports}, the endpoint says {port}"
    address = re.search(r"--address\s+\S*:(\d+)", command_text(store))
    if address:
        assert int(address.group(1)) == port, f"{store} listens on {address.group(1)}"
    assert env.get("POLAROID_S3_PATHSTYLEACCESS") == "true", "an S3-compatible store at a host name: path style"
    assert env.get("POLAROID_S3_REGION"), "a signing region"


def test_the_servers_and_the_upload_use_the_store_credentials():
    store_env = compose_environment(store_service())
    user = store_env.get("MINIO_ROOT_USER") or store_env.get("S3PROXY_IDENTITY")
    secret = store_env.get("MINIO_ROOT_PASSWORD") or store_env.get("S3PROXY_CREDENTIAL")
    assert user and secret, "the store's credentials are set in the compose file"
    for name in POLAROID + ["s3-init"]:
        env = compose_environment(name)
        key = env.get("POLAROID_S3_ACCESSKEY") or env.get("AWS_ACCESS_KEY_ID")
        value = env.get("POLAROID_S3_SECRETKEY") or env.get("AWS_SECRET_ACCESS_KEY")
        assert (key, value) == (user, secret), f"{name}: other credentials than {store_service()}'s"


def test_the_catalog_lies_in_the_data_roots_bucket():
    buckets = data_root_buckets()
    roots = [r.strip() for r in compose_environment(POLAROID[0])["POLAROID_DATA_ROOTS"].split(",")]
    tables = catalog()
    assert {"lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"} <= set(tables)
    for table, uri in tables.items():
        u = urlparse(uri)
        assert u.scheme == "s3a" and u.netloc in buckets, f"{table}: {uri} is not in {buckets}"
        assert any(uri.startswith(r if r.endswith("/") else r + "/") for r in roots), f"{table}: outside {roots}"


def test_s3_init_mounts_the_data_read_only_creates_the_bucket_and_uploads_the_catalog():
    assert "s3-init" in SERVICES
    assert depends_on("s3-init").get(store_service()) == "service_healthy"
    binds = [v for v in volumes("s3-init") if v["type"] == "bind"]
    assert len(binds) == 1, f"s3-init mounts the data folder: {volumes('s3-init')}"
    (data,) = binds
    assert data["read_only"], "the data folder is mounted read-only"
    assert data["source"].startswith("./data/"), f"the data comes from the repository's data/ ({data['source']})"
    script = command_text("s3-init")
    (bucket,) = data_root_buckets()
    assert re.search(rf"\bmb\b.*\S+/{re.escape(bucket)}\b", script), f"s3-init creates the bucket {bucket}"
    prefixes = {urlparse(u).path.lstrip("/").rsplit("/", 1)[0] for u in catalog().values()}
    assert len(prefixes) == 1, f"one folder for the demo tables: {prefixes}"
    (prefix,) = prefixes
    upload = [line for line in script.splitlines()
              if re.search(r"\b(mirror|cp|put)\b", line) and data["target"] in line]
    assert upload and any(f"/{bucket}/{prefix}" in line for line in upload), \
        f"s3-init uploads {data['target']} to {bucket}/{prefix}: {upload}"
    # make data writes <table>.parquet for the eight TPC-H tables (TpchGenerator); when the folder
    # exists here, the files themselves are checked too.
    tpch = {"customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"}
    names = {urlparse(uri).path.rsplit("/", 1)[1] for uri in catalog().values()}
    assert names == {t + ".parquet" for t in tpch}, f"the catalog names the TPC-H files make data writes: {names}"
    folder = (COMPOSE_FILE.parent / data["source"]).resolve()
    if folder.is_dir():
        for name in names:
            assert (folder / name).exists(), f"{name} is not in {folder}"


def test_images_name_no_registry_host():
    """Image references are written without a registry host (the engine's configured one is used)."""
    images = [str((s or {}).get("image", "")) for s in SERVICES.values()]
    images += [from_image(a)[0] for w, a in dockerfile_instructions() if w == "FROM"]
    images += [v for k, v in dockerfile_args().items() if k.endswith("IMAGE")]
    for image in images:
        first = image.split("/")[0]
        if "/" in image:
            assert "." not in first and ":" not in first and first != "localhost", f"{image}: a registry host"


# --- the image ----------------------------------------------------------------------------------

def test_the_dockerfile_builds_in_a_jdk_stage_and_runs_on_a_jre():
    stages = dockerfile_stages()
    assert len(stages) >= 2, "multi-stage"
    build = next(st for st in stages if "maven" in from_image(st[0][1])[0])
    build_image, build_alias = from_image(build[0][1])
    runtime_image, _ = from_image(stages[-1][0][1])
    assert "maven" in build_image and "17" in build_image, build_image
    assert "jre" in runtime_image and "17" in runtime_image, runtime_image
    build_runs = " ".join(r for w, r in build if w == "RUN")
    assert re.search(r"\bmvn\b.*\b(package|install)\b", build_runs) and "polaroid-server" in build_runs
    assert "--mount=type=cache" in build_runs or "go-offline" in build_runs, "the Maven repository is cached"
    assert any(w == "COPY" and f"--from={build_alias}" in r for w, r in stages[-1]), "the jar comes from the build"


def test_the_console_is_built_by_npm_in_its_own_stage_and_packed_into_the_jar():
    stages = dockerfile_stages()
    web = next(st for st in stages if "node" in from_image(st[0][1])[0])
    web_image, web_alias = from_image(web[0][1])
    web_runs = " ".join(r for w, r in web if w == "RUN")
    assert "npm ci" in web_runs and "npm run build" in web_runs
    build = next(st for st in stages if "maven" in from_image(st[0][1])[0])
    assert stages.index(web) < stages.index(build), "a stage copies only from stages before it"
    copies = [r for w, r in build if w == "COPY" and f"--from={web_alias}" in r]
    assert copies and copies[0].split()[-1] == "web/dist", "the pom packs web/dist into the jar's static/"
    assert "../web/dist" in (ROOT / "polaroid-server" / "pom.xml").read_text(encoding="utf-8")


def test_the_dockerfile_builds_without_buildkit():
    """DockerImageTest builds the image through Testcontainers, i.e. the Engine API's classic
    builder: no BuildKit-only syntax."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert not re.match(r"\s*#\s*syntax\s*=", text), "a # syntax= directive"
    for word, args in dockerfile_instructions():
        assert not (word == "RUN" and re.search(r"--(mount|network|security)\b", args)), f"RUN {args[:60]}"
        assert not (word in ("COPY", "ADD") and re.search(r"--(chmod|link|exclude|parents|checksum)\b", args)), \
            f"{word} {args[:60]}"
        assert "<<" not in args or word not in ("RUN", "COPY"), f"a heredoc in {word}"


def test_the_dependency_layer_copies_every_module_pom():
    """The poms-only layer that prefetches dependencies must see the whole reactor."""
    build = dockerfile_stages()[0]
    runs = [i for i, (w, r) in enumerate(build) if w == "RUN" and "go-offline" in r]
    if not runs:
        pytest.skip("no dependency prefetch layer")
    copied = {r.split()[0] for w, r in build[:runs[0]] if w == "COPY"}
    modules = re.findall(r"<module>([^<]+)</module>", (ROOT / "pom.xml").read_text(encoding="utf-8"))
    missing = [m for m in ["."] + modules if ("pom.xml" if m == "." else f"{m}/pom.xml") not in copied]
    assert not missing, f"the prefetch layer lacks the poms of {missing}"


def test_the_runtime_runs_as_a_non_root_user():
    users = [r.split()[0] for w, r in dockerfile_stages()[-1] if w == "USER"]
    assert users, "USER in the runtime stage"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0"), users[-1]


def test_the_image_healthcheck_asks_the_actuator():
    checks = [r for w, r in dockerfile_stages()[-1] if w == "HEALTHCHECK"]
    assert len(checks) == 1
    m = re.search(r"/actuator/[\w/-]+", checks[0])
    assert m and m.group(0) in app_contract.actuator_paths(), checks[0]
    uses = checks[0] + (ENTRYPOINT.read_text(encoding="utf-8") if "entrypoint.sh" in checks[0] else "")
    for tool in ("curl", "wget"):
        if re.search(rf"\b{tool}\b", uses):
            assert image_installs(tool), f"the HEALTHCHECK uses {tool}; the runtime stage installs it"


def test_the_image_exposes_the_app_ports_and_defaults_to_the_coordinator():
    final = dockerfile_stages()[-1]
    exposed = {int(p.split("/")[0]) for w, r in final if w == "EXPOSE" for p in r.split()}
    assert set(app_contract.app_ports().values()) <= exposed, exposed
    env = stage_env(final)
    assert env.get("POLAROID_ROLE") == IMAGE_DEFAULT_ROLE
    unbound = [k for k in env if k.startswith(("POLAROID_", "SPRING_", "SERVER_")) and not app_contract.env_binds(k)]
    assert not unbound, unbound


def test_the_image_starts_java_with_the_arrow_flags():
    final = dockerfile_stages()[-1]
    env = stage_env(final)
    flags = " ".join(env.values()) + " " + ENTRYPOINT.read_text(encoding="utf-8")
    assert "--add-opens=java.base/java.nio=ALL-UNNAMED" in flags
    entry = [r for w, r in final if w == "ENTRYPOINT"]
    assert entry and "/app/entrypoint.sh" in entry[-1]
    assert any(w == "COPY" and "docker/entrypoint.sh" in r for w, r in final)
    assert ENTRYPOINT.stat().st_mode & stat.S_IXUSR, "docker/entrypoint.sh is executable"


def test_dockerignore_keeps_data_and_build_output_out_but_the_sources_in():
    for path in ("data/tpch-sf0.1/lineitem.parquet", "logs/cluster/worker1.log", "bench-results/sf1.csv",
                 "python/.venv/bin/python", "polaroid-server/target/polaroid-server.jar",
                 "src-proto/target/classes/x.class", ".git/HEAD", ".tools/bin/helm", "web/node_modules/x/index.js",
                 "web/dist/app.js"):
        assert dockerignore_excludes(path), f"{path} would be in the build context"
    modules = re.findall(r"<module>([^<]+)</module>", (ROOT / "pom.xml").read_text(encoding="utf-8"))
    needed = ["pom.xml", "docker/entrypoint.sh", "docker/Dockerfile", "web/package.json", "web/package-lock.json",
              "web/build.mjs", "web/src/index.js", "web/console/index.html"]
    for module in modules:
        needed.append(f"{module}/pom.xml")
        sources = sorted((ROOT / module / "src" / "main").rglob("*.*")) if (ROOT / module / "src" / "main").is_dir() else []
        needed += [str(p.relative_to(ROOT)) for p in sources[:20]]
    for path in needed:
        assert not dockerignore_excludes(path), f"{path} is needed by the build but ignored"


# --- the entrypoint, run with a stand-in for java -----------------------------------------------

@pytest.fixture
def run_entrypoint(tmp_path):
    if not shutil.which("sh"):
        pytest.skip("no sh")
    fake = tmp_path / "java"
    fake.write_text('#!/bin/sh\necho "ADVERTISED=${POLAROID_WORKER_ADVERTISEDHOST:-}"\n'
                    'echo "TOKENSFILE=${POLAROID_SECURITY_TOKENSFILE:-}"\n'
                    'echo "CLIENTTOKEN=${POLAROID_CLIENT_TOKEN:-}"\n'
                    'for a in "$@"; do echo "ARG=$a"; done\n')
    fake.chmod(0o755)
    curl = tmp_path / "curl"
    curl.write_text('#!/bin/sh\nfor a in "$@"; do echo "ARG=$a"; done\necho ADVERTISED=\n')
    curl.chmod(0o755)
    image_env = stage_env(dockerfile_stages()[-1])

    def run(env: dict[str, str], *args: str) -> tuple[str, list[str]]:
        full = {"PATH": f"{tmp_path}:{os.environ['PATH']}", **image_env, **env}
        out = subprocess.run(["sh", str(ENTRYPOINT), *args], env=full, capture_output=True, text=True,
                             check=True, timeout=30).stdout.splitlines()
        advertised = next(line.split("=", 1)[1] for line in out if line.startswith("ADVERTISED="))
        return advertised, [line.split("=", 1)[1] for line in out if line.startswith("ARG=")]
    return run


def test_entrypoint_gives_each_worker_its_own_address_and_the_jvm_its_flags(run_entrypoint):
    advertised, args = run_entrypoint({"POLAROID_ROLE": "worker"})
    assert advertised and advertised not in ("127.0.0.1", "localhost")
    assert "--add-opens=java.base/java.nio=ALL-UNNAMED" in args
    assert "-Darrow.allocation.manager.type=Unsafe" in args
    assert any(a.startswith("-XX:MaxRAMPercentage=") for a in args)
    assert any(re.fullmatch(r"-XX:MaxDirectMemorySize=\d+m", a) for a in args)
    assert args[-1:] == ["/app/polaroid-server.jar"] or args[args.index("-jar") + 1] == "/app/polaroid-server.jar"


def test_entrypoint_keeps_what_the_user_set(run_entrypoint):
    advertised, args = run_entrypoint({"POLAROID_ROLE": "worker", "POLAROID_WORKER_ADVERTISEDHOST": "w1",
                                       "JAVA_OPTS": "-Xmx1g -XX:MaxDirectMemorySize=2g"}, "--polaroid.engine.threads=2")
    assert advertised == "w1"
    assert not any(a.startswith("-XX:MaxRAMPercentage=") for a in args)
    assert [a for a in args if "MaxDirectMemorySize" in a] == ["-XX:MaxDirectMemorySize=2g"]
    assert args[-1] == "--polaroid.engine.threads=2"
    advertised, _ = run_entrypoint({"POLAROID_ROLE": "coordinator"})
    assert advertised == "", "a coordinator advertises nothing"


@pytest.mark.parametrize("role_name,flagged", [("coordinator", True), ("worker", False), ("standalone", False)])
def test_entrypoint_gives_coordinator_jit_flags_to_a_coordinator_alone(run_entrypoint, role_name, flagged):
    _, args = run_entrypoint({"POLAROID_ROLE": role_name})
    assert not any("TieredStopAtLevel" in a for a in args), "C2 by default"
    _, args = run_entrypoint({"POLAROID_ROLE": role_name, "COORDINATOR_JIT_FLAGS": "-XX:TieredStopAtLevel=1",
                              "JAVA_OPTS": "-XX:TieredStopAtLevel=4"})
    assert ("-XX:TieredStopAtLevel=1" in args) == flagged
    if flagged:  # the user's JAVA_OPTS come after, so theirs win
        assert args.index("-XX:TieredStopAtLevel=1") < args.index("-XX:TieredStopAtLevel=4")


@pytest.mark.parametrize("role_name,server_port", [("worker", None), ("coordinator", None), ("worker", "9999")])
def test_entrypoint_health_asks_the_port_the_role_listens_on(run_entrypoint, role_name, server_port):
    env = {"POLAROID_ROLE": role_name, **({"SERVER_PORT": server_port} if server_port else {})}
    _, args = run_entrypoint(env, "health", "/actuator/health/liveness")
    port = int(server_port) if server_port else app_contract.role_default_ports(role_name)["http"]
    assert args[-1] == f"http://127.0.0.1:{port}/actuator/health/liveness"


def entrypoint_env(tmp_path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """docker/entrypoint.sh with a stand-in java that prints what the server would get."""
    fake = tmp_path / "bin" / "java"
    fake.parent.mkdir(exist_ok=True)
    fake.write_text('#!/bin/sh\necho "TOKENSFILE=${POLAROID_SECURITY_TOKENSFILE:-}"\n'
                    'echo "CLIENTTOKEN=${POLAROID_CLIENT_TOKEN:-}"\n')
    fake.chmod(0o755)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    full = {"PATH": f"{fake.parent}:{os.environ['PATH']}", "TMPDIR": str(tmp_path / "tmp"),
            **stage_env(dockerfile_stages()[-1]), "POLAROID_WORKER_ADVERTISEDHOST": "w", **env}
    return subprocess.run(["sh", str(ENTRYPOINT), *args], env=full, capture_output=True, text=True, timeout=30)


def printed(p: subprocess.CompletedProcess, key: str) -> str:
    return next(line.split("=", 1)[1] for line in p.stdout.splitlines() if line.startswith(key + "="))


def test_entrypoint_turns_the_client_token_into_a_tokens_file_of_its_hash(tmp_path):
    import hashlib
    token = DOTENV["POLAROID_CLIENT_TOKEN"]
    p = entrypoint_env(tmp_path, {"POLAROID_ROLE": "coordinator", "POLAROID_CLIENT_TOKEN": token})
    assert p.returncode == 0, p.stderr
    tokens = Path(printed(p, "TOKENSFILE"))
    assert tokens.is_file() and tokens.is_relative_to(tmp_path / "tmp"), f"a file under TMPDIR: {tokens}"
    assert tokens.read_text() == "admin:" + hashlib.sha256(token.encode()).hexdigest() + "\n"
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600 and stat.S_IMODE(tokens.parent.stat().st_mode) == 0o700
    assert printed(p, "CLIENTTOKEN") == "", "the plain token does not reach the server's environment"
    assert token not in p.stderr, "the token is not logged"
    # Without a token, nothing changes: the server generates its own (or reads a mounted tokens file).
    p = entrypoint_env(tmp_path, {"POLAROID_ROLE": "coordinator"})
    assert p.returncode == 0 and printed(p, "TOKENSFILE") == ""


@pytest.mark.parametrize("given", [{"POLAROID_SECURITY_TOKENSFILE": "/etc/polaroid/tokens"}, {}])
def test_entrypoint_refuses_a_client_token_and_a_tokens_file_together(tmp_path, given):
    args = () if given else ("--polaroid.security.tokens-file=/etc/polaroid/tokens",)
    p = entrypoint_env(tmp_path, {"POLAROID_ROLE": "coordinator", "POLAROID_CLIENT_TOKEN": "t" * 20, **given}, *args)
    assert p.returncode != 0 and "both set" in p.stderr, (p.returncode, p.stderr)
