// zc lsp's parts that need no client: positions in UTF-16 and UTF-8 over
// Chinese text, file URIs, the JSON-RPC framing, and a session driven
// in-process (the real client's session is tests/../editors/vscode/test).
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "lsp/JsonRpc.h"
#include "lsp/LanguageServer.h"
#include "lsp/TextPosition.h"
#include "lsp/Uri.h"

using namespace zc::lsp;

TEST_CASE("LSP positions count UTF-16 units, or bytes when UTF-8 is agreed") {
  std::string text = "奖励 1 万元;\n条件 😀a;";
  // 条 is bytes 15..18 on line 1; 😀 is one code point, two UTF-16 units, four bytes.
  uint32_t a = static_cast<uint32_t>(text.find('a', 15));
  CHECK(positionAt(text, a, PositionEncoding::Utf16).character == 5);  // 条 件 space 😀(2)
  CHECK(positionAt(text, a, PositionEncoding::Utf8).character == 11);  // 3 + 3 + 1 + 4
  CHECK(positionAt(text, a, PositionEncoding::Utf16).line == 1);
  CHECK(offsetAt(text, {1, 5}, PositionEncoding::Utf16) == a);
  CHECK(offsetAt(text, {1, 11}, PositionEncoding::Utf8) == a);
  // Inside a character: its start; past the line's end: the line's end.
  CHECK(offsetAt(text, {1, 4}, PositionEncoding::Utf16) == a - 4);
  CHECK(offsetAt(text, {0, 99}, PositionEncoding::Utf16) == text.find('\n'));
  CHECK(offsetAt(text, {9, 0}, PositionEncoding::Utf16) == text.size());
  for (uint32_t offset = 0; offset <= text.size(); ++offset) {
    if (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) continue;
    for (auto encoding : {PositionEncoding::Utf16, PositionEncoding::Utf8})
      CHECK(offsetAt(text, positionAt(text, offset, encoding), encoding) == offset);
  }
}

TEST_CASE("file URIs are percent-decoded, and written as VS Code writes them") {
  CHECK(pathOfUri("file:///tmp/%E6%94%BF%E7%AD%96/a%20b.zc") == "/tmp/政策/a b.zc");
  CHECK(pathOfUri("file://localhost/tmp/x.zc") == "/tmp/x.zc");
  CHECK_FALSE(pathOfUri("untitled:Untitled-1").has_value());
  CHECK_FALSE(pathOfUri("file://server/share/x.zc").has_value());
  CHECK(uriOfPath("/tmp/政策/a b.zc") == "file:///tmp/%E6%94%BF%E7%AD%96/a%20b.zc");
  CHECK(pathOfUri(uriOfPath("/tmp/政策/a b.zc")) == "/tmp/政策/a b.zc");
}

TEST_CASE("JSON-RPC messages are framed by Content-Length, and bad ones refused") {
  std::FILE* stream = std::tmpfile();
  REQUIRE(stream != nullptr);
  REQUIRE(writeMessage(stream, Json{{"jsonrpc", "2.0"}, {"method", "x"}, {"params", {{"text", "条款"}}}}));
  std::fputs("Content-Length: 5\r\n\r\n{bad}", stream);
  std::fputs("Content-Length: 99\r\n\r\n{}", stream);  // cut off
  std::rewind(stream);
  auto first = readMessage(stream);
  REQUIRE(first);
  REQUIRE(first->json);
  CHECK((*first->json)["params"]["text"] == "条款");
  auto second = readMessage(stream);
  REQUIRE(second);
  CHECK_FALSE(second->json);
  CHECK_FALSE(second->problem.empty());
  CHECK_FALSE(readMessage(stream));
  std::fclose(stream);
}

TEST_CASE("a session in-process: diagnostics from unsaved text, hover, and requests it cannot answer") {
  namespace fs = std::filesystem;
  fs::path folder = fs::temp_directory_path() / "zc-lsp-unit";
  fs::remove_all(folder);
  fs::create_directories(folder);
  std::string path = (folder / "规则.zc").string();
  std::string text = "导入 \"std/units.zc\";\n记录 企业 { 营业收入: 万元 属于 [0, ∞) = 0; 面积: 平方米 = 0; }\n";
  std::ofstream(path) << text;

  std::vector<Json> sent;
  LanguageServer server([&](const Json& m) { sent.push_back(m); });
  server.handle({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "textDocument/hover"}, {"params", Json::object()}});
  CHECK(sent.back()["error"]["code"] == -32002);  // not initialized

  server.handle({{"jsonrpc", "2.0"},
                 {"id", 2},
                 {"method", "initialize"},
                 {"params", {{"rootUri", uriOfPath(folder.string())}, {"capabilities", Json::object()}}}});
  CHECK(sent.back()["result"]["capabilities"]["positionEncoding"] == "utf-16");
  sent.clear();
  std::string bad = text + "政策 \"P\" 针对 企业 {\n  条款 \"A\" {\n    奖励 营业收入 + 面积;\n  }\n}\n";
  server.handle(
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/didOpen"},
       {"params",
        {{"textDocument", {{"uri", uriOfPath(path)}, {"languageId", "zhengce"}, {"version", 1}, {"text", bad}}}}}});
  bool found = false;
  for (const Json& m : sent)
    if (m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uriOfPath(path))
      for (const Json& d : m["params"]["diagnostics"]) {
        found = found || d["code"] == "E0401";
        if (d["code"] == "E0401") {
          CHECK(d["range"]["start"]["line"] == 4);
          CHECK(d["range"]["start"]["character"] == 7);  // after "    奖励 ", in UTF-16 units
          CHECK(d["relatedInformation"].size() >= 2);    // where each unit comes from
        }
      }
  CHECK(found);

  server.handle(
      {{"jsonrpc", "2.0"},
       {"id", 3},
       {"method", "textDocument/hover"},
       {"params", {{"textDocument", {{"uri", uriOfPath(path)}}}, {"position", {{"line", 4}, {"character", 8}}}}}});
  std::string hover = sent.back()["result"]["contents"]["value"];
  CHECK(hover.find("营业收入") != std::string::npos);
  CHECK(hover.find("万元") != std::string::npos);
  CHECK(hover.find("取值范围 `[0, ∞)`") != std::string::npos);  // the range the declaration gives

  server.handle({{"jsonrpc", "2.0"}, {"id", 4}, {"method", "textDocument/unknown"}, {"params", Json::object()}});
  CHECK(sent.back()["error"]["code"] == -32601);
  server.handle({{"jsonrpc", "2.0"}, {"id", 5}, {"method", "textDocument/hover"}, {"params", {{"textDocument", 3}}}});
  CHECK(sent.back()["error"]["code"] == -32602);
  server.handle({{"jsonrpc", "2.0"},
                 {"id", 6},
                 {"method", "textDocument/rename"},
                 {"params",
                  {{"textDocument", {{"uri", uriOfPath(path)}}},
                   {"position", {{"line", 4}, {"character", 8}}},
                   {"newName", "奖励"}}}});
  CHECK(sent.back()["error"]["code"] == -32602);  // a keyword is no name

  server.handle({{"jsonrpc", "2.0"}, {"id", 7}, {"method", "shutdown"}});
  server.handle({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(server.exited());
  CHECK(server.exitCode() == 0);
  fs::remove_all(folder);
}
