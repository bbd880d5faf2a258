"""Where organisations come from: one split scored three times (rules alone, the model's spans alone,
both as ``projekty run`` does), as the README's ablation table (``projekty evaluate --ablation``).

The ``both`` run is the split's own evaluation (same keys, matching and thresholds file), returned beside
the table so that one ``--ablation`` run also checks the split's floors and Quality section: CI scores
each split once per mode, not once more for the plain section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluate import score as ev
from pipeline.evaluate.run import Evaluation, evaluate

MODES = (
    ("rules", "rules only (`--no-ner`)"),
    ("model", "model only"),
    ("both", "both (`projekty run`)"),
)
# (metric key in the scores, column heading, counted anywhere in the page)
COLUMNS = (
    ("organisations.f1", "organisations F1, per record", False),
    ("organisations.f1", "organisations F1, in the page", True),
    ("org_roles.f1", "org roles F1, per record", False),
    ("org_role_accuracy", "role accuracy", False),
    ("org_name_accuracy", "name accuracy", False),
)


@dataclass(frozen=True)
class Ablation:
    """A split's organisation scores per source of organisations, and its README section."""

    split: str
    pages: int
    scores: dict[str, dict[str, float | None]]  # mode -> column heading -> value
    markdown: str

    def gain(self, column: str) -> float | None:
        """What the model adds over the rules alone in a column (``both`` minus ``rules``)."""
        return _gain(self.scores, column)


def _gain(table: dict[str, dict[str, float | None]], column: str) -> float | None:
    both, rules = table["both"][column], table["rules"][column]
    return None if both is None or rules is None else both - rules


def _metrics(scores: ev.Scores | None) -> dict:
    return {} if scores is None else ev.scores_to_dict(scores)["overall"]["metrics"]


def ablation(
    gold: Path,
    split: str,
    root: Path = Path("."),
    progress=None,
    notify: Callable | None = None,
    thresholds: Path | None = None,
    jobs: int = 1,
) -> tuple[Ablation, Evaluation]:
    """Score ``split`` in the three modes, matched as its thresholds file says (``thresholds``, else the
    split's own): the table, and the ``both`` run, the split's own evaluation, which alone the caller holds to
    its floors."""
    table: dict[str, dict[str, float | None]] = {}
    results = {}
    for mode, _label in MODES:
        result = results[mode] = evaluate(gold, split, root, mode, thresholds, progress, notify, jobs)
        per_record, in_page = _metrics(result.scores), _metrics(result.page)
        table[mode] = {head: (in_page if page else per_record).get(key) for key, head, page in COLUMNS}
    both = results["both"]
    pages = len(both.golds)
    return Ablation(split, pages, table, _markdown(split, pages, table)), both


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _markdown(split: str, pages: int, table: dict[str, dict[str, float | None]]) -> str:
    heads = [head for _key, head, _page in COLUMNS]
    lines = [
        f"**Organisations by source, {split} split** ({pages} pages; "
        f"`projekty evaluate --split {split} --ablation --readme README.md`):",
        "",
        "| organisations from | " + " | ".join(heads) + " |",
        "|---|" + "--:|" * len(heads),
    ]
    lines += [f"| {label} | " + " | ".join(_cell(table[mode][h]) for h in heads) + " |" for mode, label in MODES]
    gains = [f"{g:+.3f} {h}" for h in heads[:3] if (g := _gain(table, h)) is not None]
    lines += ["", "The model over the rules alone: " + "; ".join(gains) + "."]
    return "\n".join(lines) + "\n"


def section(split: str) -> str:
    """The README marker name of a split's ablation section."""
    return f"{split}-ablation"
