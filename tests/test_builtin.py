"""The built-in gazetteer's precision features: the "proper" case mode, per-alias case
modes, the person guard and its name list, and the reviewed entries."""

import doctest
import pickle
import re
import sys
from pathlib import Path

import pytest
import sayso

ROOT = Path(__file__).parent.parent


def found(gaz: sayso.Gazetteer, text: str) -> list[str]:
    return [m.text for m in gaz.find(text)]


def test_proper_case_matches_capitals_as_written_and_headlines():
    gaz = sayso.Gazetteer(
        [{"name": "Poland", "label": "GPE", "aliases": ["Polish"], "case": "proper"}]
    )
    assert found(gaz, "Polish the polish; POLISH FIRMS; Poland, poland") == [
        "Polish",
        "POLISH",
        "Poland",
    ]
    assert gaz.to_entries()[0]["case"] == "proper"


def test_an_alias_dict_carries_its_own_case_mode():
    entry = {
        "name": "Gordon Brown",
        "label": "PERSON",
        "aliases": [{"name": "Brown", "case": "sensitive"}, "G. Brown"],
    }
    gaz = sayso.Gazetteer([entry])
    assert found(gaz, "gordon brown wore brown; Brown said; g. brown") == [
        "gordon brown",
        "Brown",
        "g. brown",
    ]
    assert gaz.to_entries()[0]["aliases"] == entry["aliases"]
    again = pickle.loads(pickle.dumps(gaz))
    assert found(again, "brown, Brown") == ["Brown"]
    with pytest.raises(sayso.GazetteerError, match=r"entry 0: aliases\[0\].*case must be"):
        sayso.Gazetteer([{**entry, "aliases": [{"name": "Brown", "case": "upper"}]}])
    with pytest.raises(sayso.GazetteerError, match=r"aliases\[0\]: unknown key 'kase'"):
        sayso.Gazetteer([{**entry, "aliases": [{"name": "Brown", "kase": "sensitive"}]}])


def test_csv_aliases_take_a_case_mode_in_brackets(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "name,label,aliases\nGordon Brown,PERSON,Brown[sensitive]|Gordon [Jr]\n", encoding="utf-8"
    )
    gaz = sayso.Gazetteer.from_csv(path)
    assert gaz.to_entries()[0]["aliases"] == [{"name": "Brown", "case": "sensitive"}, "Gordon [Jr]"]
    assert found(gaz, "brown bread for Brown") == ["Brown"]


PLACES = [
    {"name": n, "label": "GPE", "case": "proper"}
    for n in ["Houston", "Paris", "France", "Texas", "Victoria", "Hamilton", "Vladimir"]
]


def test_person_guard_is_an_option_for_places_only():
    plain = sayso.Gazetteer(PLACES)
    guarded = sayso.Gazetteer(PLACES, person_guard=True)
    text = (
        "Ms Voss met Laura Houston in Paris, France. Houston said Paris Lind agreed; Lind said so."
    )
    assert found(plain, text) == ["Houston", "Paris", "France", "Houston", "Paris"]
    assert found(guarded, text) == ["Paris", "France"]
    assert guarded.person_guard
    assert not plain.person_guard
    assert "person_guard=True" in repr(guarded)
    assert pickle.loads(pickle.dumps(guarded)).person_guard
    people = sayso.Gazetteer(
        [{"name": "Houston", "label": "PERSON"}, {"name": "Laura", "label": "PERSON"}],
        person_guard=True,
    )
    assert found(people, "Laura Houston") == ["Laura", "Houston"]


def test_person_guard_from_files(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,label,case\nHouston,GPE,proper\nTexas,GPE,proper\n", encoding="utf-8")
    text = "John Houston lives in Houston, Texas."
    assert found(sayso.Gazetteer.from_csv(path), text) == ["Houston", "Houston", "Texas"]
    assert found(sayso.Gazetteer.from_csv(path, person_guard=True), text) == ["Houston", "Texas"]


def test_builtin_gazetteer_guards_persons_and_common_words():
    gaz = sayso.Gazetteer.default()
    assert gaz.person_guard
    text = (
        "President Vladimir Putin and Charles Kennedy met the actress Victoria Hamilton. "
        "Philip French and Michael Mann flew from Houston, Texas to Paris, France. "
        "Paris Hilton stayed in New Jersey. They polish the island's swiss reunion jersey."
    )
    assert [(m.text, m.name) for m in gaz.find(text)] == [
        ("Houston", "Houston"),
        ("Texas", "Texas"),
        ("Paris", "Paris"),
        ("France", "France"),
        ("New Jersey", "New Jersey"),
    ]
    assert found(gaz, "POLISH AND SWISS TALKS ON REUNION") == ["POLISH", "SWISS", "REUNION"]


def test_person_names_file_is_what_the_script_builds():
    sys.path.insert(0, str(ROOT / "tools"))
    import build_person_names

    shipped = (ROOT / "python" / "sayso" / "data" / "person_names.tsv").read_text(encoding="utf-8")
    assert build_person_names.build() == shipped


def test_the_docs_page_examples_run():
    page = (ROOT / "docs" / "gazetteer-builtin.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) >= 4
    for block in blocks:
        test = doctest.DocTestParser().get_doctest(block, {}, "page", "gazetteer-builtin.md", 0)
        assert doctest.DocTestRunner().run(test).failed == 0, block


def test_from_pandas_reads_alias_case_modes_as_csv_does():
    import pandas as pd

    df = pd.DataFrame(
        {"name": ["Gordon Brown"], "label": ["PERSON"], "aliases": ["Brown[sensitive]"]}
    )
    gaz = sayso.Gazetteer.from_pandas(df)
    assert gaz.to_entries()[0]["aliases"] == [{"name": "Brown", "case": "sensitive"}]
    assert found(gaz, "brown, Brown") == ["Brown"]


def test_a_speaker_named_like_a_place_is_not_linked_to_the_place():
    doc = sayso.Extractor()(
        "“We will cut taxes,” Laura Houston said in Houston, Texas. "
        "Ms Houston added that the plan was fair."
    )
    assert [(m.text, m.label) for m in doc.entities] == [("Houston", "GPE"), ("Texas", "GPE")]
    assert [q.speaker for q in doc.quotes] == ["Laura Houston", "Laura Houston"]
    assert all(q.speaker_id is None and q.speaker_label is None for q in doc.quotes)
