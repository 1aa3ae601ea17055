"""Quote attribution quality on PolNeAR: runs `sayso quotes` over a split and scores it.

Usage: python bench/eval_quotes.py [--split dev] [--out FILE]

Runs the command line exactly as a user would, then `../shared/tools/score_quotes.py`
(the project's scorer). Tune on train and dev only: the test split is held out.
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
SHARED = ROOT.parent / "shared"
TARGETS = "targets (dev): direct e2e F1 ≥ 90, direct+mixed ≥ 82, all kinds ≥ 65"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    gold = SHARED / "data" / "polnear" / f"{args.split}.jsonl"
    scorer = SHARED / "tools" / "score_quotes.py"
    if not gold.exists() or not scorer.exists():
        print(f"PolNeAR data or scorer not found under {SHARED}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        command = [sys.executable, "-m", "sayso", "quotes", str(gold), "-o", str(pred)]
        subprocess.run(command, check=True)
        table = subprocess.run(
            [sys.executable, str(scorer), str(gold), str(pred)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    import sayso

    report = "\n".join(
        [
            f"# Quote attribution on PolNeAR {args.split}",
            "",
            f"- command: `python bench/eval_quotes.py --split {args.split}`"
            f" (runs `sayso quotes {args.split}.jsonl`, then `score_quotes.py`)",
            f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
            f"- sayso {sayso.__version__} (commit {git_commit()}), the built-in gazetteer",
            f"- machine: {machine()}",
            f"- {TARGETS}",
            "",
            table.strip(),
            "",
        ]
    )
    emit_report(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
