"""The package's tests run against the seed policies' library (made by zc build when the
project is built) and a library with 资金池s, and compare with what zc run writes. ctest
passes where they are: ZHENGCE_TEST_LIBRARY, _ZC, _RULESET, _RECORDS, _EXPECTED, _VERSION,
for the pools _POOL_LIBRARY, _POOL_RULESET, _POOL_RECORDS, for the rankings
_RANKING_LIBRARY, _RANKING_RULESET, _RANKING_RECORDS, and for both _RANKING_POOL_LIBRARY,
_RANKING_POOL_RULESET, _RANKING_POOL_RECORDS."""

import os
import subprocess
import tempfile

import pytest


def _env(name):
    value = os.environ.get("ZHENGCE_TEST_" + name)
    if not value:
        pytest.fail(f"ZHENGCE_TEST_{name} is not set (ctest sets it; see python/tests/conftest.py)")
    return value


@pytest.fixture(scope="session")
def library():
    return _env("LIBRARY")


@pytest.fixture(scope="session")
def version():
    return _env("VERSION")


@pytest.fixture(scope="session")
def records():
    with open(_env("RECORDS"), "rb") as f:
        return f.read()


@pytest.fixture(scope="session")
def expected():
    with open(_env("EXPECTED"), "rb") as f:
        return f.read()


def _zc_runner(ruleset):
    zc = _env("ZC")

    def run(data, *args):
        with tempfile.NamedTemporaryFile(suffix=".jsonl") as f:
            f.write(data)
            f.flush()
            done = subprocess.run([zc, "run", ruleset, "--input", f.name, "--format", "jsonl", "--quiet", *args],
                                  capture_output=True)
            return done.returncode, done.stdout, done.stderr.decode("utf-8")
    return run


@pytest.fixture(scope="session")
def zc_run():
    """What zc run writes for these JSON Lines bytes: (exit code, stdout, stderr)."""
    return _zc_runner(_env("RULESET"))


@pytest.fixture(scope="session")
def pool_library():
    return _env("POOL_LIBRARY")


@pytest.fixture(scope="session")
def pool_records():
    with open(_env("POOL_RECORDS"), "rb") as f:
        return f.read()


@pytest.fixture(scope="session")
def pool_zc_run():
    """zc_run for the ruleset with 资金池s."""
    return _zc_runner(_env("POOL_RULESET"))


@pytest.fixture(scope="session")
def ranking_library():
    return _env("RANKING_LIBRARY")


@pytest.fixture(scope="session")
def ranking_records():
    with open(_env("RANKING_RECORDS"), "rb") as f:
        return f.read()


@pytest.fixture(scope="session")
def ranking_zc_run():
    """zc_run for the ruleset with 排名s."""
    return _zc_runner(_env("RANKING_RULESET"))


@pytest.fixture(scope="session")
def ranking_pool_library():
    return _env("RANKING_POOL_LIBRARY")


@pytest.fixture(scope="session")
def ranking_pool_records():
    with open(_env("RANKING_POOL_RECORDS"), "rb") as f:
        return f.read()


@pytest.fixture(scope="session")
def ranking_pool_zc_run():
    """zc_run for the ruleset with a 排名 and a 资金池."""
    return _zc_runner(_env("RANKING_POOL_RULESET"))
