#!/usr/bin/python3
"""The VS Code extension packaged by npm's @vscode/vsce (offline, from
node_modules): the .vsix holds the manifest, the client, the language
configuration, the grammar the manifest names and the language client
library it requires, and nothing of the tests or scripts.

    package_test.py EXTENSION_FOLDER OUTPUT.vsix
"""
import json
import os
import subprocess
import sys
import zipfile

folder, output = (os.path.abspath(p) for p in sys.argv[1:3])
vsce = os.path.join(folder, 'node_modules', '.bin', 'vsce')
if not os.path.exists(vsce):
    sys.exit(f'{vsce} is missing: run scripts/install-deps.sh (npm ci in editors/vscode)')
if os.path.exists(output):
    os.remove(output)
result = subprocess.run([vsce, 'package', '--out', output], cwd=folder, stdin=subprocess.DEVNULL,
                        capture_output=True, text=True, timeout=110)
print(result.stdout[-500:], result.stderr[-500:])
if result.returncode != 0:
    sys.exit(f'vsce package exited with {result.returncode}')

names = set(zipfile.ZipFile(output).namelist())
manifest = json.load(open(os.path.join(folder, 'package.json'), encoding='utf-8'))
wanted = {'extension/package.json', 'extension/' + manifest['main'].lstrip('./'),
          'extension/node_modules/vscode-languageclient/package.json'}
for language in manifest['contributes']['languages']:
    wanted.add('extension/' + language['configuration'].lstrip('./'))
for grammar in manifest['contributes']['grammars']:
    wanted.add('extension/' + grammar['path'].lstrip('./'))
missing = sorted(wanted - names)
stray = sorted(n for n in names if n.startswith(('extension/test/', 'extension/scripts/')))
if missing or stray:
    sys.exit(f'the .vsix lacks {missing} or holds {stray}')
print(f'{output}: {len(names)} files, with {sorted(wanted)}')
