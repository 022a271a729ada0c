// The Zhengce policy language. Every keyword has a Chinese and an English
// spelling; names and units are usually Chinese. The grammar only shapes the
// text: names, units and types are resolved by the checker, never here.
grammar Zhengce;

program : declaration* EOF ;

// One REPL input: a declaration or an expression to evaluate.
replInput : declaration+ EOF | expr ';'? EOF ;

declaration
    : importDecl
    | dimensionDecl
    | unitDecl
    | enumDecl
    | setDecl
    | recordDecl
    | paramDecl
    | beneficiaryDecl
    | policyDecl
    | testDecl
    ;

importDecl      : IMPORT STRING ';' ;
dimensionDecl   : DIMENSION name ':' name ';' ;
// 单位 百分数 = 1/100;: a unit of no dimension, a pure scale (a rate read in percent).
unitDecl        : UNIT name '=' scaleFactor unitExpr? ';' ;
scaleFactor     : NUMBER ('/' NUMBER)? ;
enumDecl        : ENUM name '{' enumMember (',' enumMember)* ','? '}' ;
enumMember      : name | STRING ;
// 集合 八大行业 { "新一代信息技术", … }: texts named once, read by 属于 and 匹配;
// a field declared with it takes only these texts.
setDecl         : SET name '{' STRING (',' STRING)* ','? '}' ;
recordDecl      : RECORD name '{' fieldDecl* '}' ;
fieldDecl       : name ':' typeExpr (IN interval)? (KEY | '=' expr)? ';' ;
// 属于 (0, ∞): the values the parameter may take, checked when it is set.
// 按日期 { 2023-01-01 => 6.9 元/美元, 2024-01-01 => 7.1 元/美元 }: each value is
// in force from its date until the next; a policy's 截至 date chooses.
paramDecl       : PARAM name (':' typeExpr)? (IN interval)? '=' (expr | datedValues) ';' ;
datedValues     : DATED '{' datedValue (',' datedValue)* ','? '}' ;
datedValue      : DATE '=>' expr ;
beneficiaryDecl : BENEFICIARY beneficiary (',' beneficiary)* ';' ;
// 企业("enterprise"): the name in results' totals, total_enterprise.
beneficiary     : name ('(' STRING ')')? ;

policyDecl  : POLICY STRING FOR name '{' policyItem* '}' ;
policyItem
    : TITLE STRING ';'                           # policyTitle
    | APPLIES expr ';'                           # policyApplies
    | EXCLUDES expr ';'                          # policyExcludes
    | AS_OF expr ';'                             # policyAsOf
    | IN_FORCE interval ';'                      # policyInForce
    // 设 补助总额 = … 原文 "…";: a value the policy's clauses share, computed once from the record.
    | LET name '=' expr (SOURCE STRING)? ';'     # policyLet
    | clauseDecl                                 # policyClause
    | HIGHEST EACH? clauseList ';'               # policyHighest
    // 封顶 20 万元 扣除 已享受贴息 {…}: a lifetime limit less what was already received, never below 0.
    | CAP limit=expr (LESS received=expr)? EACH? clauseList how=(IN_ORDER | PRO_RATA) ';'   # policyCap
    // 资金池 1500 万元 { "A", "B" } 按比例; — a fund the whole run shares: the
    // awards of its clauses (all the policy's when none are listed) over every
    // record, cut pro rata, or paid in the order of a field (先到先得).
    | POOL expr clauseList? (PRO_RATA | IN_ORDER key=name?) ';'  # policyPool
    // 排名 用电排名 按 年度用电量 降序 并列 全部入选; — a ranking of the run's
    // records by their fields, written into the record's 整数? field 用电排名
    // before its clauses are evaluated; later keys break ties, and the author
    // says what the records still tied share (the checker asks for it).
    | RANK rank=name BY rankKey (',' rankKey)* (TIES ties=(ALL_IN | NONE_IN))? ';'   # policyRanking
    ;
rankKey     : name order=(DESC | ASC) ;
clauseDecl  : CLAUSE STRING '{' clauseItem* '}' ;
clauseList  : '{' STRING (',' STRING)* ','? '}' ;
clauseItem
    : SOURCE STRING ';'                          # clauseSource
    | BENEFICIARY name ';'                       # clauseBeneficiary
    | LET name '=' expr ';'                      # clauseLet
    | WHEN expr ';'                              # clauseWhen
    | IN_FORCE interval ';'                      # clauseInForce
    | AWARD expr ';'                             # clauseAward
    | ELIGIBLE ';'                               # clauseEligible
    | MANUAL ';'                                 # clauseManual
    | EACH name IN expr ';'                      # clauseEach
    | PAYER name ';'                             # clausePayer
    // 最长 3 年: paid in at most 3 years, this one and the earlier years of
    // the record's history (往年奖励) in which the clause paid.
    | AT_MOST expr ';'                           # clauseAtMost
    ;

testDecl : TEST STRING '{' testItem* '}' ;
// "设备补助"["P-01"]: the item of a per-item clause, by its 键, or [2] by position from 1.
itemRef  : '[' (STRING | NUMBER) ']' ;
// A test of several records (a population, for a 资金池) names the record
// each expectation is for by its id: 期望 "A": "P-1" 企业 = 25 元;
testItem
    : INPUT recordLiteral ';'?                                     # testInput
    | PARAM name '=' expr ';'                                      # testParam
    | EXPECT (who=STRING ':')? clause=STRING itemRef? name '=' expr ';'   # testExpectAmount
    | EXPECT (who=STRING ':')? clause=STRING itemRef? name ELIGIBLE ';'   # testExpectEligible
    | EXPECT (who=STRING ':')? clause=STRING itemRef? name MANUAL ';'     # testExpectManual
    | EXPECT NONE ';'                                              # testExpectNone
    ;

typeExpr
    : baseType '?'?
    ;
baseType
    : TEXT_T                                     # textType
    | FLAG_T                                     # flagType
    | INT_T                                      # intType
    | COUNT                                      # countType
    | DATE_T                                     # dateType
    | NUMBER_T                                   # numberType
    | LIST '<' typeExpr '>'                      # listType
    | unitExpr                                   # namedType
    ;

// A unit after a number or in a type: 元, 万元/年, 元/平方米. A name here that is
// not a unit (an enum or a record) is sorted out by the checker.
unitExpr : name ('/' name)* ;

expr
    : primary                                                    # primaryExpr
    | expr '.' name                                              # memberExpr
    | '-' expr                                                   # negExpr
    | expr op=('*' | '×' | '/' | '÷') expr                       # mulExpr
    | expr op=('+' | '-') expr                                   # addExpr
    | expr op=('=' | '!=' | '≠' | '<' | '<=' | '≤' | '>' | '>=' | '≥') expr   # compareExpr
    | expr IN setOrInterval                                      # inExpr
    | NOT expr                                                   # notExpr
    | expr AND expr                                              # andExpr
    | expr OR expr                                               # orExpr
    | IF expr THEN expr ELSE expr                                # ifExpr
    ;

primary
    : NUMBER sign=('%' | '‰')                                    # percentLit
    | NUMBER unitExpr?                                           # numberLit
    | DATE                                                       # dateLit
    | STRING                                                     # stringLit
    | (TRUE_LIT | FALSE_LIT)                                             # boolLit
    | name '(' (expr (',' expr)*)? ')'                           # callExpr
    | name                                                       # nameExpr
    | CLAUSE STRING                                              # clauseRefExpr
    // 已享受 {"TX-1", "TX"}: what the record's history says it already received
    // under those clauses or policies; bare, in a 封顶's 扣除, under the rule's clauses.
    | RECEIVED clauseList?                                       # receivedExpr
    | '(' expr ')'                                               # parenExpr
    | MATCH expr '{' matchArm (',' matchArm)* ','? '}'           # matchExpr
    | TIER expr '{' tierArm (',' tierArm)* ','? '}'              # tierExpr
    | CROSSED interval '{' thresholdArm (',' thresholdArm)* ','? '}'  # crossedExpr
    | PROGRESSIVE expr '{' tierArm (',' tierArm)* ','? '}'        # progressiveExpr
    | SUM '(' name IN expr (WHERE expr)? '=>' expr ')'           # sumExpr
    | COUNT '(' name IN expr (WHERE expr)? ')'                   # countExpr
    | '[' (expr (',' expr)*)? ']'                                # listLit
    | recordLiteral                                              # recordLit
    ;

recordLiteral : '{' (fieldInit (',' fieldInit)* ','?)? '}' ;
fieldInit     : name ':' expr ;

matchArm     : pattern ('|' pattern)* '=>' expr ;
pattern
    : '_'                                        # wildcardPattern
    | NONE                                       # nonePattern
    | name                                       # namePattern
    | STRING                                     # stringPattern
    ;
tierArm      : (interval | ELSE) '=>' expr ;
thresholdArm : expr '=>' expr ;

setOrInterval
    : '{' expr (',' expr)* ','? '}'              # setLiteral
    | interval                                   # intervalLiteral
    | name                                       # namedSet
    ;
interval : lo=('[' | '(') bound ',' bound hi=(']' | ')') ;
bound    : UNBOUNDED | '-' UNBOUNDED | expr ;

name : IDENT ;

// Keywords: Chinese or English. A keyword must stand apart from an adjoining
// name (a space or punctuation), since a longer name always wins.
IMPORT      : '导入' | 'import' ;
DIMENSION   : '量纲' | 'dimension' ;
UNIT        : '单位' | 'unit' ;
ENUM        : '枚举' | 'enum' ;
SET         : '集合' | 'set' ;
RECORD      : '记录' | 'record' ;
KEY         : '键' | 'key' ;
PARAM       : '参数' | 'param' ;
BENEFICIARY : '受益方' | 'beneficiary' ;
POLICY      : '政策' | 'policy' ;
FOR         : '针对' | 'for' ;
TITLE       : '标题' | 'title' ;
APPLIES     : '适用' | 'applies' ;
EXCLUDES    : '排除' | 'excludes' ;
CLAUSE      : '条款' | 'clause' ;
HIGHEST     : '就高' | 'highest' ;
CAP         : '封顶' | 'cap' ;
IN_ORDER    : '按顺序' | 'in_order' ;
PRO_RATA    : '按比例' | 'pro_rata' ;
LESS        : '扣除' | 'less' ;
POOL        : '资金池' | 'pool' ;
PAYER       : '出资方' | 'payer' ;
RANK        : '排名' | 'rank' ;
BY          : '按' | 'by' ;
DESC        : '降序' | 'desc' ;
ASC         : '升序' | 'asc' ;
TIES        : '并列' | 'ties' ;
ALL_IN      : '全部入选' | 'all_in' ;
NONE_IN     : '均不入选' | 'none_in' ;
RECEIVED    : '已享受' | 'received' ;
AT_MOST     : '最长' | 'at_most' ;
AS_OF       : '截至' | 'as_of' ;
IN_FORCE    : '有效期' | 'in_force' ;
DATED       : '按日期' | 'dated' ;
EACH        : '逐项' | 'each' ;
SOURCE      : '原文' | 'source' ;
LET         : '设' | 'let' ;
WHEN        : '条件' | 'when' ;
AWARD       : '奖励' | 'award' ;
ELIGIBLE    : '仅资格' | 'eligible' ;
MANUAL      : '一事一议' | 'manual' ;
TEST        : '测试' | 'test' ;
INPUT       : '输入' | 'input' ;
EXPECT      : '期望' | 'expect' ;
IF          : '如果' | 'if' ;
THEN        : '则' | 'then' ;
ELSE        : '否则' | 'else' ;
MATCH       : '匹配' | 'match' ;
TIER        : '档位' | 'tier' ;
CROSSED     : '跨越' | 'crossed' ;
PROGRESSIVE : '累进' | 'progressive' ;
SUM         : '求和' | 'sum' ;
COUNT       : '个数' | '计数' | 'count' ;
IN          : '属于' | 'in' ;
WHERE       : '满足' | 'where' ;
AND         : '且' | 'and' ;
OR          : '或' | 'or' ;
NOT         : '非' | 'not' ;
TRUE_LIT        : '真' | 'true' ;
FALSE_LIT       : '假' | 'false' ;
NONE        : '无' | 'none' ;
TEXT_T      : '文本' | 'text' ;
FLAG_T      : '标志' | 'flag' ;
INT_T       : '整数' | 'int' ;
DATE_T      : '日期' | 'date' ;
NUMBER_T    : '数' | 'number' ;
LIST        : '列表' | 'list' ;
UNBOUNDED    : '∞' | '无穷' | 'inf' ;

DATE   : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
NUMBER : DIGIT+ ('.' DIGIT+)? ;
STRING : '"' (~["\\\r\n] | '\\' ["\\nt])* '"' ;
IDENT  : NAME_START NAME_PART* ;

fragment DIGIT      : [0-9] ;
fragment NAME_START : [a-zA-Z_\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF] ;
fragment NAME_PART  : NAME_START | DIGIT ;

// Comments are on a hidden channel: the parser never sees them, zc fmt keeps them.
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// U+FEFF: the byte order mark Windows editors put at the start of a UTF-8 file.
WS            : [ \t\r\n\u3000\uFEFF]+ -> skip ;
// Any other character becomes a token of its own so the parser reports it
// with our diagnostics instead of the lexer printing to the console.
UNKNOWN_CHAR  : . ;
