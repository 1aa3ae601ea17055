use super::*;
use crate::error::ErrorKind;

fn gaz(entries: Vec<Entry>) -> Gazetteer {
    Gazetteer::builder().build(entries).unwrap()
}

/// (surface, canonical name) pairs found in `text`.
fn found(g: &Gazetteer, text: &str, overlapping: bool) -> Vec<(String, String)> {
    let ms = if overlapping {
        g.find_overlapping(text)
    } else {
        g.find(text)
    }
    .unwrap();
    ms.iter()
        .map(|m| {
            (
                text[m.range()].to_owned(),
                g.entry(m.entry()).name().to_owned(),
            )
        })
        .collect()
}

#[test]
fn golden_cases() {
    #[derive(serde::Deserialize)]
    struct File {
        case: Vec<Case>,
    }
    #[derive(serde::Deserialize)]
    struct Case {
        what: String,
        entries: Vec<TomlEntry>,
        text: String,
        expect: Vec<(String, String)>,
        #[serde(default)]
        overlapping: bool,
        #[serde(default)]
        fold_diacritics: bool,
    }
    #[derive(serde::Deserialize)]
    struct TomlEntry {
        name: String,
        label: String,
        id: Option<String>,
        #[serde(default)]
        aliases: Vec<String>,
        case: Option<String>,
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/gazetteer_cases.toml"
    );
    let file: File = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(file.case.len() >= 15);
    for c in file.case {
        let entries = c.entries.into_iter().map(|e| Entry {
            name: e.name,
            label: e.label,
            id: e.id,
            aliases: e.aliases,
            case: e
                .case
                .map_or(CaseMode::Insensitive, |s| CaseMode::parse(&s).unwrap()),
            alias_cases: Vec::new(),
            metadata: None,
        });
        let g = Gazetteer::builder()
            .fold_diacritics(c.fold_diacritics)
            .build(entries)
            .unwrap();
        assert_eq!(
            found(&g, &c.text, c.overlapping),
            c.expect,
            "case: {}",
            c.what
        );
    }
}

#[test]
fn shared_surface_keeps_every_entry_with_its_id() {
    let g = gaz(vec![
        Entry::new("Georgia", "GPE").with_id("GE"),
        Entry::new("Georgia", "GPE")
            .with_id("US-GA")
            .with_aliases(["GA"]),
    ]);
    let ms = g.find("Georgia").unwrap();
    let ids: Vec<&str> = ms.iter().map(|m| g.entry(m.entry()).id()).collect();
    assert_eq!(ids, ["GE", "US-GA"]);
    assert!(ms.iter().all(|m| m.range() == (0..7)));
}

#[test]
fn an_entry_is_reported_once_per_span_even_with_equal_aliases() {
    let g = gaz(vec![
        Entry::new("Kyiv", "GPE").with_aliases(["KYIV", "kyiv"])
    ]);
    assert_eq!(g.find("kyiv").unwrap().len(), 1);
}

#[test]
fn case_sensitive_and_insensitive_entries_share_a_key() {
    let g = gaz(vec![
        Entry::new("US", "GPE").with_case(CaseMode::Sensitive),
        Entry::new("us", "PRON"),
    ]);
    let labels = |t: &str| -> Vec<String> {
        g.find(t)
            .unwrap()
            .iter()
            .map(|m| g.entry(m.entry()).label().to_owned())
            .collect()
    };
    assert_eq!(labels("US"), ["GPE", "PRON"]);
    assert_eq!(labels("us"), ["PRON"]);
}

#[test]
fn a_sensitive_miss_falls_back_to_a_shorter_match() {
    let g = gaz(vec![
        Entry::new("New", "X"),
        Entry::new("New WHO", "ORG").with_case(CaseMode::Sensitive),
    ]);
    assert_eq!(found(&g, "New who", false), [("New".into(), "New".into())]);
    assert_eq!(
        found(&g, "New WHO", false),
        [("New WHO".into(), "New WHO".into())]
    );
}

#[test]
fn entry_views_return_what_was_given() {
    let mut meta = Metadata::new();
    meta.insert("wikidata".into(), "Q159".into());
    let g = gaz(vec![
        Entry::new("Russia", "GPE")
            .with_id("RU")
            .with_aliases(["Russian Federation"])
            .with_metadata(meta.clone()),
        Entry::new("Kremlin", "ORG").with_case(CaseMode::Sensitive),
    ]);
    assert_eq!(g.len(), 2);
    assert_eq!(g.labels(), ["GPE", "ORG"]);
    let r = g.entry(EntryId(0));
    assert_eq!((r.name(), r.id(), r.label()), ("Russia", "RU", "GPE"));
    assert_eq!(r.aliases().collect::<Vec<_>>(), ["Russian Federation"]);
    assert_eq!(r.metadata().map(|m| &**m), Some(&meta));
    let k = g.entry(EntryId(1));
    assert_eq!(
        (k.id(), k.case(), k.has_explicit_id()),
        ("Kremlin", CaseMode::Sensitive, false)
    );
    assert_eq!(
        k.to_entry(),
        Entry::new("Kremlin", "ORG").with_case(CaseMode::Sensitive)
    );
}

#[test]
fn invalid_entries_are_errors_naming_the_entry() {
    let cases: Vec<(Entry, &str)> = vec![
        (Entry::new("", "GPE"), "entry 1: the name is empty"),
        (Entry::new(" \n ", "GPE"), "entry 1: the name is empty"),
        (
            Entry::new("...", "GPE"),
            "entry 1: the name \"...\" has no letter or digit",
        ),
        (Entry::new("Paris", " "), "entry 1: the label is empty"),
        (
            Entry::new("Paris", "GPE").with_id(""),
            "entry 1: the id is empty",
        ),
        (
            Entry::new("Paris", "GPE").with_aliases([""]),
            "entry 1: the alias is empty",
        ),
    ];
    for (bad, want) in cases {
        let err = Gazetteer::builder()
            .build([Entry::new("Rome", "GPE"), bad])
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidEntry { .. }));
        assert!(err.to_string().starts_with(want), "{err} !~ {want}");
    }
}

#[test]
fn empty_gazetteer_and_empty_text() {
    let g = gaz(vec![]);
    assert!(g.is_empty());
    assert_eq!(g.find("anything").unwrap(), []);
    let g = gaz(vec![Entry::new("a", "X")]);
    assert_eq!(g.find("").unwrap(), []);
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Gazetteer>();
    assert_send_sync::<GazetteerBuilder>();
    assert_send_sync::<Entry>();
    assert_send_sync::<Match>();
    assert_send_sync::<Scratch>();
    assert_send_sync::<crate::Error>();
}

fn sample() -> Gazetteer {
    let mut meta = Metadata::new();
    meta.insert("pop".into(), 12.into());
    gaz(vec![
        Entry::new("Saudi Arabia", "GPE")
            .with_id("SA")
            .with_aliases(["Saudi", "KSA"]),
        Entry::new("US", "GPE").with_case(CaseMode::Sensitive),
        Entry::new("Moscow", "GPE").with_metadata(meta),
    ])
}

#[test]
fn save_and_load_round_trip() {
    let g = sample();
    let dir = std::env::temp_dir().join(format!("sayso-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("g.sayso");
    g.save(&path).unwrap();
    let h = Gazetteer::load(&path).unwrap();
    let text = "Saudi and US officials met in Moscow; us too. KSA.";
    assert_eq!(g.find(text).unwrap(), h.find(text).unwrap());
    let a: Vec<Entry> = g.entries().map(|e| e.to_entry()).collect();
    let b: Vec<Entry> = h.entries().map(|e| e.to_entry()).collect();
    assert_eq!(a, b);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn loading_refuses_other_versions_truncation_and_corruption() {
    let bytes = sample().to_bytes();
    let nl = bytes.iter().position(|&b| b == b'\n').unwrap();
    let header = std::str::from_utf8(&bytes[..nl]).unwrap();

    let other = header.replace("\"version\":1", "\"version\":99");
    let mut v = other.into_bytes();
    v.extend_from_slice(&bytes[nl..]);
    let err = Gazetteer::from_bytes(&v, "g.sayso").unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Version { found: 99, .. }),
        "{err}"
    );

    let err = Gazetteer::from_bytes(&bytes[..bytes.len() - 5], "g.sayso").unwrap_err();
    assert!(err.to_string().contains("truncated"), "{err}");

    let mut corrupt = bytes.clone();
    let i = corrupt.len() - 20;
    corrupt[i] ^= 0x01;
    let err = Gazetteer::from_bytes(&corrupt, "g.sayso").unwrap_err();
    assert!(err.to_string().contains("checksum"), "{err}");

    for junk in [
        &b""[..],
        b"hello",
        b"{\"format\":\"other\"}\n{}",
        b"\xff\xfe\n",
    ] {
        let err = Gazetteer::from_bytes(junk, "g.sayso").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("g.sayso: not a saved sayso gazetteer"),
            "{err}"
        );
    }
}

fn write_tmp(name: &str, content: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sayso-io-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn csv_reads_columns_aliases_case_metadata_and_bom() {
    let p = write_tmp(
        "g.csv",
        "\u{FEFF}name,label,id,aliases,case,wikidata\n\
         \"Washington, D.C.\",GPE,dc,Washington DC|D.C.,,Q61\n\
         US,GPE,,,sensitive,\n"
            .as_bytes(),
    );
    let g = Gazetteer::builder().build_from_csv(&p).unwrap();
    let dc = g.entry(EntryId(0));
    assert_eq!((dc.name(), dc.id()), ("Washington, D.C.", "dc"));
    assert_eq!(dc.aliases().collect::<Vec<_>>(), ["Washington DC", "D.C."]);
    assert_eq!(dc.metadata().unwrap()["wikidata"], "Q61");
    let us = g.entry(EntryId(1));
    assert_eq!(
        (us.case(), us.id(), us.metadata()),
        (CaseMode::Sensitive, "US", None)
    );
}

#[test]
fn csv_errors_name_file_and_line() {
    let cases: Vec<(&[u8], &str)> = vec![
        (
            b"name,id\nParis,1\n",
            "line 1: the header has no column label",
        ),
        (
            b"name,label\nParis,GPE\n,GPE\n",
            "line 3: the name is empty",
        ),
        (b"name,label\nParis,GPE\nRome,GPE,extra\n", "line 3"),
        (
            b"name,label,case\nParis,GPE,upper\n",
            "line 2: case must be",
        ),
        (
            b"name,label\nParis,GPE\nN\xffmes,GPE\n",
            "line 3: not valid UTF-8",
        ),
    ];
    for (content, want) in cases {
        let p = write_tmp("bad.csv", content);
        let err = Gazetteer::builder().build_from_csv(&p).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("bad.csv") && msg.contains(want),
            "{msg} !~ {want}"
        );
    }
    let err = Gazetteer::builder()
        .build_from_csv("/no/such/file.csv")
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err}");
}

#[test]
fn jsonl_reads_entries_and_names_bad_lines() {
    let p = write_tmp(
        "g.jsonl",
        br#"{"name": "Sergei Lavrov", "label": "PERSON", "aliases": ["Lavrov"], "metadata": {"born": 1950}}

{"name": "US", "label": "GPE", "case": "sensitive", "id": "USA"}
"#,
    );
    let g = Gazetteer::builder().build_from_jsonl(&p).unwrap();
    assert_eq!(g.len(), 2);
    assert_eq!(g.entry(EntryId(0)).metadata().unwrap()["born"], 1950);
    assert_eq!(g.entry(EntryId(1)).id(), "USA");
    let cases: Vec<(&[u8], &str)> = vec![
        (
            b"{\"name\": \"A\", \"label\": \"X\"}\n{\"name\": \"B\"\n",
            "line 2",
        ),
        (
            b"{\"name\": \"A\", \"label\": \"X\", \"colour\": 1}\n",
            "line 1: unknown field `colour`",
        ),
        (
            b"{\"name\": \"A\", \"label\": \"X\", \"case\": \"up\"}\n",
            "line 1: case must be",
        ),
        (
            b"{\"name\": \"A\", \"label\": \"X\"}\n\xff\n",
            "line 2: not valid UTF-8",
        ),
    ];
    for (content, want) in cases {
        let p = write_tmp("bad.jsonl", content);
        let msg = Gazetteer::builder()
            .build_from_jsonl(&p)
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("bad.jsonl") && msg.contains(want),
            "{msg} !~ {want}"
        );
    }
}

/// The reference semantics, written the slow and obvious way over chars.
fn naive(entries: &[(String, bool)], text: &str, overlapping: bool) -> Vec<(usize, usize, u32)> {
    let mode = FoldMode {
        case: true,
        diacritics: false,
    };
    let exact = FoldMode {
        case: false,
        diacritics: false,
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte = |ci: usize| if ci == n { text.len() } else { chars[ci].0 };
    let word = |ci: usize| ci < n && fold::is_word_char(chars[ci].1);
    let mut all = vec![];
    for s in 0..n {
        if s > 0 && word(s - 1) {
            continue;
        }
        for e in s + 1..=n {
            if word(e) {
                continue;
            }
            let surface = &text[byte(s)..byte(e)];
            // Spans never start or end in white space.
            if surface.starts_with(char::is_whitespace) || surface.ends_with(char::is_whitespace) {
                continue;
            }
            for (k, (name, sensitive)) in entries.iter().enumerate() {
                let ok = if *sensitive {
                    fold_key(surface, exact) == fold_key(name, exact)
                } else {
                    fold_key(surface, mode) == fold_key(name, mode)
                };
                if ok {
                    all.push((byte(s), byte(e), k as u32));
                }
            }
        }
    }
    all.sort_unstable();
    all.dedup();
    if overlapping {
        return all;
    }
    let mut out: Vec<(usize, usize, u32)> = vec![];
    let mut pos = 0;
    let mut i = 0;
    while i < all.len() {
        let s = all[i].0;
        if s < pos {
            i += 1;
            continue;
        }
        let longest = all.iter().filter(|m| m.0 == s).map(|m| m.1).max().unwrap();
        out.extend(all.iter().filter(|m| m.0 == s && m.1 == longest));
        pos = longest;
        i += 1;
    }
    out
}

proptest::proptest! {
    #[test]
    fn matches_the_naive_reference(
        names in proptest::collection::vec(("[aAbİi'’\\- é]{1,4}", proptest::bool::ANY), 1..5),
        text in "[aAbİi'’\\-– \n\r\u{0301}😀.é]{0,24}",
        overlapping in proptest::bool::ANY,
    ) {
        let names: Vec<(String, bool)> = names
            .into_iter()
            .filter(|(n, _)| fold_key(n, FoldMode { case: true, diacritics: false })
                .chars().any(fold::is_word_char))
            .collect();
        let g = gaz(names.iter().map(|(n, s)| {
            Entry::new(n.clone(), "X").with_case(if *s { CaseMode::Sensitive } else { CaseMode::Insensitive })
        }).collect());
        let got: Vec<(usize, usize, u32)> = if overlapping { g.find_overlapping(&text) } else { g.find(&text) }
            .unwrap().iter().map(|m| (m.start(), m.end(), m.entry().0)).collect();
        proptest::prop_assert_eq!(got, naive(&names, &text, overlapping));
    }
}

#[test]
fn proper_case_needs_the_capitals_of_the_name() {
    let g = gaz(vec![
        Entry::new("Poland", "GPE")
            .with_aliases(["Polish"])
            .with_case(CaseMode::Proper),
        Entry::new("Isle of Man", "GPE").with_case(CaseMode::Proper),
        Entry::new("McAllen", "GPE").with_case(CaseMode::Proper),
        Entry::new("iceland", "X").with_case(CaseMode::Proper),
    ]);
    let text = "polish the Polish silver; poland, pOLAND, Poland\nPOLAND AND ISLE OF MAN TALKS\n\
                Isle Of Man, isle of Man; Mcallen, mcAllen\nMCALLEN NEWS\nICELAND\n";
    assert_eq!(
        found(&g, text, false)
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>(),
        [
            "Polish",
            "Poland",
            "POLAND",
            "ISLE OF MAN",
            "Isle Of Man",
            "Mcallen",
            "MCALLEN",
            "ICELAND"
        ]
    );
}

#[test]
fn an_alias_can_have_its_own_case_mode() {
    let g = gaz(vec![Entry::new("Gordon Brown", "PERSON")
        .with_aliases(["Mr Brown"])
        .with_alias_case("Brown", CaseMode::Sensitive)]);
    let text = "GORDON BROWN, gordon brown and Brown wore brown, not BROWN; mr brown";
    assert_eq!(
        found(&g, text, false)
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>(),
        ["GORDON BROWN", "gordon brown", "Brown", "mr brown"]
    );
    let e = g.entry(EntryId(0)).to_entry();
    assert_eq!(e.alias_cases, [(1, CaseMode::Sensitive)]);
    assert_eq!(e.alias_case(0), CaseMode::Insensitive);
    let back = Gazetteer::from_bytes(&g.to_bytes(), "mem").unwrap();
    assert_eq!(found(&back, text, false), found(&g, text, false));
    let bad = Entry {
        alias_cases: vec![(3, CaseMode::Sensitive)],
        ..Entry::new("A", "X")
    };
    let err = Gazetteer::builder().build([bad]).unwrap_err();
    assert!(err.to_string().contains("alias 3"), "{err}");
}

#[test]
fn csv_and_jsonl_aliases_carry_their_case() {
    let csv = write_tmp(
        "alias_case.csv",
        b"name,label,aliases,case\nGordon Brown,PERSON,Brown[sensitive]|G. Brown|Ames [x],insensitive\n",
    );
    let g = Gazetteer::builder().build_from_csv(&csv).unwrap();
    let e = g.entry(EntryId(0));
    assert_eq!(
        e.aliases().collect::<Vec<_>>(),
        ["Brown", "G. Brown", "Ames [x]"]
    );
    assert_eq!(e.alias_cases(), [(0, CaseMode::Sensitive)]);
    let jsonl = write_tmp(
        "alias_case.jsonl",
        br#"{"name": "Gordon Brown", "label": "PERSON", "aliases": [{"name": "Brown", "case": "sensitive"}, "G. Brown"]}
"#,
    );
    let g2 = Gazetteer::builder().build_from_jsonl(&jsonl).unwrap();
    assert_eq!(
        g2.entry(EntryId(0)).alias_cases(),
        [(0, CaseMode::Sensitive)]
    );
    let text = "brown shoes for Brown";
    assert_eq!(
        found(&g, text, false),
        [("Brown".into(), "Gordon Brown".into())]
    );
    assert_eq!(found(&g2, text, false), found(&g, text, false));
}

fn places() -> Vec<Entry> {
    [
        "Kennedy",
        "Houston",
        "Vladimir",
        "Victoria",
        "Hamilton",
        "Paris",
        "France",
        "Texas",
        "Jordan",
        "Manhattan",
        "Israel",
        "Rosario",
    ]
    .into_iter()
    .map(|n| Entry::new(n, "GPE").with_case(CaseMode::Proper))
    .chain([Entry::new("Hilton", "ORG").with_case(CaseMode::Proper)])
    .collect()
}

fn guarded(text: &str) -> Vec<String> {
    let g = Gazetteer::builder()
        .person_guard(true)
        .build(places())
        .unwrap();
    found(&g, text, false).into_iter().map(|(s, _)| s).collect()
}

#[test]
fn the_guard_drops_places_that_are_parts_of_names() {
    // A given name before: the family name is no place.
    assert_eq!(
        guarded("Charles Kennedy met John Houston and John F. Kennedy in Paris."),
        ["Paris"]
    );
    // A title before; a given name with a title or a known surname after.
    assert_eq!(
        guarded("President Vladimir Putin and Mr Kennedy flew to Vladimir."),
        ["Vladimir"]
    );
    assert_eq!(
        guarded("The actress Victoria Hamilton was born in Victoria."),
        ["Victoria"]
    );
    // The same surname alone as a speaker, after it followed a given name.
    assert_eq!(
        guarded("Laura Houston runs the firm. Houston said it would grow in Houston, Texas."),
        ["Houston", "Texas"]
    );
    // A given name with a middle initial; a particle before a known name.
    assert_eq!(
        guarded("Israel G. Voss and Ana del Rosario left Israel."),
        ["Israel"]
    );
}

#[test]
fn the_guard_keeps_places_after_names_and_in_names_of_things() {
    // "Hilton" is an ORG here: the guard applies to places only.
    assert_eq!(guarded("Paris Hilton arrived."), ["Hilton"]);
    assert_eq!(
        guarded("Lind flew to Paris, France, then to Houston, Texas."),
        ["Paris", "France", "Houston", "Texas"]
    );
    // A given name before a word that is no name stays a place.
    assert_eq!(
        guarded("Chase Manhattan opened in Manhattan."),
        ["Manhattan", "Manhattan"]
    );
    // "Jordan Valley" (a word the text writes in lower case) and "Israel Radio said".
    assert_eq!(
        guarded("The Jordan Valley is a valley. Israel Radio said so."),
        ["Jordan", "Israel"]
    );
    // "May" where the text uses "may" is no given name; a given name that ends
    // a sentence is not one of the next.
    assert_eq!(guarded("May France win? It may."), ["France"]);
    assert_eq!(guarded("It was Laura. Houston is big."), ["Houston"]);
    // Without the guard, or for labels that are no places, nothing is dropped.
    let g = Gazetteer::builder().build(places()).unwrap();
    assert_eq!(found(&g, "Charles Kennedy", false).len(), 1);
    assert_eq!(guarded("Mr Hilton and Paris Hilton"), ["Hilton", "Hilton"]);
}

#[test]
fn the_guard_survives_a_save_and_applies_to_overlapping_matches() {
    let g = Gazetteer::builder()
        .person_guard(true)
        .build(places())
        .unwrap();
    assert!(g.guards_persons());
    let back = Gazetteer::from_bytes(&g.to_bytes(), "mem").unwrap();
    assert!(back.guards_persons());
    assert!(back.find_overlapping("Charles Kennedy").unwrap().is_empty());
}

#[test]
fn the_guard_is_linear() {
    // Doubling a text of names and places doubles the work, within noise.
    let unit = "Charles Kennedy said Kennedy met Victoria Hamilton in Paris, France. ";
    let g = Gazetteer::builder()
        .person_guard(true)
        .build(places())
        .unwrap();
    // The fastest of several runs: a shared machine's other work only ever
    // adds time, and would otherwise make the ratio noise.
    let time = |n: usize| {
        let text = unit.repeat(n);
        (0..7)
            .map(|_| {
                let t = std::time::Instant::now();
                g.find(&text).unwrap();
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    time(1000);
    let (a, b) = (time(5_000), time(10_000));
    assert!(b / a < 3.0, "{a} s then {b} s");
}

#[test]
fn metadata_deeper_than_the_cap_is_refused_at_build_time() {
    fn nested(depth: usize) -> Metadata {
        let mut m = Metadata::new();
        m.insert("leaf".into(), 1.into());
        for _ in 1..depth {
            let mut outer = Metadata::new();
            outer.insert("x".into(), serde_json::Value::Object(m));
            m = outer;
        }
        m
    }
    let deepest = Entry::new("Lind", "PERSON").with_metadata(nested(MAX_METADATA_DEPTH));
    let g = gaz(vec![deepest]);
    let again = Gazetteer::from_bytes(&g.to_bytes(), "<test>").unwrap();
    assert_eq!(again.len(), 1);
    let deeper = Entry::new("Ames", "PERSON").with_metadata(nested(MAX_METADATA_DEPTH + 1));
    let err = Gazetteer::builder()
        .build(vec![Entry::new("Lind", "PERSON"), deeper])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("entry 1: the metadata is nested more than {MAX_METADATA_DEPTH} levels deep")
    );
}

#[test]
fn names_over_the_cap_and_labels_with_line_breaks_are_refused() {
    let long = "ab ".repeat(MAX_NAME_CHARS / 3) + "zzz";
    assert!(long.chars().count() > MAX_NAME_CHARS);
    let err = Gazetteer::builder()
        .build(vec![Entry::new(&long, "X")])
        .unwrap_err();
    assert!(err
        .to_string()
        .starts_with("entry 0: the name is 1002 characters long"));
    let at_cap: String = long.chars().take(MAX_NAME_CHARS).collect();
    assert_eq!(gaz(vec![Entry::new(&at_cap, "X")]).len(), 1);
    let err = Gazetteer::builder()
        .build(vec![Entry::new("Lind", "PERSON\nAmes,PERSON")])
        .unwrap_err();
    assert!(err
        .to_string()
        .contains("the label \"PERSON\\nAmes,PERSON\" holds a line break"));
}

#[test]
fn a_gazetteer_file_with_an_endless_line_is_an_error() {
    let dir = std::env::temp_dir().join(format!("sayso-endless-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("endless.csv");
    let mut data = b"name,label\n".to_vec();
    data.resize(data.len() + io::MAX_LINE_BYTES + 10, b'a');
    std::fs::write(&path, &data).unwrap();
    let err = Gazetteer::builder().build_from_csv(&path).unwrap_err();
    assert!(err
        .to_string()
        .ends_with("line 2 is longer than 16 MiB (is this a gazetteer file?)"));
    std::fs::write(&path, &data[11..]).unwrap();
    let err = Gazetteer::builder().build_from_jsonl(&path).unwrap_err();
    assert!(err
        .to_string()
        .ends_with("line 1 is longer than 16 MiB (is this a gazetteer file?)"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// ASCII texts are scanned in place with the first-word filter; other texts
/// are folded first. Both roads must find the same matches: the same text
/// with a non-ASCII character appended takes the other road.
#[test]
fn ascii_and_folded_texts_find_the_same() {
    let entries = vec![
        Entry::new("Nordvik", "GPE"),
        Entry::new("Nordvik Fjord Authority", "ORG"),
        Entry::new("U.S.", "GPE").with_aliases(["US"]),
        Entry::new("'Ames", "GPE"),
        Entry::new("Voss", "PERSON").with_case(CaseMode::Sensitive),
        Entry::new("Lind Ames", "PERSON").with_aliases(["Lind"]),
        Entry::new("A", "X"),
        Entry::new("Averyveryverylongfirstwordofaname Holm", "GPE"),
        // A key that begins with NUL: the scan's zero padding past the end
        // of a text must not read as starts (the fuzzer found it).
        Entry::new("\u{0}Lind", "X"),
    ];
    let g = gaz(entries);
    let long = "x".repeat(70);
    let texts = [
        "Lind Ames met Voss in NORDVIK fjord   authority offices; voss and 'Ames, U.S.-led.",
        "Nordviking Lindo 'Amesy us US u.s.a. A a-b Averyveryverylongfirstwordofaname\nholm",
        &format!("{long} Nordvik {long}Nordvik Nordvik{long} Lind"),
    ];
    for text in texts {
        for overlapping in [false, true] {
            let ascii = found(&g, text, overlapping);
            let other = found(&g, &format!("{text} \u{e9}"), overlapping);
            assert_eq!(ascii, other, "{text:?}");
            assert!(!ascii.is_empty());
        }
    }
    assert_eq!(
        found(&g, texts[0], false),
        [
            ("Lind Ames", "Lind Ames"),
            ("Voss", "Voss"),
            ("NORDVIK fjord   authority", "Nordvik Fjord Authority"),
            ("'Ames", "'Ames"),
            ("U.S.", "U.S."),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
}

#[test]
fn keys_that_share_their_first_bytes_are_sorted_and_all_found() {
    // The build sorts keys by their first eight bytes, then by the rest:
    // keys that tie there (equal prefixes, shorter keys, keys with a NUL,
    // one key from several entries) must still come out in byte order.
    let mut names: Vec<String> = Vec::new();
    for stem in [
        "Nordvik",
        "Nordvik ",
        "Nordvik A",
        "Nordvi",
        "Nordvik\0",
        "Nordvik\0b",
    ] {
        for tail in ["", "a", "b", "ab", "ba", " Ames", "\0", "zzzzzzzz", "a\0"] {
            names.push(format!("{stem}{tail}"));
        }
    }
    names.push("NORDVIK AMES".to_owned());
    let g = gaz(names
        .iter()
        .enumerate()
        .map(|(i, n)| Entry::new(n.clone(), "PLACE").with_id(format!("n{i}")))
        .collect());
    let mode = FoldMode {
        case: true,
        diacritics: false,
    };
    let mut want: Vec<Vec<u8>> = names
        .iter()
        .map(|n| fold_key(n, mode).into_bytes())
        .collect();
    want.sort();
    want.dedup();
    assert_eq!(g.keys(), want);
    for (i, n) in names.iter().enumerate() {
        let text = format!("{n}!");
        let ids: Vec<&str> = g
            .find_overlapping(&text)
            .unwrap()
            .iter()
            .filter(|m| m.range() == (0..n.trim_end().len()))
            .map(|m| g.entry(m.entry()).id())
            .collect();
        assert!(ids.contains(&format!("n{i}").as_str()), "{n:?}: {ids:?}");
    }
}
