"""zc serve's page in a real browser (headless Chromium through Selenium):
   /usr/bin/python3 browser_test.py ZC RULESET RECORDS EXPECTED SCREENSHOT [ID [TEST]]
Opens the page, fills the form for one sample enterprise as a person would
(typing, choosing, ticking, adding list rows), computes, and requires the
awards and totals shown to equal that enterprise's line of EXPECTED; the
printed view must be the review sheet alone. Saves a screenshot to SCREENSHOT.
TEST runs that test alone (the other is about the seed ruleset's fields).
Debian's python3-selenium loads only in /usr/bin/python3."""

import json
import os
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
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1900",
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
        self.driver.find_element(By.ID, "compute").click()

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


def money(amount):
    whole, cents = amount.split(".")
    return f"{int(whole):,}.{cents}"


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + [f"PageTest.{name}" for name in ONLY], verbosity=2)
