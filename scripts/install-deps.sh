#!/usr/bin/env bash
# Installs everything Zhengce needs to build and test, from Debian 12
# packages, simdjson's source from npm, and, for the editor side
# (editors/vscode), npm packages pinned by its package-lock.json. Run as root
# on a fresh machine; a second run does nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache   # compiler and build
  antlr4 libantlr4-runtime-dev               # parser generator and its C++ runtime
  llvm-19-dev                                # the JIT back end
  clang-19                                   # compiles the runtime to bitcode that zc build links into libraries
  libclang-rt-19-dev                         # libFuzzer and the sanitizer runtimes (tests/fuzz, build-asan)
  clang-format-19                            # the sources' layout (.clang-format, scripts/format.sh, ctest source_format)
  libfmt-dev                                 # formatting
  libcli11-dev                               # command line
  rapidjson-dev                              # JSON written (descriptions, zc serve), a library's embedded description read (header-only)
  libcsv-dev                                 # CSV input, read strictly (RFC 4180)
  libminizip-dev libexpat1-dev               # Excel (.xlsx) input: the zip container and its XML
  libxlsxwriter-dev                          # Excel (.xlsx) reports: zc run --format xlsx, zc diff
  pkg-config                                 # the build flags of minizip and libxlsxwriter
  libedit-dev                                # line editing in the REPL
  libutf8proc-dev                            # UTF-8 decoding and East Asian display widths (carets, tables, the REPL)
  libicu-dev                                # Unicode TR39 confusables: names that look alike warn (W0603)
  catch2                                     # unit and golden tests (v2)
  python3 tmux                               # test helpers: bench generator, REPL terminal test
  python3-openpyxl                           # tests: make .xlsx fixtures and read zc's .xlsx reports back
  iproute2                                   # test helper: ss shows zc serve's listen backlog
  python3-pip python3-venv python3-setuptools python3-wheel  # pip install ./python, offline
  python3-pytest python3-pandas              # the Python package's tests; its evaluate_frame
  python3-distributed                        # examples/scale-out/dask: a Dask cluster runs a compiled ruleset
  zlib1g-dev                                 # zc serve: a gzip or deflate request body inflated (within --max-body)
  chromium chromium-driver python3-selenium  # zc serve's web page, tested in a real headless browser
  fonts-wqy-microhei                         # Chinese glyphs for that browser's screenshots
  linux-perf valgrind                        # profiling zc run (docs/performance.md)
  nlohmann-json3-dev                         # zc lsp: JSON-RPC messages (header-only)
  nodejs                                     # the VS Code extension's tests and packaging (editors/vscode)
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
# simdjson's C++ source (runtime/simdjson/package.json): Debian ships simdjson
# only as a shared library, and zc's runtime and every library zc build makes
# compile it in. npm comes with Debian's npm package, or with a nodejs that
# bundles it.
if ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
simdjson="$(cd "$(dirname "$0")/.." && pwd)/runtime/simdjson"
if [ ! -f "$simdjson/node_modules/@nozbe/simdjson/src/simdjson.cpp" ]; then
  npm ci --prefix "$simdjson" --no-audit --no-fund --silent
fi

# The editor side's npm packages, exactly as package-lock.json pins them
# (npm ci): vscode-languageclient for the extension; vscode-jsonrpc and
# vscode-languageserver-protocol for the LSP session test, vscode-textmate and
# vscode-oniguruma for the grammar's coverage test, @vscode/vsce to package
# the .vsix. Installed once; again only when the lock file changes.
vscode="$(cd "$(dirname "$0")/.." && pwd)/editors/vscode"
stamp="$vscode/node_modules/.zc-installed"
lock_hash="$(sha256sum "$vscode/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  (cd "$vscode" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > "$stamp"
fi
echo "install-deps: all dependencies present"
