"""Test-wide settings: in CI (HYPOTHESIS_PROFILE=ci) property tests are derandomised,
so a red run can be reproduced exactly."""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Structures built from the word lists (cleaner.cache) are kept in a folder of the test run, never
# in the user's cache folder; subprocesses of the tests inherit it.
if "CLEANER_CACHE_DIR" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["CLEANER_CACHE_DIR"] = tempfile.mkdtemp(prefix="cleaner-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CLEANER_CACHE_DIR"], True)
