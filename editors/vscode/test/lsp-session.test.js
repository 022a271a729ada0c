#!/usr/bin/env node
// A real client talks to `zc lsp` over stdio: npm's
// vscode-languageserver-protocol and its vscode-jsonrpc, the libraries VS
// Code's own client is built on. On a copy of the seed rulesets it opens a file, introduces a
// unit error and gets the diagnostic `zc check` gives for it, hovers a
// field, jumps to a clause's definition, completes a field after `.`,
// lists the outline, finds references, renames a 设, formats a file (as
// `zc fmt` does), and negotiates UTF-8 positions. Every expectation is
// read from the files or from `zc` itself, not written here.
//   node lsp-session.test.js ZC REPOSITORY
'use strict';
const assert = require('assert');
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
// The protocol's node entry point carries its own vscode-jsonrpc (streams, connection).
const proto = require('vscode-languageserver-protocol/node');
const rpc = proto;

const [zc, repository] = process.argv.slice(2).map((p) => path.resolve(p));
const seeds = path.join(repository, 'examples', 'seed-policies');

function copySeeds() {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zc-lsp-')));
  for (const name of fs.readdirSync(seeds)) if (name.endsWith('.zc')) fs.copyFileSync(path.join(seeds, name), path.join(folder, name));
  return folder;
}

const uriOf = (file) => 'file://' + file.split('/').map(encodeURIComponent).join('/');

// The line (0-based) and UTF-16 character of the first occurrence of needle
// in text, plus offset characters into it.
function positionOf(text, needle, offset = 0) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is not in the file`);
  const before = text.slice(0, at + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

// zc check's first error on a file: its code, line and column.
function zcCheck(file) {
  const result = cp.spawnSync(zc, ['check', file], { encoding: 'utf8' });
  const m = /:(\d+):(\d+): error\[(E\d+)\]/.exec(result.stderr);
  assert.ok(m, `zc check found no error in ${file}: ${result.stderr}`);
  return { line: Number(m[1]) - 1, column: Number(m[2]) - 1, code: m[3] };
}

// The text with the edits of one document applied (positions in UTF-16).
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

class Session {
  constructor(workspace, encodings) {
    this.child = cp.spawn(zc, ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(this.child.stdin));
    this.diagnostics = new Map();
    this.waiters = [];
    this.connection.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => !(w.uri === p.uri && w.version === p.version && w.resolve(p.diagnostics)));
    });
    this.connection.listen();
    this.workspace = workspace;
    this.encodings = encodings;
    this.versions = new Map();
  }

  async initialize() {
    const capabilities = { textDocument: { hover: { contentFormat: ['markdown'] } } };
    if (this.encodings) capabilities.general = { positionEncodings: this.encodings };
    const result = await this.connection.sendRequest(proto.InitializeRequest.type, {
      processId: process.pid, rootUri: uriOf(this.workspace), capabilities,
      workspaceFolders: [{ uri: uriOf(this.workspace), name: 'seeds' }],
    });
    this.connection.sendNotification(proto.InitializedNotification.type, {});
    return result;
  }

  // The next diagnostics published for the file's present version (the
  // server publishes its own first, then again with the rulesets importing it).
  nextDiagnostics(file) {
    const version = this.versions.get(file);
    return new Promise((resolve) => this.waiters.push({ uri: uriOf(file), version, resolve: (d) => (resolve(d), true) }));
  }

  open(file, text) {
    this.versions.set(file, 1);
    const next = this.nextDiagnostics(file);
    this.connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), languageId: 'zhengce', version: 1, text },
    });
    return next;
  }

  change(file, text) {
    const version = this.versions.get(file) + 1;
    this.versions.set(file, version);
    const next = this.nextDiagnostics(file);
    this.connection.sendNotification(proto.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), version }, contentChanges: [{ text }],
    });
    return next;
  }

  request(type, file, position, extra = {}) {
    return this.connection.sendRequest(type, { textDocument: { uri: uriOf(file) }, position, ...extra });
  }

  async close() {
    await this.connection.sendRequest(proto.ShutdownRequest.type);
    this.connection.sendNotification(proto.ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}

async function main() {
  const workspace = copySeeds();
  const cjq = path.join(workspace, 'cj-q.zc'), cjb = path.join(workspace, 'cj-b.zc'), schema = path.join(workspace, 'schema.zc');
  const cjqText = fs.readFileSync(cjq, 'utf8'), cjbText = fs.readFileSync(cjb, 'utf8'), schemaText = fs.readFileSync(schema, 'utf8');
  const session = new Session(workspace, null);
  const init = await session.initialize();
  assert.strictEqual(init.capabilities.positionEncoding, 'utf-16', 'UTF-16 unless the client offers UTF-8');

  // Open: the seed checks clean.
  assert.deepStrictEqual(await session.open(cjq, cjqText), [], 'cj-q.zc has no diagnostics');

  // A unit error, from unsaved text: the diagnostic zc check gives for the same text.
  const award = '奖励 1 万元;';
  const broken = cjqText.replace(award, '奖励 1 万元 + 区属新增竣工标准厂房面积;');
  assert.notStrictEqual(broken, cjqText);
  const diagnostics = await session.change(cjq, broken);
  const brokenCopy = path.join(fs.mkdtempSync(path.join(workspace, 'broken-')), 'cj-q.zc');
  for (const name of fs.readdirSync(workspace)) if (name.endsWith('.zc')) fs.copyFileSync(path.join(workspace, name), path.join(path.dirname(brokenCopy), name));
  fs.writeFileSync(brokenCopy, broken);
  const expected = zcCheck(brokenCopy);
  assert.ok(diagnostics.length >= 1, 'the unit error is reported');
  const first = diagnostics[0];
  assert.strictEqual(first.code, expected.code);
  assert.strictEqual(first.range.start.line, expected.line);
  assert.strictEqual(first.range.start.character, expected.column, 'UTF-16 column = zc check character column in this BMP text');
  assert.strictEqual(first.severity, 1);
  console.log(`unit error: ${first.code} at ${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}`);
  assert.deepStrictEqual(await session.change(cjq, cjqText), [], 'the error goes when the text is restored');

  // Hover a field: its type as schema.zc declares it.
  const fieldType = /当年实际利用外资: ([^ ;=]+)/.exec(schemaText)[1];
  const hover = await session.request(proto.HoverRequest.type, cjq, positionOf(cjqText, '条件 当年实际利用外资', 4));
  assert.ok(hover && hover.contents.value.includes('当年实际利用外资') && hover.contents.value.includes(fieldType),
    `hover shows the field and its unit ${fieldType}: ${JSON.stringify(hover)}`);

  // Hover a clause id: its 原文.
  const clauseHover = await session.request(proto.HoverRequest.type, cjq, positionOf(cjqText, '期望 "CJ-Q-7"', 5));
  const source7 = /条款 "CJ-Q-7" \{\s*原文 "([^"]+)"/.exec(cjqText)[1];
  assert.ok(clauseHover && clauseHover.contents.value.includes(source7), 'hover on a clause id shows its 原文');

  // ... and what it pays: its 奖励 line.
  const award7 = /条款 "CJ-Q-7" \{[^}]*?(奖励 [^;]+;)/.exec(cjqText)[1];
  assert.ok(clauseHover.contents.value.includes(award7), `hover on a clause id shows ${award7}`);

  // A clause named in a 就高 group: definition and hover reach it too.
  const grouped = cjqText.replace('\n}\n\n// ---- 测试', '\n  就高 {"CJ-Q-3b", "CJ-Q-3c"};\n}\n\n// ---- 测试');
  assert.notStrictEqual(grouped, cjqText);
  assert.deepStrictEqual(await session.change(cjq, grouped), []);
  const inGroup = await session.request(proto.DefinitionRequest.type, cjq, positionOf(grouped, '"CJ-Q-3c"};', 3));
  assert.strictEqual(inGroup[0].range.start.line, positionOf(grouped, '条款 "CJ-Q-3c"').line, 'a 就高 member jumps to its clause');
  await session.change(cjq, cjqText);

  // Go to definition: a clause named in a 期望 line, and a field declared in schema.zc.
  const definition = await session.request(proto.DefinitionRequest.type, cjq, positionOf(cjqText, '期望 "CJ-Q-7"', 5));
  assert.strictEqual(definition.length, 1);
  assert.strictEqual(definition[0].uri, uriOf(cjq));
  assert.strictEqual(definition[0].range.start.line, positionOf(cjqText, '条款 "CJ-Q-7"').line, 'jumps to 条款 "CJ-Q-7"');
  const fieldDefinition = await session.request(proto.DefinitionRequest.type, cjq, positionOf(cjqText, '条件 当年实际利用外资', 4));
  assert.strictEqual(fieldDefinition[0].uri, uriOf(schema));
  assert.deepStrictEqual(fieldDefinition[0].range.start, positionOf(schemaText, '当年实际利用外资:'));

  // References of the field: its declaration and each use in the files.
  const references = await session.request(proto.ReferencesRequest.type, cjq, positionOf(cjqText, '条件 当年实际利用外资', 4),
    { context: { includeDeclaration: true } });
  // Its uses are in the policy's code: above the tests, outside comments and 原文.
  const policyText = cjqText.slice(0, cjqText.indexOf('\n测试 "'));
  const usesInCjq = policyText.split('\n').filter((l) => !l.trim().startsWith('//') && !l.includes('原文'))
    .join('\n').split('当年实际利用外资').length - 1;
  assert.ok(usesInCjq >= 2);
  assert.ok(references.some((r) => r.uri === uriOf(schema)), 'the declaration is a reference');
  assert.strictEqual(references.filter((r) => r.uri === uriOf(cjq)).length, usesInCjq, 'every use in cj-q.zc');

  // Completion after `.`, in text that does not parse yet: the sub-record's fields.
  await session.open(cjb, cjbText);
  const typing = cjbText.replace('匹配 资金.级别 {', '匹配 资金. {');
  assert.notStrictEqual(typing, cjbText);
  await session.change(cjb, typing);
  const completion = await session.request(proto.CompletionRequest.type, cjb, positionOf(typing, '匹配 资金.', '匹配 资金.'.length));
  const labels = completion.items.map((i) => i.label);
  for (const field of new Set([...cjbText.matchAll(/资金\.([^ )}]+)/g)].map((m) => m[1])))
    assert.ok(labels.includes(field), `completion after 资金. offers ${field}: ${labels}`);
  assert.ok(!labels.includes('奖励'), 'after . only fields, no keywords');
  const general = await session.request(proto.CompletionRequest.type, cjq, positionOf(cjqText, '条件 当年实际利用外资', 3));
  const generalLabels = general.items.map((i) => i.label);
  for (const wanted of ['奖励', 'award', '万元', '当年实际利用外资', '美元汇率'])
    assert.ok(generalLabels.includes(wanted), `completion offers ${wanted}`);

  // Outline: the policy and each of its clauses.
  const symbols = await session.connection.sendRequest(proto.DocumentSymbolRequest.type, { textDocument: { uri: uriOf(cjq) } });
  const policy = symbols.find((s) => s.name === 'CJ-Q');
  const clauseCount = (cjqText.match(/^\s*条款 "/gm) || []).length;
  assert.ok(policy && policy.children.length === clauseCount, `the outline has ${clauseCount} clauses under CJ-Q`);

  // Rename a 设 name: its binding and each use in the clause.
  const rename = await session.request(proto.RenameRequest.type, cjq, positionOf(cjqText, '设 比例', 2), { newName: '费率' });
  const renamed = rename.changes[uriOf(cjq)];
  assert.strictEqual(renamed.length, 2, '设 比例 and its use in 奖励');
  assert.ok(renamed.every((e) => e.newText === '费率'));

  // Quick fixes for the checker's hints: each applied, the file checks clean again.
  const fixes = [
    ['a 美元 amount compared with 元: multiply by 美元汇率', '条件 当年实际利用外资 ≥ 50 万美元;', '条件 当年实际利用外资 ≥ 50 万元;', 'E0401', '美元汇率'],
    ['an optional field used untested: 条件 有(…)', '条件 有(高成长认定) 且 高成长认定', '条件 高成长认定', 'E0406', '有(高成长认定)'],
    ['企业 undeclared without std/policy.zc: import it', '导入 "std/policy.zc";\n', '', 'E0307', 'std/policy.zc'],
  ];
  for (const [what, from, to, code, mentions] of fixes) {
    const broken = cjqText.replace(from, to);
    assert.notStrictEqual(broken, cjqText, what);
    const found = await session.change(cjq, broken);
    const diagnostic = found.find((d) => d.code === code);
    assert.ok(diagnostic, `${what}: ${code} is reported`);
    const actions = await session.connection.sendRequest(proto.CodeActionRequest.type,
      { textDocument: { uri: uriOf(cjq) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const action = actions.find((a) => a.title.includes(mentions));
    assert.ok(action, `${what}: a quick fix mentioning ${mentions}: ${JSON.stringify(actions.map((a) => a.title))}`);
    const fixed = applyEdits(broken, action.edit.changes[uriOf(cjq)]);
    const after = await session.change(cjq, fixed);
    assert.deepStrictEqual(after.filter((d) => d.severity === 1), [], `${what}: no error once applied:\n${fixed}`);
    console.log(`quick fix: ${action.title}`);
  }
  await session.change(cjq, cjqText);

  // Formatting: what zc fmt makes of the same text.
  const messy = cjqText.replace(/^ +/gm, '').replace(/ × /g, '×');
  await session.change(cjq, messy);
  const edits = await session.connection.sendRequest(proto.DocumentFormattingRequest.type,
    { textDocument: { uri: uriOf(cjq) }, options: { tabSize: 2, insertSpaces: true } });
  assert.strictEqual(edits.length, 1);
  const messyFile = path.join(path.dirname(brokenCopy), 'messy.zc');
  fs.writeFileSync(messyFile, messy);
  const zcFmt = cp.spawnSync(zc, ['fmt', messyFile], { encoding: 'utf8' });
  assert.strictEqual(zcFmt.status, 0, zcFmt.stderr);
  assert.strictEqual(edits[0].newText, zcFmt.stdout, 'formatting gives zc fmt\'s text');
  assert.notStrictEqual(edits[0].newText, messy);

  // Re-check time of a change to the seed ruleset (printed, not asserted:
  // timings do not belong in tests): to the edited file's own diagnostics,
  // and to the last of the rulesets that import it (schema.zc: all six),
  // in wall time and in the server's CPU time (this machine may be busy).
  await session.open(schema, schemaText);
  await session.nextDiagnostics(schema);
  const cpu = () => fs.readFileSync(`/proc/${session.child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
    .slice(11, 13).reduce((a, b) => a + Number(b), 0) * 1000 / 100;  // utime + stime, at 100 ticks a second
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  for (const [file, text, readers] of [[schema, schemaText, 'the six rulesets that read it'], [cjq, cjqText, 'cj-q.zc and all.zc']]) {
    const own = [], all = [], cpuAll = [];
    for (let i = 0; i < 20; ++i) {
      const t = process.hrtime.bigint(), c = cpu();
      await session.change(file, text + (i % 2 ? '\n' : ''));
      own.push(Number(process.hrtime.bigint() - t) / 1e6);
      await session.nextDiagnostics(file);  // again, after the rulesets importing it
      all.push(Number(process.hrtime.bigint() - t) / 1e6);
      cpuAll.push(cpu() - c);
    }
    console.log(`re-check after a change to ${path.basename(file)}: its own diagnostics in ${median(own).toFixed(1)} ms, ` +
      `${readers} in ${median(all).toFixed(1)} ms (median of 20; server CPU ${median(cpuAll).toFixed(0)} ms)`);
  }
  assert.strictEqual(await session.close(), 0, 'zc lsp exits 0 after shutdown and exit');

  // UTF-8 positions when offered: the character is a byte offset in the line.
  const utf8 = new Session(workspace, ['utf-8', 'utf-16']);
  const init8 = await utf8.initialize();
  assert.strictEqual(init8.capabilities.positionEncoding, 'utf-8');
  await utf8.open(cjq, cjqText);
  const p16 = positionOf(cjqText, '条件 当年实际利用外资', 4);
  const lineText = cjqText.split('\n')[p16.line];
  const p8 = { line: p16.line, character: Buffer.byteLength(lineText.slice(0, p16.character)) };
  const hover8 = await utf8.request(proto.HoverRequest.type, cjq, p8);
  assert.ok(hover8 && hover8.contents.value.includes('当年实际利用外资'), 'hover at a UTF-8 position');
  const nameStart = positionOf(cjqText, '条件 当年实际利用外资', 3).character;
  assert.strictEqual(hover8.range.start.character, Buffer.byteLength(lineText.slice(0, nameStart)), 'the range in bytes');
  assert.strictEqual(await utf8.close(), 0);

  fs.rmSync(workspace, { recursive: true, force: true });
  console.log('zc lsp: every request answered as expected');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
