"""Offsets are Python str indices: sayso against a naive reference, with Hypothesis."""

import reference
import sayso
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Characters that break offset arithmetic and boundary rules: non-BMP emoji,
# combining marks, İ (whose full lower case is two characters), CRLF, no-break
# space, curly apostrophes, dashes, and letters whose case maps change length
# in UTF-8.
TEXT_ALPHABET = "aAbBİiıI'’ʼ-–—. \n\r\t\u00a0\u0301é😀ΩωȺⱥ中ß"
NAME_ALPHABET = "aAbİiı'’-– é中Ⱥⱥ"

names = st.text(NAME_ALPHABET, min_size=1, max_size=4).filter(
    lambda n: any(reference.is_word(c) for c in reference.fold_key(n))
)
entries = st.lists(
    st.fixed_dictionaries(
        {"name": names, "label": st.just("X")},
        optional={
            "case": st.sampled_from(["sensitive", "insensitive"]),
            "aliases": st.lists(names, max_size=2),
        },
    ),
    min_size=1,
    max_size=5,
)
texts = st.text(TEXT_ALPHABET, max_size=30)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entries, text=texts, overlapping=st.booleans())
def test_matches_the_naive_reference(entries, text, overlapping):
    gaz = sayso.Gazetteer(entries)
    got = gaz.find(text, overlapping=overlapping)
    for m in got:
        assert text[m.start : m.end] == m.text
    names_by_index = [e["name"] for e in entries]
    want = reference.find(entries, text, overlapping=overlapping)
    assert [(m.start, m.end, m.name) for m in got] == [
        (s, e, names_by_index[k]) for s, e, k in want
    ]


@settings(max_examples=100, deadline=None)
@given(entries=entries, batch=st.lists(texts | st.none(), max_size=6))
def test_find_batch_equals_find_on_each_text(entries, batch):
    gaz = sayso.Gazetteer(entries)
    want = [gaz.find(t) if t is not None else [] for t in batch]
    assert gaz.find_batch(batch, threads=1) == want
    assert gaz.find_batch(batch, threads=2) == want


def test_offsets_around_astral_characters_and_crlf():
    gaz = sayso.Gazetteer(
        [{"name": "Saudi Arabia", "label": "GPE"}, {"name": "Kyiv", "label": "GPE"}]
    )
    text = "👍🏽 Kyiv\r\n😀 Saudi\r\nArabia é\u0301 İ Kyiv"
    got = gaz.find(text)
    assert [text[m.start : m.end] for m in got] == ["Kyiv", "Saudi\r\nArabia", "Kyiv"]
    assert [m.text for m in got] == ["Kyiv", "Saudi\r\nArabia", "Kyiv"]
    assert got[0].start == 3  # 👍🏽 is two code points
