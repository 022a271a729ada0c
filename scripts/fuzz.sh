#!/usr/bin/env bash
# Runs one libFuzzer target (tests/fuzz/) for a while, niced so other builds
# on the machine are not starved. Builds build-fuzz with clang-19 if needed.
#
#   scripts/fuzz.sh TARGET [SECONDS]     TARGET: check, json_record, csv, xlsx, engines, http_request
#
# New inputs the fuzzer finds go to build-fuzz/corpus/TARGET; the seeds in
# tests/fuzz/corpus/TARGET are only read. A crash is written to
# build-fuzz/crashes/TARGET/ and the script fails: fix it, then copy the input
# into tests/fuzz/corpus/TARGET/, where ctest's fuzz_corpus_TARGET replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-600}

if [ ! -x build-fuzz/tests/fuzz/fuzz_"$target" ]; then
  CC=clang-19 CXX=clang++-19 cmake -S . -B build-fuzz -G Ninja -DZC_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
  cmake --build build-fuzz --parallel 2 --target fuzz_"$target"
fi

seeds=(tests/fuzz/corpus/"$target")
case "$target" in
  check) seeds+=(examples/seed-policies tests/check/good tests/check/bad stdlib) ;;
esac
mkdir -p build-fuzz/corpus/"$target" build-fuzz/crashes/"$target"
nice -n 19 build-fuzz/tests/fuzz/fuzz_"$target" \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix=build-fuzz/crashes/"$target"/ \
  build-fuzz/corpus/"$target" "${seeds[@]}"
