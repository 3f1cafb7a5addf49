"""The Helm chart against the application it deploys.

The chart is rendered with `helm template` for its defaults and for each values file under
helm/polaroid/ci/, and every rendered object is checked against what the built server accepts
(app_contract): ports, probe paths, environment variable names, metric names; and against the
chart's own promises: credentials only through Secrets, optional objects only when enabled, JVM
memory derived from the container limits.
"""

from __future__ import annotations

import base64
import copy
import functools
import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

import app_contract as contract

ROOT = contract.ROOT
HELM = ROOT / ".tools" / "bin" / "helm"
CHART = ROOT / "helm" / "polaroid"
DASHBOARD = CHART / "dashboards" / "polaroid.json"
RELEASE = "polaroid-test"
NAMESPACE = "polaroid-ns"

VALUE_SETS = [None] + sorted(str(p.relative_to(CHART)) for p in (CHART / "ci").glob("*.yaml"))
IDS = ["defaults" if v is None else Path(v).stem for v in VALUE_SETS]
WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet")
CREDENTIAL_ENV = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                  "POLAROID_S3_ACCESSKEY", "POLAROID_S3_SECRETKEY")
# The metrics the dashboard is meant to show (each must also exist in the server's code).
DASHBOARD_METRICS = {
    "polaroid_query_latency_seconds_bucket", "polaroid_query_latency_seconds_count",
    "polaroid_query_latency_seconds_sum", "polaroid_queries_total", "polaroid_workers_live",
    "polaroid_tasks_run_total", "polaroid_tasks_retried_total", "polaroid_rows_scanned_total",
    "polaroid_bytes_scanned_bytes_total", "polaroid_flight_bytes_sent_bytes_total",
}


# ---------------------------------------------------------------------------------------------
# Rendering


def helm() -> str:
    if not HELM.is_file():
        pytest.fail(f"{HELM} is missing: run `make helm` first (it builds helm into .tools/bin)", pytrace=False)
    return str(HELM)


def _run(*args: str) -> str:
    p = subprocess.run([helm(), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        pytest.fail(f"helm {' '.join(args)} failed:\n{p.stderr}", pytrace=False)
    return p.stdout


@functools.lru_cache(maxsize=None)
def render(values_file: str | None) -> tuple[dict, ...]:
    args = ["template", RELEASE, str(CHART), "--namespace", NAMESPACE]
    if values_file:
        args += ["-f", str(CHART / values_file)]
    return tuple(d for d in yaml.safe_load_all(_run(*args)) if d)


def _merge(base: dict, over: dict) -> dict:
    """Helm's merge of a values file over the defaults: maps merge, null deletes."""
    out = copy.deepcopy(base)
    for k, v in over.items():
        if v is None:
            out.pop(k, None)
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


@functools.lru_cache(maxsize=None)
def values(values_file: str | None) -> dict:
    merged = yaml.safe_load((CHART / "values.yaml").read_text())
    if values_file:
        merged = _merge(merged, yaml.safe_load((CHART / values_file).read_text()) or {})
    return merged


def of_kind(docs, kind: str) -> list[dict]:
    return [d for d in docs if d.get("kind") == kind]


def workloads(docs) -> list[dict]:
    return [d for d in docs if d.get("kind") in WORKLOADS]


def containers(docs):
    """(workload, container) for every container of every workload."""
    for w in workloads(docs):
        for c in w["spec"]["template"]["spec"].get("containers", []):
            yield w, c


def configmap(docs, name: str) -> dict | None:
    return next((d for d in of_kind(docs, "ConfigMap") if d["metadata"]["name"] == name), None)


def effective_env(docs, container: dict) -> dict[str, dict]:
    """Name -> EnvVar as the container sees it: envFrom ConfigMaps first, env over them."""
    env: dict[str, dict] = {}
    for source in container.get("envFrom", []):
        ref = source.get("configMapRef")
        if ref:
            cm = configmap(docs, ref["name"])
            assert cm is not None or ref.get("optional"), f"envFrom names ConfigMap {ref['name']}, not rendered"
            for k, v in ((cm or {}).get("data") or {}).items():
                env[source.get("prefix", "") + k] = {"name": source.get("prefix", "") + k, "value": v}
    for e in container.get("env", []):
        env[e["name"]] = e
    return env


def role(docs, container: dict) -> str:
    e = effective_env(docs, container).get("POLAROID_ROLE", {})
    return str(e.get("value", "standalone")).lower()


def listening_ports(docs, container: dict) -> dict[str, int]:
    """The ports the application in this container listens on: the role's defaults unless the
    environment sets SPRING_GRPC_SERVER_PORT / SERVER_PORT."""
    ports = dict(contract.role_default_ports(role(docs, container)))
    env = effective_env(docs, container)
    for key, var in (("grpc", "SPRING_GRPC_SERVER_PORT"), ("http", "SERVER_PORT")):
        if var in env:
            assert "value" in env[var], f"{var} must be a literal value"
            ports[key] = int(env[var]["value"])
    return ports


def container_port(container: dict, port) -> int | None:
    """A port reference (name or number) resolved against the container's declared ports."""
    for p in container.get("ports", []):
        if p.get("name") == port or p["containerPort"] == port:
            return p["containerPort"]
    return None


def selected_pods(docs, selector: dict) -> list[tuple[dict, dict]]:
    out = []
    for w, c in containers(docs):
        labels = w["spec"]["template"]["metadata"].get("labels", {})
        if selector and all(labels.get(k) == v for k, v in selector.items()):
            out.append((w, c))
    return out


def parse_quantity(q) -> int:
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)([KMGT]i|[kMGT])?", str(q))
    assert m, f"memory quantity {q!r}"
    unit = {None: 1, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12,
            "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}[m.group(2)]
    return int(float(m.group(1)) * unit)


def parse_data_size(s: str) -> int:
    """A Spring DataSize ("774MB", "2GB": binary units)."""
    m = re.fullmatch(r"(\d+)(B|KB|MB|GB|TB)?", s.strip())
    assert m, f"Spring DataSize {s!r}"
    return int(m.group(1)) * {None: 1, "B": 1, "KB": 2**10, "MB": 2**20, "GB": 2**30, "TB": 2**40}[m.group(2)]


# ---------------------------------------------------------------------------------------------
# The chart renders, and lints clean


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_lint_strict(values_file):
    args = ["lint", "--strict", str(CHART)] + (["-f", str(CHART / values_file)] if values_file else [])
    out = _run(*args)
    assert not re.search(r"\[(WARNING|ERROR)\]", out), out


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_renders_named_objects(values_file):
    docs = render(values_file)
    assert docs
    seen = set()
    for d in docs:
        assert d.get("apiVersion") and d.get("kind") and d.get("metadata", {}).get("name"), d
        key = (d["kind"], d["metadata"]["name"])
        assert key not in seen, f"two {key}"
        seen.add(key)
        assert len(d["metadata"]["name"]) <= 63
    kinds = {d["kind"] for d in docs}
    assert {"ConfigMap", "Deployment", "Service"} <= kinds


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_one_coordinator_and_the_workers(values_file):
    docs, v = render(values_file), values(values_file)
    by_role = {}
    for w, c in containers(docs):
        by_role.setdefault(role(docs, c), []).append(w)
    assert set(by_role) == {"coordinator", "worker"}, f"roles: {set(by_role)}"
    [coordinator] = by_role["coordinator"]
    assert coordinator["spec"]["replicas"] == 1
    [workers] = by_role["worker"]
    if v["workers"]["autoscaling"]["enabled"]:
        assert "replicas" not in workers["spec"], "the HPA owns the worker count"
    else:
        assert workers["spec"]["replicas"] == v["workers"]["replicas"]


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_images_name_no_registry_host(values_file):
    for w, c in containers(render(values_file)):
        first = c["image"].split("/")[0]
        assert "/" not in c["image"] or not re.search(r"[.:]|^localhost$", first), c["image"]


# ---------------------------------------------------------------------------------------------
# Ports, Services, probes


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_container_ports_are_the_ports_the_app_listens_on(values_file):
    docs = render(values_file)
    for w, c in containers(docs):
        listening = listening_ports(docs, c)
        declared = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        assert declared.get("grpc") == listening["grpc"], (w["metadata"]["name"], declared, listening)
        assert declared.get("http") == listening["http"], (w["metadata"]["name"], declared, listening)
        for name, port in declared.items():
            assert port in listening.values(), f"{w['metadata']['name']}: port {name}={port} has no listener"


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_service_target_ports_resolve_to_container_ports(values_file):
    docs = render(values_file)
    for svc in of_kind(docs, "Service"):
        pods = selected_pods(docs, svc["spec"].get("selector", {}))
        assert pods, f"Service {svc['metadata']['name']} selects no pod"
        for port in svc["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            for w, c in pods:
                resolved = container_port(c, target)
                assert resolved is not None, f"{svc['metadata']['name']}:{port['name']} -> {target}: no such port"
                assert resolved in listening_ports(docs, c).values()
                if port.get("name") in ("grpc", "http"):
                    assert resolved == listening_ports(docs, c)[port["name"]]


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_services_have_the_expected_shape(values_file):
    docs, v = render(values_file), values(values_file)
    for svc in of_kind(docs, "Service"):
        roles = {role(docs, c) for _, c in selected_pods(docs, svc["spec"]["selector"])}
        ports = {p["name"]: p["port"] for p in svc["spec"]["ports"]}
        if roles == {"worker"}:
            assert svc["spec"].get("clusterIP") == "None", "the worker Service is headless"
        assert roles in ({"worker"}, {"coordinator"}), roles
        assert ports.get("grpc") == v["ports"]["grpc"]
    # The Service clients use lists the coordinator only when it is ready.
    client = [s for s in of_kind(docs, "Service") if not s["spec"].get("publishNotReadyAddresses")
              and {role(docs, c) for _, c in selected_pods(docs, s["spec"]["selector"])} == {"coordinator"}]
    assert len(client) == 1, "one client Service for the coordinator"
    assert client[0]["spec"]["type"] == v["coordinator"]["service"]["type"]
    assert {p["name"]: p["port"] for p in client[0]["spec"]["ports"]} == v["ports"]


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_probes_use_actuator_paths_on_the_http_port(values_file):
    docs = render(values_file)
    paths = contract.actuator_paths()
    for w, c in containers(docs):
        http = listening_ports(docs, c)["http"]
        assert c.get("livenessProbe", {}).get("httpGet", {}).get("path") == "/actuator/health/liveness"
        assert c.get("readinessProbe", {}).get("httpGet", {}).get("path") == "/actuator/health/readiness"
        for kind in ("livenessProbe", "readinessProbe", "startupProbe"):
            if kind not in c:
                continue
            get = c[kind]["httpGet"]
            assert get["path"] in paths, f"{kind} {get['path']} is not served: {sorted(paths)}"
            assert container_port(c, get["port"]) == http, f"{kind} port {get['port']} is not the http port"
    startup = values(values_file)["probes"]["startup"]["enabled"]
    assert all(("startupProbe" in c) == startup for _, c in containers(docs))


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_workers_register_with_a_service_that_lists_the_unready_coordinator(values_file):
    docs = render(values_file)
    for w, c in containers(docs):
        if role(docs, c) != "worker":
            continue
        env = effective_env(docs, c)
        address = env["POLAROID_WORKER_COORDINATOR"]["value"]
        assert "://" not in address, "host:port, no scheme"
        host, port = address.rsplit(":", 1)
        [svc] = [s for s in of_kind(docs, "Service") if s["metadata"]["name"] == host.split(".")[0]]
        [svc_port] = [p for p in svc["spec"]["ports"] if p["port"] == int(port)]
        targets = selected_pods(docs, svc["spec"]["selector"])
        assert {role(docs, tc) for _, tc in targets} == {"coordinator"}
        for _, tc in targets:
            assert container_port(tc, svc_port.get("targetPort", svc_port["port"])) == listening_ports(docs, tc)["grpc"]
        # The coordinator is ready only with a live worker: the Service the workers register through
        # must list it before that, or no worker could ever register.
        assert svc["spec"].get("publishNotReadyAddresses") is True
        advertised = env["POLAROID_WORKER_ADVERTISEDHOST"]
        assert advertised.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "status.podIP"
        for key in ("POLAROID_WORKER_SLOTS", "POLAROID_ENGINE_THREADS"):
            assert key in env


# ---------------------------------------------------------------------------------------------
# Environment variables


def test_env_binds_catches_misspellings():
    assert contract.env_binds("POLAROID_WORKER_ADVERTISEDHOST")
    assert not contract.env_binds("POLAROID_WORKER_ADVERTISED_HOST")
    assert contract.env_binds("POLAROID_WORKER_COORDINATOR")
    assert not contract.env_binds("POLAROID_WORKER_COORDINATER")
    assert contract.env_binds("POLAROID_ENGINE_QUERYMEMORY")
    assert not contract.env_binds("POLAROID_ENGINE_QUERY_MEMORY")
    assert contract.env_binds("POLAROID_DATA_ROOTS")
    assert not contract.env_binds("POLAROID_DATA_ROOT")
    assert contract.env_binds("POLAROID_CATALOG_LINEITEM"), "a key of the polaroid.catalog map"
    assert not contract.env_binds("POLAROID_CATALOG"), "the map itself takes no single value from env"
    assert contract.env_binds("SPRING_GRPC_SERVER_PORT") and contract.env_binds("SERVER_PORT")
    assert contract.env_binds("POLAROID_COORDINATOR"), "a placeholder of application.yml"
    assert contract.env_binds("JAVA_TOOL_OPTIONS") and contract.env_binds("AWS_SECRET_ACCESS_KEY")
    assert not contract.env_binds("AWS_SECRET_KEY")
    assert not contract.env_binds("POLAROID-ROLE")


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_every_env_var_binds(values_file):
    docs = render(values_file)
    unbound = set()
    for w, c in containers(docs):
        for name in effective_env(docs, c):
            if not contract.env_binds(name):
                unbound.add(f"{w['metadata']['name']}/{c['name']}: {name}")
    for cm in of_kind(docs, "ConfigMap"):
        if cm["metadata"]["name"].endswith("-dashboard"):
            continue
        for key in cm.get("data") or {}:
            if not contract.env_binds(key):
                unbound.add(f"ConfigMap {cm['metadata']['name']}: {key}")
    assert not unbound, "environment variables that bind to nothing:\n" + "\n".join(sorted(unbound))


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_settings_reach_the_containers(values_file):
    docs, v = render(values_file), values(values_file)
    for w, c in containers(docs):
        env = effective_env(docs, c)
        assert env["POLAROID_DATA_ROOTS"]["value"] == ",".join(v["data"]["roots"])
        for name, path in (v.get("catalog") or {}).items():
            assert env[f"POLAROID_CATALOG_{name.upper()}"]["value"] == path
        for key, value in (v.get("hadoop") or {}).items():
            assert env["POLAROID_HADOOP_" + key.upper().replace(".", "_")]["value"] == str(value)
        if v["s3"]["endpoint"]:
            assert env["POLAROID_S3_ENDPOINT"]["value"] == v["s3"]["endpoint"]
        if v["s3"]["region"]:
            assert env["POLAROID_S3_REGION"]["value"] == v["s3"]["region"]
        if v["s3"].get("pathStyleAccess") is not None:
            assert env["POLAROID_S3_PATHSTYLEACCESS"]["value"] == str(v["s3"]["pathStyleAccess"]).lower()
        if role(docs, c) == "worker":
            assert env["POLAROID_WORKER_SLOTS"]["value"] == str(v["workers"]["slots"])
            assert env["POLAROID_ENGINE_THREADS"]["value"] == str(v["workers"]["engineThreads"])


# ---------------------------------------------------------------------------------------------
# Credentials


def secret_values(docs) -> list[str]:
    out = []
    for s in of_kind(docs, "Secret"):
        out += [base64.b64decode(x).decode() for x in (s.get("data") or {}).values()]
        out += [str(x) for x in (s.get("stringData") or {}).values()]
    return [x for x in out if x]


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_credentials_come_from_secrets_only(values_file):
    docs, v = render(values_file), values(values_file)
    s3 = v["s3"]
    existing = s3["existingSecret"]["name"]
    secrets = {s["metadata"]["name"]: s for s in of_kind(docs, "Secret")}
    s3_secrets = [n for n, sec in secrets.items() if "AWS_ACCESS_KEY_ID" in (sec.get("data") or {})]
    assert bool(s3_secrets) == bool(s3["createSecret"]), "an S3 Secret is rendered exactly when s3.createSecret"
    for cm in of_kind(docs, "ConfigMap"):
        assert not set(cm.get("data") or {}) & set(CREDENTIAL_ENV), f"credentials in ConfigMap {cm['metadata']['name']}"
    for w, c in containers(docs):
        env = {e["name"]: e for e in c.get("env", [])}
        for name in CREDENTIAL_ENV:
            if name in env:
                assert "value" not in env[name], f"{name} inlined in {w['metadata']['name']}"
                ref = env[name]["valueFrom"]["secretKeyRef"]
                if existing:
                    assert ref["name"] == existing
                else:
                    assert ref["key"] in (secrets[ref["name"]].get("data") or {}), ref
        if existing or s3["createSecret"]:
            for name, key in (("AWS_ACCESS_KEY_ID", "accessKeyIdKey"), ("AWS_SECRET_ACCESS_KEY", "secretAccessKeyKey")):
                ref = env[name]["valueFrom"]["secretKeyRef"]
                if existing:
                    assert ref["key"] == s3["existingSecret"][key]
            if existing and s3["existingSecret"].get("sessionTokenKey"):
                assert env["AWS_SESSION_TOKEN"]["valueFrom"]["secretKeyRef"]["key"] == s3["existingSecret"]["sessionTokenKey"]
        else:
            assert not set(env) & set(CREDENTIAL_ENV)
    leaked = []
    for d in docs:
        if d["kind"] in WORKLOADS + ("ConfigMap",):
            text = yaml.safe_dump(d)
            leaked += [f"{d['kind']} {d['metadata']['name']}" for s in secret_values(docs) if s in text]
    assert not leaked, f"a Secret value appears in {leaked}"


# ---------------------------------------------------------------------------------------------
# Authentication and TLS: the internal secret, the tokens and users files, the certificate


AUTH_ENV = ("POLAROID_SECURITY_AUTH", "POLAROID_SECURITY_INTERNALSECRET", "POLAROID_SECURITY_TOKENSFILE",
            "POLAROID_SECURITY_USERSFILE")
TLS_ENV = {"POLAROID_SECURITY_TLS_CERTIFICATE": "tls.crt", "POLAROID_SECURITY_TLS_PRIVATEKEY": "tls.key"}


@functools.lru_cache(maxsize=None)
def render_set(*settings: str) -> tuple[dict, ...]:
    """The chart with --set settings over its defaults (rendered once per set)."""
    args = ["template", RELEASE, str(CHART), "--namespace", NAMESPACE]
    for setting in settings:
        args += ["--set", setting]
    return tuple(d for d in yaml.safe_load_all(_run(*args)) if d)


def mounted_secret_file(workload: dict, container: dict, path: str) -> tuple[str, str]:
    """(Secret name, key) of the file at `path` in the container: a read-only mount of a Secret
    volume that projects that key to that file."""
    volumes = {v["name"]: v for v in workload["spec"]["template"]["spec"].get("volumes", [])}
    for m in container.get("volumeMounts", []):
        folder = m["mountPath"].rstrip("/") + "/"
        if not path.startswith(folder):
            continue
        assert m.get("readOnly") is True, f"{m['mountPath']} is mounted writable"
        secret = volumes[m["name"]].get("secret")
        assert secret, f"{path} is on volume {m['name']}, not a Secret"
        items = secret.get("items")
        assert items, f"volume {m['name']} projects every key of {secret['secretName']}: list the keys it needs"
        [key] = [i["key"] for i in items if i["path"] == path[len(folder):]] or [None]
        assert key, f"{path}: volume {m['name']} has no such file ({items})"
        return secret["secretName"], key
    raise AssertionError(f"{path} is not on any mount of {workload['metadata']['name']}: {container.get('volumeMounts')}")


def auth_checks(docs, v: dict) -> None:
    """The chart's promises about authentication, for one rendering with values v."""
    auth = v["auth"]
    generated = [s for s in of_kind(docs, "Secret") if auth["internalSecretKey"] in (s.get("data") or {})]
    if not auth["enabled"]:
        assert not generated, "auth is off: no auth Secret"
    elif auth["existingSecret"]:
        assert not generated, "auth.existingSecret: the chart creates no auth Secret of its own"
    else:
        assert len(generated) == 1, "the chart creates one auth Secret"
    secret_name = auth["existingSecret"] or (generated[0]["metadata"]["name"] if generated else None)
    refs = set()
    for w, c in containers(docs):
        where = f"{w['metadata']['name']}/{c['name']}"
        env = effective_env(docs, c)
        assert env["POLAROID_SECURITY_AUTH"].get("value") == ("token" if auth["enabled"] else "none"), where
        if not auth["enabled"]:
            assert not set(env) & set(AUTH_ENV[1:]), f"{where}: auth is off, yet {set(env) & set(AUTH_ENV[1:])}"
            continue
        secret = env["POLAROID_SECURITY_INTERNALSECRET"]
        assert "value" not in secret, f"{where}: the internal secret is inlined"
        ref = secret["valueFrom"]["secretKeyRef"]
        assert (ref["name"], ref["key"]) == (secret_name, auth["internalSecretKey"]), f"{where}: {ref}"
        refs.add((ref["name"], ref["key"]))
        # Every server has the tokens file (hashes only): the coordinator checks client calls with it,
        # and every server its /actuator/prometheus, so one client token scrapes every pod.
        path = env["POLAROID_SECURITY_TOKENSFILE"]["value"]
        assert mounted_secret_file(w, c, path) == (secret_name, auth["tokensKey"]), f"{where}: {path}"
        users = auth["users"]["existingSecret"]
        volumes = w["spec"]["template"]["spec"].get("volumes", [])
        if role(docs, c) == "coordinator" and users:
            path = env["POLAROID_SECURITY_USERSFILE"]["value"]
            assert mounted_secret_file(w, c, path) == (users, auth["users"]["key"]), f"{where}: {path}"
        else:
            # The users file (Flight's basic-auth handshake) stays on the coordinator.
            assert "POLAROID_SECURITY_USERSFILE" not in env, where
            if users:
                assert not [v for v in volumes if (v.get("secret") or {}).get("secretName") == users], \
                    f"{where}: the users Secret {users} is mounted on a worker"
        # The client token itself is mounted nowhere: the servers need only its hash.
        for vol in volumes:
            if (vol.get("secret") or {}).get("secretName") == secret_name:
                keys = [i["key"] for i in vol["secret"].get("items", [])]
                assert keys and auth["clientTokenKey"] not in keys, f"{where}: volume {vol['name']} projects {keys or 'all keys'}"
        assert not any(e.get("valueFrom", {}).get("secretKeyRef", {}).get("key") == auth["clientTokenKey"]
                       and e["valueFrom"]["secretKeyRef"].get("name") == secret_name for e in env.values()), \
            f"{where}: the client token is in the environment"
    assert len(refs) <= 1, f"the servers read different internal secrets: {refs}"


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_auth_settings_reach_every_server_from_secrets(values_file):
    auth_checks(render(values_file), values(values_file))


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_every_volume_mount_names_a_volume_of_its_pod(values_file):
    for w, c in containers(render(values_file)):
        volumes = {v["name"] for v in w["spec"]["template"]["spec"].get("volumes", [])}
        for m in c.get("volumeMounts", []):
            assert m["name"] in volumes, f"{w['metadata']['name']}/{c['name']}: mount {m['name']} has no volume"


def test_auth_with_existing_secrets_is_among_the_ci_values():
    sets = [values(f) for f in VALUE_SETS]
    assert any(v["auth"]["existingSecret"] and v["auth"]["users"]["existingSecret"] for v in sets), \
        "a ci/*.yaml with auth.existingSecret and auth.users.existingSecret"
    assert any(not v["auth"]["enabled"] for v in sets), "a ci/*.yaml with auth.enabled=false"


def test_the_generated_auth_secret_holds_a_random_token_its_hash_and_an_internal_secret():
    v = values(None)
    assert v["auth"]["enabled"] is True and not v["auth"]["existingSecret"], "by default the chart generates them"
    tokens = []
    for docs in (render(None), tuple(d for d in yaml.safe_load_all(_run("template", RELEASE, str(CHART))) if d)):
        [secret] = [s for s in of_kind(docs, "Secret") if v["auth"]["internalSecretKey"] in (s.get("data") or {})]
        data = {k: base64.b64decode(x).decode() for k, x in secret["data"].items()}
        token, internal = data[v["auth"]["clientTokenKey"]], data[v["auth"]["internalSecretKey"]]
        assert re.fullmatch(r"[A-Za-z0-9]{40}", token), "a random 40-character token"
        assert len(internal) >= 16 and internal != token, "the internal secret: at least 16 characters, its own"
        principal = v["auth"]["principal"]
        assert data[v["auth"]["tokensKey"]] == f"{principal}:{hashlib.sha256(token.encode()).hexdigest()}\n"
        tokens.append(token)
    assert tokens[0] != tokens[1], "each install gets its own token (randAlphaNum, not a constant)"


def test_the_generated_auth_secret_survives_upgrades():
    """helm template cannot look anything up, so this reads the template: it must look up the very
    Secret it renders and take its values when they are there."""
    text = (CHART / "templates" / "auth-secret.yaml").read_text()
    m = re.search(r'lookup\s+"v1"\s+"Secret"\s+\.Release\.Namespace\s+(\$\w+)', text)
    assert m, "auth-secret.yaml looks up its Secret (lookup \"v1\" \"Secret\" .Release.Namespace $name)"
    assert re.search(rf"{re.escape(m.group(1))}\s*:?=\s*include \"polaroid.authSecretName\"", text)
    assert re.search(r"name:\s*\{\{\s*" + re.escape(m.group(1)) + r"\s*\}\}", text), "the Secret it renders has that name"
    for key in ("clientTokenKey", "internalSecretKey"):
        assert re.search(rf"index \$\w+ \.Values\.auth\.{key}", text), f"the previous {key} value is reused"


@pytest.mark.parametrize("settings,message", [
    (("auth.principal=a:b",), "auth.principal"),
    (("auth.enabled=nope",), "auth.enabled must be true or false"),
])
def test_bad_auth_values_fail(settings, message):
    args = [helm(), "template", RELEASE, str(CHART)]
    for setting in settings:
        args += ["--set", setting]
    p = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert p.returncode != 0 and message in p.stderr, p.stderr


def test_env_binds_knows_the_security_settings():
    for name in AUTH_ENV:
        assert contract.env_binds(name), f"{name} binds to no polaroid.security.* property of the built jar"
    assert not contract.env_binds("POLAROID_SECURITY_INTERNAL_SECRET")
    assert not contract.env_binds("POLAROID_SECURITY_TOKENS_FILE")


TLS_SETTINGS = ("tls.existingSecret=polaroid-tls", "tls.trustKey=ca.crt")


def test_tls_mounts_the_certificate_secret_and_points_the_servers_at_it():
    docs = render_set(*TLS_SETTINGS)
    expected = {**TLS_ENV, "POLAROID_SECURITY_TLS_TRUST": "ca.crt"}
    for w, c in containers(docs):
        env = effective_env(docs, c)
        for name, key in expected.items():
            assert "value" in env[name], f"{name}: a path"
            assert mounted_secret_file(w, c, env[name]["value"]) == ("polaroid-tls", key)
    for w, c in containers(render(None)):
        assert not any(n.startswith("POLAROID_SECURITY_TLS_") for n in effective_env(render(None), c)), "no TLS unless asked"


def test_tls_env_binds_to_the_server():
    """The TLS names must bind to the jar's polaroid.security.tls.* once the server has them; until
    then this test is an expected failure (and the TLS wiring stays behind tls.existingSecret)."""
    docs = render_set(*TLS_SETTINGS)
    unbound = sorted({n for _, c in containers(docs) for n in effective_env(docs, c) if not contract.env_binds(n)})
    if unbound and not any(p.startswith("polaroid.security.tls.") for p in contract.known_properties()):
        pytest.xfail(f"the built server has no polaroid.security.tls.* properties yet: {unbound} bind to nothing")
    assert not unbound, f"bind to nothing: {unbound}"


def test_secret_options_exclude_each_other():
    p = subprocess.run([helm(), "template", RELEASE, str(CHART), "--set", "s3.existingSecret.name=x",
                        "--set", "s3.createSecret=true", "--set", "s3.accessKeyId=a", "--set", "s3.secretAccessKey=b"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode != 0 and "exclude each other" in p.stderr


# ---------------------------------------------------------------------------------------------
# Metrics, optional objects


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_prometheus_annotations_point_to_the_metrics_endpoint(values_file):
    """Annotation-based scraping sends no credential, and with auth on /actuator/prometheus answers
    401 without one: the annotations are there only with auth off (and metrics.podAnnotations)."""
    docs, v = render(values_file), values(values_file)
    for w, c in containers(docs):
        ann = w["spec"]["template"]["metadata"].get("annotations") or {}
        if not v["metrics"]["podAnnotations"] or v["auth"]["enabled"]:
            assert not any(k.startswith("prometheus.io/") for k in ann), f"{w['metadata']['name']}: {ann}"
            continue
        assert ann.get("prometheus.io/scrape") == "true"
        assert ann["prometheus.io/path"] == "/actuator/prometheus"
        assert ann["prometheus.io/path"] in contract.actuator_paths()
        assert int(ann["prometheus.io/port"]) == listening_ports(docs, c)["http"]


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_optional_objects_only_when_enabled(values_file):
    docs, v = render(values_file), values(values_file)
    hpas = of_kind(docs, "HorizontalPodAutoscaler")
    assert bool(hpas) == v["workers"]["autoscaling"]["enabled"]
    for hpa in hpas:
        assert hpa["apiVersion"] == "autoscaling/v2"
        ref = hpa["spec"]["scaleTargetRef"]
        [target] = [d for d in docs if d["kind"] == ref["kind"] and d["metadata"]["name"] == ref["name"]]
        assert {role(docs, c) for c in target["spec"]["template"]["spec"]["containers"]} == {"worker"}
        assert hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
        for m in hpa["spec"]["metrics"]:
            resource = m["resource"]["name"]
            assert all(resource in c.get("resources", {}).get("requests", {})
                       for c in target["spec"]["template"]["spec"]["containers"]), f"{resource} request needed"

    monitors = of_kind(docs, "ServiceMonitor")
    assert bool(monitors) == v["serviceMonitor"]["enabled"]
    for sm in monitors:
        assert sm["apiVersion"] == "monitoring.coreos.com/v1"
        services = [s for s in of_kind(docs, "Service")
                    if all(s["metadata"].get("labels", {}).get(k) == val
                           for k, val in sm["spec"]["selector"]["matchLabels"].items())]
        roles = {role(docs, c) for s in services for _, c in selected_pods(docs, s["spec"]["selector"])}
        assert roles == {"coordinator", "worker"}, f"the ServiceMonitor reaches {roles}"
        assert len(services) == 2, "each pod scraped once"
        for ep in sm["spec"]["endpoints"]:
            assert ep["path"] in contract.actuator_paths()
            for s in services:
                [port] = [p for p in s["spec"]["ports"] if p["name"] == ep["port"]]
                for _, c in selected_pods(docs, s["spec"]["selector"]):
                    assert container_port(c, port["targetPort"]) == listening_ports(docs, c)["http"]

    dashboards = [cm for cm in of_kind(docs, "ConfigMap") if cm["metadata"]["name"].endswith("-dashboard")]
    assert bool(dashboards) == v["dashboards"]["enabled"]
    for cm in dashboards:
        assert cm["metadata"]["labels"].get("grafana_dashboard") == "1"
        [(name, text)] = cm["data"].items()
        assert name.endswith(".json") and json.loads(text) == json.loads(DASHBOARD.read_text())


def test_the_ci_values_cover_each_prometheus_path():
    sets = [values(f) for f in VALUE_SETS]
    monitored = [v for v in sets if v["serviceMonitor"]["enabled"]]
    assert any(v["auth"]["enabled"] and not v["auth"]["existingSecret"] for v in monitored), \
        "a ci/*.yaml with a ServiceMonitor and the chart's auth Secret"
    assert any(v["auth"]["enabled"] and v["auth"]["existingSecret"] and v["serviceMonitor"]["bearerTokenSecret"]["name"]
               for v in monitored), "a ci/*.yaml with a ServiceMonitor, auth.existingSecret and a bearer token Secret"
    assert any(not v["auth"]["enabled"] for v in monitored), "a ci/*.yaml with a ServiceMonitor and auth off"
    assert any(not v["auth"]["enabled"] and v["metrics"]["podAnnotations"] for v in sets), \
        "a ci/*.yaml where the prometheus.io annotations render (auth off)"


def service_monitor_checks(docs, v: dict) -> None:
    """The ServiceMonitor sends a client token the servers accept when auth is on, and nothing when off."""
    auth, sm_values = v["auth"], v["serviceMonitor"]
    for sm in of_kind(docs, "ServiceMonitor"):
        for ep in sm["spec"]["endpoints"]:
            assert not {"bearerTokenSecret", "bearerTokenFile", "basicAuth"} & set(ep), ep
            if not auth["enabled"]:
                assert "authorization" not in ep, "auth is off: no credential to send"
                continue
            authz = ep.get("authorization")
            assert authz, "auth is on: /actuator/prometheus answers 401 without a bearer token"
            assert authz.get("type") == "Bearer", authz
            ref = authz["credentials"]
            wanted = sm_values["bearerTokenSecret"]
            if wanted["name"]:
                assert (ref["name"], ref["key"]) == (wanted["name"], wanted["key"]), ref
            else:
                assert not auth["existingSecret"], "an existing auth Secret holds no client token of the chart's"
                [secret] = [s for s in of_kind(docs, "Secret") if s["metadata"]["name"] == ref["name"]]
                assert ref["key"] == auth["clientTokenKey"] and ref["key"] in secret["data"], ref
                # The token Prometheus sends is one every server it scrapes accepts: its hash is a line of
                # the tokens file, and every server has that file.
                data = {k: base64.b64decode(x).decode() for k, x in secret["data"].items()}
                line = f"{auth['principal']}:{hashlib.sha256(data[ref['key']].encode()).hexdigest()}"
                assert line in data[auth["tokensKey"]].splitlines()
                for w, c in containers(docs):
                    path = effective_env(docs, c)["POLAROID_SECURITY_TOKENSFILE"]["value"]
                    assert mounted_secret_file(w, c, path) == (ref["name"], auth["tokensKey"])
            internal = {(e["valueFrom"]["secretKeyRef"]["name"], e["valueFrom"]["secretKeyRef"]["key"])
                        for _, c in containers(docs)
                        for e in [effective_env(docs, c)["POLAROID_SECURITY_INTERNALSECRET"]]}
            assert (ref["name"], ref["key"]) not in internal, "Prometheus must not hold the cluster's internal secret"


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_the_service_monitor_sends_a_client_token_when_auth_is_on(values_file):
    service_monitor_checks(render(values_file), values(values_file))


def test_the_service_monitor_defaults_to_the_generated_client_token():
    docs = render_set("serviceMonitor.enabled=true")
    [sm] = of_kind(docs, "ServiceMonitor")
    [ep] = sm["spec"]["endpoints"]
    v = values(None)
    [secret] = of_kind(docs, "Secret")
    assert secret["metadata"]["name"] == f"{RELEASE}-auth", "the chart's auth Secret, <fullname>-auth"
    assert ep["authorization"] == {"type": "Bearer", "credentials": {
        "name": secret["metadata"]["name"], "key": v["auth"]["clientTokenKey"]}}
    service_monitor_checks(docs, _merge(v, {"serviceMonitor": {"enabled": True}}))


def test_the_service_monitor_takes_its_token_from_another_secret_with_an_existing_auth_secret():
    settings = ("auth.existingSecret=polaroid-credentials", "serviceMonitor.enabled=true",
                "serviceMonitor.bearerTokenSecret.name=polaroid-prometheus", "serviceMonitor.bearerTokenSecret.key=token")
    docs = render_set(*settings)
    [ep] = of_kind(docs, "ServiceMonitor")[0]["spec"]["endpoints"]
    assert ep["authorization"] == {"type": "Bearer", "credentials": {"name": "polaroid-prometheus", "key": "token"}}
    assert not of_kind(docs, "Secret"), "the chart creates no Secret of its own here"
    for w, c in containers(docs):
        path = effective_env(docs, c)["POLAROID_SECURITY_TOKENSFILE"]["value"]
        assert mounted_secret_file(w, c, path) == ("polaroid-credentials", "tokens")


@pytest.mark.parametrize("settings,message", [
    (("auth.existingSecret=polaroid-credentials", "serviceMonitor.enabled=true"),
     "serviceMonitor.bearerTokenSecret.name and .key are required with auth.existingSecret"),
    (("auth.existingSecret=polaroid-credentials", "serviceMonitor.enabled=true",
      "serviceMonitor.bearerTokenSecret.name=polaroid-prometheus"),
     "serviceMonitor.bearerTokenSecret.key"),
])
def test_a_service_monitor_without_a_token_to_send_fails_the_render(settings, message):
    args = [helm(), "template", RELEASE, str(CHART)]
    for setting in settings:
        args += ["--set", setting]
    p = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert p.returncode != 0 and message in p.stderr, p.stderr


@pytest.mark.parametrize("settings", [
    ("auth.existingSecret=polaroid-credentials",),                              # no ServiceMonitor
    ("auth.existingSecret=polaroid-credentials", "auth.enabled=false", "serviceMonitor.enabled=true"),  # no auth
])
def test_an_existing_auth_secret_needs_no_bearer_token_secret_without_an_authenticated_service_monitor(settings):
    docs = render_set(*settings)
    for sm in of_kind(docs, "ServiceMonitor"):
        assert all("authorization" not in ep for ep in sm["spec"]["endpoints"])


# ---------------------------------------------------------------------------------------------
# JVM sizing


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_jvm_memory_is_derived_from_the_limits(values_file):
    docs, v = render(values_file), values(values_file)
    heap_pct, direct_pct = v["jvm"]["heapPercent"], v["jvm"]["directPercent"]
    assert 30 <= heap_pct <= 45 and 35 <= direct_pct <= 50 and heap_pct + direct_pct <= 90
    for w, c in containers(docs):
        where = f"{w['metadata']['name']}/{c['name']}"
        limit = parse_quantity(c["resources"]["limits"]["memory"])
        env = effective_env(docs, c)
        opts = env["JAVA_TOOL_OPTIONS"]["value"]
        heap = re.findall(r"-XX:MaxRAMPercentage=([0-9.]+)", opts)
        direct = re.findall(r"-XX:MaxDirectMemorySize=(\d+)m\b", opts)
        assert len(heap) == 1 and float(heap[0]) == heap_pct, f"{where}: {opts}"
        assert len(direct) == 1, f"{where}: {opts}"
        direct_bytes = int(direct[0]) * 2**20
        assert abs(direct_bytes - limit * direct_pct / 100) < 2**20, f"{where}: direct {direct[0]}m of {limit}"
        assert not re.search(r"-Xmx|-XX:MaxHeapSize", opts), "the heap follows the limit, not a fixed size"
        if role(docs, c) == "worker":
            task = parse_data_size(env["POLAROID_ENGINE_QUERYMEMORY"]["value"])
            slots = int(env["POLAROID_WORKER_SLOTS"]["value"])
            assert task * slots <= direct_bytes, f"{where}: {slots} tasks x {task} > direct memory {direct_bytes}"


# ---------------------------------------------------------------------------------------------
# The Grafana dashboard


def dashboard_exprs(node) -> list[str]:
    if isinstance(node, dict):
        return ([node["expr"]] if isinstance(node.get("expr"), str) else []) + \
            [e for v in node.values() for e in dashboard_exprs(v)]
    if isinstance(node, list):
        return [e for v in node for e in dashboard_exprs(v)]
    return []


def test_dashboard_queries_only_metrics_the_server_exports():
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = dashboard_exprs(dashboard["panels"])
    assert exprs
    exported = contract.prometheus_metric_names()
    assert DASHBOARD_METRICS <= exported, f"not in the server's code: {DASHBOARD_METRICS - exported}"
    queried = {m for e in exprs for m in re.findall(r"\bpolaroid_[a-z0-9_]+", e)}
    assert queried <= exported, f"the dashboard queries metrics nobody exports: {queried - exported}"
    for needed in ("polaroid_queries_total", "polaroid_query_latency_seconds_bucket", "polaroid_workers_live",
                   "polaroid_bytes_scanned_bytes_total", "polaroid_flight_bytes_sent_bytes_total",
                   "polaroid_tasks_run_total", "polaroid_tasks_retried_total"):
        assert needed in queried, f"no panel shows {needed}"
    quantiles = {q for e in exprs for q in re.findall(r"histogram_quantile\(\s*([0-9.]+)\s*,.*?_bucket\b", e)}
    assert {"0.5", "0.95", "0.99"} <= quantiles
    assert any("by (state)" in e for e in exprs if "polaroid_queries_total" in e)


# ---------------------------------------------------------------------------------------------
# values.yaml is documented key by key


def test_every_values_key_is_documented():
    """A comment above every key. A key documented with "# --" is a leaf (its value may be a
    free-form map such as resources); the keys of other maps are checked one by one."""
    lines = (CHART / "values.yaml").read_text().splitlines()
    undocumented = []
    leaf_indent = None  # inside the value of a "# --" key: its children are its value
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)([A-Za-z0-9_.\-]+):", line)
        if not m or line.lstrip().startswith("#"):
            continue
        indent = len(m.group(1))
        if leaf_indent is not None and indent > leaf_indent:
            continue
        leaf_indent = None
        above = lines[i - 1].strip() if i else ""
        if not above.startswith("#"):
            undocumented.append(f"line {i + 1}: {m.group(2)}")
            continue
        j = i - 1
        while j > 0 and lines[j - 1].strip().startswith("#") and not lines[j].strip().startswith("# --"):
            j -= 1
        if lines[j].strip().startswith("# --"):
            leaf_indent = indent
    assert not undocumented, "values without a comment above them:\n" + "\n".join(undocumented)


def test_notes_tell_how_to_read_and_use_the_token():
    notes = (CHART / "templates" / "NOTES.txt").read_text()
    assert re.search(r"kubectl .*get secret \{\{ include \"polaroid.authSecretName\" \. \}\}", notes)
    assert "-o jsonpath='{.data.{{ .Values.auth.clientTokenKey }}}' | base64 -d" in notes
    assert "export POLAROID_TOKEN=" in notes and "authorization" in notes


def render_notes(tmp_path: Path, values_file: str | None) -> str:
    """NOTES.txt as helm install prints it (helm template leaves it out; a copy of the chart renders
    it through tpl inside a ConfigMap)."""
    import shutil
    chart = tmp_path / "chart"
    shutil.copytree(CHART, chart)
    (chart / "notes").mkdir()
    shutil.copy(chart / "templates" / "NOTES.txt", chart / "notes" / "NOTES.txt")
    (chart / "templates" / "zz-notes.yaml").write_text(
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rendered-notes\n'
        'data:\n  notes: {{ tpl (.Files.Get "notes/NOTES.txt") . | quote }}\n')
    args = ["template", RELEASE, str(chart), "--namespace", NAMESPACE, "--show-only", "templates/zz-notes.yaml"]
    if values_file:
        args += ["-f", str(CHART / values_file)]
    [cm] = [d for d in yaml.safe_load_all(_run(*args)) if d]
    return cm["data"]["notes"]


@pytest.mark.parametrize("values_file", VALUE_SETS, ids=IDS)
def test_rendered_notes_read_the_token_from_the_secret_the_chart_made(tmp_path, values_file):
    notes, docs, v = render_notes(tmp_path, values_file), render(values_file), values(values_file)
    auth = v["auth"]
    if not auth["enabled"]:
        assert "WARNING: authentication is off" in notes and "POLAROID_TOKEN" not in notes
        return
    assert "export POLAROID_TOKEN=" in notes
    assert f'curl -H "Authorization: Bearer $POLAROID_TOKEN" localhost:{v["ports"]["http"]}/actuator/prometheus' in notes
    assert "Annotation-based scraping (prometheus.io/scrape) cannot send a token" in notes
    if v["serviceMonitor"]["enabled"]:
        [ep] = of_kind(docs, "ServiceMonitor")[0]["spec"]["endpoints"]
        ref = ep["authorization"]["credentials"]
        assert f'The ServiceMonitor sends the token in Secret "{ref["name"]}", key "{ref["key"]}"' in notes
    if auth["existingSecret"]:
        assert f'"{auth["existingSecret"]}"' in notes and "get secret" not in notes
        return
    m = re.search(r"kubectl --namespace (\S+) get secret (\S+) \\\n\s+-o jsonpath='\{\.data\.([\w.-]+)\}' \| base64 -d\)", notes)
    assert m, notes
    assert m.group(1) == NAMESPACE
    [secret] = [s for s in of_kind(docs, "Secret") if s["metadata"]["name"] == m.group(2)]
    assert m.group(3) == auth["clientTokenKey"] and m.group(3) in secret["data"]


def test_notes_tell_how_to_connect():
    notes = (CHART / "templates" / "NOTES.txt").read_text()
    assert "port-forward svc/" in notes
    assert 'Polaroid.connect("grpc://localhost:{{ .Values.ports.grpc }}")' in notes
    assert 'flight.connect("grpc://localhost:{{ .Values.ports.grpc }}")' in notes
