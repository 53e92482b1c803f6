"""Shared fixtures: where the repository, drafts/ and the corpus (../shared/corpus) are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs a fixed sequence of examples (reproducible, never red by chance); a developer's run explores new
# ones each time. Longer, random runs: bench/fuzz.py.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
DRAFTS = REPO / "drafts"
SHARED = Path(os.environ.get("DRAFTDIFF_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"


@pytest.fixture
def corpus() -> Path:
    """The ../shared/corpus folder; the test is skipped (with the reason) where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (set DRAFTDIFF_SHARED to the shared/ folder)")
    return CORPUS


def corpus_or_skip() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (set DRAFTDIFF_SHARED to the shared/ folder)")
    return CORPUS
