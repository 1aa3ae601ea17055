use super::*;
use crate::gazetteer::Entry;

/// (kind, content, speaker mention, speaker name) of each quote.
fn quotes(text: &str) -> Vec<(QuoteKind, String, Option<String>, Option<String>)> {
    QuoteExtractor::new()
        .extract(text, &[], None)
        .into_iter()
        .map(|q| {
            (
                q.kind(),
                text[q.content()].to_owned(),
                q.speaker_mention().map(|r| text[r].to_owned()),
                q.speaker().map(str::to_owned),
            )
        })
        .collect()
}

/// The shared cases of `tests/data/quote_cases.toml` (also run by pytest).
#[test]
fn shared_quote_cases() {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Want {
        kind: Option<String>,
        content: Option<String>,
        speaker: Option<String>,
        name: Option<String>,
        source: Option<String>,
        rule: Option<String>,
        via: Option<String>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Case {
        what: String,
        text: String,
        quotes: Option<Vec<Want>>,
        first_speaker: Option<String>,
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/quote_cases.toml");
    let groups: std::collections::BTreeMap<String, Vec<Case>> =
        toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let forms: Vec<&str> = groups.keys().map(String::as_str).collect();
    assert_eq!(
        forms,
        [
            "direct",
            "mixed",
            "negatives",
            "regressions",
            "reported",
            "speakers"
        ]
    );
    // "" stands for none.
    let none_if_empty = |s: &String| (!s.is_empty()).then(|| s.clone());
    let mut n = 0;
    for case in groups.values().flatten() {
        let got = quotes(&case.text);
        let full = QuoteExtractor::new().extract(&case.text, &[], None);
        let what = format!("{}: {}", case.what, case.text);
        if let Some(speaker) = &case.first_speaker {
            assert_eq!(
                got.first().and_then(|q| q.2.as_ref()),
                Some(speaker),
                "{what}"
            );
        }
        if let Some(want) = &case.quotes {
            assert_eq!(got.len(), want.len(), "{what}: {got:?}");
            for ((g, q), w) in got.iter().zip(&full).zip(want) {
                if let Some(kind) = &w.kind {
                    assert_eq!(g.0.as_str(), kind, "{what}");
                }
                if let Some(content) = &w.content {
                    assert_eq!(&g.1, content, "{what}");
                }
                if let Some(speaker) = &w.speaker {
                    assert_eq!(g.2, none_if_empty(speaker), "{what}");
                }
                if let Some(name) = &w.name {
                    assert_eq!(g.3, none_if_empty(name), "{what}");
                }
                if let Some(source) = &w.source {
                    let have = q.source().map(|r| case.text[r].to_owned());
                    assert_eq!(have, none_if_empty(source), "{what}");
                }
                if let Some(rule) = &w.rule {
                    assert_eq!(q.rule(), rule, "{what}");
                }
                if let Some(via) = &w.via {
                    let have = q.speaker_via().map(|v| v.as_str().to_owned());
                    assert_eq!(have, none_if_empty(via), "{what}");
                }
            }
        }
        n += 1;
    }
    assert!(n >= 130, "{n} cases");
}

#[test]
fn apostrophes_and_unbalanced_marks_do_not_break_a_document() {
    let text = "Russia’s envoy won’t say. The ’90s are over, rock ’n’ roll.\n\n\
                A stray ” mark here.\n\n“An open quotation runs on, Lund said";
    let q = QuoteExtractor::new().extract(text, &[], None);
    assert!(!q.is_empty(), "the open quotation is still found");
    for quote in &q {
        assert!(text.is_char_boundary(quote.content().start) && quote.content().end <= text.len());
    }
}

#[test]
fn speakers_link_to_gazetteer_entries() {
    let gaz = Gazetteer::builder()
        .build([
            Entry::new("Eva Lind", "PERSON").with_id("Q1"),
            Entry::new("Baltic News Agency", "ORG")
                .with_id("Q2")
                .with_aliases(["BNA"]),
        ])
        .unwrap();
    let surnames = SurnameIndex::new(&gaz);
    let text = "“We need the bridge,” Lind said.\n\nThe work starts in June, BNA reported.\n\n\
                It will cost more, she said.";
    let entities = gaz.find(text).unwrap();
    let got = QuoteExtractor::new().extract(text, &entities, Some((&gaz, &surnames)));
    let linked: Vec<_> = got
        .iter()
        .map(|q| (q.speaker(), q.speaker_entry()))
        .collect();
    let lind = gaz.entries().find(|e| e.id() == "Q1").unwrap().id_index();
    let bna = gaz.entries().find(|e| e.id() == "Q2").unwrap().id_index();
    assert_eq!(
        linked,
        [
            (Some("Eva Lind"), Some(lind)),
            (Some("Baltic News Agency"), Some(bna)),
            (Some("Eva Lind"), Some(lind)),
        ]
    );
}

#[test]
fn the_extractor_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<QuoteExtractor>();
    assert_send_sync::<Quote>();
    assert_send_sync::<SurnameIndex>();
}

#[test]
fn a_pronoun_after_a_spokeswoman_resolves_to_her_not_her_employer() {
    let gaz = Gazetteer::builder()
        .build([
            Entry::new("Eva Lind", "PERSON"),
            Entry::new("Port Authority", "ORG"),
        ])
        .unwrap();
    let surnames = SurnameIndex::new(&gaz);
    let text = "The plan is sound, Eva Lind said.\n\n\
                No date is set, according to a spokeswoman for the Port Authority. \
                Work could start in spring, she said.";
    let entities = gaz.find(text).unwrap();
    let got = QuoteExtractor::new().extract(text, &entities, Some((&gaz, &surnames)));
    let last = got.last().unwrap();
    assert_eq!(
        (last.speaker(), last.speaker_entry()),
        (Some("spokeswoman for the Port Authority"), None)
    );
}

#[test]
fn a_long_text_is_read_in_windows_with_the_same_quotes() {
    let gaz = Gazetteer::builder()
        .build([Entry::new("Eva Lind", "PERSON").with_id("Q1")])
        .unwrap();
    let surnames = SurnameIndex::new(&gaz);
    let linker = Some((&gaz, &surnames));
    let para = "“The ferry runs again,” Eva Lind said.\nFares will rise next year, she added.\n";
    let per_para = QuoteExtractor::new().extract(para, &gaz.find(para).unwrap(), linker);
    assert_eq!(per_para.len(), 2);
    let n = WINDOW_BYTES / para.len() * 3;
    let text = para.repeat(n);
    let got = QuoteExtractor::new().extract(&text, &gaz.find(&text).unwrap(), linker);
    assert_eq!(got.len(), 2 * n, "every paragraph's quotes, across windows");
    let mut window_starts = vec![0];
    while *window_starts.last().unwrap() < text.len() {
        window_starts.push(window_end(&text, *window_starts.last().unwrap()));
    }
    assert_eq!(window_starts.len(), 4, "three windows");
    for (k, q) in got.iter().enumerate() {
        let at = (k / 2) * para.len();
        let want = &per_para[k % 2];
        let on = |r: Range<usize>| r.start + at..r.end + at;
        assert_eq!(q.content(), on(want.content()), "quote {k}");
        assert_eq!(q.cue(), want.cue().map(on), "cue {k}");
        assert_eq!(
            q.speaker_mention(),
            want.speaker_mention().map(on),
            "speaker {k}"
        );
        // The documented limit: "she" at the top of a window does not see
        // the window before.
        let line = text[..q.content().start].rfind('\n').map_or(0, |i| i + 1);
        let cut = window_starts.contains(&line) && line > 0 && k % 2 == 1;
        let entity = if cut { None } else { want.speaker_entry() };
        assert_eq!(q.speaker_entry(), entity, "entity {k}");
    }
}

#[test]
fn every_rule_a_quote_names_is_listed() {
    let text = "“We will not wait,” Mara Olsen said. Talks will resume, Ola Lund said.\n\n\
                PENCE: Well, look at the numbers.\n\n\
                “It is late.” ― Ana Ruiz “It is early.” ― Ola Lund\n\n\
                The plan, Lind said, will fail within a year.";
    let got = QuoteExtractor::new().extract(text, &[], None);
    assert!(got.len() >= 5);
    for q in got {
        assert!(RULE_NAMES.contains(&q.rule()), "{}", q.rule());
    }
}

fn resolved_with(entries: Vec<Entry>, text: &str) -> Vec<(Option<String>, Option<String>)> {
    let gaz = Gazetteer::builder().build(entries).unwrap();
    let surnames = SurnameIndex::new(&gaz);
    let entities = gaz.find(text).unwrap();
    QuoteExtractor::new()
        .extract(text, &entities, Some((&gaz, &surnames)))
        .iter()
        .map(|q| {
            (
                q.speaker().map(str::to_owned),
                q.speaker_entry().map(|e| gaz.entry(e).name().to_owned()),
            )
        })
        .collect()
}

fn some(name: &str, entry: Option<&str>) -> (Option<String>, Option<String>) {
    (Some(name.to_owned()), entry.map(str::to_owned))
}

#[test]
fn the_speaker_is_the_head_of_the_mention_not_a_modifier() {
    let text = "“We will sign the pact,” Nordvik Trade Minister Ola Voss said.\n\n\
                “Nothing is agreed,” a spokesman for Halden Ferries said.";
    let places = || {
        vec![
            Entry::new("Nordvik", "GPE"),
            Entry::new("Halden Ferries", "ORG"),
        ]
    };
    // The country and the employer are modifiers: the names in the text,
    // unlinked.
    assert_eq!(
        resolved_with(places(), text),
        [
            some("Ola Voss", None),
            some("spokesman for Halden Ferries", None)
        ]
    );
    // The minister's own entry is the head: linked.
    let mut entries = places();
    entries.push(Entry::new("Ola Voss", "PERSON"));
    assert_eq!(
        resolved_with(entries, text)[0],
        some("Ola Voss", Some("Ola Voss"))
    );
}

#[test]
fn a_titled_surname_is_the_person_the_document_names() {
    let text = "Lena Ames opened the session on Monday.\n\n\
                “It is time to vote,” Ms Ames said.";
    // Another Ames in the gazetteer is not the document's Ames.
    let other = vec![Entry::new("Per Ames", "PERSON")];
    assert_eq!(resolved_with(other, text), [some("Lena Ames", None)]);
    let both = vec![
        Entry::new("Per Ames", "PERSON"),
        Entry::new("Lena Ames", "PERSON"),
    ];
    assert_eq!(
        resolved_with(both, text),
        [some("Lena Ames", Some("Lena Ames"))]
    );
}

fn people() -> Vec<Entry> {
    vec![
        Entry::new("Eva Lind", "PERSON"),
        Entry::new("Ola Voss", "PERSON"),
        Entry::new("Per Ames", "PERSON"),
    ]
}

#[test]
fn a_name_inside_a_quotation_is_not_the_narrators_antecedent() {
    let text = "Eva Lind was pleased with the draw.\n\n\
                She said: “Ola Voss played very well for us.”\n\n\
                The result mattered, she said.";
    let got = resolved_with(people(), text);
    assert_eq!(got.last().unwrap(), &some("Eva Lind", Some("Eva Lind")));
}

#[test]
fn a_pronoun_prefers_the_subject_of_the_nearest_sentence() {
    let text = "Per Ames watched Ola Voss's work in the final.\n\n\
                The team is ready, he said.";
    assert_eq!(
        resolved_with(people(), text),
        [some("Per Ames", Some("Per Ames"))]
    );
}

#[test]
fn it_does_not_refer_to_the_gazetteer_person_named_last() {
    // Without a gazetteer ("they" is not the spokeswoman): in
    // tests/data/quote_cases.toml.
    let text = "Halden Mills hired Per Ames in May.\n\n\
                The plant will stay open, Halden Mills said.\n\n\
                Per Ames starts next week.\n\n\
                It expects orders to grow, it said.";
    let mut entries = people();
    entries.push(Entry::new("Halden Mills", "ORG"));
    let got = resolved_with(entries, text);
    assert_eq!(
        got.last().unwrap(),
        &some("Halden Mills", Some("Halden Mills"))
    );
}

#[test]
fn a_possessive_speaker_links_its_owner_to_the_entry() {
    // Without a gazetteer (a thing of a person speaks for its owner, a
    // person of a person is someone else): in tests/data/quote_cases.toml.
    let got = resolved_with(
        vec![Entry::new("Anna Berg", "PERSON")],
        "The vote was fair, Anna Berg's statement said.",
    );
    assert_eq!(got, [some("Anna Berg", Some("Anna Berg"))]);
}

#[test]
fn a_name_in_apposition_after_a_prepositional_phrase_is_the_head() {
    let text = "“The plan is late,” said Green Party spokeswoman for housing Mia Dahl.\n\n\
                “It will be ready,” a spokesman for the Lind Group said.";
    let got = resolved_with(
        vec![
            Entry::new("Green Party", "ORG"),
            Entry::new("Lind Group", "ORG"),
        ],
        text,
    );
    assert_eq!(
        got,
        [
            some("Mia Dahl", None),
            some("spokesman for the Lind Group", None)
        ]
    );
}

#[test]
fn every_line_break_parts_paragraphs_like_a_line_feed() {
    let lines = [
        "“The ferry runs again,” Eva Lind said",
        "“Not before May”",
        "Fares will rise next year, the mayor told reporters.",
    ];
    let want = quotes(&lines.join("\n"));
    assert_eq!(want.len(), 3, "{want:?}");
    for sep in [
        "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
    ] {
        assert_eq!(quotes(&lines.join(sep)), want, "separator {sep:?}");
    }
    // Without the break, the two first lines are one paragraph.
    assert_ne!(quotes(&lines.join(" ")), want);
}

#[test]
fn windows_cut_text_without_line_breaks() {
    let most = WINDOW_BYTES + WINDOW_SLACK_BYTES + 4;
    let window_lengths = |text: &str| {
        let mut starts = vec![0];
        while *starts.last().unwrap() < text.len() {
            starts.push(window_end(text, *starts.last().unwrap()));
        }
        starts.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>()
    };
    // Sentences, no line break: each window ends after a sentence.
    let sentence = "“The ferry runs again,” Eva Lind said. ";
    let text = sentence.repeat(3 * WINDOW_BYTES / sentence.len());
    let lengths = window_lengths(&text);
    assert!(
        lengths.len() >= 3 && lengths.iter().all(|&n| n <= most),
        "{lengths:?}"
    );
    let mut at = 0;
    for n in &lengths[..lengths.len() - 1] {
        at += n;
        assert!(text[..at].ends_with(". "), "a window ends after a sentence");
    }
    let got = QuoteExtractor::new().extract(&text, &[], None);
    assert_eq!(
        got.len(),
        text.len() / sentence.len(),
        "every sentence's quote"
    );
    // Words without sentence ends, then no white space at all: still cut.
    for unit in ["lind ", "<a href=\"x\">z</a>", "é"] {
        let text = unit.repeat(3 * WINDOW_BYTES / unit.len());
        let lengths = window_lengths(&text);
        assert!(
            lengths.len() >= 3 && lengths.iter().all(|&n| n <= most),
            "{unit}: {lengths:?}"
        );
        QuoteExtractor::new().extract(&text, &[], None);
    }
}

/// The same paragraphs hard-wrapped at `width` characters, new paragraphs
/// indented (the newswire layout).
fn hard_wrap(paragraphs: &[&str], width: usize) -> String {
    let mut out = String::new();
    for p in paragraphs {
        out.push_str("    ");
        let mut line = 4;
        for (k, w) in p.split(' ').enumerate() {
            if k > 0 && line + 1 + w.len() > width {
                out.push('\n');
                line = 0;
            } else if k > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(w);
            line += w.len();
        }
        out.push('\n');
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn hard_wrapped_lines_are_read_as_one_paragraph() {
    let paragraphs = [
        "Nordvik Ferries Ltd said it would add two crossings to the island \
         next spring if the harbour board approved the dredging of the channel \
         before the end of the year.",
        "\"We have waited long enough for the board to decide,\" chief \
         executive Tomas Voss told reporters at the terminal on Monday.",
        "The harbour board said it would meet in March to discuss the cost \
         of the work with the town council and the ferry operators.",
    ];
    let unwrapped = paragraphs.join("\n");
    let want = quotes(&unwrapped);
    assert_eq!(want.len(), 3, "{want:?}");
    for width in [60, 72] {
        let text = hard_wrap(&paragraphs, width);
        assert!(text.lines().count() > 6, "{text}");
        // The same contents, speakers and names, with the wrapped text's
        // offsets (its line breaks inside the contents).
        let got: Vec<_> = quotes(&text)
            .into_iter()
            .map(|(k, c, s, n)| (k, one_line(&c), s.as_deref().map(one_line), n))
            .collect();
        assert_eq!(got, want, "width {width}:\n{text}");
    }
    // Blank lines part paragraphs in wrapped text too.
    let blank = hard_wrap(&paragraphs, 60).replace("\n    ", "\n\n");
    assert_eq!(quotes(&blank).len(), 3);
}

#[test]
fn lines_that_are_paragraphs_are_not_joined() {
    // Short lines that each end a sentence (a paragraph per line), and a
    // list of short items: every line break parts.
    for text in [
        "Lind said the ferry would run again.\n\
         The board met on Monday to discuss the dredging of the channel.\n\
         Fares will rise next year, the mayor told reporters.",
        "Ferries\nBuses and trams\nTrains to the coast\nThe night bus",
    ] {
        let doc = Doc::new(text);
        assert_eq!(doc.paras.len(), text.lines().count(), "{text}");
    }
    // A wrapped line's break is white space: offsets are the text's own.
    let text = hard_wrap(
        &[
            "The harbour board said on Monday that the dredging of the channel \
           would cost more than the town had planned for this year and the next.",
        ],
        50,
    );
    let got = QuoteExtractor::new().extract(&text, &[], None);
    assert_eq!(got.len(), 1);
    assert!(text[got[0].content()].contains('\n'), "{text}");
    assert!(text[got[0].content()].ends_with("and the next"));
}

#[test]
fn a_mention_that_is_an_alias_links_to_its_entry() {
    // The whole mention, its determiner included or not, is the entry's
    // alias: the entry is its head, so the gazetteer links it.
    let text = "“Repairs will take a year,” the port authority said.\n\n\
                “Fares stay,” the Halden ferry line said.";
    let got = resolved_with(
        vec![
            Entry::new("Nordvik Port Authority", "ORG").with_aliases(["the port authority"]),
            Entry::new("Halden Ferries", "ORG").with_aliases(["Halden ferry line"]),
        ],
        text,
    );
    assert_eq!(
        got,
        [
            some("Nordvik Port Authority", Some("Nordvik Port Authority")),
            some("Halden Ferries", Some("Halden Ferries"))
        ]
    );
}
