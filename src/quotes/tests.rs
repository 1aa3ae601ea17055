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
                q.speaker().map(|r| text[r].to_owned()),
                q.speaker_name().map(str::to_owned),
            )
        })
        .collect()
}

/// The speaker mention of the first quote in `text`, if any.
fn first_speaker(text: &str) -> Option<String> {
    quotes(text).into_iter().next()?.2
}

use QuoteKind::{Direct, Indirect, Mixed};

/// What a case of `tests/data/quote_cases.toml` wants of one quote.
#[derive(serde::Deserialize)]
struct Want {
    kind: Option<String>,
    content: Option<String>,
    speaker: Option<String>,
    name: Option<String>,
    id: Option<String>,
}

/// A gazetteer entry of a case.
#[derive(serde::Deserialize)]
struct GazEntry {
    name: String,
    label: String,
    id: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// A case of `tests/data/quote_cases.toml`.
#[derive(serde::Deserialize)]
struct Case {
    what: String,
    text: String,
    quotes: Option<Vec<Want>>,
    first_speaker: Option<String>,
    gazetteer: Option<Vec<GazEntry>>,
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
        let got = quotes(&case.text);
        let what = format!("{}: {}", case.what, case.text);
        if let Some(entries) = &case.gazetteer {
            // With the case's gazetteer: the same quotes, and their entries.
            let gaz = Gazetteer::builder()
                .build(entries.iter().map(|e| {
                    Entry::new(e.name.as_str(), e.label.as_str())
                        .with_id(e.id.as_str())
                        .with_aliases(e.aliases.iter().map(String::as_str))
                }))
                .unwrap();
            let surnames = SurnameIndex::new(&gaz);
            let entities = gaz.find(&case.text).unwrap();
            let linked =
                QuoteExtractor::new().extract(&case.text, &entities, Some((&gaz, &surnames)));
            let want = case
                .quotes
                .as_ref()
                .expect("a case with a gazetteer lists its quotes");
            assert_eq!(linked.len(), want.len(), "{what} (gazetteer)");
            for (q, w) in linked.iter().zip(want) {
                if let Some(name) = &w.name {
                    assert_eq!(
                        q.speaker_name().map(str::to_owned),
                        none_if_empty(name),
                        "{what} (gazetteer)"
                    );
                }
                if let Some(id) = &w.id {
                    let got_id = q.speaker_entity().map(|e| gaz.entry(e).id().to_owned());
                    assert_eq!(got_id, none_if_empty(id), "{what} (gazetteer)");
                }
            }
        }
        if let Some(speaker) = &case.first_speaker {
            assert_eq!(
                got.first().and_then(|q| q.2.as_ref()),
                Some(speaker),
                "{what}"
            );
        }
        if let Some(want) = &case.quotes {
            assert_eq!(got.len(), want.len(), "{what}: {got:?}");
            for (g, w) in got.iter().zip(want) {
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
            }
        }
        n += 1;
    }
    assert!(n >= 30, "{n} cases");
}

#[test]
fn rarer_forms_of_direct_attribution() {
    // The table of speakers is in tests/data/quote_cases.toml.
    // A list of quotations each signed with a dash.
    let got = quotes("“Build the bridge.” ― Ana Ruiz “Fix the road first.” ― Ola Lund.");
    let signed: Vec<_> = got.iter().map(|q| (q.1.as_str(), q.2.as_deref())).collect();
    assert_eq!(
        signed,
        [
            ("Build the bridge.", Some("Ana Ruiz")),
            ("Fix the road first.", Some("Ola Lund"))
        ]
    );
    // A debate transcript's turns.
    let got = quotes("HOST: Will the bridge open?\n\n\"LUND: It will open in May.\"");
    let turns: Vec<_> = got.iter().map(|q| (q.1.as_str(), q.2.as_deref())).collect();
    assert_eq!(
        turns,
        [
            ("Will the bridge open?", Some("HOST")),
            ("It will open in May.", Some("LUND"))
        ]
    );
    // Stage directions and labels are not turns, nor continuations of one.
    let got = quotes(
        "\"HOST: Will it open?\n\n\"(CROSSTALK.)\n\n\"LUND: (LAUGHTER)\n\n\
         CORRECTION: An earlier version misspelled the harbour's name.",
    );
    let turns: Vec<_> = got.iter().map(|q| (q.1.as_str(), q.2.as_deref())).collect();
    assert_eq!(turns, [("Will it open?", Some("HOST"))]);
    // A colon frame closing a paragraph introduces the next one.
    let got = quotes("Mayor Ola Lund stated:\n\n“We will rebuild the harbour.”");
    assert_eq!(got[0].3.as_deref(), Some("Ola Lund"));
}

#[test]
fn a_split_quotation_is_one_attribution() {
    let text = "“The dam held,” engineer Paul Ames said. “It was built well.”";
    let got = quotes(text);
    assert_eq!(got.len(), 2);
    assert!(got
        .iter()
        .all(|q| q.2.as_deref() == Some("engineer Paul Ames")));
    // A nested report belongs to the outer speaker.
    let got = quotes("Lund said that Ames once described the bridge as “a fine idea”.");
    assert_eq!((got[0].0, got[0].2.as_deref()), (Mixed, Some("Lund")));
    // A weak cue nearer the quotation does not hide the strong one.
    assert_eq!(
        first_speaker("Lund said that when the harbour did well, the town was “a good neighbour”.")
            .as_deref(),
        Some("Lund")
    );
    // A time phrase before the cue is not the speaker.
    assert_eq!(
        first_speaker("Ola Lund on a Sunday called the plan “a gamble”.").as_deref(),
        Some("Ola Lund")
    );
    // A quotation after reported speech in its paragraph continues it.
    let got = quotes("Repairs will take a month, Ames told reporters. “We work day and night.”");
    assert_eq!(got[1].2.as_deref(), Some("Ames"));
    // A title after the frame is not the second part of a quotation.
    let got = quotes("“The dam held,” Ames said on Radio North's “Morning Show.”");
    assert_eq!(got.len(), 1);
    let text = "“The dam held,” he said, “but the road did not.”";
    let got = quotes(text);
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|q| q.2.as_deref() == Some("he")));
}

#[test]
fn a_quotation_paragraph_continues_the_speaker() {
    let text = "“The dam held,” said Paul Ames, an engineer.\n\n“It was built to last a century.”";
    let got = quotes(text);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].3.as_deref(), Some("Paul Ames"));
    // An open quotation continues in the next paragraph that opens with one.
    let text = "Paul Ames said: “The dam held through the flood\n\n“and it will hold again.”";
    let got = quotes(text);
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|q| q.3.as_deref() == Some("Paul Ames")));
}

#[test]
fn reported_speech() {
    // The table of forms is in tests/data/quote_cases.toml.
    // Long subjects, coordinated verbs, and a second report after a comma.
    let got =
        quotes("The deputy head of the delegation to the forum said talks would resume soon.");
    assert_eq!(
        got[0].2.as_deref(),
        Some("The deputy head of the delegation to the forum")
    );
    // Both reports of one subject: the object of "blamed" and the clause
    // after "and said".
    let got = quotes("She blamed the storm, and said the repairs would take a month.");
    assert_eq!(
        got.iter()
            .map(|q| (q.1.as_str(), q.2.as_deref()))
            .collect::<Vec<_>>(),
        [
            ("the storm", Some("She")),
            ("the repairs would take a month", Some("She"))
        ]
    );
    let got =
        quotes("The port will reopen in May, an official said, adding that ferries would wait.");
    assert_eq!(
        (got[0].1.as_str(), got[0].2.as_deref()),
        ("The port will reopen in May", Some("an official"))
    );
    let got = quotes("Lund attacked the plan on Monday, saying the costs would double.");
    assert_eq!(
        got.iter()
            .map(|q| (q.1.as_str(), q.2.as_deref()))
            .collect::<Vec<_>>(),
        [
            ("the plan", Some("Lund")),
            ("the costs would double", Some("Lund"))
        ]
    );
    // An inverted speaker led by a lowercase title, then a relative clause.
    let got =
        quotes("The plan is late, said economist Ana Ruiz, who studies budgets at the institute.");
    assert_eq!(
        (got[0].1.as_str(), got[0].2.as_deref()),
        ("The plan is late", Some("economist Ana Ruiz"))
    );
    // An introductory phrase is not the content.
    let got = quotes("In a long speech, Anna Berg said talks will resume next week.");
    assert_eq!(got[0].1, "talks will resume next week");
}

/// (content, speaker mention) of each quote.
fn spans(text: &str) -> Vec<(String, Option<String>)> {
    quotes(text).into_iter().map(|q| (q.1, q.2)).collect()
}

fn span(content: &str, mention: &str) -> (String, Option<String>) {
    (content.into(), Some(mention.into()))
}

#[test]
fn reported_speech_around_a_parenthetical_frame() {
    // Both sides of "X said," are reported, as two fragments.
    assert_eq!(
        spans("The new bridge, Mayor Eva Lind said, would open in the spring."),
        [
            span("The new bridge", "Mayor Eva Lind"),
            span("would open in the spring", "Mayor Eva Lind")
        ]
    );
    // Before a parenthetical frame that a quotation follows, too; but not an
    // introduction before "X said, “…”".
    let got = quotes("The real problem, Ames said, is that “nobody reads the tide tables.”");
    assert_eq!(
        (got[0].0, got[0].1.as_str(), got[0].2.as_deref()),
        (Indirect, "The real problem", Some("Ames"))
    );
    let got = quotes("At the harbour meeting, Ames said, “Nobody reads the tide tables.”");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, Direct);
    // A comparison after the frame is the writer's, not the speaker's.
    assert_eq!(
        spans("Fares would rise 4 percent, the agency said, compared with 9 percent last year."),
        [span("Fares would rise 4 percent", "the agency")]
    );
}

#[test]
fn according_to_in_any_place() {
    // The source runs to the comma, whatever its words.
    assert_eq!(
        spans("According to a survey from Nordvik University broadcast on NTV, in the north, Ames leads."),
        [span("in the north, Ames leads", "a survey from Nordvik University broadcast on NTV")]
    );
    // At the end, anything after "according to" names the source.
    assert_eq!(
        spans("Lind leads the field with 22%, according to a Nordvik/Harbour Post poll released Sunday."),
        [span("Lind leads the field with 22%", "a Nordvik")]
    );
    // In the middle: both sides, when a verb follows.
    assert_eq!(
        spans("The upshot, according to a Lind aide, is that the council overspent."),
        [
            span("The upshot", "a Lind aide"),
            span("is that the council overspent", "a Lind aide")
        ]
    );
    // A thousands separator does not split a sentence's words.
    assert_eq!(
        spans("About 7,500 boats are registered in the bay, according to the port authority."),
        [span(
            "About 7,500 boats are registered in the bay",
            "the port authority"
        )]
    );
}

#[test]
fn the_outer_report_speaks() {
    // "what X called": the object of the outer report.
    assert_eq!(
        first_speaker("Mayor Eva Lind condemned what she called a “reckless breach” of the rules."),
        Some("Mayor Eva Lind".into())
    );
    // A participle clause before the subject is not the subject.
    assert_eq!(
        first_speaker("Stung by the vote, Paul Ames changed his plan, saying the port would wait."),
        Some("Paul Ames".into())
    );
    // A year is a time, not a speaker.
    assert_eq!(
        first_speaker("Ames, who in 2010 said the ferry would never pay, now runs it."),
        Some("who".into())
    );
}

#[test]
fn phrasal_cues() {
    assert_eq!(
        spans("Paul Ames called for a new harbour board."),
        [span("a new harbour board", "Paul Ames")]
    );
    assert_eq!(
        spans("Eva Lind pointed out that the ferry had been late all week."),
        [span("the ferry had been late all week", "Eva Lind")]
    );
    // Naming is not reporting.
    assert!(spans("The pier, known as the Long Finger, will close.").is_empty());
}

#[test]
fn two_reports_with_quotations_in_one_sentence() {
    let got = quotes("Lind called the plan “a mess” and asked for “a new vote” on Monday.");
    assert_eq!(
        got.iter()
            .map(|q| (q.0, q.1.as_str(), q.2.as_deref()))
            .collect::<Vec<_>>(),
        [
            (Mixed, "the plan “a mess”", Some("Lind")),
            (Direct, "a new vote", Some("Lind"))
        ]
    );
}

#[test]
fn a_mixed_object_ends_before_its_adjunct() {
    let got = quotes("Ames criticized the ferry plan as “a crazy idea” during a stop in Nordvik.");
    assert_eq!(got[0].1, "the ferry plan as “a crazy idea”");
}

#[test]
fn a_nickname_in_quotation_marks_belongs_to_the_name() {
    let got = quotes("“This is a big year!” Marcia “Cia” Voss said.");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1, "This is a big year!");
    assert_eq!(got[0].2.as_deref(), Some("Marcia “Cia” Voss"));
}

#[test]
fn titles_in_quotation_marks_are_not_speech() {
    let got = quotes(
        "“We sail at dawn,” Lind said. She is also a guest on “Harbour Lights Morning Show.”",
    );
    assert_eq!(
        got.iter().map(|q| q.1.as_str()).collect::<Vec<_>>(),
        ["We sail at dawn,"]
    );
    // Short sentences in capitals stay speech.
    let got = quotes("“The Captain. Big Ships.” she said.");
    assert_eq!(got.len(), 1);
}

#[test]
fn a_title_names_its_speaker_before_a_colon() {
    let text = "Lind: Harbour talks will resume after the storm.\n\nThe mayor spoke on Monday.";
    assert_eq!(
        spans(text),
        [span("Harbour talks will resume after the storm", "Lind")]
    );
    // Only the document's first line, and not a section's name.
    assert!(spans("The Latest: Ferry strike ends early.\n\nIt ended.").is_empty());
    assert!(spans("Ferries run.\n\nLind: Harbour talks will resume after the storm.").is_empty());
}

#[test]
fn reported_content_ends_where_another_clause_begins() {
    assert_eq!(
        spans("Republicans said the inquiry was mishandled and Democrats accused them of playing politics.")[0],
        span("the inquiry was mishandled", "Republicans")
    );
    assert_eq!(
        spans(
            "The latest test, the navy said, was its biggest yet, although the data may take days."
        )[1],
        span("was its biggest yet", "the navy")
    );
}

#[test]
fn a_later_clause_reports_again() {
    assert_eq!(
        spans("Lind called the vote a mistake, but she noted that Ames had backed the plan."),
        [
            span("the vote a mistake", "Lind"),
            span("Ames had backed the plan", "she")
        ]
    );
    let got = quotes("“We see no link,” the mayor said, adding that the inquiry would take weeks.");
    assert_eq!(
        got.iter()
            .map(|q| (q.0, q.1.as_str(), q.2.as_deref()))
            .collect::<Vec<_>>(),
        [
            (Direct, "We see no link,", Some("the mayor")),
            (Indirect, "the inquiry would take weeks", Some("the mayor"))
        ]
    );
    // An appositive of the speaker is not a later report.
    assert_eq!(
        spans("“It was a sizable purchase,” said Ilse Voss, who declined to give a price."),
        [span("It was a sizable purchase,", "Ilse Voss")]
    );
}

#[test]
fn relative_clauses_and_long_subjects() {
    assert_eq!(
        spans("He courted donors for favors, which he said were paid back in kind."),
        [span("were paid back in kind", "he")]
    );
    assert_eq!(
        spans("The gap between what Lind says her plan would do and what it does is wide."),
        [span("her plan would do", "Lind")]
    );
    assert_eq!(
        first_speaker(
            "But in recent days, advisers to Mayor Lind say, the council has lost patience."
        ),
        Some("advisers to Mayor Lind".into())
    );
    assert_eq!(
        first_speaker("Frustration with the port: Dock workers say the cranes are unsafe."),
        Some("Dock workers".into())
    );
    assert_eq!(
        first_speaker(
            "Current and former officials who spoke with the Post said the fund was empty."
        ),
        Some("Current and former officials who spoke with the Post".into())
    );
}

#[test]
fn editors_notes_and_idioms_are_not_reports() {
    assert!(
        spans("Correction: An earlier version of this story misspelled Lind's name.").is_empty()
    );
    assert!(spans("It goes without saying that the harbour needs dredging.").is_empty());
    // The site's line under a transcript is nobody's turn.
    let got = quotes("\"LUND: The pier will open.\n\n\"Follow Ilse Voss on Twitter @ivoss.");
    assert_eq!(got.len(), 1);
    // A participle opening a sentence is no inverted cue.
    assert!(
        spans("Citing an old rumour, Ames accused the pilot of drinking.")
            .iter()
            .all(|(_, speaker)| speaker.as_deref() != Some("an old rumour"))
    );
    assert!(spans("Would you vote for a man who said and did the same things?").is_empty());
}

#[test]
fn headings_and_particles_are_not_reports() {
    assert!(spans("EVEN HER BOSS THINKS SHE IS RIGHT. The port reopened in May.").is_empty());
    assert!(spans("Paul Ames showed up at the harbour meeting on Monday.").is_empty());
}

#[test]
fn an_object_ends_before_a_second_verb() {
    assert_eq!(
        spans("The council rejected the plan and attempted to rally the islands against it."),
        [span("the plan", "The council")]
    );
    // The second verb is a second report of the same subject.
    assert_eq!(
        spans("Some officials praised the new pier but also warned about its cost."),
        [
            span("the new pier", "Some officials"),
            span("about its cost", "Some officials")
        ]
    );
}

#[test]
fn a_passive_before_a_quotation_names_no_speaker() {
    assert!(spans("The harbour plan was called “a reckless gamble” in the report.").is_empty());
}

#[test]
fn passives_and_names_are_not_reports() {
    assert!(
        spans("If a new seat were offered to the islanders, the vote would change.").is_empty()
    );
    assert_eq!(
        spans("The plan will fail, said Mr. Ames, the lawyer for the harbour board."),
        [span("The plan will fail", "Mr. Ames")]
    );
    assert!(
        spans("His group, called the Nordvik Harbour Fund, will still own the pier.").is_empty()
    );
}

#[test]
fn the_object_of_a_cue_that_takes_no_clause() {
    // The object ends where an adjunct begins.
    assert_eq!(
        spans("Paul Ames criticized the harbour plan on Monday."),
        [span("the harbour plan", "Paul Ames")]
    );
    // Prepositions inside the object stay; the medium of the statement does
    // not.
    assert_eq!(
        spans("The council rejected a request from fishermen in Nordvik to extend the season."),
        [span(
            "a request from fishermen in Nordvik to extend the season",
            "The council"
        )]
    );
    assert_eq!(
        spans("Ilse Voss denounced the annexation in an on-air interview."),
        [span("the annexation", "Ilse Voss")]
    );
    // A possessive after the cue is part of the object, not an inverted
    // speaker; the subject with an appositive speaks.
    assert_eq!(
        spans("Ilse Voss, an economist at the institute, described Lind's budget as reckless."),
        [span("Lind's budget as reckless", "Ilse Voss")]
    );
    assert_eq!(
        spans("Aino Virtanen, the mayor's eldest daughter, praised the rule in an interview."),
        [span("the rule", "Aino Virtanen")]
    );
    // An adjunct right after the cue is not content; a "that" after it opens
    // the content.
    assert_eq!(
        spans("Mr. Ames announced in a statement this month that the yard had been sold."),
        [span("the yard had been sold", "Mr. Ames")]
    );
    assert!(spans("Please read the two guides I wrote in 2014 for new parents.").is_empty());
    // A verb right after the cue: a relative clause, not a report.
    assert!(spans("Everything Lind says is a lie unless proven otherwise.").is_empty());
}

#[test]
fn speakers_without_names() {
    assert_eq!(
        spans("But critics say the money could be better spent on schools."),
        [span(
            "the money could be better spent on schools",
            "critics"
        )]
    );
    assert_eq!(
        spans("The ferry was not insured at the time, police said."),
        [span("The ferry was not insured at the time", "police")]
    );
    assert_eq!(
        spans("Several cast members said the director had shouted at them."),
        [span(
            "the director had shouted at them",
            "Several cast members"
        )]
    );
    assert_eq!(
        spans("About 4,000 families live on the islands, according to federal statistics."),
        [span(
            "About 4,000 families live on the islands",
            "federal statistics"
        )]
    );
    assert_eq!(
        first_speaker("“We live on borrowed time,” my grandmother often said."),
        Some("my grandmother".into())
    );
    // The subject of "and said" is that of the clause "and" continues.
    assert_eq!(
        first_speaker(
            "When my aunt mentioned the storm on the way home, I laughed and said, “Boats float.”"
        ),
        Some("I".into())
    );
    // An opening adverbial is not the subject of "and said".
    assert_eq!(
        first_speaker("Once in my twenties, I laughed and said, “I never liked boats.”"),
        Some("I".into())
    );
}

#[test]
fn speakers_of_reported_speech_and_signatures() {
    let cases = [
        // "according" is not a participle of the sentence's subject.
        (
            "The vote was delayed by a week, according to two party officials.",
            "two party officials",
        ),
        (
            "“The dam held through the night.”\n\n- Paul Ames, Nordvik.",
            "Paul Ames",
        ),
        (
            "“We are ready,” Ames said calmly into the microphone.",
            "Ames",
        ),
        (
            "“The dam held through the night.”\n\n- Paul Ames.",
            "Paul Ames",
        ),
    ];
    for (text, speaker) in cases {
        assert_eq!(first_speaker(text).as_deref(), Some(speaker), "{text}");
    }
}

#[test]
fn a_source_is_kept_apart_from_the_speaker() {
    let text = "Talks will resume next week, Deputy Minister Ola Lund said, according to the Baltic News Agency.";
    let q = &QuoteExtractor::new().extract(text, &[], None)[0];
    assert_eq!(&text[q.speaker().unwrap()], "Deputy Minister Ola Lund");
    assert_eq!(&text[q.source().unwrap()], "the Baltic News Agency");
    assert_eq!(q.speaker_name(), Some("Ola Lund"));
}

#[test]
fn pronouns_and_surnames_resolve_to_earlier_names() {
    let text = "“The dam held,” said Paul Ames.\n\nThe road will reopen soon, he said.\n\n\
                Repairs will take a month, Ames added.";
    let got = quotes(text);
    let names: Vec<_> = got.iter().map(|q| q.3.as_deref()).collect();
    assert_eq!(names, [Some("Paul Ames"); 3]);
    assert_eq!(got[1].2.as_deref(), Some("he"));
}

#[test]
fn nominal_mentions_resolve_to_a_titled_speaker() {
    let text = "“We need the bridge,” Transport Minister Eva Lind said.\n\n\
                The work starts in June, the minister said.";
    let got = quotes(text);
    assert_eq!(got[1].3.as_deref(), Some("Eva Lind"));
}

#[test]
fn an_unknown_speaker_is_none() {
    let text =
        "“Nobody knows what happens next, and nobody wants to guess,” the post read in full.";
    let got = QuoteExtractor::new().extract(text, &[], None);
    assert!(got
        .iter()
        .all(|q| q.speaker_name().is_none() || q.speaker().is_some()));
    let text = "“Nobody knows what happens next, and nobody wants to guess.”";
    let got = quotes(text);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].2.clone(), got[0].3.clone()), (None, None));
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
        .map(|q| (q.speaker_name(), q.speaker_entity()))
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
        (last.speaker_name(), last.speaker_entity()),
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
        assert_eq!(q.speaker(), want.speaker().map(on), "speaker {k}");
        // The documented limit: "she" at the top of a window does not see
        // the window before.
        let line = text[..q.content().start].rfind('\n').map_or(0, |i| i + 1);
        let cut = window_starts.contains(&line) && line > 0 && k % 2 == 1;
        let entity = if cut { None } else { want.speaker_entity() };
        assert_eq!(q.speaker_entity(), entity, "entity {k}");
    }
}

/// (rule, `speaker_via`) of each quote.
fn provenance(text: &str) -> Vec<(&'static str, Option<&'static str>)> {
    QuoteExtractor::new()
        .extract(text, &[], None)
        .into_iter()
        .map(|q| (q.rule(), q.speaker_via().map(SpeakerVia::as_str)))
        .collect()
}

#[test]
fn each_quote_names_its_rule_and_how_its_speaker_was_resolved() {
    type Want = &'static [(&'static str, Option<&'static str>)];
    let cases: [(&str, Want); 9] = [
        (
            "“We will not wait,” Mara Olsen said.",
            &[("quote_then_frame", Some("mention"))],
        ),
        (
            "Mara Olsen said: “We will not wait.”",
            &[("frame_then_quote", Some("mention"))],
        ),
        (
            "“We will not wait.” — Mara Olsen",
            &[("dash_or_colon", Some("mention"))],
        ),
        (
            "Mara Olsen called the plan “a reckless gamble” on Monday.",
            &[("reported_with_quote", Some("mention"))],
        ),
        (
            "Talks will resume next week, Ola Lund said.",
            &[("reported", Some("mention"))],
        ),
        (
            "Ola Lund blamed the storm, and said the repairs would take a month.",
            &[
                ("reported", Some("mention")),
                ("coordinated", Some("mention")),
            ],
        ),
        (
            "“The dam held,” said Paul Ames.\n\nThe road will reopen soon, he said.\n\n\
             Repairs will take a month, Ames added.",
            &[
                ("quote_then_frame", Some("mention")),
                ("reported", Some("pronoun")),
                ("reported", Some("surname")),
            ],
        ),
        (
            "“We need the bridge,” Transport Minister Eva Lind said.\n\n\
             The work starts in June, the minister said.",
            &[
                ("quote_then_frame", Some("mention")),
                ("reported", Some("title")),
            ],
        ),
        (
            "“The dam held,” said Paul Ames, an engineer.\n\n“It was built to last a century.”",
            &[
                ("quote_then_frame", Some("mention")),
                ("bare", Some("continuation")),
            ],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(provenance(text), want, "{text}");
    }
    // Unattributed: no speaker, no path.
    let text = "“Nobody knows what happens next, and nobody wants to guess.”";
    assert_eq!(provenance(text), [("bare", None)]);
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
fn what_x_says_ends_at_a_conjunction_in_any_case() {
    for text in [
        "The bridge is what Lind says the town will need and want.",
        "The bridge is what Lind says the town will need AND want.",
        "The bridge is what Lind says the town will need But not want.",
    ] {
        let got = quotes(text);
        assert_eq!(got[0].1, "the town will need", "{text}");
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
                q.speaker_name().map(str::to_owned),
                q.speaker_entity().map(|e| gaz.entry(e).name().to_owned()),
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

/// (speaker mention, speaker name) of each quote.
fn speakers(text: &str) -> Vec<(Option<String>, Option<String>)> {
    quotes(text).into_iter().map(|q| (q.2, q.3)).collect()
}

fn both(mention: &str, name: &str) -> (Option<String>, Option<String>) {
    (Some(mention.to_owned()), Some(name.to_owned()))
}

#[test]
fn lowercase_particles_belong_to_names() {
    let text = "Omar al-Amin met the council on Monday.\n\n\
                The budget must pass this week, al-Amin said.\n\n\
                “We are close,” said Karel van Dam.";
    assert_eq!(
        speakers(text),
        [
            both("al-Amin", "Omar al-Amin"),
            both("Karel van Dam", "Karel van Dam")
        ]
    );
}

#[test]
fn names_do_not_run_across_a_sentence_end_or_a_blank_line() {
    let got = speakers("The talks ended late in Nordvik. Officials said the deal was close.");
    assert_eq!(got, [both("Officials", "Officials")]);
    let got = speakers("Storm closes Halden Pass\n\nAnna Berg said the road would stay shut.");
    assert_eq!(got, [both("Anna Berg", "Anna Berg")]);
    // The period of an initial or an abbreviation still joins a name.
    let got = speakers("“We will appeal,” said J. Voss.\n\nPres. Lind said the case was closed.");
    assert_eq!(
        got,
        [both("J. Voss", "J. Voss"), both("Pres. Lind", "Lind")]
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
fn it_and_they_do_not_refer_to_one_person() {
    // The spokeswoman is one person: "they" is the board, not her.
    let text = "The board of Halden Mills met on Friday.\n\n\
                Prices will rise, the board said.\n\n\
                Talks went well, a spokeswoman said.\n\n\
                Jobs are safe, they said.";
    let got = speakers(text);
    assert_eq!(got[1].1.as_deref(), Some("spokeswoman"));
    assert_eq!(got.last().unwrap().1.as_deref(), Some("board"));
    // With a gazetteer, "it" is not the person named last.
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
fn a_possessive_speaker_is_its_owner_unless_a_person_is_named() {
    let names =
        |text: &str| -> Vec<Option<String>> { speakers(text).into_iter().map(|s| s.1).collect() };
    // A thing of a person speaks for its owner.
    assert_eq!(
        names("The vote was fair, Anna Berg's statement said."),
        [Some("Anna Berg".to_owned())]
    );
    // A person of a person is someone else: unnamed, as written.
    assert_eq!(
        names("The vote was fair, Anna Berg's lawyer said."),
        [Some("Anna Berg's lawyer".to_owned())]
    );
    // With a gazetteer, the owner links to the entry.
    let got = resolved_with(
        vec![Entry::new("Anna Berg", "PERSON")],
        "The vote was fair, Anna Berg's statement said.",
    );
    assert_eq!(got, [some("Anna Berg", Some("Anna Berg"))]);
}

#[test]
fn a_name_keeps_a_capitalised_auxiliary_and_a_title_its_and() {
    assert_eq!(
        speakers("Chairman Ola May said the tour would go on."),
        [both("Chairman Ola May", "Ola May")]
    );
    assert_eq!(
        speakers("“Rates will hold,” said Trade and Industry Minister Ola Voss."),
        [both("Trade and Industry Minister Ola Voss", "Ola Voss")]
    );
    // White space inside a name (a double space, a wrapped line) is one
    // space in the resolved name.
    assert_eq!(
        speakers("“We agree,” said Ola  Voss.")[0].1.as_deref(),
        Some("Ola Voss")
    );
}

#[test]
fn it_is_one_thing_not_a_plural_group() {
    let text = "The fund will close, the regulator said.\n\n\
                The deal was unfair, three former managers said.\n\n\
                A review is under way, it said.";
    let got = speakers(text);
    assert_eq!(got.last().unwrap().1.as_deref(), Some("regulator"));
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
fn a_quotation_reopened_without_a_closing_mark_continues_its_speaker() {
    for text in [
        "Eva Lind added: \"We are ready for the vote. \"The rest of the plan can wait until spring.\"",
        "Eva Lind added: \u{201C}We are ready for the vote. \u{201C}The rest of the plan can wait until spring.\u{201D}",
        "\"We are ready for the vote,\" Eva Lind said. \"The board knows it. \"The rest of the plan can wait until spring.",
    ] {
        let got = quotes(text);
        let rest = got
            .iter()
            .find(|q| q.1.starts_with("The rest"))
            .unwrap_or_else(|| panic!("{text}: {got:?}"));
        assert_eq!(rest.0, Direct, "{text}");
        assert_eq!(rest.1, "The rest of the plan can wait until spring.", "{text}");
        assert_eq!(rest.3.as_deref(), Some("Eva Lind"), "{text}");
        assert!(got.iter().all(|q| q.3.as_deref() == Some("Eva Lind")), "{text}: {got:?}");
    }
    // A closing mark after a sentence end still closes.
    let got = quotes("\"We are ready for the vote. \" Eva Lind said.");
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn a_bare_quotation_continues_the_speaker_before_it_not_a_later_one() {
    let text = "\u{201C}The ferry will run again in May,\u{201D} Eva Lind said. \
                \u{201C}We have waited long enough for the board.\u{201D} \
                The harbour board, however, said on Monday that the dredging would cost more.";
    let got = quotes(text);
    let bare = got
        .iter()
        .find(|q| q.1.starts_with("We have waited"))
        .unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!(bare.3.as_deref(), Some("Eva Lind"), "{got:?}");
    let report = got
        .iter()
        .find(|q| q.1.starts_with("the dredging"))
        .unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!(report.2.as_deref(), Some("The harbour board"), "{got:?}");
    // With no attribution before it, a bare quotation still takes the one
    // that follows ("“…” “…,” Lind said.").
    let text = "\u{201C}We have waited long enough for the board.\u{201D} \
                \u{201C}The ferry will run again in May,\u{201D} Eva Lind said.";
    let got = quotes(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got.iter().all(|q| q.3.as_deref() == Some("Eva Lind")),
        "{got:?}"
    );
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
