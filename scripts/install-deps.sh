#!/usr/bin/env bash
# Installs everything Zhengce needs to build and test, from Debian 12
# packages. Run as root on a fresh machine; a second run does nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache   # compiler and build
  antlr4 libantlr4-runtime-dev               # parser generator and its C++ runtime
  llvm-19-dev                                # the JIT back end
  clang-19                                   # compiles the runtime to bitcode that zc build links into libraries
  libclang-rt-19-dev                         # libFuzzer and the sanitizer runtimes (tests/fuzz, build-asan)
  libfmt-dev                                 # formatting
  libcli11-dev                               # command line
  libsimdjson-dev                            # JSON Lines input
  rapidjson-dev                              # JSON input inside libraries built by zc build (header-only)
  libcsv-dev                                 # CSV input, read strictly (RFC 4180)
  libminizip-dev libexpat1-dev               # Excel (.xlsx) input: the zip container and its XML
  libxlsxwriter-dev                          # Excel (.xlsx) reports: zc run --format xlsx, zc diff
  pkg-config                                 # the build flags of minizip and libxlsxwriter
  libedit-dev                                # line editing in the REPL
  libutf8proc-dev                            # UTF-8 decoding and East Asian display widths (carets, tables, the REPL)
  catch2                                     # unit and golden tests (v2)
  python3 tmux                               # test helpers: bench generator, REPL terminal test
  python3-openpyxl                           # tests: make .xlsx fixtures and read zc's .xlsx reports back
  iproute2                                   # test helper: ss shows zc serve's listen backlog
  python3-distributed                        # examples/scale-out/dask: a Dask cluster runs a compiled ruleset
  zlib1g-dev                                 # zc serve: a gzip or deflate request body inflated (within --max-body)
  chromium chromium-driver python3-selenium  # zc serve's web page, tested in a real headless browser
  fonts-wqy-microhei                         # Chinese glyphs for that browser's screenshots
  linux-perf valgrind                        # profiling zc run (docs/performance.md)
)

if dpkg-query -W -f='${Status}\n' "${packages[@]}" 2>/dev/null | grep -qv 'install ok installed'; then
  missing=1
elif ! dpkg-query -W "${packages[@]}" >/dev/null 2>&1; then
  missing=1
else
  missing=0
fi

if [ "$missing" = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
echo "install-deps: all dependencies present"
