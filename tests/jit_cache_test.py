"""The JIT's object cache: a first zc run stores one entry, a second gives the
same bytes from it, and a corrupt or a truncated entry is detected and
rebuilt, with the same results every time; an entry or a folder another
user could write is never used, so no one else can plant code zc runs;
nothing is written but in $ZC_CACHE_DIR (the unit test checks the order of the other folders):
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

    def run_zc(self, warning=False):
        # HOME and XDG_CACHE_HOME are scratch folders too, to see that zc leaves them alone.
        cache, home, xdg = (os.path.join(self.folder.name, name) for name in ("cache", "home", "xdg"))
        env = dict(os.environ, ZC_CACHE_DIR=cache, HOME=home, XDG_CACHE_HOME=xdg)
        done = subprocess.run([ZC, "run", RULESET, "--input", RECORDS, "--format", "jsonl", "--quiet"], env=env,
                              capture_output=True)
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertEqual(done.stdout, self.expected)
        self.assertEqual("is not used: it is writable by other users" in done.stderr.decode(), warning, done.stderr)
        self.assertEqual(sorted(os.listdir(self.folder.name)), ["cache"])
        entries = glob.glob(os.path.join(cache, "jit", "*.zcjit"))
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

    def test_entries_are_the_owners_only(self):
        path, _ = self.run_zc()
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        self.assertEqual(os.stat(os.path.dirname(path)).st_mode & 0o777, 0o700)

    def test_an_entry_others_could_write_is_not_run(self):
        path, stored = self.run_zc()
        os.chmod(path, 0o666)
        os.utime(path, ns=(0, 0))
        # Not loaded (a hit would touch it) but rebuilt, by the owner only.
        self.assertEqual(self.run_zc(), (path, stored))
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)

    def test_a_folder_others_could_write_is_not_used(self):
        path, stored = self.run_zc()
        for folder in (os.path.dirname(path), os.path.dirname(os.path.dirname(path))):
            os.chmod(folder, 0o777)
            os.utime(path, ns=(0, 0))
            # Neither loaded (a hit touches the entry) nor stored over.
            self.assertEqual(self.run_zc(warning=True), (path, stored))
            self.assertEqual(os.stat(path).st_mtime_ns, 0)
            os.chmod(folder, 0o700)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
