//! The cue lexicon: reporting verbs and prepositional cues, read from
//! `cues.tsv` (built from the `PolNeAR` train split by `tools/build_cues.py`).

use std::collections::HashMap;

/// How a cue introduces reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// A verb form: "said", "told", "warned".
    Verb,
    /// "according to".
    According,
}

/// What the lexicon knows of a cue.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cue {
    pub kind: CueKind,
    /// Times annotated as a cue in the `PolNeAR` train split.
    pub count: u32,
    /// That count over the word's occurrences in train texts: how reliable a
    /// cue the word is (above 1 when one cue serves several fragments).
    pub share: f32,
    /// The share of its contents after it that run to the end of their
    /// sentence: high for verbs that take a clause ("said that ...").
    pub clause: f32,
    /// The share of its occurrences right after a subject that are cues:
    /// low for "seemed" or "appears" ("Lind seemed tired").
    pub subject: f32,
}

impl Cue {
    /// A cue reliable enough to report speech without quotation marks.
    pub fn strong(&self) -> bool {
        self.kind == CueKind::According
            || (self.count >= STRONG_COUNT
                && self.share >= STRONG_SHARE
                && self.subject >= STRONG_SUBJECT_SHARE)
    }

    /// A strong cue that takes a clause: `X CUE CONTENT` reports speech.
    pub fn takes_clause(&self) -> bool {
        self.strong() && self.clause >= CLAUSE_SHARE
    }
}

const CLAUSE_SHARE: f32 = 0.7;

const STRONG_COUNT: u32 = 8;
const STRONG_SHARE: f32 = 0.40;
const STRONG_SUBJECT_SHARE: f32 = 0.30;

/// The cue lexicon.
#[derive(Debug)]
pub(crate) struct Lexicon {
    verbs: HashMap<String, Cue>,
    /// Phrasal cues by their first word: "called" → [("for", ...), ("on", ...)].
    phrases: HashMap<String, Vec<(String, Cue)>>,
}

static CUES_TSV: &str = include_str!("cues.tsv");

impl Lexicon {
    /// The lexicon shipped with sayso.
    pub fn builtin() -> Lexicon {
        Lexicon::parse(CUES_TSV)
    }

    fn parse(tsv: &str) -> Lexicon {
        let mut verbs = HashMap::new();
        let mut phrases: HashMap<String, Vec<(String, Cue)>> = HashMap::new();
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut f = line.split('\t');
            let (Some(cue), Some(kind), Some(count), Some(share)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let clause = f.next().and_then(|c| c.parse().ok()).unwrap_or(1.0);
            let share: f32 = share.parse().unwrap_or(0.0);
            let subject = f.next().and_then(|c| c.parse().ok()).unwrap_or(share);
            let kind = match kind {
                "prep" => CueKind::According,
                _ => CueKind::Verb,
            };
            let cue_info = Cue {
                kind,
                count: count.parse().unwrap_or(0),
                share,
                clause,
                subject,
            };
            match (kind, cue.split_once(' ')) {
                (CueKind::Verb, Some((first, second))) => phrases
                    .entry(first.to_owned())
                    .or_default()
                    .push((second.to_owned(), cue_info)),
                _ => {
                    verbs.insert(cue.to_owned(), cue_info);
                }
            }
        }
        Lexicon { verbs, phrases }
    }

    /// The cue that the lowercased word `w` is, if any (for "according",
    /// the caller checks that "to" follows).
    pub fn get(&self, w: &str) -> Option<Cue> {
        if w == "according" {
            return self.verbs.get("according to").copied();
        }
        self.verbs.get(w).copied()
    }

    /// The phrasal cue that the lowercased word `w` and the word `next` make
    /// ("called for", "pointed out"), if any.
    pub fn phrase(&self, w: &str, next: &str) -> Option<Cue> {
        self.phrases
            .get(w)?
            .iter()
            .find(|(second, _)| second.eq_ignore_ascii_case(next))
            .map(|&(_, cue)| cue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_knows_the_common_cues() {
        let l = Lexicon::builtin();
        for w in [
            "said", "says", "told", "added", "wrote", "tweeted", "warned", "insisted",
        ] {
            let c = l.get(w).unwrap_or_else(|| panic!("{w} missing"));
            assert_eq!(c.kind, CueKind::Verb);
        }
        assert!(l.get("said").unwrap().strong());
        assert_eq!(l.get("according").unwrap().kind, CueKind::According);
        assert!(l.get("the").is_none());
        assert!(l.get("in").is_none(), "a word seldom a cue is left out");
        assert!(l.phrase("called", "for").unwrap().strong());
        assert!(l.phrase("known", "as").is_none(), "naming is not reporting");
    }
}
