//! Who says what about whom: the gazetteer matches inside each quote.
//!
//! A quote is *about* the entities mentioned in its content. The attribution
//! around it is not what was said: the mention of the speaker, the cue and
//! the source (`according to ...`) are left out even where a quote's content
//! spans them (`"The port," Lind said, "will reopen."`).

use std::ops::Range;

use crate::gazetteer::Match;
use crate::quotes::Quote;

/// The indices into `matches` of the matches inside the content of `quote`,
/// in order. `matches` are those of the quote's text, ordered by start as
/// [`Gazetteer::find`](crate::Gazetteer::find) gives them; a match that
/// overlaps the speaker's mention, the cue or the source is never one of
/// them.
///
/// The work is a binary search and a walk over the matches that start inside
/// the content.
pub fn mentions<'a>(quote: &'a Quote, matches: &'a [Match]) -> impl Iterator<Item = usize> + 'a {
    let content = quote.content();
    let first = matches.partition_point(|m| m.start() < content.start);
    let frame = [quote.speaker_mention(), quote.cue(), quote.source()];
    matches[first..]
        .iter()
        .take_while(move |m| m.start() < content.end)
        .enumerate()
        .filter(move |(_, m)| {
            m.end() <= content.end && !frame.iter().flatten().any(|r| overlaps(r, &m.range()))
        })
        .map(move |(i, _)| first + i)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::mentions;
    use crate::gazetteer::{Entry, Gazetteer};
    use crate::quotes::{QuoteExtractor, SurnameIndex};

    /// (quote content, speaker, [names of the entities it mentions]) of each quote.
    fn about(text: &str) -> Vec<(String, Option<String>, Vec<String>)> {
        let gaz = Gazetteer::builder()
            .build([
                Entry::new("Eva Lind", "PERSON"),
                Entry::new("Jon Voss", "PERSON"),
                Entry::new("Nordvik", "GPE"),
                Entry::new("Baltic News Agency", "ORG").with_aliases(["BNA"]),
            ])
            .unwrap();
        let surnames = SurnameIndex::new(&gaz);
        let matches = gaz.find(text).unwrap();
        QuoteExtractor::new()
            .extract(text, &matches, Some((&gaz, &surnames)))
            .iter()
            .map(|q| {
                let names = mentions(q, &matches)
                    .map(|i| gaz.entry(matches[i].entry()).name().to_owned())
                    .collect();
                (
                    text[q.content()].to_owned(),
                    q.speaker().map(str::to_owned),
                    names,
                )
            })
            .collect()
    }

    fn row(content: &str, speaker: &str, names: &[&str]) -> (String, Option<String>, Vec<String>) {
        (
            content.to_owned(),
            Some(speaker.to_owned()),
            names.iter().map(|&s| s.to_owned()).collect(),
        )
    }

    #[test]
    fn the_entities_inside_a_quote_in_order() {
        assert_eq!(
            about("“Jon Voss has let Nordvik down,” Eva Lind said."),
            [row(
                "Jon Voss has let Nordvik down,",
                "Eva Lind",
                &["Jon Voss", "Nordvik"]
            )]
        );
    }

    #[test]
    fn a_quote_without_entities_mentions_none() {
        assert_eq!(
            about("“The talks will go on,” Eva Lind said."),
            [row("The talks will go on,", "Eva Lind", &[])]
        );
    }

    #[test]
    fn the_speaker_is_not_among_what_they_speak_about() {
        // The speaker's mention is outside the content here; naming oneself
        // inside it is a mention like any other.
        let got = about("“Eva Lind will not resign,” Lind said.");
        assert_eq!(
            got,
            [row("Eva Lind will not resign,", "Eva Lind", &["Eva Lind"])]
        );
        // A quotation split by its frame is two quotes: the frame's
        // mentions are in neither.
        assert_eq!(
            about("“Nordvik,” Jon Voss said, “will not wait for BNA.”"),
            [
                row("Nordvik,", "Jon Voss", &["Nordvik"]),
                row(
                    "will not wait for BNA.",
                    "Jon Voss",
                    &["Baltic News Agency"]
                ),
            ]
        );
    }

    #[test]
    fn entities_outside_every_quote_are_mentioned_by_none() {
        let got = about("Eva Lind flew to Nordvik on Monday. “We agree,” she said.");
        assert_eq!(got, [row("We agree,", "Eva Lind", &[])]);
    }
}
