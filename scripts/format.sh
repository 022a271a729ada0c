#!/usr/bin/env bash
# Formats the tree's C and C++ sources by .clang-format, or with --check lists the files that
# do not follow it and exits 1 (the source_format test). clang-format-19 is pinned so that
# every machine lays the code out alike.
set -euo pipefail
cd "$(dirname "$0")/.."
formatter=${CLANG_FORMAT:-clang-format-19}
if ! command -v "$formatter" >/dev/null; then
  echo "format.sh: $formatter not found (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
mapfile -d '' files < <(git ls-files -z -- '*.c' '*.cpp' '*.h')
if [ "${1:-}" = --check ]; then
  bad=0
  for f in "${files[@]}"; do
    if ! "$formatter" --dry-run -Werror "$f" >/dev/null 2>&1; then
      echo "not formatted: $f"
      bad=1
    fi
  done
  [ "$bad" = 0 ] || echo "format.sh: run scripts/format.sh to lay these files out by .clang-format" >&2
  exit "$bad"
fi
"$formatter" -i "${files[@]}"
