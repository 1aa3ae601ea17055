"""Quote attribution quality on PolNeAR: runs `sayso quotes` over a split and scores it.

Usage: python bench/eval_quotes.py [--split dev] [--out FILE]

Runs the command line exactly as a user would, then `../shared/tools/score_quotes.py`
(the project's scorer), then the same matching quote by quote
(`tools/quote_labels.py`) for a table per rule and per resolution path: how many
quotes, the share whose span is right (precision) and whose span and speaker are
(e2e precision). Tune on train and dev only: the test split is held out.
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
from quote_labels import labelled  # noqa: E402

SHARED = ROOT.parent / "shared"
TARGETS = "targets (dev): direct e2e F1 ≥ 90, direct+mixed ≥ 82, all kinds ≥ 65"


def by_group(rows: list[tuple[dict, bool, bool]], field: str) -> str:
    """Return a Markdown table of count, precision and e2e precision by ``field``."""
    groups: dict[str, list[tuple[bool, bool]]] = {}
    for q, span_ok, e2e_ok in rows:
        groups.setdefault(str(q.get(field)), []).append((span_ok, e2e_ok))
    lines = [f"| {field} | quotes | P | e2e P |", "|---|---:|---:|---:|"]
    ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    for name, marks in [*ordered, ("all", [m for _, ms in ordered for m in ms])]:
        n = len(marks)
        p = sum(s for s, _ in marks) / n if n else 0.0
        e = sum(e for _, e in marks) / n if n else 0.0
        lines.append(f"| {name} | {n} | {100 * p:.1f} | {100 * e:.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument(
        "--reports",
        default="speech",
        choices=["speech", "acts"],
        help="which indirect reports count (sayso's default: speech; PolNeAR annotates acts too)",
    )
    args = parser.parse_args()
    gold = SHARED / "data" / "polnear" / f"{args.split}.jsonl"
    scorer = SHARED / "tools" / "score_quotes.py"
    if not gold.exists() or not scorer.exists():
        print(f"PolNeAR data or scorer not found under {SHARED}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        command = [sys.executable, "-m", "sayso", "quotes", str(gold), "-o", str(pred)]
        command += ["--reports", args.reports]
        subprocess.run(command, check=True)
        table = subprocess.run(
            [sys.executable, str(scorer), str(gold), str(pred)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows = labelled(gold, pred)
    import sayso

    report = "\n".join(
        [
            f"# Quote attribution on PolNeAR {args.split}",
            "",
            f"- command: `python bench/eval_quotes.py --split {args.split}"
            f" --reports {args.reports}` (runs `sayso quotes {args.split}.jsonl"
            f" --reports {args.reports}`, then `score_quotes.py`)",
            f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
            f"- sayso {sayso.__version__} (commit {git_commit()}), the built-in gazetteer",
            f"- machine: {machine()}",
            f"- {TARGETS}",
            "",
            table.strip(),
            "",
            "Per rule and per resolution path (`Quote.rule`, `Quote.speaker_via`), all kinds,",
            "coverage > 0.3: precision = share of the quotes whose span matches a gold fragment,",
            "e2e = whose speaker is right too.",
            "",
            by_group(rows, "rule"),
            "",
            by_group(rows, "speaker_via"),
            "",
        ]
    )
    emit_report(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
