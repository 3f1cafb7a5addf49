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

.PHONY: help build test run bench data clean

help:
	@echo "make run    build, make demo data, run the README example in local mode"
	@echo "make test   build and run every test (unit, golden plans, bad input, TPC-H vs DuckDB)"
	@echo "make bench  TPC-H at SF=$(SF): Polaroid vs DuckDB (and Polars when Python is there)"
	@echo "make data   generate TPC-H data at SF=$(SF) under data/"
	@echo "make clean  remove build output (keeps data/)"

build:
	$(MVN) -q install -DskipTests
	$(MVN) -q -pl polaroid-examples,polaroid-bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

test:
	$(MVN) install

run: build
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -cp polaroid-examples/target/classes:$$(cat $(EXAMPLES_CP)) \
		io.polaroid.examples.Demo

data: build
	$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS) -Xmx4g -cp polaroid-examples/target/classes:$$(cat $(EXAMPLES_CP)) \
		io.polaroid.tpch.TpchGenerator $(SF) data/tpch-sf$(SF)

bench: build
	SF=$(SF) ./polaroid-bench/bench.sh "$(JAVA) $(ARROW_FLAGS) $(FAST_FLAGS)" polaroid-bench/target/classes:$$(cat $(BENCH_CP))

clean:
	$(MVN) -q clean
