# gan.cpp front door. `make demo` and `make test` set up a fresh Debian machine by themselves.
#
#   make demo        install what is missing, build, run the demo
#   make test        install what is missing, build, run the whole test suite
#   make bench       benchmarks (not tests): kernels, and training steps beside PyTorch
#   make clean       remove the build folder

BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=
# Debian packages the build needs (Debian 12 names).
PACKAGES := g++ make cmake libeigen3-dev catch2 libstb-dev

.PHONY: all deps configure build test demo bench clean

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

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@$(BUILD)/examples/01_autodiff_tour
	@$(BUILD)/gan gradcheck

bench: configure
	@cmake --build $(BUILD) -j $(JOBS) --target gemm_bench
	@$(BUILD)/bench/gemm_bench

clean:
	rm -rf $(BUILD)
