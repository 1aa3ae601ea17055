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

/// One quote of a shared case: the fields it checks, "" for none.
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
    /// The id of the linked entry.
    entry: Option<String>,
}

impl Want {
    /// The fields, in the order of [`have`].
    fn fields(&self) -> [Option<&String>; 8] {
        [
            self.kind.as_ref(),
            self.content.as_ref(),
            self.speaker.as_ref(),
            self.name.as_ref(),
            self.source.as_ref(),
            self.rule.as_ref(),
            self.via.as_ref(),
            self.entry.as_ref(),
        ]
    }
}

/// The same fields of a quote found in `text`, named.
fn have(q: &Quote, text: &str, gaz: Option<&Gazetteer>) -> [(&'static str, Option<String>); 8] {
    let span = |r: Option<Range<usize>>| r.map(|r| text[r].to_owned());
    [
        ("kind", Some(q.kind().as_str().to_owned())),
        ("content", span(Some(q.content()))),
        ("speaker", span(q.speaker_mention())),
        ("name", q.speaker().map(str::to_owned)),
        ("source", span(q.source())),
        ("rule", Some(q.rule().to_owned())),
        ("via", q.speaker_via().map(|v| v.as_str().to_owned())),
        (
            "entry",
            q.speaker_entry()
                .zip(gaz)
                .map(|(id, g)| g.entry(id).id().to_owned()),
        ),
    ]
}

/// A gazetteer entry of a shared case.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GazEntry {
    name: String,
    label: String,
    id: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// A shared case: a text (and a gazetteer), and what its quotes must be.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    what: String,
    text: String,
    quotes: Option<Vec<Want>>,
    first_speaker: Option<String>,
    /// A gazetteer to link speakers to; none when absent.
    entries: Option<Vec<GazEntry>>,
    /// Which reports count (`"speech"`, the default, or `"acts"`).
    reports: Option<String>,
}

impl Case {
    /// The quotes of the case's text, and its gazetteer.
    fn run(&self) -> (Vec<Quote>, Option<Gazetteer>) {
        let reports = self.reports.as_deref().map_or(Reports::default(), |r| {
            Reports::from_name(r).unwrap_or_else(|| panic!("{}: reports = {r:?}", self.what))
        });
        let extractor = QuoteExtractor::new().with_reports(reports);
        let Some(entries) = &self.entries else {
            return (extractor.extract(&self.text, &[], None), None);
        };
        let entries = entries.iter().map(|e| {
            let entry = Entry::new(&e.name, &e.label).with_aliases(&e.aliases);
            match &e.id {
                Some(id) => entry.with_id(id),
                None => entry,
            }
        });
        let gaz = Gazetteer::builder().build(entries).unwrap();
        let surnames = SurnameIndex::new(&gaz);
        let entities = gaz.find(&self.text).unwrap();
        let got = extractor.extract(&self.text, &entities, Some((&gaz, &surnames)));
        (got, Some(gaz))
    }
}

/// The shared cases of `tests/data/quote_cases.toml` (also run by pytest).
#[test]
fn shared_quote_cases() {
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
        let (got, gaz) = case.run();
        let text = case.text.as_str();
        let what = format!("{}: {text}", case.what);
        if let Some(speaker) = &case.first_speaker {
            let first = got.first().and_then(Quote::speaker_mention);
            assert_eq!(first.map(|r| &text[r]), Some(speaker.as_str()), "{what}");
        }
        if let Some(want) = &case.quotes {
            assert_eq!(got.len(), want.len(), "{what}: {got:?}");
            for (q, w) in got.iter().zip(want) {
                for ((field, have), want) in have(q, text, gaz.as_ref()).into_iter().zip(w.fields())
                {
                    if let Some(want) = want {
                        assert_eq!(have, none_if_empty(want), "{what}: {field}");
                    }
                }
            }
        }
        n += 1;
    }
    assert!(n >= 150, "{n} cases");
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
fn the_extractor_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<QuoteExtractor>();
    assert_send_sync::<Quote>();
    assert_send_sync::<SurnameIndex>();
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
fn a_stop_flag_ends_the_work_between_the_paragraphs_of_one_window() {
    // Ctrl-C sets the flag from another thread; a text shorter than a window
    // used to be read to its end whatever the flag said.
    let text = "“The ferry runs again,” Eva Lind said.\n".repeat(100);
    assert!(text.len() < WINDOW_BYTES);
    let ex = QuoteExtractor::new();
    assert_eq!(
        ex.extract_until(&text, &[], None, &AtomicBool::new(false))
            .len(),
        100
    );
    assert!(ex
        .extract_until(&text, &[], None, &AtomicBool::new(true))
        .is_empty());
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
fn wrapping_is_found_with_every_kind_of_line_break() {
    let paragraphs = [
        "The harbour board said on Monday that the dredging of the channel \
         would cost more than the town had planned for this year and the next.",
        "Nordvik Ferries Ltd said it would add two crossings to the island \
         next spring if the board approved the work before the end of the year.",
    ];
    let text = hard_wrap(&paragraphs, 60);
    assert_eq!(Doc::new(&text).paras.len(), 2, "{text}");
    // Windows, old Macs, word processors, the web: the lines are found by
    // their bytes, and a line feed after a carriage return is one break.
    for b in [
        "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
    ] {
        let other = text.replace('\n', b);
        assert_eq!(Doc::new(&other).paras.len(), 2, "{b:?}");
    }
    // With a line too long to be a wrap, every break parts.
    let lines = text.matches('\n').count();
    for b in ["\n", "\r\n", "\u{85}", "\u{2028}"] {
        let long = format!("{}{}", text.replace('\n', b), "word ".repeat(30));
        assert_eq!(Doc::new(&long).paras.len(), lines + 1, "{b:?}");
    }
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
