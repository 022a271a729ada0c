"""The Python tests' golden files: compared byte for byte, or rewritten when
ZC_UPDATE_GOLDEN=1 (read every diff before committing it). The C++ tests'
counterpart is GoldenFile.h."""

import os

UPDATE = os.environ.get("ZC_UPDATE_GOLDEN") == "1"


def expect_golden(test, path, actual):
    if UPDATE:
        with open(path, "wb") as f:
            f.write(actual)
        return
    with open(path, "rb") as f:
        test.assertEqual(actual.decode(), f.read().decode(), path)
