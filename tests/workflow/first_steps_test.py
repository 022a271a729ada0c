"""A newcomer's first steps (issue 24, items 16 and 17): the README's tour
runs as written from the repository root, its shown `zc check` output is
what zc prints, `zc new` makes a ruleset whose tests pass and are listed by
name with -v, and NO_COLOR takes the colour out of diagnostics on a terminal.
   /usr/bin/python3 first_steps_test.py ZC REPOSITORY"""

import os
import pty
import re
import subprocess
import sys
import tempfile
import unittest

ZC, ROOT = sys.argv[1:3]


def tour_section():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    start = text.index("## A five-minute tour")
    return text[start:text.index("\n## ", start + 1)]


def on_terminal(args, env):
    """Runs zc with its stderr on a pseudo-terminal; returns what it printed there."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(ZC, [ZC, *args], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.decode()


class FirstStepsTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        # The repository root as a newcomer has it, the files the tour reads
        # linked in, and zc where the set-up builds it; what the tour writes
        # stays in this folder.
        self.root = self.folder.name
        for name in ("examples", "tests", "stdlib"):
            os.symlink(os.path.join(ROOT, name), os.path.join(self.root, name))
        os.makedirs(os.path.join(self.root, "build", "compiler"))
        os.symlink(ZC, os.path.join(self.root, "build", "compiler", "zc"))

    def tearDown(self):
        self.folder.cleanup()

    def test_the_tour_runs_as_written(self):
        blocks = re.findall(r"```sh\n(.*?)```", tour_section(), re.S)
        self.assertEqual(len(blocks), 1)
        commands = [line for line in blocks[0].splitlines() if line.strip() and not line.startswith("#")]
        self.assertGreaterEqual(len(commands), 10)
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env["PATH"] = "/usr/bin:/bin"  # no zc but the one the tour puts on PATH
        script = "set -e\n" + "\n".join(commands) + "\n"
        done = subprocess.run(["bash", "-c", script], cwd=self.root, env=env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        # What the tour promises each step makes.
        self.assertIn("3 passed, 0 failed", done.stdout)
        self.assertIn("PASS examples/first/first.zc:", done.stdout)
        self.assertTrue(os.path.getsize(os.path.join(self.root, "兑现结果.xlsx")) > 0)
        with open(os.path.join(self.root, "审核表.html"), encoding="utf-8") as f:
            self.assertEqual(f.read().count('<section class="sheet">'), 2)
        self.assertIn("合计 total: 4 records", done.stdout)
        with open(os.path.join(self.root, "结果.csv"), encoding="utf-8") as f:
            self.assertTrue(f.readline().startswith("id,clause,"))
        self.assertTrue(os.path.exists(os.path.join(self.root, "我的政策", "我的政策.zc")))

    def test_the_shown_check_output_is_zcs(self):
        block = re.search(r"```\n  \$ (zc check [^\n]+)\n(.*?)  ```", tour_section(), re.S)
        self.assertIsNotNone(block)
        command, shown = block.group(1).split(), block.group(2)
        shown = "\n".join(line[2:] for line in shown.splitlines()) + "\n"
        done = subprocess.run([ZC, *command[1:]], cwd=self.root, capture_output=True, text=True)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stderr, shown)

    def test_zc_new_makes_a_ruleset_whose_tests_pass(self):
        done = subprocess.run([ZC, "new", "高新奖励"], cwd=self.root, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        ruleset = os.path.join(self.root, "高新奖励", "高新奖励.zc")
        with open(ruleset, encoding="utf-8") as f, open(os.path.join(ROOT, "examples", "first", "first.zc"), encoding="utf-8") as g:
            self.assertEqual(f.read(), g.read())
        done = subprocess.run([ZC, "test", "-v", "高新奖励/高新奖励.zc"], cwd=self.root, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stdout)
        with open(ruleset, encoding="utf-8") as f:
            names = re.findall(r'测试 "([^"]+)"', f.read())
        self.assertEqual(len(names), 3)
        lines = done.stdout.splitlines()
        self.assertEqual(lines[-1], "3 passed, 0 failed")
        self.assertEqual([l.split(": ", 1)[1] for l in lines[:-1]], names)
        self.assertTrue(all(l.startswith("PASS 高新奖励/高新奖励.zc:") for l in lines[:-1]))
        # Without -v only the summary; a second zc new changes nothing.
        done = subprocess.run([ZC, "test", "高新奖励/高新奖励.zc"], cwd=self.root, capture_output=True, text=True)
        self.assertEqual(done.stdout, "3 passed, 0 failed\n")
        done = subprocess.run([ZC, "new", "高新奖励"], cwd=self.root, capture_output=True, text=True)
        self.assertEqual(done.returncode, 1)
        self.assertIn("is there already", done.stderr)
        done = subprocess.run([ZC, "eval", ruleset, "--input", os.path.join(self.root, "高新奖励", "record.json")],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("300000.00", done.stdout)

    def test_a_failing_test_is_named_with_verbose(self):
        broken = os.path.join(self.root, "broken.zc")
        with open(os.path.join(ROOT, "examples", "first", "first.zc"), encoding="utf-8") as f:
            text = f.read().replace('期望 "FIRST-1" 企业 = 30 万元;', '期望 "FIRST-1" 企业 = 31 万元;')
        with open(broken, "w", encoding="utf-8") as f:
            f.write(text)
        done = subprocess.run([ZC, "test", "-v", broken], capture_output=True, text=True)
        self.assertEqual(done.returncode, 1)
        self.assertRegex(done.stdout, r"FAIL .*broken\.zc:\d+: 新认定的高新技术企业奖励30万元\n  expected FIRST-1 企业 = 310000\.00 元")
        self.assertIn("2 passed, 1 failed", done.stdout)

    def test_no_color(self):
        bad = os.path.join(ROOT, "tests", "check", "bad", "usd_plus_yuan.zc")
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        coloured = on_terminal(["check", bad], env)
        self.assertIn("\x1b[1;31m", coloured)  # not vacuous: a terminal gets colour
        plain = on_terminal(["check", bad], dict(env, NO_COLOR="1"))
        self.assertNotIn("\x1b[", plain)
        self.assertIn("error[E0401]", plain)
        # An empty NO_COLOR is as if unset (no-color.org).
        self.assertIn("\x1b[1;31m", on_terminal(["check", bad], dict(env, NO_COLOR="")))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
