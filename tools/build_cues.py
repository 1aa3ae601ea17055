"""Build sayso's cue lexicon (src/quotes/cues.tsv) from PolNeAR's train split.

Usage: python tools/build_cues.py [../shared/data/polnear/train.jsonl]

A cue is kept when it is annotated as a cue often enough, and often enough relative to
how often the word occurs in the train texts at all (so that "in" or "see", which are
sometimes annotated as cues, are not). Its share, which decides whether it is strong
enough to report speech without quotation marks, counts only the occurrences outside
quotation marks: words inside a quotation are never cues, and "I believe" in quoted
speech should not make "believe" look unreliable. Only words and counts are written, never text.
The output lists one lowercased cue a line with its kind:
  verb   a reporting verb form (said, says, told, warned, ...): SPEAKER CUE CONTENT,
         CONTENT, SPEAKER CUE / CUE SPEAKER
  prep   a prepositional cue (according to): CUE SPEAKER, CONTENT / CONTENT, CUE SPEAKER
  phrase a verb with its particle or preposition (called for, pointed out, talked about):
         SPEAKER CUE CONTENT, its share counted over the pair's occurrences
and, for each, the share of its occurrences right after a subject (a capitalised word or
a pronoun) that are annotated as cues: "Lind seemed tired" is no report, "Lind believes
the plan will fail" is; and the share of its contents after the cue that run to the end of their
sentence ("said that ..." does; "raised those worries on Sunday" does not): only cues
that take a clause report speech as "X CUE CONTENT".
"""

from __future__ import annotations

import collections
import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"
OUT = ROOT / "src" / "quotes" / "cues.tsv"
WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")
# A quotation within one paragraph: curly, straight, or two apostrophes.
QUOTATION = re.compile(r"\u201c[^\u201d\n]*\u201d|\"[^\"\n]*\"|''.*?''")
MIN_AS_CUE = 4  # annotated as the head of a cue at least this often
MIN_RATE = 0.12  # ... and in at least this share of the word's occurrences
PREPOSITIONAL = {"according to"}
# The second word of a phrasal cue: "called for", "pointed out", "talked about".
PARTICLES = {"about", "of", "for", "to", "on", "with", "against", "at", "over", "out", "as"}
MIN_PHRASE_RATE = 0.5  # a phrase must be a cue in half its occurrences
# Words before the verb of a cue ("has said", "didn't say"): not its head.
AUXILIARIES = {
    "has",
    "had",
    "have",
    "also",
    "is",
    "was",
    "ve",
    "re",
    "ll",
    "d",
    "s",
    "not",
    "hasn't",
    "haven't",
    "hadn't",
    "didn't",
    "don't",
    "doesn't",
    "isn't",
    "wasn't",
    "won't",
    "wouldn't",
    "can't",
    "couldn't",
}
MIN_AFTER_SUBJECT = 8  # occurrences after a subject needed to trust their share
MIN_SUBJECT_RATE = 0.4  # ... or a cue in this share of them
PRONOUNS = {"he", "she", "they", "we", "i", "you", "who"}


def after_subject(text: str, quotes: list[dict]) -> tuple[list[str], list[str]]:
    """The lowercased words right after a subject (outside quotations), and those of
    them that begin an annotated cue between a source and its content."""
    quoted = [(m.start(), m.end()) for m in QUOTATION.finditer(text)]
    cue_starts = set()
    for q in quotes:
        se = q.get("speaker_end")
        if se is None or se > q["start"]:
            continue
        cue_starts.update(se + m.start() for m in WORD.finditer(text[se : q["start"]]))
    seen, cues = [], []
    for p, m in itertools.pairwise(WORD.finditer(text)):
        if any(a <= m.start() < b for a, b in quoted) or text[p.end() : m.start()].strip():
            continue
        if not (p.group(0)[0].isupper() or p.group(0).lower() in PRONOUNS):
            continue
        seen.append(m.group(0).lower())
        if m.start() in cue_starts:
            cues.append(m.group(0).lower())
    return seen, cues


def runs_to_sentence_end(text: str, end: int) -> bool:
    """Whether only closing punctuation stands between `end` and the end of its sentence."""
    rest = text[end : end + 4]
    return re.match(r"^[\s\"'\u201d\u2019)]*([.!?]|$|\n)", rest) is not None


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    as_cue: collections.Counter[str] = collections.Counter()
    occurrences: collections.Counter[str] = collections.Counter()
    outside: collections.Counter[str] = collections.Counter()  # outside quotations
    phrases: collections.Counter[str] = collections.Counter()  # phrase cues
    pairs: collections.Counter[str] = collections.Counter()  # word pairs outside quotations
    phrase_after: collections.Counter[str] = collections.Counter()
    phrase_to_end: collections.Counter[str] = collections.Counter()
    phrase_speaker: collections.Counter[str] = collections.Counter()  # with a source
    after: collections.Counter[str] = collections.Counter()  # content after the cue
    to_end: collections.Counter[str] = collections.Counter()  # ... running to the sentence end
    subject_seen: collections.Counter[str] = collections.Counter()  # after a subject
    subject_cue: collections.Counter[str] = collections.Counter()  # ... annotated as a cue
    for d in docs:
        seen, cues = after_subject(d["text"], d["quotes"])
        subject_seen.update(seen)
        subject_cue.update(cues)
        for w in WORD.findall(d["text"]):
            occurrences[w.lower()] += 1
        unquoted = [w.lower() for w in WORD.findall(QUOTATION.sub(" ", d["text"]))]
        for w in unquoted:
            outside[w] += 1
        for a, b in itertools.pairwise(unquoted):
            if b in PARTICLES:
                pairs[f"{a} {b}"] += 1
        for q in d["quotes"]:
            words = WORD.findall((q.get("cue") or "").lower())
            if not words:
                continue
            if len(words) >= 2 and words[-1] in PARTICLES:
                pair = " ".join(words[-2:])
                phrases[pair] += 1
                phrase_speaker[pair] += q.get("speaker_start") is not None
                speaker_end = q.get("speaker_end")
                if speaker_end is not None and speaker_end <= q["start"]:
                    phrase_after[pair] += 1
                    phrase_to_end[pair] += runs_to_sentence_end(d["text"], q["end"])
            phrase = " ".join(words[:2])
            if phrase in PREPOSITIONAL:
                head = phrase
            elif words[0].replace("\u2019", "'") in AUXILIARIES and len(words) > 1:
                head = words[-1]
            else:
                head = words[0]
            as_cue[head] += 1
            speaker_end = q.get("speaker_end")
            if speaker_end is not None and speaker_end <= q["start"]:
                after[head] += 1
                to_end[head] += runs_to_sentence_end(d["text"], q["end"])
    rows = []
    for cue, n in as_cue.items():
        clause = to_end[cue] / after[cue] if after[cue] else 0.0
        if cue in PREPOSITIONAL:
            if n >= MIN_AS_CUE:
                rows.append((cue, "prep", n, 1.0, clause, 1.0))
            continue
        rate = n / max(occurrences[cue], 1)
        share = n / max(outside[cue], 1)
        if cue.endswith("ing"):
            # A participle reports after a comma (", adding that"), not a subject.
            subject = share
        elif subject_seen[cue] >= MIN_AFTER_SUBJECT:
            subject = subject_cue[cue] / subject_seen[cue]
        else:
            # Too seldom after a subject to tell: only as strong as that
            # evidence, counted out of the minimum.
            subject = subject_cue[cue] / MIN_AFTER_SUBJECT
        # "think" is rare as a cue among all its uses ("I think" in quoted
        # speech) but a cue half the times a subject precedes it.
        if n >= MIN_AS_CUE and (rate >= MIN_RATE or subject >= MIN_SUBJECT_RATE):
            rows.append((cue, "verb", n, share, clause, subject))
    for pair, n in phrases.items():
        # "known as" names without a speaker: not a report; "out about" (of
        # "spoke out about") has lost its verb.
        if pair in PREPOSITIONAL or n < MIN_AS_CUE or pairs[pair] < MIN_AS_CUE:
            continue
        if pair.split()[0] in PARTICLES | {"up", "down", "off"}:
            continue
        if phrase_speaker[pair] < n / 2:
            continue
        rate = n / max(pairs[pair], 1)
        if rate >= MIN_PHRASE_RATE:
            clause = phrase_to_end[pair] / phrase_after[pair] if phrase_after[pair] else 0.0
            rows.append((pair, "phrase", n, rate, clause, rate))
    rows.sort(key=lambda r: (-r[2], r[0]))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(
            "# Cue lexicon built by tools/build_cues.py from PolNeAR train (counts, not text).\n"
        )
        fh.write(
            "# cue\tkind\tannotated_as_cue\tshare_of_occurrences\tclause_share"
            "\tshare_after_subject\n"
        )
        for cue, kind, n, rate, clause, subject in rows:
            fh.write(f"{cue}\t{kind}\t{n}\t{rate:.2f}\t{clause:.2f}\t{subject:.2f}\n")
    print(f"{len(rows)} cues written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
