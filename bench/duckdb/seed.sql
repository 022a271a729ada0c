-- The seed ruleset (examples/seed-policies/*.zc, described in its README) as one DuckDB
-- statement over read_json, in DECIMAL arithmetic: what a user might write instead of zc.
-- Input numbers are read as DECIMAL(38,10) (the benchmark's data has at most 10 places);
-- 万元 and 万美元 are scaled to 元 and 美元; each award is rounded once, half up, to the 分.
-- run.js replaces {input} and {output}.
COPY (
WITH r AS (
  SELECT * FROM read_json('{input}', format = 'newline_delimited', columns = {
    id: 'VARCHAR', 省: 'VARCHAR', 市: 'VARCHAR', 区县: 'VARCHAR', 年度: 'BIGINT', 行业: 'VARCHAR',
    主营属于限制淘汰类: 'BOOLEAN', 近三年重大安全环保事故: 'BOOLEAN', 严重失信或重大违法: 'BOOLEAN',
    新认定创新平台级别: 'VARCHAR[]', 推荐上报协同创新体: 'BIGINT', 新设院士工作站: 'BIGINT',
    新设专家工作站: 'BIGINT', 新设海智工作站: 'BIGINT', 新增博士后站: 'VARCHAR[]', 高成长认定: 'VARCHAR',
    省级高成长奖励: 'DECIMAL(38,10)', 电商活动费用: 'DECIMAL(38,10)[]', 当年实际利用外资: 'DECIMAL(38,10)',
    参加国内外重大会展: 'BOOLEAN', 区属新增竣工标准厂房面积: 'DECIMAL(38,10)', 区属新增去化标准厂房面积: 'DECIMAL(38,10)',
    新投产项目类别: 'VARCHAR', 中国制造业500强落户: 'BOOLEAN', 市外上市企业迁入: 'BOOLEAN', 规上企业: 'BOOLEAN',
    当年新进规上: 'BOOLEAN', 营业收入: 'DECIMAL(38,10)', 上年营业收入: 'DECIMAL(38,10)', 历史最高营业收入: 'DECIMAL(38,10)',
    入库税收: 'DECIMAL(38,10)', 历史最高入库税收: 'DECIMAL(38,10)',
    获得项目扶持资金: 'STRUCT(级别 VARCHAR, 金额 DECIMAL(38,10))[]', 上市类型: 'VARCHAR',
    技术改造投资额: 'DECIMAL(38,10)', 设备购置发票金额: 'DECIMAL(38,10)', 已获技改扶持资金: 'BOOLEAN',
    智能制造赛道企业: 'BOOLEAN', 首次升规入统满一年: 'BOOLEAN', 首次荣获省级以上专精特新等荣誉: 'BOOLEAN',
    首次获评省级以上创新平台: 'BOOLEAN', 沪深北交易所上市: 'BOOLEAN', 获得民参军资质: 'BOOLEAN',
    专精特新认定: 'VARCHAR', 认定日期: 'DATE'})
),
-- Defaults (docs/records.md) for what a record leaves out, and the policies' gates.
d AS (
  SELECT id,
    coalesce(区县, '') = '昌江区' AND NOT (coalesce(主营属于限制淘汰类, false) OR coalesce(近三年重大安全环保事故, false)
      OR coalesce(严重失信或重大违法, false)) AS cjq,
    coalesce(区县, '') = '昌江区' AND coalesce(年度, 0) BETWEEN 2021 AND 2023 AS cjb,
    coalesce(市, '') = '萍乡市' AND coalesce(智能制造赛道企业, false) AND coalesce(年度, 0) >= 2023 AS pxz,
    coalesce(省, '') = '新疆维吾尔自治区' AS xjy,
    coalesce(行业, '') AS 行业, coalesce(新认定创新平台级别, []) AS 平台, coalesce(推荐上报协同创新体, 0) AS 协同,
    coalesce(新设院士工作站, 0) AS 院士, coalesce(新设专家工作站, 0) AS 专家, coalesce(新设海智工作站, 0) AS 海智,
    coalesce(新增博士后站, []) AS 博士后, 高成长认定, coalesce(省级高成长奖励, 0) * 10000 AS 高成长奖励,
    coalesce(电商活动费用, []) AS 电商, coalesce(当年实际利用外资, 0) * 10000 AS 外资,
    coalesce(参加国内外重大会展, false) AS 会展, coalesce(区属新增竣工标准厂房面积, 0) AS 竣工,
    coalesce(区属新增去化标准厂房面积, 0) AS 去化, 新投产项目类别, coalesce(中国制造业500强落户, false) AS 五百强,
    coalesce(市外上市企业迁入, false) AS 迁入, coalesce(规上企业, false) AS 规上, coalesce(当年新进规上, false) AS 新进规上,
    coalesce(营业收入, 0) AS 收入, coalesce(上年营业收入, 0) AS 上年收入, coalesce(历史最高营业收入, 0) AS 最高收入,
    coalesce(入库税收, 0) AS 税收, coalesce(历史最高入库税收, 0) AS 最高税收, coalesce(获得项目扶持资金, []) AS 扶持,
    上市类型, coalesce(技术改造投资额, 0) AS 技改, coalesce(设备购置发票金额, 0) * 10000 AS 发票,
    coalesce(已获技改扶持资金, false) AS 已获技改, coalesce(首次升规入统满一年, false) AS 升规满一年,
    coalesce(首次荣获省级以上专精特新等荣誉, false) AS 专精特新荣誉, coalesce(首次获评省级以上创新平台, false) AS 创新平台,
    coalesce(沪深北交易所上市, false) AS 交易所上市, coalesce(获得民参军资质, false) AS 民参军, 专精特新认定, 认定日期
  FROM r
),
-- Each clause's amount in 元, rounded once; NULL where it does not apply.
a AS (
  SELECT id,
    CASE WHEN cjb THEN round(CASE 新投产项目类别 WHEN '50项目' THEN 3000000 WHEN '20项目' THEN 1000000 ELSE 0 END, 2) END AS "CJ-B-2a",
    cjb AND 五百强 AS "CJ-B-2b",
    CASE WHEN cjb AND 迁入 THEN 2000000.00 END AS "CJ-B-2c",
    CASE WHEN cjb AND 新进规上 THEN 30000.00 END AS "CJ-B-3",
    CASE WHEN cjb THEN (CASE WHEN 最高收入 < 500000 AND 500000 <= 收入 THEN 1000000 ELSE 0 END)
      + (CASE WHEN 最高收入 < 1000000 AND 1000000 <= 收入 THEN 2000000 ELSE 0 END)
      + (CASE WHEN 最高收入 < 3000000 AND 3000000 <= 收入 THEN 6000000 ELSE 0 END) + 0.00 END AS "CJ-B-4a",
    CASE WHEN cjb THEN (CASE WHEN 最高税收 < 10000 AND 10000 <= 税收 THEN 1000000 ELSE 0 END)
      + (CASE WHEN 最高税收 < 50000 AND 50000 <= 税收 THEN 5000000 ELSE 0 END)
      + (CASE WHEN 最高税收 < 100000 AND 100000 <= 税收 THEN 10000000 ELSE 0 END)
      + (CASE WHEN 最高税收 < 200000 AND 200000 <= 税收 THEN 20000000 ELSE 0 END) + 0.00 END AS "CJ-B-4b",
    -- growth = 收入 / 上年收入 - 1, compared without dividing (上年收入 > 0)
    CASE WHEN cjb AND 规上 AND NOT 新进规上 AND 上年收入 > 0 THEN
      CASE WHEN 收入 > 上年收入 * 1.15 THEN 200000.00 WHEN 收入 > 上年收入 * 1.10 THEN 100000.00
           WHEN 收入 > 上年收入 * 1.08 THEN 80000.00 WHEN 收入 > 上年收入 * 1.05 THEN 20000.00 ELSE 0.00 END END AS "CJ-B-4c",
    CASE WHEN cjb THEN round(coalesce(list_sum(list_transform(扶持, f -> CASE f.级别 WHEN '国家级' THEN 0.20 WHEN '省级' THEN 0.15
      ELSE 0.10 END * (f.金额 * 10000))), 0), 2) END AS "CJ-B-6",
    CASE WHEN cjb THEN CASE 上市类型 WHEN '境内首发' THEN 5000000.00 WHEN '境外首发' THEN 2000000.00
      WHEN '新三板' THEN 500000.00 ELSE 0.00 END END AS "CJ-B-7",
    CASE WHEN cjb AND 技改 >= 300 AND NOT 已获技改 THEN round(0.01 * 发票, 2) END AS "CJ-B-8",
    CASE WHEN cjq THEN coalesce(list_sum(list_transform(平台, p -> CASE p WHEN '国家级' THEN 300000 WHEN '省级' THEN 100000
      ELSE 50000 END)), 0) + 0.00 END AS "CJ-Q-3a",
    CASE WHEN cjq THEN 30000.00 * 协同 END AS "CJ-Q-3b",
    CASE WHEN cjq THEN 200000.00 * 院士 END AS "CJ-Q-3c",
    CASE WHEN cjq THEN 50000.00 * (专家 + 海智) END AS "CJ-Q-3d",
    CASE WHEN cjq THEN coalesce(list_sum(list_transform(博士后, s -> CASE s WHEN '创新实践基地' THEN 50000 ELSE 100000 END)), 0)
      + 0.00 END AS "CJ-Q-3e",
    CASE WHEN cjq AND 高成长认定 IN ('独角兽', '潜在独角兽', '种子独角兽', '瞪羚', '潜在瞪羚') THEN round(0.5 * 高成长奖励, 2) END AS "CJ-Q-4",
    CASE WHEN cjq THEN round(coalesce(list_sum(list_transform(电商, f -> least(f, 10000))), 0), 2) END AS "CJ-Q-5",
    CASE WHEN cjq AND 行业 = '制造业' AND 外资 >= 500000 THEN round(CASE WHEN 外资 >= 5000000 THEN 0.02 WHEN 外资 >= 2000000 THEN 0.015
      ELSE 0.01 END * 外资 * 7.10, 2) END AS "CJ-Q-6",
    CASE WHEN cjq AND 会展 THEN 10000.00 END AS "CJ-Q-7",
    CASE WHEN cjq THEN round(200 * 竣工, 2) END AS "CJ-Q-8a",
    CASE WHEN cjq THEN round(600 * 去化, 2) END AS "CJ-Q-8b",
    pxz AND 升规满一年 AS "PX-Z-2a", pxz AND 专精特新荣誉 AS "PX-Z-2b", pxz AND 创新平台 AS "PX-Z-3",
    pxz AND 交易所上市 AS "PX-Z-4", pxz AND 民参军 AS "PX-Z-10",
    CASE WHEN xjy AND 认定日期 BETWEEN DATE '2023-01-01' AND DATE '2025-12-31' THEN CASE 专精特新认定
      WHEN '国家重点小巨人' THEN 500000.00 WHEN '专精特新小巨人' THEN 1000000.00 WHEN '专精特新中小企业' THEN 250000.00
      ELSE 0.00 END END AS "XJ-Y-3"
  FROM d
)
-- One row a record, awards sorted by clause id as zc writes them; an award of 0 is not reported.
SELECT id, list_filter([
    {'clause': 'CJ-B-2a', 'beneficiary': '企业', 'amount': coalesce("CJ-B-2a", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-B-2b', 'beneficiary': '企业', 'amount': CASE WHEN "CJ-B-2b" THEN NULL ELSE 0 END, 'manual': true},
    {'clause': 'CJ-B-2c', 'beneficiary': '企业', 'amount': coalesce("CJ-B-2c", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-B-3', 'beneficiary': '企业', 'amount': coalesce("CJ-B-3", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-B-4a', 'beneficiary': '企业', 'amount': coalesce("CJ-B-4a", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-B-4b', 'beneficiary': '企业', 'amount': coalesce("CJ-B-4b", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-B-4c', 'beneficiary': '企业', 'amount': coalesce("CJ-B-4c", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-B-6', 'beneficiary': '企业', 'amount': coalesce("CJ-B-6", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-B-7', 'beneficiary': '企业', 'amount': coalesce("CJ-B-7", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-B-8', 'beneficiary': '企业', 'amount': coalesce("CJ-B-8", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-3a', 'beneficiary': '企业', 'amount': coalesce("CJ-Q-3a", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-3b', 'beneficiary': '企业', 'amount': coalesce("CJ-Q-3b", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-3c', 'beneficiary': '企业', 'amount': coalesce("CJ-Q-3c", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-3d', 'beneficiary': '企业', 'amount': coalesce("CJ-Q-3d", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-3e', 'beneficiary': '企业', 'amount': coalesce("CJ-Q-3e", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-4', 'beneficiary': '企业', 'amount': coalesce("CJ-Q-4", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-5', 'beneficiary': '企业', 'amount': coalesce("CJ-Q-5", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-6', 'beneficiary': '园区', 'amount': coalesce("CJ-Q-6", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-7', 'beneficiary': '企业', 'amount': coalesce("CJ-Q-7", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-8a', 'beneficiary': '园区', 'amount': coalesce("CJ-Q-8a", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'CJ-Q-8b', 'beneficiary': '园区', 'amount': coalesce("CJ-Q-8b", 0)::DECIMAL(38,2), 'manual': false},
    {'clause': 'PX-Z-10', 'beneficiary': '企业', 'amount': CASE WHEN "PX-Z-10" THEN NULL ELSE 0 END, 'manual': false},
    {'clause': 'PX-Z-2a', 'beneficiary': '企业', 'amount': CASE WHEN "PX-Z-2a" THEN NULL ELSE 0 END, 'manual': false},
    {'clause': 'PX-Z-2b', 'beneficiary': '企业', 'amount': CASE WHEN "PX-Z-2b" THEN NULL ELSE 0 END, 'manual': false},
    {'clause': 'PX-Z-3', 'beneficiary': '企业', 'amount': CASE WHEN "PX-Z-3" THEN NULL ELSE 0 END, 'manual': false},
    {'clause': 'PX-Z-4', 'beneficiary': '企业', 'amount': CASE WHEN "PX-Z-4" THEN NULL ELSE 0 END, 'manual': false},
    {'clause': 'XJ-Y-3', 'beneficiary': '企业', 'amount': coalesce("XJ-Y-3", 0)::DECIMAL(38,2), 'manual': false}
  ], x -> x.amount IS NULL OR x.amount <> 0) AS awards,
  (coalesce("CJ-B-2a", 0) + coalesce("CJ-B-2c", 0) + coalesce("CJ-B-3", 0) + coalesce("CJ-B-4a", 0) + coalesce("CJ-B-4b", 0)
    + coalesce("CJ-B-4c", 0) + coalesce("CJ-B-6", 0) + coalesce("CJ-B-7", 0) + coalesce("CJ-B-8", 0) + coalesce("CJ-Q-3a", 0)
    + coalesce("CJ-Q-3b", 0) + coalesce("CJ-Q-3c", 0) + coalesce("CJ-Q-3d", 0) + coalesce("CJ-Q-3e", 0) + coalesce("CJ-Q-4", 0)
    + coalesce("CJ-Q-5", 0) + coalesce("CJ-Q-7", 0) + coalesce("XJ-Y-3", 0))::DECIMAL(38,2)::VARCHAR AS total_enterprise,
  (coalesce("CJ-Q-6", 0) + coalesce("CJ-Q-8a", 0) + coalesce("CJ-Q-8b", 0))::DECIMAL(38,2)::VARCHAR AS total_park
FROM a
) TO '{output}' (FORMAT JSON);
