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

EXAMPLES_CP := polaroid-examples/target/classpath.txt
BENCH_CP := polaroid-bench/target/classpath.txt

.PHONY: help build test python-test run bench data clean cluster cluster-stop

CLUSTER := JAVA_CMD="$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS)" ./scripts/cluster.sh

help:
	@echo "make run    build, make demo data, start a local cluster, run the README example on it, keep serving"
	@echo "make cluster       a coordinator and 2 workers as processes on loopback, until Ctrl-C"
	@echo "make cluster-stop  stop the cluster that make cluster or make run started"
	@echo "make test   build and run every test (unit, golden plans, bad input, TPC-H vs DuckDB)"
	@echo "make bench  TPC-H at SF=$(SF): Polaroid vs DuckDB (and Polars when Python is there)"
	@echo "make data   generate TPC-H data at SF=$(SF) under data/"
	@echo "make clean  remove build output (keeps data/)"

build:
	$(MVN) -q install -DskipTests
	$(MVN) -q -pl polaroid-examples,polaroid-bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

test:
	$(MVN) install
	$(MAKE) python-test

# The Python package against a real cluster (the jar just built), in a git-ignored virtual environment.
PY_VENV := python/.venv
python-test:
	$(MVN) -q -pl polaroid-tpch dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	[ -x $(PY_VENV)/bin/python ] || python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install -q -e "python[test]"
	POLAROID_TPCH_CP=polaroid-tpch/target/classes:$$(cat polaroid-tpch/target/classpath.txt) \
		JAVA="$(JAVA)" POLAROID_JAVA_FLAGS="$(ARROW_FLAGS)" $(PY_VENV)/bin/python -m pytest -q python/tests

# The demo data, the cluster, the README example through Polaroid.connect; then serve until Ctrl-C.
run: build
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -cp polaroid-examples/target/classes:$$(cat $(EXAMPLES_CP)) \
		io.polaroid.examples.Demo data
	$(CLUSTER) start
	@trap '$(CLUSTER) stop; exit 0' INT TERM; \
	POLAROID_MODE=distributed POLAROID_URL=grpc://127.0.0.1:50052 \
		$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -cp polaroid-examples/target/classes:$$(cat $(EXAMPLES_CP)) \
		io.polaroid.examples.Demo || { $(CLUSTER) stop; exit 1; }; \
	if [ -n "$$CI" ] || [ ! -t 0 ]; then $(CLUSTER) stop; else $(CLUSTER) wait; fi

cluster: build
	@trap '$(CLUSTER) stop; exit 0' INT TERM; $(CLUSTER) serve

cluster-stop:
	$(CLUSTER) stop

data: build
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -Xmx4g -cp polaroid-examples/target/classes:$$(cat $(EXAMPLES_CP)) \
		io.polaroid.tpch.TpchGenerator $(SF) data/tpch-sf$(SF)

bench: build
	SF=$(SF) ./polaroid-bench/bench.sh "$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS)" polaroid-bench/target/classes:$$(cat $(BENCH_CP))

clean:
	$(MVN) -q clean
