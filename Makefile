# Zhenggai: the two commands of the README.
#   make run    install what is missing, build, create the demo database if absent, show it
#               and serve it at http://127.0.0.1:8080/ in the foreground
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

# The demo accounts, one per role, that `make run` prints (README lists them too).
DEMO_ACCOUNTS = office:巡改办 leader:领导 unit:单位联络员（区财政局，牵头单位） unit-head:单位负责人（区财政局，审核销号） discipline:纪检 \
	observer:观察（上级巡视办） sysadmin:系统管理员 secadmin:安全管理员 auditor:审计管理员

run: build
	@if [ ! -f $(DEMO_DB) ]; then \
		./build/zhenggai --db $(DEMO_DB) demo --scale county && \
		echo "created $(DEMO_DB) with the county demo"; fi
	@./build/zhenggai --db $(DEMO_DB) status --inspection 1
	@echo; echo "Demo accounts (演示账号), password Zhenggai@2026 for each:"
	@for a in $(DEMO_ACCOUNTS); do printf '  %-11s %s\n' "$${a%%:*}" "$${a#*:}"; done
	@echo "The first login asks each account for a new password (首次登录须修改密码)."
	@echo "Open http://127.0.0.1:8080/ in a browser and log in; Ctrl-C stops the server."
	@echo
	@./build/zhenggai --db $(DEMO_DB) serve --listen 127.0.0.1:8080

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
	@cmake --build build-fuzz -j $(JOBS) --target fuzz_text fuzz_docx fuzz_xlsx fuzz_csv fuzz_multipart fuzz_request \
		fuzz_http fuzz_form fuzz_json
	@for t in fuzz_text fuzz_docx fuzz_xlsx fuzz_csv fuzz_multipart fuzz_request fuzz_http \
		fuzz_form fuzz_json; do \
		mkdir -p build-fuzz/corpus/$$t && cp fuzz/corpus/$$t/* build-fuzz/corpus/$$t/ && \
		./build-fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
			-artifact_prefix=build-fuzz/$$t- build-fuzz/corpus/$$t || exit 1; \
	done

clean:
	rm -rf build build-asan build-fuzz
