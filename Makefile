# senslab: the two commands are `make run` and `make test`; see README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON    = $(shell environment/python.sh)
SHARED   ?= $(abspath ../shared)
CIFAR_ARCHIVE ?= $(SHARED)/data/cifar10-jpg.tar.gz
CIFAR_IMAGES  := data/cifar10-images
LIB_CP   := lib-src/target/classpath.txt
TEST_CP  := lib-src/target/test-classpath.txt
SPARK_TEST_CP := lib-spark/target/test-classpath.txt
# Spark's JVM options on JDK 17 (a java @argument file), for whatever runs Spark
SPARK_JAVA := java @environment/spark-java.options
MVN      := mvn -q -B
# every command below that starts JVMs runs in what environment/jvm-env.sh prints for this host: glibc's
# native-memory settings and, where the engine needs one, the engine remedy (README, "The engine check")
JVM_ENV  = env $$($(CURDIR)/environment/jvm-env.sh)

.PHONY: help setup run test check unit-test kernel-test e2e notebooks-smoke notebook bench bench-peers classpath cifar10 clean

help:
	@echo "make run        set up what is missing, execute every notebook into out/"
	@echo "make test       unit tests, kernel protocol tests, browser test, every notebook in the smoke profile"
	@echo "make check      the style check and the fast unit tests, before every commit (under two minutes)"
	@echo "make notebook   Jupyter on 127.0.0.1 with the Java (senslab) kernel"
	@echo "make bench      benchmarks, side by side with the Python peers that are installed"
	@echo "make classpath  the helper library's classpath, for jshell or your own build"
	@echo "make setup      install Jupyter, build, install the kernelspec (run by the others as needed)"
	@echo "profiles: SENSLAB_PROFILE=smoke|quick|paper (unset: the library's default, see README)"

setup:
	environment/setup.sh

# CIFAR-10 as an image folder, from an archive you have (the notebooks otherwise download the binary release)
cifar10:
	@if [ -d $(CIFAR_IMAGES)/test ]; then echo "CIFAR-10 images present in $(CIFAR_IMAGES)"; \
	elif [ -f "$(CIFAR_ARCHIVE)" ]; then echo "unpacking $(CIFAR_ARCHIVE) into $(CIFAR_IMAGES)"; \
	  mkdir -p $(CIFAR_IMAGES).part && tar -xzf "$(CIFAR_ARCHIVE)" -C $(CIFAR_IMAGES).part && mv $(CIFAR_IMAGES).part $(CIFAR_IMAGES); \
	else echo "no CIFAR-10 archive at $(CIFAR_ARCHIVE): the notebooks will download the canonical release"; fi

run: setup cifar10
	$(JVM_ENV) $(PYTHON) environment/run-notebooks.py --out out

test: setup cifar10
	$(MAKE) --no-print-directory unit-test kernel-test e2e notebooks-smoke

unit-test:
	$(JVM_ENV) mvn -B test

# checkstyle (checkstyle.xml, run by every build) and the tests not tagged "slow" (those train networks or start
# Spark); see CONTRIBUTING.md
check:
	mvn -B test -DexcludedGroups=slow

kernel-test:
	$(JVM_ENV) $(PYTHON) -m unittest discover -s kernel/src/test/python -v

e2e:
	E2E=1 environment/setup.sh
	cd kernel/src/test/e2e && $(JVM_ENV) JUPYTER_PYTHON=$(PYTHON) OUT=$(CURDIR)/out node notebook-e2e.mjs

notebooks-smoke:
	$(JVM_ENV) $(PYTHON) environment/run-notebooks.py --profile smoke --out out/smoke

notebook: setup cifar10
	SENSLAB_HOME=$(CURDIR) $(JVM_ENV) $(PYTHON) -m notebook --ip=127.0.0.1 --no-browser --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# Maven's output goes to stderr here, so that `$$(make -s classpath)` is the class path alone
$(LIB_CP): lib-src/pom.xml pom.xml
	$(MVN) -pl lib-src dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt >&2

$(TEST_CP): lib-src/pom.xml pom.xml
	$(MVN) -pl lib-src dependency:build-classpath -DincludeScope=test -Dmdep.outputFile=target/test-classpath.txt

classpath: $(LIB_CP)
	@$(MVN) -pl lib-src compile >&2
	@echo "$(CURDIR)/lib-src/target/classes:$$(cat $(LIB_CP))"

bench: setup $(TEST_CP)
	$(MVN) -pl lib-src test-compile
	@for bench in $$(cd lib-src/target/test-classes && find senslab/bench -name '*Bench.class' | sort); do \
	  class=$${bench%.class}; class=$${class//\//.}; echo "== $$class"; \
	  $(JVM_ENV) java -Xmx8g -Dai.djl.offline=true -cp lib-src/target/test-classes:lib-src/target/classes:$$(cat $(TEST_CP)) $$class; \
	done
	@# lib-spark's benches (Spark beside the direct call): its class path comes through the reactor
	$(MVN) -pl lib-spark -am test-compile dependency:build-classpath -DincludeScope=test -Dmdep.outputFile=target/test-classpath.txt
	@for bench in $$(cd lib-spark/target/test-classes && find senslab/bench -name '*Bench.class' | sort); do \
	  class=$${bench%.class}; class=$${class//\//.}; echo "== $$class"; \
	  SPARK_LOCAL_IP=127.0.0.1 $(JVM_ENV) $(SPARK_JAVA) -Xmx6g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
	    -cp lib-spark/target/test-classes:lib-spark/target/classes:$$(cat $(SPARK_TEST_CP)) $$class; \
	done

# The Python peers run on OpenBLAS (see environment/apt-bench-packages.txt), chosen by name: Debian registers
# libblas.so.3 by priority, and another BLAS installed earlier could otherwise win
PEER_BLAS := /usr/lib/x86_64-linux-gnu/openblas-openmp

bench-peers:
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$(grep -v '^\s*\(#\|$$\)' environment/apt-bench-packages.txt)
	@# libblas.so.3 and liblapack.so.3 are thin: their code is in libopenblas.so.0, an alternative of its own
	for lib in libblas.so.3 liblapack.so.3 libopenblas.so.0; do \
	  update-alternatives --set $$lib-x86_64-linux-gnu $(PEER_BLAS)/$$lib; done

clean:
	mvn -q clean
	rm -rf out
