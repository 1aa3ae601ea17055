"""Offsets are Python str indices: sayso against a naive reference, with Hypothesis."""

import unicodedata

import reference
import sayso
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Characters that break offset arithmetic and boundary rules: non-BMP emoji,
# combining marks, İ (whose full lower case is two characters), CRLF, no-break
# space, curly apostrophes, dashes, and letters whose case maps change length
# in UTF-8.
# Composed and decomposed letters, and marks in either order, meet by canonical
# equivalence: é and e + U+0301, ệ and ê + U+0323, Å and the ANGSTROM SIGN.
TEXT_ALPHABET = (
    "aAbBİiıI'’ʼ-–—. \n\r\t\u00a0\u0301é😀ΩωȺⱥ中ß" + "eêệÅ\u212b\u0302\u0323\u0307\u030a"
)
NAME_ALPHABET = "aAbİiı'’-– é中ȺⱥeêệÅ"

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


# --- canonical equivalence: NFC and NFD meet --------------------------------------

LETTERS = "aeéèêệëÅåİIiøñüÜßΩΆώ中한국Ǆ"
words = st.text(LETTERS, min_size=1, max_size=6)


def nfd_index(text: str, k: int) -> int:
    """The index in NFD(text) of index ``k`` of ``text`` (at a starter, as match edges are)."""
    return len(unicodedata.normalize("NFD", text[:k]))


@settings(max_examples=300, deadline=None)
@given(
    name=st.lists(words, min_size=1, max_size=3).map(" ".join),
    before=st.lists(words, max_size=3).map(" ".join),
    after=st.lists(words, max_size=3).map(" ".join),
    name_form=st.sampled_from(["NFC", "NFD"]),
    case=st.sampled_from(["insensitive", "sensitive"]),
)
def test_nfc_and_nfd_forms_match_each_other_at_the_mapped_span(
    name, before, after, name_form, case
):
    name = unicodedata.normalize(name_form, name)
    gaz = sayso.Gazetteer([{"name": name, "label": "X", "case": case}])
    text = unicodedata.normalize("NFC", f"{before}, {name}. {after}")
    decomposed = unicodedata.normalize("NFD", text)
    got = gaz.find(text)
    got_nfd = gaz.find(decomposed)
    assert got, "the name is found in the composed text"
    for t, ms in ((text, got), (decomposed, got_nfd)):
        for m in ms:
            assert t[m.start : m.end] == m.text
    assert [(nfd_index(text, m.start), nfd_index(text, m.end)) for m in got] == [
        (m.start, m.end) for m in got_nfd
    ]
