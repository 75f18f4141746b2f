# Zhenggai: the two commands of the README.
#   make run    install what is missing, build, create the demo database if absent, show it
#   make check  build with gcc and clang (warnings as errors) and run every test, then again
#               under AddressSanitizer + UndefinedBehaviorSanitizer
# Everything is built with CMake under build/ (gcc) and build-asan/ (clang, sanitizers).

JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB ?= demo.db

.PHONY: all deps build build-asan run check check-fast fuzz bench clean

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@cmake -S . -B build -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build -j $(JOBS)

build-asan: deps
	@cmake -S . -B build-asan -DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=Debug \
		-DZG_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)

run: build
	@if [ ! -f $(DEMO_DB) ]; then \
		./build/zhenggai --db $(DEMO_DB) demo --scale county && \
		echo "created $(DEMO_DB) with the county demo"; fi
	@./build/zhenggai --db $(DEMO_DB) status --inspection 1

check-fast: build
	@cd build && ctest --output-on-failure -j $(JOBS)

check: build build-asan
	@cd build && ctest --output-on-failure -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer on each parser for FUZZ_SECONDS, starting from a copy of fuzz/corpus/<target>/.
FUZZ_SECONDS ?= 60
fuzz: deps
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=Debug \
		-DZG_SANITIZE=ON -DZG_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzz_text fuzz_docx
	@for t in fuzz_text fuzz_docx; do \
		mkdir -p build-fuzz/corpus/$$t && cp fuzz/corpus/$$t/* build-fuzz/corpus/$$t/ && \
		./build-fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
			-artifact_prefix=build-fuzz/$$t- build-fuzz/corpus/$$t || exit 1; \
	done

clean:
	rm -rf build build-asan build-fuzz
