#!/usr/bin/env bash
# Installs zc twice into fresh roots — the .deb CPack makes, unpacked with
# dpkg-deb -x, and `cmake --install` to a DESTDIR under /usr/local — and, for
# each, runs zc check, zc run, zc build, the C header and the Python package
# from the installed files alone: in a mount namespace where the source tree
# and the build folder are hidden under empty folders, with no ZC_* variable
# and nothing of the build on PATH.
#   installed_zc.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$(realpath "$1") source=$(realpath "$2") version=$3

if ! unshare -m true 2>/dev/null; then
  echo "installed_zc: cannot make a mount namespace here (unshare -m), so the build folder cannot be hidden" >&2
  exit 77
fi

scratch=$(mktemp -d /tmp/zc-installed.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "installed_zc: $*" >&2; exit 1; }

# The .deb: named zhengce_VERSION_amd64.deb, its version the project's, its
# dependencies Debian's packages.
cpack --config "$build/CPackConfig.cmake" -B "$scratch/package" >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log"; fail "cpack failed"; }
deb="$scratch/package/zhengce_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { ls "$scratch/package"; fail "no $deb"; }
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the .deb's version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for package in libllvm19 libstdc++6 libc6 g++; do
  [[ "$depends" == *"$package"* ]] || fail "the .deb does not depend on $package"
done
dpkg-deb -x "$deb" "$scratch/deb"

DESTDIR="$scratch/destdir" cmake --install "$build" --prefix /usr/local >"$scratch/install.log" ||
  { cat "$scratch/install.log"; fail "cmake --install failed"; }

# What the commands read, copied out of the tree that will be hidden.
mkdir -p "$scratch/work" "$scratch/home"
cp "$source"/examples/seed-policies/*.zc "$source"/tests/data/sample-enterprises.jsonl \
   "$source"/tests/data/sample-expected.jsonl "$scratch/work/"
cat >"$scratch/work/version.c" <<'EOF'
#include <stdio.h>
#include <zc/zhengce.h>
int main(void) {
  printf("%s %d\n", zhengce_zc_version(), zhengce_abi_version() == ZHENGCE_ABI_VERSION);
  return 0;
}
EOF
cat >"$scratch/work/package.py" <<'EOF'
import sys
from decimal import Decimal
import zhengce
version, prefix = sys.argv[1:3]
assert zhengce.__file__.startswith(prefix), zhengce.__file__
assert zhengce.__version__ == version, zhengce.__version__
with zhengce.Ruleset("./libseed.so") as seed:
    assert seed.zc_version == version, seed.zc_version
    expected = open("sample-expected.jsonl", "rb").read()
    assert seed.evaluate_jsonl(open("sample-enterprises.jsonl", "rb").read()) == expected
    first = seed.evaluate_many([{"id": "E-1", "区县": "昌江区", "营业收入": Decimal("1.5")}])[0]
    assert isinstance(first["total_enterprise"], Decimal), first
print("python package", zhengce.__version__, "from", zhengce.__file__)
EOF

check_root() {  # ROOT PREFIX: the tree the package was unpacked into, and zc's prefix in it
  local root=$1 prefix=$2
  local bin="$root$prefix/bin/zc"
  echo "== $bin"
  for file in share/zhengce/stdlib/units.zc lib/zhengce/libzc_library_runtime.a lib/zhengce/exports.map \
              include/zc/zhengce.h share/man/man1/zc.1 share/bash-completion/completions/zc \
              share/doc/zhengce/README.md share/doc/zhengce/LICENSE share/doc/zhengce/CHANGELOG.md \
              lib/python3/dist-packages/zhengce/py.typed; do
    [ -f "$root$prefix/$file" ] || fail "$prefix/$file is not installed"
  done
  grep -q "^## \[$version\]" "$root$prefix/share/doc/zhengce/CHANGELOG.md" || fail "CHANGELOG.md has no entry for $version"
  grep -q "zhengce $version" "$root$prefix/share/man/man1/zc.1" || fail "the manual page does not say $version"
  grep -q "Apache License" "$root$prefix/share/doc/zhengce/LICENSE" || fail "LICENSE is not the Apache License"
  rm -rf "$scratch/home"/* "$scratch/work"/lib* "$scratch/work/version" "$scratch/work/out.jsonl"

  local hidden="mount -t tmpfs none '$source'"
  case "$build/" in "$source"/*) ;; *) hidden="$hidden && mount -t tmpfs none '$build'" ;; esac
  unshare -m bash -c "$hidden && cd '$scratch/work' && exec env -i PATH=/usr/bin:/bin HOME='$scratch/home' LANG=C.UTF-8 bash -s" <<EOF
set -euo pipefail
[ ! -e '$build/CMakeCache.txt' ] || { echo 'the build folder is still there'; exit 1; }
[ "\$('$bin' --version)" = "zc $version" ] || { echo "zc --version: \$('$bin' --version)"; exit 1; }
'$bin' check all.zc
'$bin' run all.zc --input sample-enterprises.jsonl --format jsonl --quiet > out.jsonl || [ \$? = 2 ]
cmp out.jsonl sample-expected.jsonl
'$bin' build all.zc -o libseed.so --header seed.h
grep -q 'zhengce_evaluate_jsonl' seed.h
cc -I'$root$prefix/include' version.c -o version -L. -lseed -Wl,-rpath,'\$ORIGIN'
[ "\$(./version)" = "$version 1" ] || { echo "the library says \$(./version)"; exit 1; }
PYTHONPATH='$root$prefix/lib/python3/dist-packages' PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 package.py '$version' '$root$prefix'
completions=\$(bash -c "shopt -s extglob; source '$root$prefix/share/bash-completion/completions/zc'; COMP_WORDS=(zc run --fo); COMP_CWORD=2; _zc; echo \\\${COMPREPLY[*]}")
[ "\$completions" = "--format" ] || { echo "completion of zc run --fo: \$completions"; exit 1; }
echo "check, run, build, the header, the Python package and completion work from $prefix alone"
EOF
}

check_root "$scratch/deb" /usr
check_root "$scratch/destdir" /usr/local
echo "installed_zc: the .deb and cmake --install both work without the build folder"
