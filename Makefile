# Polaroid: the commands a person types. `make run` and `make test` build what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN ?= mvn -B -ntp
JAVA ?= java
SF ?= 1

# JVM flags Arrow needs: JDK 17 wants java.nio opened; JDK 24+ also native and Unsafe memory access.
JAVA_MAJOR := $(shell $(JAVA) -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
ARROW_FLAGS := --add-opens=java.base/java.nio=ALL-UNNAMED
ifeq ($(shell [ "$(JAVA_MAJOR)" -ge 24 ] 2>/dev/null && echo yes),yes)
ARROW_FLAGS += --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
endif
# Production settings: Arrow's bounds checks off (tests keep them on).
FAST_FLAGS := -Darrow.enable_unsafe_memory_access=true -Darrow.enable_null_check_for_get=false \
	-Darrow.allocation.manager.type=Unsafe

# SIMD decoding (bit-unpacking with the Vector API, an incubator module): on in make bench,
# make bench-scale and make profile unless SIMD=0; make bench also times it off and on in one JVM.
SIMD ?= 1
SIMD_FLAGS := $(if $(filter 1,$(SIMD)),--add-modules jdk.incubator.vector -Dpolaroid.simd=true)

EXAMPLES_CP := polaroid-examples/target/classpath.txt
BENCH_CP := polaroid-bench/target/classpath.txt
BENCH_CLASSPATH = polaroid-bench/target/classes:$$(cat $(BENCH_CP))

.PHONY: help build web web-test chromium test python-test run bench bench-scale profile sim data clean cluster cluster-stop helm helm-lint deploy-test compose-env parity

CLUSTER_SH := JAVA_CMD="$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS)" ./scripts/cluster.sh

help:
	@echo "make run    build, make demo data, start a local cluster, run the README example on it, keep serving"
	@echo "make cluster       a coordinator and 2 workers as processes on loopback, until Ctrl-C"
	@echo "make cluster-stop  stop the cluster that make cluster or make run started"
	@echo "make test   build and run every test (unit, golden plans, bad input, TPC-H vs DuckDB, the console in Chromium)"
	@echo "make web    the JavaScript package and the web console (web/dist, served by the coordinator at /)"
	@echo "make bench  TPC-H at SF=$(SF): Polaroid vs DuckDB (and Polars when Python is there)"
	@echo "make bench-scale  TPC-H at SF1 and SF10 in a 2 GB budget beside DuckDB: growth, results checked, spill cost"
	@echo "make profile Q=9 SF=1  one TPC-H query hot under Java Flight Recorder: operators, then top methods"
	@echo "make sim    the scheduler on 100,000 simulated tasks over 1,000 simulated workers: its CPU and memory per task"
	@echo "make data   generate TPC-H data at SF=$(SF) under data/"
	@echo "make clean  remove build output (keeps data/)"
	@echo "make compose-env   .env for docker compose: a random internal secret and client token (kept if there)"
	@echo "make parity        the Polars API census: Polars' public names per namespace, how many Polaroid has, which are missing"

build: web
	$(MVN) -q install -DskipTests
	$(MVN) -q -pl polaroid-examples,polaroid-bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

test: web chromium
	$(MVN) install
	$(MAKE) web-test
	$(MAKE) python-test
	$(MAKE) deploy-test

# The JavaScript package and the web console (web/): npm dependencies from the lock file, then the
# bundle in web/dist (its size checked), which the server's jar serves at /.
WEB_INSTALLED := web/node_modules/.package-lock.json
web: $(WEB_INSTALLED)
	cd web && npm run build

$(WEB_INSTALLED): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund

# The package's unit tests (Node's test runner); the browser test of the console runs with the
# Python tests, against their cluster (python/tests/test_console.py).
web-test: $(WEB_INSTALLED)
	cd web && npm test

# Debian's Chromium for the console's browser test, installed when missing (as root, or with sudo).
CHROMIUM := /usr/bin/chromium
chromium:
	@[ -x $(CHROMIUM) ] || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO=sudo; \
		else echo "the console's browser test needs Debian's chromium: apt-get install chromium (as root)"; exit 1; fi; \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

# The Python package against a real cluster (the jar just built), in a git-ignored virtual environment.
PY_VENV := python/.venv
python-test:
	$(MVN) -q -pl polaroid-tpch dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	[ -x $(PY_VENV)/bin/python ] || python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install -q -e "python[test]"
	POLAROID_TPCH_CP=polaroid-tpch/target/classes:$$(cat polaroid-tpch/target/classpath.txt) \
		JAVA="$(JAVA)" POLAROID_JAVA_FLAGS="$(ARROW_FLAGS)" $(PY_VENV)/bin/python -m pytest -q python/tests

# The Polars API census (the installed Polars, from the test extras, against the package).
parity:
	[ -x $(PY_VENV)/bin/python ] || python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install -q -e "python[test]"
	$(PY_VENV)/bin/python python/tools/parity.py -v

# The demo data, the cluster, the README example through Polaroid.connect; then serve until Ctrl-C.
# The demo's client JVM maps the classes a remote query loads from a class-data-sharing archive
# ($(CLIENT_JSA)), trained once against a throwaway cluster; the measured query then runs on a
# fresh cluster, whose servers warm their engines up when they start.
EXAMPLES_JAR := polaroid-examples/target/polaroid-examples-0.1.0-SNAPSHOT.jar
CLIENT_JSA := polaroid-examples/target/client.jsa
DEMO := $(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -cp $(EXAMPLES_JAR):$$(cat $(EXAMPLES_CP))
run: build
	$(DEMO) io.polaroid.examples.Demo data
	$(MAKE) --no-print-directory $(CLIENT_JSA)
	$(CLUSTER_SH) start
	@trap '$(CLUSTER_SH) stop; exit 0' INT TERM; \
	POLAROID_MODE=distributed POLAROID_URL=grpc://127.0.0.1:$${PORT:-50052} \
		$(DEMO) -XX:SharedArchiveFile=$(CLIENT_JSA) io.polaroid.examples.Demo || { $(CLUSTER_SH) stop; exit 1; }; \
	if [ -n "$$CI" ] || [ ! -t 0 ]; then $(CLUSTER_SH) stop; else $(CLUSTER_SH) wait; fi

$(CLIENT_JSA): $(EXAMPLES_JAR) polaroid-server/target/polaroid-server.jar
	@echo "training the client's class-data-sharing archive against a throwaway cluster"
	COORDINATOR_ARGS=--polaroid.engine.warm-up=false WORKER_ARGS=--polaroid.engine.warm-up=false $(CLUSTER_SH) start >/dev/null
	POLAROID_MODE=distributed POLAROID_URL=grpc://127.0.0.1:$${PORT:-50052} $(DEMO) -XX:ArchiveClassesAtExit=$@ \
		io.polaroid.examples.Demo >/dev/null 2>&1 || { rm -f $@; echo "no archive: the demo runs without it"; }
	$(CLUSTER_SH) stop >/dev/null

cluster: build
	@trap '$(CLUSTER_SH) stop; exit 0' INT TERM; $(CLUSTER_SH) serve

cluster-stop:
	$(CLUSTER_SH) stop

data: build
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -Xmx4g -cp polaroid-examples/target/classes:$$(cat $(EXAMPLES_CP)) \
		io.polaroid.tpch.TpchGenerator $(SF) data/tpch-sf$(SF)

bench: build
	SF=$(SF) ./polaroid-bench/bench.sh "$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) $(SIMD_FLAGS)" polaroid-bench/target/classes:$$(cat $(BENCH_CP))
	$(MAKE) --no-print-directory sim

# One TPC-H query (Q=<n>, at SF) hot in one JVM under Java Flight Recorder: each operator's rows,
# time and spilled bytes, then the methods the CPU samples fell in (own time, and with callees).
# The recording stays in bench-results/ for JDK Mission Control or `jfr print`.
Q ?= 1
profile: build
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -Xmx4g -cp $(BENCH_CLASSPATH) io.polaroid.tpch.TpchGenerator $(SF) data/tpch-sf$(SF)
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) $(SIMD_FLAGS) -Xmx4g -XX:MaxDirectMemorySize=4g -Dpolaroid.threads=2 -cp $(BENCH_CLASSPATH) \
		io.polaroid.bench.ProfileQuery data/tpch-sf$(SF) $(Q) $${RUNS:-5} bench-results/profile-q$(Q)-sf$(SF).jfr

# TPC-H at SF1 and SF=$(LARGE_SF) (default 10) in one run: Polaroid in local mode with -Xmx2g, 3 GB of
# direct memory and a 2 GB query budget beside DuckDB with memory_limit 2GB, both on 2 threads; the
# growth of each query's time and a check of every large result against DuckDB's; the large queries
# again on a 2-worker cluster whose workers have a 1.5 GB query budget (in 3 GB of direct memory, as
# local mode's 2 GB budget: the rest holds the partitions a worker keeps for the next stage). Then Q9,
# Q18 and Q21 again with ample memory: what spilling costs.
LARGE_SF ?= 10
bench-scale: build
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -Xmx4g -cp $(BENCH_CLASSPATH) io.polaroid.tpch.TpchGenerator 1 data/tpch-sf1
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -Xmx4g -cp $(BENCH_CLASSPATH) io.polaroid.tpch.TpchGenerator $(LARGE_SF) data/tpch-sf$(LARGE_SF)
	SERVER_JVM_OPTS="-Xmx2g -XX:MaxDirectMemorySize=3g -XX:+UseParallelGC" DATA_ROOTS="$$PWD/data" \
		WORKER_ARGS="--polaroid.engine.query-memory=1536MB" $(CLUSTER_SH) start
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) $(SIMD_FLAGS) -Xmx2g -XX:MaxDirectMemorySize=3g -Dpolaroid.query.memory=2g -cp $(BENCH_CLASSPATH) \
		io.polaroid.bench.ScaleBench --small data/tpch-sf1 --large data/tpch-sf$(LARGE_SF) --out bench-results/scale-budget.json \
		--cluster grpc://127.0.0.1:$${PORT:-50052}; status=$$?; $(CLUSTER_SH) stop; exit $$status
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) $(SIMD_FLAGS) -Xmx8g -XX:MaxDirectMemorySize=12g -Dpolaroid.query.memory=10g -cp $(BENCH_CLASSPATH) \
		io.polaroid.bench.ScaleBench --small data/tpch-sf1 --large data/tpch-sf$(LARGE_SF) --queries 9,18,21 \
		--ample bench-results/scale-budget.json

# The coordinator's scheduler alone, no processes: a 10-stage query of 100,000 tasks on 1,000
# simulated workers, 1% of attempts lost; prints its CPU time and heap per queued task. The heap is
# touched before the run, as a coordinator that has served queries has it: in a fresh JVM the page
# faults of first touching it were about 40% of the scheduling thread's CPU.
SIM_CP := polaroid-server/target/sim-classpath.txt
sim:
	$(MVN) -q install -DskipTests
	$(MVN) -q -pl polaroid-server test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/sim-classpath.txt
	$(JAVA) -Xms4g -Xmx4g -XX:+AlwaysPreTouch -Dlogback.configurationFile=polaroid-server/src/test/resources/sim-logback.xml -cp polaroid-server/target/test-classes:polaroid-server/target/classes:$$(cat $(SIM_CP)) \
		io.polaroid.server.coordinator.scheduler.SchedulerSimulation

clean:
	$(MVN) -q clean

# docker-compose.yml's secrets, in the git-ignored .env; values already there are kept.
compose-env:
	./scripts/compose-env.sh

# Helm, built from source into the git-ignored .tools/bin, only when missing (a minute or two).
HELM_VERSION := v3.21.4
TOOLS_BIN := $(CURDIR)/.tools/bin
HELM := $(TOOLS_BIN)/helm
CHART := helm/polaroid

helm: $(HELM)

$(HELM):
	mkdir -p $(TOOLS_BIN)
	GOBIN=$(TOOLS_BIN) go install helm.sh/helm/v3/cmd/helm@$(HELM_VERSION)

# The chart with its defaults and with each values file under helm/polaroid/ci/: lint --strict and
# template must pass, and any warning (helm's or Kubernetes'), even with exit code 0, fails the target.
helm-lint: $(HELM)
	@set -euo pipefail; \
	for values in "" $(CHART)/ci/*.yaml; do \
		args=(); [ -z "$$values" ] || args=(-f "$$values"); \
		echo "== helm lint --strict $(CHART) $${values:-(defaults)}"; \
		out=$$($(HELM) lint --strict $(CHART) "$${args[@]}" 2>&1) || { echo "$$out"; exit 1; }; \
		echo "$$out"; \
		if grep -Eiq '\[(WARNING|ERROR)\]|^(WARNING|ERROR|walk\.go)' <<<"$$out"; then echo "helm lint warned: $$values"; exit 1; fi; \
		echo "== helm template $(CHART) $${values:-(defaults)}"; \
		out=$$($(HELM) template polaroid $(CHART) "$${args[@]}" 2>&1 >/dev/null) || { echo "$$out"; exit 1; }; \
		if [ -n "$$out" ]; then echo "$$out"; echo "helm template warned: $$values"; exit 1; fi; \
	done; echo "helm-lint: clean"

# The deployment contract tests: the chart (and docker-compose) against what the built jar binds.
deploy-test: $(HELM)
	[ -x $(PY_VENV)/bin/python ] || python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install -q -r tests/deploy/requirements.txt
	$(PY_VENV)/bin/python -m pytest -q tests/deploy
