"""Test-wide settings: in CI (HYPOTHESIS_PROFILE=ci) property tests are derandomised,
so a red run can be reproduced exactly."""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
