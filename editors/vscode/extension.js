// The VS Code side of Zhengce: highlighting is the TextMate grammar in
// syntaxes/; everything else — diagnostics, hover, go to definition,
// references, completion, outline, rename, formatting — is `zc lsp`, started
// here through npm's vscode-languageclient.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const zc = vscode.workspace.getConfiguration('zhengce').get('zcPath') || 'zc';
  const server = { command: zc, args: ['lsp', '--stdio'] };
  client = new LanguageClient('zhengce', 'Zhengce (zc lsp)', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'zhengce' }],
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
