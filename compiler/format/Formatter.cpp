#include "format/Formatter.h"

#include <antlr4-runtime.h>

#include <algorithm>
#include <map>

#include "ZhengceLexer.h"
#include "parse/NestingLimit.h"
#include "parse/Parser.h"
#include "source/Utf8.h"

namespace zc::format {

namespace {

using grammar::ZhengceLexer;
using grammar::ZhengceParser;

constexpr uint32_t kIndent = 2;        // columns a bracket level indents
constexpr uint32_t kContinuation = 4;  // columns a statement's next line indents

// A token of the file, comments included, with what the parse tree says
// about the space around it.
struct Token {
  size_t type = 0;
  std::string_view text;
  uint32_t begin = 0;  // byte offsets
  uint32_t end = 0;
  bool tightBefore = false;  // the / of 元/美元, the ? of 整数?, the } of a set
  bool tightAfter = false;   // a prefix -, the { of a set
  int armGroup = -1;         // the => of an arm: the construct whose arms align
  size_t armStart = 0;       // that arm's first token
  bool blankBefore = false;  // a clause after a clause; a block declaration

  bool comment() const { return type == ZhengceLexer::LINE_COMMENT || type == ZhengceLexer::BLOCK_COMMENT; }
  bool opens() const { return text == "{" || text == "(" || text == "["; }
  bool closes() const { return text == "}" || text == ")" || text == "]"; }
};

// Marks what the tree knows and the text does not: which / belongs to a
// unit, which - is a prefix, which => begin aligned arms, where blank lines go.
class TreeMarker {
 public:
  explicit TreeMarker(std::vector<Token>& tokens) : tokens_(tokens) {}

  void mark(antlr4::tree::ParseTree* node) {
    auto* context = dynamic_cast<antlr4::ParserRuleContext*>(node);
    if (context == nullptr) return;
    if (dynamic_cast<ZhengceParser::UnitExprContext*>(context) ||
        dynamic_cast<ZhengceParser::ScaleFactorContext*>(context)) {
      forTerminals(context, "/", [](Token& t) { t.tightBefore = t.tightAfter = true; });
    } else if (dynamic_cast<ZhengceParser::ListTypeContext*>(context)) {
      forTerminals(context, "<", [](Token& t) { t.tightBefore = t.tightAfter = true; });
      forTerminals(context, ">", [](Token& t) { t.tightBefore = true; });
    } else if (dynamic_cast<ZhengceParser::TypeExprContext*>(context)) {
      forTerminals(context, "?", [](Token& t) { t.tightBefore = true; });
    } else if (dynamic_cast<ZhengceParser::NegExprContext*>(context) ||
               dynamic_cast<ZhengceParser::BoundContext*>(context)) {
      forTerminals(context, "-", [](Token& t) { t.tightAfter = true; });
    } else if (dynamic_cast<ZhengceParser::SetLiteralContext*>(context)) {
      forTerminals(context, "{", [](Token& t) { t.tightAfter = true; });
      forTerminals(context, "}", [](Token& t) { t.tightBefore = true; });
    } else if (dynamic_cast<ZhengceParser::MatchExprContext*>(context) ||
               dynamic_cast<ZhengceParser::TierExprContext*>(context) ||
               dynamic_cast<ZhengceParser::CrossedExprContext*>(context) ||
               dynamic_cast<ZhengceParser::ProgressiveExprContext*>(context) ||
               dynamic_cast<ZhengceParser::DatedValuesContext*>(context)) {
      markArms(context);
    } else if (auto* program = dynamic_cast<ZhengceParser::ProgramContext*>(context)) {
      auto declarations = program->declaration();
      for (size_t i = 1; i < declarations.size(); ++i)
        if (isBlock(declarations[i]) || isBlock(declarations[i - 1])) blankBefore(declarations[i]);
    } else if (auto* policy = dynamic_cast<ZhengceParser::PolicyDeclContext*>(context)) {
      auto items = policy->policyItem();
      for (size_t i = 1; i < items.size(); ++i)
        if (dynamic_cast<ZhengceParser::PolicyClauseContext*>(items[i]) &&
            dynamic_cast<ZhengceParser::PolicyClauseContext*>(items[i - 1]))
          blankBefore(items[i]);
    }
    for (auto* child : context->children) mark(child);
  }

 private:
  template <typename F>
  void forTerminals(antlr4::ParserRuleContext* context, std::string_view text, F apply) {
    for (auto* child : context->children)
      if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child))
        if (terminal->getSymbol()->getText() == text) apply(tokens_[terminal->getSymbol()->getTokenIndex()]);
  }

  void markArms(antlr4::ParserRuleContext* construct) {
    int group = nextGroup_++;
    for (auto* child : construct->children) {
      auto* arm = dynamic_cast<antlr4::ParserRuleContext*>(child);
      if (arm == nullptr) continue;
      bool isArm = dynamic_cast<ZhengceParser::MatchArmContext*>(arm) ||
                   dynamic_cast<ZhengceParser::TierArmContext*>(arm) ||
                   dynamic_cast<ZhengceParser::ThresholdArmContext*>(arm) ||
                   dynamic_cast<ZhengceParser::DatedValueContext*>(arm);
      if (!isArm) continue;
      forTerminals(arm, "=>", [&](Token& t) {
        t.armGroup = group;
        t.armStart = arm->getStart()->getTokenIndex();
      });
    }
  }

  static bool isBlock(ZhengceParser::DeclarationContext* declaration) {
    return declaration->policyDecl() || declaration->testDecl() || declaration->recordDecl() ||
           declaration->enumDecl() || declaration->setDecl();
  }

  void blankBefore(antlr4::ParserRuleContext* context) {
    tokens_[context->getStart()->getTokenIndex()].blankBefore = true;
  }

  std::vector<Token>& tokens_;
  int nextGroup_ = 0;
};

size_t newlinesBetween(std::string_view text, uint32_t from, uint32_t to) {
  return static_cast<size_t>(std::count(text.begin() + from, text.begin() + to, '\n'));
}

// Whether one space separates two tokens on a line.
bool spaceBetween(const Token& left, const Token& right) {
  if (left.comment() || right.comment()) return true;
  if (left.tightAfter || right.tightBefore) return false;
  static const std::string_view kNoSpaceBefore[] = {")", "]", ",", ";", ".", ":", "%", "‰"};
  if (std::find(std::begin(kNoSpaceBefore), std::end(kNoSpaceBefore), right.text) != std::end(kNoSpaceBefore))
    return false;
  if (left.text == "(" || left.text == "[" || left.text == ".") return false;
  // A call 有(…), 求和(…), and a beneficiary's 企业("enterprise").
  if (right.text == "(" &&
      (left.type == ZhengceLexer::IDENT || left.type == ZhengceLexer::SUM || left.type == ZhengceLexer::COUNT))
    return false;
  if (right.text == "[" && left.type == ZhengceLexer::STRING) return false;  // "设备补助"["P-01"]
  if (left.text == "{" && right.text == "}") return false;
  return true;
}

struct Line {
  uint32_t indent = 0;
  std::string beforeArrow;  // the text, up to the aligned => if any
  std::string fromArrow;    // from the aligned => on
  int armGroup = -1;
  std::string trailingComment;
  uint32_t commentColumn = 0;  // where the comment stood in the source
  bool blank = false;

  std::string& text() { return armGroup >= 0 ? fromArrow : beforeArrow; }
  bool empty() const { return beforeArrow.empty() && fromArrow.empty(); }
};

class Layout {
 public:
  Layout(const SourceFile& source, std::vector<Token>& tokens)
      : source_(source), text_(source.text()), tokens_(tokens) {}

  std::string render() {
    moveBlankLinesAboveComments();
    startsLine_.assign(tokens_.size(), false);
    lineOf_.assign(tokens_.size(), 0);
    size_t previousCode = SIZE_MAX;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      const Token& token = tokens_[i];
      if (i == 0) {
        startLine(i, 0, previousCode);
      } else {
        size_t newlines = newlinesBetween(text_, tokens_[i - 1].end, token.begin);
        bool blank = newlines >= 2 || token.blankBefore;
        if (tokens_[i - 1].opens() || token.closes()) blank = false;  // no blank line inside a bracket's edges
        if (newlines > 0 || token.blankBefore)
          startLine(i, blank ? 1 : 0, previousCode);
        else
          addToLine(i);
      }
      if (!token.comment()) {
        if (token.opens())
          openedOn_.push_back(lines_.size() - 1);
        else if (token.closes() && !openedOn_.empty())
          openedOn_.pop_back();
        previousCode = i;
      }
    }
    alignArrows();
    return joinLines();
  }

 private:
  // A blank line wanted before a clause goes above the comments that sit
  // directly on top of it.
  void moveBlankLinesAboveComments() {
    for (size_t i = 1; i < tokens_.size(); ++i) {
      if (!tokens_[i].blankBefore) continue;
      size_t first = i;
      while (first >= 2 && tokens_[first - 1].comment() &&
             newlinesBetween(text_, tokens_[first - 1].end, tokens_[first].begin) == 1 &&
             newlinesBetween(text_, tokens_[first - 2].end, tokens_[first - 1].begin) > 0)
        --first;
      if (first != i) {
        tokens_[i].blankBefore = false;
        tokens_[first].blankBefore = true;
      }
    }
  }

  void startLine(size_t i, size_t blankLines, size_t previousCode) {
    for (size_t b = 0; b < blankLines; ++b) lines_.push_back(Line{.blank = true});
    // Closing brackets that begin the line close before it is indented.
    size_t closing = 0;
    for (size_t k = i; k < tokens_.size() && tokens_[k].closes(); ++k) {
      if (k > i && newlinesBetween(text_, tokens_[k - 1].end, tokens_[k].begin) > 0) break;
      ++closing;
    }
    size_t open = openedOn_.size() - std::min(closing, openedOn_.size());
    // Brackets opened on one line indent the lines after it by one level.
    uint32_t levels = 0;
    for (size_t k = 0; k < open; ++k)
      if (k == 0 || openedOn_[k] != openedOn_[k - 1]) ++levels;
    Line line;
    line.indent = levels * kIndent;
    if (closing == 0 && previousCode != SIZE_MAX) {
      std::string_view last = tokens_[previousCode].text;
      bool statementGoesOn = last != ";" && last != "{" && last != "(" && last != "[" && last != "," && last != "}";
      if (statementGoesOn) line.indent += kContinuation;
    }
    lines_.push_back(std::move(line));
    startsLine_[i] = true;
    lineOf_[i] = lines_.size() - 1;
    lines_.back().text() += tokens_[i].text;
  }

  void addToLine(size_t i) {
    const Token& token = tokens_[i];
    Line& line = lines_.back();
    lineOf_[i] = lines_.size() - 1;
    if (token.type == ZhengceLexer::LINE_COMMENT) {
      line.trailingComment = std::string(token.text);
      uint32_t lineStart = source_.lineStart(source_.lineColumn(token.begin).line);
      line.commentColumn = displayWidth(text_.substr(lineStart, token.begin - lineStart));
      return;
    }
    bool aligned = token.armGroup >= 0 && line.armGroup < 0 && startsLine_[token.armStart] &&
                   lineOf_[token.armStart] == lineOf_[i];
    if (aligned) {
      line.armGroup = token.armGroup;
      line.fromArrow = std::string(token.text);
      return;
    }
    if (spaceBetween(tokens_[i - 1], token)) line.text() += ' ';
    line.text() += token.text;
  }

  uint32_t widthBeforeArrow(const Line& line) const { return line.indent + displayWidth(line.beforeArrow); }

  // The => of arms that each begin a line stand in one column, one space
  // after the longest left side.
  void alignArrows() {
    std::map<int, std::vector<Line*>> groups;
    for (Line& line : lines_)
      if (line.armGroup >= 0) groups[line.armGroup].push_back(&line);
    for (auto& [group, members] : groups) {
      uint32_t column = 0;
      for (Line* line : members) column = std::max(column, widthBeforeArrow(*line) + 1);
      for (Line* line : members) {
        uint32_t pad = members.size() > 1 ? column - widthBeforeArrow(*line) : 1;
        line->beforeArrow += std::string(pad, ' ');
      }
    }
  }

  std::string joinLines() const {
    std::string out;
    for (const Line& line : lines_) {
      std::string text;
      if (!line.blank) {
        text = std::string(line.indent, ' ') + line.beforeArrow + line.fromArrow;
        if (!line.trailingComment.empty()) {
          // A trailing comment keeps its column, at least one space after the code.
          uint32_t width = displayWidth(text);
          uint32_t column = std::max(line.commentColumn, width + 1);
          text += std::string(column - width, ' ') + line.trailingComment;
        }
        while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
      }
      out += text;
      out += '\n';
    }
    return out;
  }

  const SourceFile& source_;
  std::string_view text_;
  std::vector<Token>& tokens_;
  std::vector<Line> lines_;
  std::vector<size_t> openedOn_;  // for each open bracket, the line it opened on
  std::vector<bool> startsLine_;
  std::vector<size_t> lineOf_;
};

// Every token of the text, comments included, as type and text.
std::vector<std::pair<size_t, std::string>> lexAll(const std::string& text) {
  antlr4::ANTLRInputStream input(text);
  ZhengceLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<std::pair<size_t, std::string>> out;
  for (auto& token : lexer.getAllTokens()) out.emplace_back(token->getType(), token->getText());
  return out;
}

}  // namespace

std::optional<Formatted> formatSource(const SourceManager& sources, FileId file, Diagnostics& diags) {
  // The parser's own checks first (UTF-8, syntax, nesting), with its messages.
  if (!parseModule(sources, file, diags)) return std::nullopt;

  const SourceFile& source = sources.file(file);
  std::vector<uint32_t> offsets = codePointByteOffsets(source.text());
  antlr4::ANTLRInputStream input(source.text());
  ZhengceLexer lexer(&input);
  antlr4::CommonTokenStream stream(&lexer);
  NestingLimitedParser parser(&stream);
  lexer.removeErrorListeners();
  parser.removeErrorListeners();
  auto* tree = parser.program();

  std::vector<Token> tokens;
  for (antlr4::Token* t : stream.getTokens()) {
    Token token;
    token.type = t->getType();
    if (token.type == antlr4::Token::EOF) {
      token.begin = token.end = static_cast<uint32_t>(source.text().size());
    } else {
      token.begin = offsets[t->getStartIndex()];
      token.end = offsets[t->getStopIndex() + 1];
    }
    token.text = std::string_view(source.text()).substr(token.begin, token.end - token.begin);
    tokens.push_back(token);
  }
  TreeMarker(tokens).mark(tree);
  // The end of the file is no token of the layout.
  if (!tokens.empty() && tokens.back().type == antlr4::Token::EOF) tokens.pop_back();

  Formatted result;
  result.text = Layout(source, tokens).render();
  if (lexAll(result.text) != lexAll(source.text())) {
    result.internalError = "the layout would change the file's tokens; it was left as it is";
    result.text.clear();
  }
  return result;
}

}  // namespace zc::format
