"""Feature values shared by the trained components (the segmenter's CRF, the organisation acceptor)."""

from __future__ import annotations

from collections.abc import Sequence


def bucket(n: float, cuts: Sequence[float]) -> str:
    """The bin of ``n`` among ascending ``cuts`` (``<=3``, ``>50``): a number as an indicator feature, so a
    linear model can weigh small and large values differently."""
    for c in cuts:
        if n <= c:
            return f"<={c:g}"
    return f">{cuts[-1]:g}"
