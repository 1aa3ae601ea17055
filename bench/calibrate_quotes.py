"""Calibration of `Quote.confidence` on PolNeAR: ECE, precision at high confidence, a plot.

Usage: python bench/calibrate_quotes.py [--split dev] [--out FILE] [--plot PNG]

Runs `sayso quotes` on the split, marks each quote right when its span matches a
gold fragment and its speaker the gold source (`tools/quote_labels.py`, the scorer's
matching, all kinds, coverage > 0.3), and compares with the confidence the core
gave it (fitted on train by `tools/fit_confidence.py`): the expected calibration
error over 10 equal bins, the precision of the quotes at confidence >= 0.9 and
>= 0.8, and a reliability plot.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench_gazetteer import emit_report, git_commit, machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from quote_labels import SHARED, labelled  # noqa: E402

BINS = 10


def bins(pairs: list[tuple[float, bool]]) -> list[tuple[int, float, float]]:
    """Return (quotes, mean confidence, share right) for each of the equal bins."""
    out = []
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inside = [(c, r) for c, r in pairs if lo <= c < hi or (b == BINS - 1 and c == 1.0)]
        n = len(inside)
        out.append(
            (
                n,
                sum(c for c, _ in inside) / n if n else 0.0,
                sum(r for _, r in inside) / n if n else 0.0,
            )
        )
    return out


def ece(pairs: list[tuple[float, bool]]) -> float:
    """Return the expected calibration error over the equal bins."""
    total = len(pairs)
    return sum(n / total * abs(conf - acc) for n, conf, acc in bins(pairs) if n)


def precision_at(pairs: list[tuple[float, bool]], at: float) -> tuple[int, float]:
    """Return how many quotes have confidence >= `at`, and the share of them right."""
    kept = [r for c, r in pairs if c >= at]
    return len(kept), (sum(kept) / len(kept) if kept else 0.0)


def plot(pairs: list[tuple[float, bool]], path: Path, title: str) -> None:
    """Write the reliability diagram."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [(conf, acc, n) for n, conf, acc in bins(pairs) if n]
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    ax.plot([r[0] for r in rows], [r[1] for r in rows], "o-", label="sayso")
    for conf, acc, n in rows:
        ax.annotate(str(n), (conf, acc), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set_xlabel("mean confidence in the bin")
    ax.set_ylabel("share of quotes right (span and speaker)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(title, fontsize=9)
    ax.legend(loc="upper left")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)


def main() -> int:
    """Run the calibration report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument("--plot", type=Path, help="write the reliability diagram (PNG) here")
    args = parser.parse_args()
    gold = SHARED / "data" / "polnear" / f"{args.split}.jsonl"
    if not gold.exists():
        print(f"PolNeAR data not found under {SHARED}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        command = [sys.executable, "-m", "sayso", "quotes", str(gold), "-o", str(pred)]
        subprocess.run(command, check=True)
        rows = labelled(gold, pred)
    pairs = [(q["confidence"], e2e_ok) for q, _, e2e_ok in rows]
    n90, p90 = precision_at(pairs, 0.9)
    n80, p80 = precision_at(pairs, 0.8)
    mean = sum(c for c, _ in pairs) / len(pairs)
    right = sum(r for _, r in pairs) / len(pairs)
    table = ["| bin | quotes | mean confidence | share right |", "|---|---:|---:|---:|"]
    for b, (n, conf, acc) in enumerate(bins(pairs)):
        table.append(f"| {b / BINS:.1f}–{(b + 1) / BINS:.1f} | {n} | {conf:.3f} | {acc:.3f} |")
    import sayso

    report = "\n".join(
        [
            f"# Quote confidence on PolNeAR {args.split}",
            "",
            f"- command: `python bench/calibrate_quotes.py --split {args.split}`",
            f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
            f"- sayso {sayso.__version__} (commit {git_commit()}), the built-in gazetteer;"
            " confidence fitted on PolNeAR train (`tools/fit_confidence.py`)",
            f"- machine: {machine()}",
            "- right = span matches a gold fragment (any kind, coverage > 0.3) and the"
            " speaker overlaps its source",
            "",
            f"- quotes: {len(pairs)}; mean confidence {mean:.3f}; share right {right:.3f}",
            f"- expected calibration error (10 equal bins): **{ece(pairs):.3f}**",
            f"- confidence ≥ 0.9: {n90} quotes, precision **{p90:.3f}**",
            f"- confidence ≥ 0.8: {n80} quotes, precision {p80:.3f}",
            "",
            *table,
            "",
        ]
    )
    emit_report(report, args.out)
    if args.plot:
        plot(pairs, args.plot, f"Quote confidence, PolNeAR {args.split} (fit on train)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
