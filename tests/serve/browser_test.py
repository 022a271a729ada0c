"""zc serve's page in a real browser (headless Chromium through Selenium):
   /usr/bin/python3 browser_test.py ZC RULESET RECORDS EXPECTED SCREENSHOT [ID [TEST]]
Opens the page, fills the form for one sample enterprise as a person would
(typing, choosing, ticking, adding list rows), computes, and requires the
awards and totals shown to equal that enterprise's line of EXPECTED; the
printed view must be the review sheet alone. Saves a screenshot to SCREENSHOT
(1366 px wide) and one at a phone's 375 px (SCREENSHOT with -375 before its
extension). At 375 px nothing is wider than the screen; a typo is refused at
its field; the fields are grouped by policy and each group says what it still
needs. TEST runs that test alone (the others are about the seed ruleset's fields).
Debian's python3-selenium loads only in /usr/bin/python3."""

import json
import os
import re
import sys
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import zcserve

ZC, RULESET, RECORDS, EXPECTED, SCREENSHOT = sys.argv[1:6]
ENTERPRISE = sys.argv[6] if len(sys.argv) > 6 else "E000038"
ONLY = sys.argv[7:8]


def award_key(award):
    """How the page names an award: a per-item clause's with its item, JG-1[P-01]."""
    return award["clause"] + (f'[{award["item"]}]' if "item" in award else "")


def line_of(path, enterprise, exact=True):
    with open(path, encoding="utf-8") as f:
        for line in f:
            # Numbers as their text: typed digit for digit, never through a float.
            record = json.loads(line, parse_float=str, parse_int=str) if exact else json.loads(line)
            if record["id"] == enterprise:
                return record
    raise AssertionError(f"{enterprise} is not in {path}")


class PageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = zcserve.Server(ZC, RULESET)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,1900",
                         "--lang=zh-CN"):
            options.add_argument(argument)
        cls.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        cls.wait = WebDriverWait(cls.driver, 30)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        assert cls.server.stop() == 0

    def open_page(self):
        self.driver.get(self.server.url)
        self.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#fields .field")) > 1)

    def field(self, name):
        return self.driver.find_element(By.CSS_SELECTOR, f'#fields .field[data-field="{name}"]')

    def into_view(self, element):
        # Clear of the sticky bar of buttons, as a person scrolls to a field.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        return element

    def type_into(self, element, value):
        kind = element.get_attribute("data-type")
        self.into_view(element)
        if element.get_attribute("type") == "checkbox":
            if element.is_selected() != (value is True):
                element.click()
        elif element.tag_name == "select":
            Select(element).select_by_value("true" if value is True else "false" if value is False else value)
        elif element.get_attribute("type") == "date":
            # A date picker types in the browser's locale; set it as the picker would.
            self.driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.clear()
            element.send_keys(value)
        self.assertTrue(kind, "every input says its type")

    def fill(self, record):
        for name, value in record.items():
            field = self.field(name)
            if not isinstance(value, list):
                self.type_into(field.find_element(By.CSS_SELECTOR, "input, select"), value)
                continue
            add = field.find_element(By.CSS_SELECTOR, ".list > button")
            for item in value:
                self.into_view(add).click()
                row = field.find_elements(By.CSS_SELECTOR, ".row")[-1]
                if isinstance(item, dict):
                    for sub, subvalue in item.items():
                        self.type_into(row.find_element(By.CSS_SELECTOR, f'[data-sub="{sub}"]'), subvalue)
                else:
                    self.type_into(row.find_element(By.CSS_SELECTOR, ".item"), item)

    def compute(self):
        self.into_view(self.driver.find_element(By.ID, "compute")).click()

    def shown_result(self):
        self.wait.until(lambda d: d.find_element(By.ID, "outcome").is_displayed() or
                        d.find_element(By.ID, "form-error").text)

    def phone(self):
        """A 375 px wide screen, as a phone's browser has it, until the test ends."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
        self.addCleanup(self.driver.execute_cdp_cmd, "Emulation.clearDeviceMetricsOverride", {})

    def overflowing(self, selector):
        """The visible elements under `selector` that reach past the screen's edges, with where they end."""
        return self.driver.execute_script("""
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll(arguments[0])]
              .filter(e => e.getClientRects().length > 0)
              .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().left, e.getBoundingClientRect().right])
              .filter(([, left, right]) => left < -0.5 || right > width + 0.5);""", selector)

    def test_an_enterprise_gets_its_expected_awards(self):
        record = line_of(RECORDS, ENTERPRISE)
        expected = line_of(EXPECTED, ENTERPRISE, exact=False)
        self.assertEqual(expected["id"], ENTERPRISE)
        self.open_page()
        self.fill(record)
        self.compute()
        self.wait.until(lambda d: d.find_element(By.ID, "outcome").is_displayed() or
                        d.find_element(By.ID, "form-error").text)
        self.assertEqual(self.driver.find_element(By.ID, "form-error").text, "")

        shown = []
        for row in self.driver.find_elements(By.CSS_SELECTOR, "#awards tbody tr"):
            cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
            shown.append({"clause": cells[0], "beneficiary": cells[2],
                          "amount": cells[3].replace(",", "").replace(" 元", "")})
        self.assertEqual(shown, [{"clause": award_key(a), "beneficiary": a["beneficiary"], "amount": a["amount"]}
                                 for a in expected["awards"]])
        self.assertGreater(len(shown), 2, "a sample with several awards, so the comparison means something")

        totals = {t.get_attribute("data-total-key"): t.find_element(By.CSS_SELECTOR, ".amount").text
                  for t in self.driver.find_elements(By.CSS_SELECTOR, "#totals .total")}
        self.assertEqual({k: v.replace(",", "").replace(" 元", "") for k, v in totals.items()},
                         {k: v for k, v in expected.items() if k.startswith("total_")})

        # Each paid clause (or item of one) sits beside its 原文, its explanation folded under it.
        for award in expected["awards"]:
            clause = self.driver.find_element(
                By.CSS_SELECTOR, f'#policies .clause[data-clause="{award["clause"]}"][data-item="{award.get("item", "")}"]')
            self.assertIn(award["amount"][:-3], clause.find_element(By.CSS_SELECTOR, ".award").text.replace(",", ""))
            self.assertTrue(clause.find_element(By.CSS_SELECTOR, ".source").text)
            details = clause.find_element(By.TAG_NAME, "details")
            self.assertFalse(details.get_attribute("open"))
            self.into_view(details.find_element(By.TAG_NAME, "summary")).click()
            self.assertIn("计算", details.text)

        sheet = self.driver.find_element(By.ID, "sheet")
        self.assertIn("兑现审核表", sheet.text)
        self.assertIn(money(expected["total_enterprise"]), sheet.text)
        self.driver.execute_script("window.scrollTo(0, 0)")
        self.driver.save_screenshot(SCREENSHOT)

        # On paper: the review sheet alone.
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.assertFalse(self.driver.find_element(By.ID, "input").is_displayed())
        self.assertFalse(self.driver.find_element(By.ID, "awards").is_displayed())
        self.assertTrue(sheet.is_displayed())
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    def test_a_text_closed_to_a_set_is_chosen_from_its_members(self):
        """A 集合's members are the choices of a field declared with it; any
        other text field is typed into."""
        self.open_page()
        fields = self.driver.execute_script("return ruleset.fields")
        for field in fields:
            if field["type"] != "text" or field["list"] or field["key"]:
                continue
            element = self.field(field["name"]).find_element(By.CSS_SELECTOR, "input, select")
            if field["enum"]:
                self.assertEqual(element.tag_name, "select", field["name"])
                self.assertEqual([o.get_attribute("value") for o in Select(element).options][1:], field["enum"])
            else:
                self.assertEqual(element.tag_name, "input", field["name"])

    def test_an_unknown_field_in_a_pasted_record_is_said(self):
        self.open_page()
        self.driver.execute_script("""document.getElementById('import-text').value = arguments[0];
                                      document.getElementById('import-button').click();""",
                                   json.dumps({"id": "E1", "营业收人": 300}, ensure_ascii=False))
        error = self.driver.find_element(By.ID, "form-error")
        self.wait.until(lambda d: error.text)
        self.assertIn("营业收人", error.text)
        self.assertEqual(self.field("id").find_element(By.TAG_NAME, "input").get_attribute("value"), "E1")

    def test_a_wrong_value_is_shown_at_its_field(self):
        self.open_page()
        self.type_into(self.field("id").find_element(By.TAG_NAME, "input"), "E1")
        self.type_into(self.field("营业收入").find_element(By.TAG_NAME, "input"), "三百万")
        self.compute()
        error = self.driver.find_element(By.ID, "form-error")
        self.wait.until(lambda d: error.text)
        self.assertIn("营业收入", error.text)
        self.assertIn("invalid", self.field("营业收入").find_element(By.TAG_NAME, "input").get_attribute("class"))
        # The server's own refusal names the field too: an enum value it does not know.
        self.type_into(self.field("营业收入").find_element(By.TAG_NAME, "input"), "300")
        self.driver.execute_script("""const s = arguments[0]; s.add(new Option('伪造', '伪造')); s.value = '伪造';""",
                                   self.field("高成长认定").find_element(By.TAG_NAME, "select"))
        self.compute()
        self.wait.until(lambda d: "高成长认定" in error.text)
        self.assertIn("无法计算", error.text)
        # The server's reason is Chinese too, and marks the field it names (its "field", not its words).
        self.assertIn("没有 \"伪造\" 这个值", error.text)
        self.assertNotIn("unknown value", error.text)
        self.assertEqual(self.field("高成长认定").find_element(By.TAG_NAME, "select").get_attribute("aria-invalid"), "true")


    def test_a_phone_sees_everything(self):
        record = line_of(RECORDS, ENTERPRISE)
        expected = line_of(EXPECTED, ENTERPRISE, exact=False)
        self.phone()
        self.open_page()
        self.assertEqual(self.driver.execute_script("return document.documentElement.clientWidth"), 375)
        self.fill(record)
        form = "#fields label, #fields input, #fields select, #fields .unit, #fields button, .actions button"
        self.assertEqual(self.overflowing(form), [])
        self.assertLessEqual(self.driver.execute_script("return document.documentElement.scrollWidth"), 375)
        self.compute()
        self.shown_result()
        self.assertEqual(self.driver.find_element(By.ID, "form-error").text, "")
        # The page scrolls to the result: its heading is on the screen.
        top = "return document.getElementById('results').getBoundingClientRect().top"
        try:
            self.wait.until(lambda d: -1 <= d.execute_script(top) < 200)
        except Exception:
            raise AssertionError(f"the result is not on the screen: its top is at {self.driver.execute_script(top)} px, "
                                 f"the page scrolled to {self.driver.execute_script('return window.scrollY')} px")
        amounts = [t.text for t in self.driver.find_elements(By.CSS_SELECTOR, "#totals .amount")]
        self.assertEqual(amounts, [money(expected[b]) + " 元" for b in expected if b.startswith("total_")])
        results = "#totals .total, #awards, #awards td, #policies .clause, #policies .award, #sheet table, #sheet .signatures"
        self.assertEqual(self.overflowing(results), [])
        self.assertLessEqual(self.driver.execute_script("return document.documentElement.scrollWidth"), 375)
        base, extension = os.path.splitext(SCREENSHOT)
        self.driver.save_screenshot(base + "-375" + extension)

    def test_a_typo_is_refused_at_its_field(self):
        record = line_of(RECORDS, ENTERPRISE)
        self.open_page()
        self.fill(record)
        self.compute()
        self.shown_result()
        self.assertTrue(self.driver.find_element(By.ID, "outcome").is_displayed())
        error = self.driver.find_element(By.ID, "form-error")
        count = self.field("新设院士工作站").find_element(By.TAG_NAME, "input")
        for typed, says in (("1.5", "须为整数"), ("-1", "不能为负数"), ("三", "请填写整数")):
            with self.subTest(typed=typed):
                self.type_into(count, typed)
                self.compute()
                self.wait.until(lambda d: says in error.text)
                # At the field: marked for assistive technology, its message under it, the cursor in it.
                self.assertEqual(count.get_attribute("aria-invalid"), "true")
                self.assertIn(says, self.field("新设院士工作站").find_element(By.CLASS_NAME, "field-error").text)
                self.assertEqual(self.driver.switch_to.active_element, count)
                self.assertNotIn("不是数字", error.text)
                # No amount is left on the page: the earlier result went with the failed request.
                self.assertFalse(self.driver.find_element(By.ID, "outcome").is_displayed())
                self.assertFalse(self.driver.find_element(By.ID, "sheet").is_displayed())
        # A range the schema declares (营业收入: 万元 属于 [0, ∞)): a negative revenue is refused at its field.
        revenue = self.field("营业收入").find_element(By.TAG_NAME, "input")
        self.type_into(count, "1")
        self.type_into(revenue, "-0.01")
        self.compute()
        self.wait.until(lambda d: "超出允许的范围" in error.text)
        self.assertEqual(revenue.get_attribute("aria-invalid"), "true")
        self.assertIn("须为 0 及以上", self.field("营业收入").find_element(By.CLASS_NAME, "field-error").text)
        self.assertEqual(self.driver.switch_to.active_element, revenue)
        self.assertIsNone(count.get_attribute("aria-invalid"))
        self.assertFalse(self.driver.find_element(By.ID, "outcome").is_displayed())
        self.type_into(revenue, "0")  # the bound itself is in the range
        # A date is typed as text, in any browser's locale, and checked as a day of the calendar.
        date = self.field("认定日期").find_element(By.TAG_NAME, "input")
        self.type_into(count, "1")
        self.type_into(date, "2024-02-30")
        self.compute()
        self.wait.until(lambda d: "年-月-日" in error.text)
        self.assertEqual(date.get_attribute("aria-invalid"), "true")
        self.assertIsNone(count.get_attribute("aria-invalid"), "a field put right is no longer marked")
        self.type_into(date, "2024/3/1")
        self.compute()
        self.wait.until(lambda d: d.find_element(By.ID, "outcome").is_displayed())
        self.assertEqual(error.text, "")
        self.assertIsNone(date.get_attribute("aria-invalid"))

    def test_one_language_and_one_way_to_write_an_amount(self):
        record = line_of(RECORDS, ENTERPRISE)
        self.open_page()
        self.fill(record)
        self.compute()
        self.shown_result()
        for details in self.driver.find_elements(By.CSS_SELECTOR, "#policies details"):
            self.driver.execute_script("arguments[0].open = true", details)
        page = self.driver.find_element(By.TAG_NAME, "body").text
        sheet = self.driver.find_element(By.ID, "sheet").text
        # The review sheet once printed "null" between the totals and the signatures.
        self.assertNotIn("null", sheet)
        for gloss in ("applies", "cut)", "within the limit", "a condition does not hold", "compute", "print the"):
            self.assertNotIn(gloss, page)
        # Every amount is written one way, grouped by thousands with two places: 200,000.00 元.
        amounts = [e.text for e in self.driver.find_elements(
            By.CSS_SELECTOR, "#totals .amount, #awards td.money, #policies .award, #sheet td.money, #sheet tfoot th.money")
            if e.text not in ("—", "一事一议", "仅资格", "出错")]
        self.assertGreater(len(amounts), 4)
        for amount in amounts:
            self.assertRegex(amount, r"^[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2} 元$")
        explained = "\n".join(d.text for d in self.driver.find_elements(By.CSS_SELECTOR, "#policies details"))
        self.assertRegex(explained, r"精确到分为 [0-9]{1,3}(,[0-9]{3})*\.[0-9]{2} 元")
        self.assertNotRegex(explained, r"(^|\n)(输入|参数|设|计算) ", "the DSL's words are not the page's")

    def test_fields_grouped_by_policy_say_what_they_still_need(self):
        self.open_page()
        legends = [l.text for l in self.driver.find_elements(By.CSS_SELECTOR, "#fields fieldset legend")]
        self.assertEqual(legends[0], "企业基本信息")
        self.assertTrue(any(l.startswith("政策 CJ-Q") for l in legends), legends)
        groups = self.driver.find_elements(By.CSS_SELECTOR, "#fields fieldset[data-policy]")
        cjq = next(g for g in groups if g.get_attribute("data-policy") == "CJ-Q")
        status = cjq.find_element(By.CLASS_NAME, "group-status")
        self.wait.until(lambda d: "还需填写" in status.text)
        # The fields that decide whether a clause applies come first in their group.
        self.assertIn(self.field("id"), self.driver.find_elements(By.CSS_SELECTOR, "#fields fieldset")[0]
                      .find_elements(By.CSS_SELECTOR, ".field"))
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#fields .field.needed"))
        # An enterprise CJ-Q excludes: every clause of the policy is out, and the group says so.
        self.type_into(self.field("严重失信或重大违法").find_element(By.TAG_NAME, "input"), True)
        self.wait.until(lambda d: "均不符合" in status.text)
        self.assertIn("ruled-out", cjq.get_attribute("class"))
        optional = self.field("高成长认定").find_element(By.TAG_NAME, "label").text
        self.assertIn("可不填", optional)


def money(amount):
    whole, cents = amount.split(".")
    return f"{int(whole):,}.{cents}"


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + [f"PageTest.{name}" for name in ONLY], verbosity=2)
