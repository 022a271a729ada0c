"""The JIT's object cache: a first zc run stores one entry, a second gives the
same bytes from it, and a corrupt or a truncated entry is detected and
rebuilt, with the same results every time; the folder is $ZC_CACHE_DIR's,
else $XDG_CACHE_HOME's, else ~/.cache's, and nothing is written elsewhere:
   python3 jit_cache_test.py ZC RULESET RECORDS EXPECTED"""

import glob
import os
import subprocess
import sys
import tempfile
import unittest

ZC, RULESET, RECORDS, EXPECTED = sys.argv[1:5]


class JitCacheTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        with open(EXPECTED, "rb") as f:
            self.expected = f.read()

    def tearDown(self):
        self.folder.cleanup()

    def run_zc(self):
        env = dict(os.environ, ZC_CACHE_DIR=self.folder.name)
        done = subprocess.run([ZC, "run", RULESET, "--input", RECORDS, "--format", "jsonl", "--quiet"], env=env,
                              capture_output=True)
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertEqual(done.stdout, self.expected)
        entries = glob.glob(os.path.join(self.folder.name, "jit", "*.zcjit"))
        self.assertEqual(len(entries), 1)
        with open(entries[0], "rb") as f:
            return entries[0], f.read()

    def test_stored_served_and_rebuilt(self):
        path, stored = self.run_zc()
        self.assertEqual(self.run_zc(), (path, stored))
        mtime = os.stat(path).st_mtime_ns

        middle = len(stored) // 2
        for damaged in (stored[:middle] + bytes([stored[middle] ^ 0xFF]) + stored[middle + 1:], stored[:middle]):
            with open(path, "wb") as f:
                f.write(damaged)
            self.assertEqual(self.run_zc(), (path, stored))
        self.assertNotEqual(os.stat(path).st_mtime_ns, mtime)


    def test_folder_chosen_by_environment(self):
        # HOME is a scratch folder too, so the user's cache is never touched.
        home = os.path.join(self.folder.name, "home")
        base = {k: v for k, v in os.environ.items() if k not in ("ZC_CACHE_DIR", "XDG_CACHE_HOME")}
        base["HOME"] = home
        for extra, folder in (({"ZC_CACHE_DIR": os.path.join(self.folder.name, "zc")}, "zc/jit"),
                              ({"XDG_CACHE_HOME": os.path.join(self.folder.name, "xdg")}, "xdg/zc/jit"),
                              ({}, "home/.cache/zc/jit")):
            with self.subTest(folder=folder):
                done = subprocess.run([ZC, "run", RULESET, "--input", RECORDS, "--format", "jsonl", "--quiet"],
                                      env=dict(base, **extra), capture_output=True)
                self.assertEqual(done.returncode, 0, done.stderr.decode())
                self.assertEqual(done.stdout, self.expected)
                entries = [os.path.relpath(os.path.join(d, f), self.folder.name)
                           for d, _, files in os.walk(self.folder.name) for f in files if f.endswith(".zcjit")]
                self.assertEqual([os.path.dirname(e) for e in entries], [folder])
                os.remove(os.path.join(self.folder.name, entries[0]))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
