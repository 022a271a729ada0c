#!/usr/bin/env node
// Highlights every .zc file under a folder with the extension's TextMate
// grammar, through VS Code's own tokenizer (npm's vscode-textmate over
// vscode-oniguruma), and fails on any character outside whitespace that no
// rule of the grammar matched. invalid.illegal (a character no token starts
// with) is allowed only in the files that test that error.
//   node check-grammar-coverage.js REPOSITORY
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const repository = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..'));
const grammarPath = path.join(__dirname, '..', 'syntaxes', 'zhengce.tmLanguage.json');
// Folders of deliberately broken input.
const brokenOnPurpose = ['tests/check/bad/', 'tests/fuzz/', 'tests/hostile/'];
const whitespace = new Set([' ', '\t', '\r', '\u3000', '\uFEFF']);

function zcFiles(folder, out) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name.startsWith('build')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) zcFiles(full, out);
    else if (entry.isFile() && entry.name.endsWith('.zc')) out.push(full);
  }
  return out;
}

async function main() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  const onigLib = oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }));
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) =>
      scopeName === 'source.zhengce' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('source.zhengce');

  const files = zcFiles(repository, []).sort();
  let problems = 0, characters = 0;
  const scopeCounts = {};
  for (const file of files) {
    const relative = path.relative(repository, file).split(path.sep).join('/');
    const illegalAllowed = brokenOnPurpose.some((prefix) => relative.startsWith(prefix));
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    let stack = vsctm.INITIAL;
    lines.forEach((line, n) => {
      const result = grammar.tokenizeLine(line, stack);
      stack = result.ruleStack;
      for (const token of result.tokens) {
        const inner = token.scopes[token.scopes.length - 1];
        for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); ++i) {
          if (whitespace.has(line[i])) continue;
          ++characters;
          const where = `${relative}:${n + 1}:${i + 1}`;
          if (token.scopes.length < 2) {
            console.error(`${where}: no rule of the grammar matches ${JSON.stringify(line[i])}`);
            ++problems;
          } else if (inner.startsWith('invalid.illegal') && !illegalAllowed) {
            console.error(`${where}: ${JSON.stringify(line[i])} is highlighted as an error in a file that is not broken on purpose`);
            ++problems;
          }
        }
        const kind = inner.split('.').slice(0, 2).join('.');
        scopeCounts[kind] = (scopeCounts[kind] || 0) + 1;
      }
    });
  }
  if (files.length === 0) {
    console.error(`no .zc file under ${repository}`);
    process.exit(1);
  }
  console.log(`${files.length} files, ${characters} characters highlighted; tokens by scope: ` +
    Object.entries(scopeCounts).sort().map(([k, v]) => `${k} ${v}`).join(', '));
  if (problems > 0) {
    console.error(`${problems} characters the grammar does not highlight`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
