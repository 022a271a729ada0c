// zc lsp: a language server on standard input and output (docs/editor.md).
#pragma once

namespace zc::lsp {

// Serves until the client sends exit (0 after shutdown, else 1) or closes
// standard input (1).
int runLsp();

}  // namespace zc::lsp
