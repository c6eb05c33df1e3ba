"""Shared test settings: Hypothesis profiles and the location of the source documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The only place Hypothesis is configured: a quick profile for local runs, a thorough
# one in CI. Tests never override these settings.
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
"""The five source documents, beside the checkout (``../shared/seeds``)."""


@pytest.fixture(scope="session")
def seeds() -> Path:
    """Return the folder of source documents, or skip when it is not beside the checkout."""
    if not SEEDS.is_dir():
        pytest.skip(f"the source documents are not at {SEEDS}")
    return SEEDS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many provenance tests were skipped for want of the source documents."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "the source documents are not at" in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} provenance tests skipped: the source documents are not at "
            f"{SEEDS} (../shared/seeds beside the checkout), so quotes were not checked "
            "against them",
            yellow=True,
        )
