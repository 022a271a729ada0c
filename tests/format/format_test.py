#!/usr/bin/python3
"""zc fmt over every .zc file of the repository, and its golden layouts.

Every .zc file is formatted in a scratch copy of its folder; then
- formatting is idempotent: zc fmt of the formatted text is that text;
- the formatted file checks the same: zc check's exit code and messages
  (codes, words, notes and hints; only line and column numbers may move);
- a file that checks clean evaluates the same: the same IR (zc check
  --dump-ir), the same 测试 results (zc test), and, for a ruleset with
  records beside it (tests/eval/NAME.jsonl, the sample enterprises), the
  same bytes from zc run.
Files under tests/format/ are golden: NAME.zc formats to NAME.formatted.
zc fmt --check prints a diff and exits 1 for a file not formatted and exits
0 for one that is; zc fmt -w rewrites only such a file.

    format_test.py ZC REPOSITORY       (ZC_UPDATE_GOLDEN=1 writes the goldens)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ZC, REPO = (os.path.abspath(p) for p in sys.argv[1:3])
SKIPPED_FOLDERS = {'.git', 'node_modules', 'build'}
failures = []


def fail(message):
    failures.append(message)
    print('FAIL:', message, flush=True)


def run(args, cwd, env=None):
    result = subprocess.run([ZC] + args, cwd=cwd, env=env, capture_output=True, timeout=120)
    if result.returncode < 0:
        fail(f'zc {" ".join(args)} in {cwd} ended by signal {-result.returncode}')
    return result


def zc_files():
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS and not d.startswith('build'))
        for name in sorted(files):
            if name.endswith('.zc'):
                yield os.path.relpath(os.path.join(folder, name), REPO)


LOCATION = re.compile(rb'([^\s:"]+\.zc):\d+:\d+')
EXCERPT = re.compile(rb'^ *\d* \|.*\n', re.M)


def messages(output):
    """Diagnostics without where they are: a layout moves lines and columns."""
    output = EXCERPT.sub(b'', output)
    output = LOCATION.sub(rb'\1:L:C', output)
    return re.sub(rb'line \d+', b'line N', output)


def copy_tree(root):
    """The repository's .zc files and the records beside them."""
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [d for d in subfolders if d not in SKIPPED_FOLDERS and not d.startswith('build')]
        relative = os.path.relpath(folder, REPO)
        for name in files:
            if name.endswith(('.zc', '.jsonl', '.csv', '.json')):
                os.makedirs(os.path.join(root, relative), exist_ok=True)
                shutil.copyfile(os.path.join(folder, name), os.path.join(root, relative, name))


def compare(relative, original_root, formatted_root, refused):
    folder, name = os.path.split(relative)
    envs = {}
    for root in (original_root, formatted_root):
        env = dict(os.environ)
        env['ZC_STDLIB'] = os.path.join(root, 'stdlib')
        env['ZC_CACHE_DIR'] = os.path.join(root, '.cache')
        envs[root] = env
    before_dir, after_dir = (os.path.join(r, folder) for r in (original_root, formatted_root))

    if relative in refused:
        return 'does not parse'
    # Its messages, and the IR of a file that checks clean.
    before = run(['check', '--dump-ir', name], before_dir, envs[original_root])
    after = run(['check', '--dump-ir', name], after_dir, envs[formatted_root])
    if (before.returncode, messages(before.stdout), messages(before.stderr)) != \
            (after.returncode, messages(after.stdout), messages(after.stderr)):
        fail(f'{relative}: zc check --dump-ir differs after formatting:\n{before.stderr.decode()}\n---\n{after.stderr.decode()}')
        return 'differs'
    if before.returncode != 0:
        return 'rejected'
    comparisons = [['test', '--engine', 'interp', name]]
    base = os.path.splitext(name)[0]
    for records in (base + '.jsonl', base + '.csv'):
        if os.path.exists(os.path.join(before_dir, records)):
            comparisons.append(['run', name, '--input', records, '--engine', 'interp', '--format', 'jsonl', '-q'])
    if relative == os.path.join('examples', 'seed-policies', 'all.zc'):
        sample = os.path.join(original_root, 'tests', 'data', 'sample-enterprises.jsonl')
        comparisons.append(['run', name, '--input', sample, '--engine', 'interp', '--format', 'jsonl', '-q'])
    for args in comparisons:
        b = run(args, before_dir, envs[original_root])
        a = run(args, after_dir, envs[formatted_root])
        if (b.returncode, messages(b.stdout), messages(b.stderr)) != (a.returncode, messages(a.stdout), messages(a.stderr)):
            fail(f'{relative}: zc {" ".join(args)} differs after formatting')
    return 'evaluated'


def golden_layouts():
    folder = os.path.join(REPO, 'tests', 'format')
    cases = sorted(n for n in os.listdir(folder) if n.endswith('.zc'))
    if not cases:
        fail('no golden layout under tests/format')
    for name in cases:
        expected_path = os.path.join(folder, name[:-3] + '.formatted')
        result = run(['fmt', name], folder)
        if result.returncode != 0:
            fail(f'tests/format/{name}: zc fmt failed: {result.stderr.decode()}')
            continue
        if os.environ.get('ZC_UPDATE_GOLDEN'):
            open(expected_path, 'wb').write(result.stdout)
        elif not os.path.exists(expected_path) or open(expected_path, 'rb').read() != result.stdout:
            fail(f'tests/format/{name}: the layout is not {name[:-3]}.formatted')


def check_and_write_modes(scratch):
    folder = os.path.join(scratch, 'modes')
    os.makedirs(folder)
    messy = os.path.join(folder, 'messy.zc')
    shutil.copyfile(os.path.join(REPO, 'tests', 'format', 'layout.zc'), messy)
    original = open(messy, 'rb').read()
    check = run(['fmt', '--check', 'messy.zc'], folder)
    if check.returncode != 1 or not check.stdout.startswith(b'--- messy.zc\n+++ messy.zc (formatted)\n@@ '):
        fail(f'zc fmt --check on a file not formatted: exit {check.returncode}, {check.stdout[:200]!r}')
    if open(messy, 'rb').read() != original:
        fail('zc fmt --check changed the file')
    # The diff applied by patch gives the formatted text.
    patched = subprocess.run(['patch', '-o', '-', 'messy.zc'], input=check.stdout, cwd=folder, capture_output=True)
    formatted = run(['fmt', 'messy.zc'], folder).stdout
    if patched.returncode == 0 and patched.stdout != formatted:
        fail('the diff of zc fmt --check does not turn the file into its layout')
    write = run(['fmt', '-w', 'messy.zc'], folder)
    if write.returncode != 0 or open(messy, 'rb').read() != formatted:
        fail(f'zc fmt -w did not write the layout: {write.stderr!r}')
    if sorted(os.listdir(folder)) != ['messy.zc']:
        fail(f'zc fmt -w left files behind: {os.listdir(folder)}')
    broken = os.path.join(folder, 'broken.zc')
    open(broken, 'wb').write(b'\xe6\x94\xbf\xe7\xad\x96 "X" {\n')
    result = run(['fmt', '-w', 'broken.zc'], folder)
    if result.returncode != 1 or b'error[E0101]' not in result.stderr or open(broken, 'rb').read() != b'\xe6\x94\xbf\xe7\xad\x96 "X" {\n':
        fail(f'zc fmt on a file that does not parse: exit {result.returncode}, {result.stderr!r}')


def main():
    scratch = tempfile.mkdtemp(prefix='zc-fmt-')
    try:
        golden_layouts()
        check_and_write_modes(scratch)
        original_root, formatted_root = os.path.join(scratch, 'original'), os.path.join(scratch, 'formatted')
        copy_tree(original_root)
        copy_tree(formatted_root)
        files = list(zc_files())
        # Every file formatted in place by one zc fmt -w; the ones that do
        # not parse are named and left alone, and zc check must refuse them too.
        before = {r: open(os.path.join(formatted_root, r), 'rb').read() for r in files}
        result = run(['fmt', '-w'] + files, formatted_root)
        refused = set(re.findall(r'^zc fmt: (\S+) was not formatted: it does not parse$', result.stderr.decode(), re.M))
        if result.returncode != (1 if refused else 0):
            fail(f'zc fmt -w over the repository exited {result.returncode}: {result.stderr.decode()[-2000:]}')
        for relative in sorted(refused):
            folder, name = os.path.split(os.path.join(formatted_root, relative))
            if run(['check', name], folder).returncode == 0 or before[relative] != open(os.path.join(folder, name), 'rb').read():
                fail(f'{relative}: zc fmt refused a file that checks, or changed it')
        changed = sum(before[r] != open(os.path.join(formatted_root, r), 'rb').read() for r in files)
        # Idempotent: --check finds nothing to change in any formatted file.
        again = run(['fmt', '--check'] + [r for r in files if r not in refused], formatted_root)
        if again.returncode != 0 or again.stdout:
            fail(f'formatting formatted files changes them again:\n{again.stdout.decode()[:3000]}')
        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = list(pool.map(lambda r: compare(r, original_root, formatted_root, refused), files))
        counts = {k: outcomes.count(k) for k in set(outcomes)}
        print(f'{len(files)} .zc files, {changed} changed by zc fmt; {counts}')
        if len(files) < 100 or counts.get('evaluated', 0) < 20:
            fail('too few files to trust: the walk of the repository found too little')
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if failures:
        print(f'{len(failures)} failures')
        sys.exit(1)
    print('zc fmt: idempotent, and every file checks and evaluates as before')


if __name__ == '__main__':
    main()
