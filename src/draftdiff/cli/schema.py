"""draftdiff schema: see the module that owns it."""

from __future__ import annotations

from .app import app  # noqa: F401
