// Explanations in plain Chinese, for the official who signs an award: no
// DSL syntax, no English gloss, amounts written one way ("200,000.00 元").
// The calculator page of zc serve (through the explanation JSON's "text" and
// "basis") and the review sheets of zc review read the same sentences here.
#pragma once

#include <string>
#include <string_view>

#include "interp/Interpreter.h"

namespace zc {

// An interval in words: "[15%, ∞)" → "15% 及以上", "[100 万元, 500 万元)" →
// "100 万元 至 500 万元（不含）". A text that is no interval stays as it is.
std::string intervalWords(std::string_view interval);

// An engine's text without its English glosses ("未触发 (a condition does
// not hold)" → "未触发") and with its amounts grouped ("200000.00 元" →
// "200,000.00 元").
std::string plainText(std::string_view text);

// The arm a 档位/匹配/如果 took, or a 跨越 threshold:
// "增幅 (20%) 落在“15% 及以上”一档 → 20 万元".
std::string plainChoice(const SourceManager& sources, const Choice& choice);

// A reached 累进 bracket: "100 万元 至 500 万元（不含）的部分 400 万元，得 20 万元".
std::string plainBracket(const SourceManager& sources, const BracketPart& bracket);

// What an award was computed from, as its review sheet states it: the choices
// made, the formula with its values and its value, and what a rule did to it;
// "；" between them. The clause's verdict where it computed nothing.
std::string plainBasis(const SourceManager& sources, const ir::Program& program, const ClauseTrace& trace);

}  // namespace zc
