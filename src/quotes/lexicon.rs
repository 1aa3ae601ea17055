//! The cue lexicon: reporting verbs and prepositional cues, read from
//! `cues.tsv` (built from the `PolNeAR` train split by `tools/build_cues.py`).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::lex::Fnv;

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
    /// Strong by the list of reporting verbs (`reporting_verbs.tsv`), not
    /// by evidence of its own: it reports a clause only, never an object
    /// or a prepositional phrase ("speculated about his health").
    pub general: bool,
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
    /// `verbs` and `phrases` by the word that opens them, for one lookup
    /// per word of a text (see [`Lexicon::opening`]), and the length of
    /// the longest (a longer word opens no cue).
    words: HashMap<String, Opening, BuildHasherDefault<Fnv>>,
    longest: usize,
}

/// The cues a word opens: itself, and the phrases it starts.
#[derive(Debug, Default)]
pub(crate) struct Opening {
    cue: Option<Cue>,
    phrases: Vec<(String, Cue)>,
}

impl Opening {
    /// The cue that the word is, if any (for "according", "according to":
    /// the caller checks that "to" follows).
    pub fn cue(&self) -> Option<Cue> {
        self.cue
    }

    /// The phrasal cue that the word and the word `next` make ("called
    /// for", "pointed out"), if any.
    pub fn phrase(&self, next: &str) -> Option<Cue> {
        self.phrases
            .iter()
            .find(|(second, _)| second.eq_ignore_ascii_case(next))
            .map(|&(_, cue)| cue)
    }
}

static CUES_TSV: &str = include_str!("cues.tsv");
static REPORTING_VERBS_TSV: &str = include_str!("reporting_verbs.tsv");

impl Lexicon {
    /// The lexicon shipped with sayso.
    pub fn builtin() -> Lexicon {
        let mut lexicon = Lexicon::parse(CUES_TSV);
        lexicon.pool(REPORTING_VERBS_TSV);
        lexicon.index();
        lexicon
    }

    /// Fills [`Self::words`] from the verbs and phrases, once they are final.
    fn index(&mut self) {
        let mut words: HashMap<String, Opening, BuildHasherDefault<Fnv>> = HashMap::default();
        for w in self.verbs.keys().chain(self.phrases.keys()) {
            // "according to" is looked up by "according" (see `get`).
            let w = if w == "according to" { "according" } else { w };
            words.entry(w.to_owned()).or_default();
        }
        for (w, opening) in &mut words {
            opening.cue = if w == "according" {
                self.verbs.get("according to").copied()
            } else {
                self.verbs.get(w).copied()
            };
            opening.phrases = self.phrases.get(w).cloned().unwrap_or_default();
        }
        words.retain(|_, o| o.cue.is_some() || !o.phrases.is_empty());
        self.longest = words.keys().map(String::len).max().unwrap_or(0);
        self.words = words;
    }

    /// The words that open a cue (see [`Self::opening`]).
    pub fn openers(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(String::as_str)
    }

    /// The cues that the lowercased word `w` opens, if any: one lookup for
    /// [`get`](Self::get) and [`phrase`](Self::phrase) both.
    pub fn opening(&self, w: &str) -> Option<&Opening> {
        if w.len() > self.longest {
            return None;
        }
        self.words.get(w)
    }

    /// Completes the lexicon from a list of reporting verbs (`lemma\tform
    /// form ...` a line): a form with too little evidence of its own to be
    /// strong takes its lemma's, pooled over the forms (counts summed,
    /// shares weighted by count) when that makes a strong cue; a form never
    /// seen as a cue is, failing that, a clause-taking cue as strong as a
    /// cue can be on the least evidence. (Making every listed form strong,
    /// "cautioned" with its 6 cues in train too, measured worse on train.)
    fn pool(&mut self, tsv: &str) {
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let Some((_lemma, forms)) = line.split_once('\t') else {
                continue;
            };
            let forms: Vec<&str> = forms.split_whitespace().collect();
            let known: Vec<Cue> = forms
                .iter()
                .filter_map(|f| self.verbs.get(*f).copied())
                .filter(|c| c.kind == CueKind::Verb)
                .collect();
            let count: u32 = known.iter().map(|c| c.count).sum();
            // What the list alone says: a clause-taking cue on the least
            // evidence that makes one strong.
            let listed = Cue {
                kind: CueKind::Verb,
                count: STRONG_COUNT,
                share: STRONG_SHARE,
                clause: CLAUSE_SHARE,
                subject: STRONG_SUBJECT_SHARE,
                general: true,
            };
            #[allow(clippy::cast_precision_loss)]
            let pooled = (count >= STRONG_COUNT).then(|| {
                let weight = |f: fn(&Cue) -> f32| {
                    known.iter().map(|c| f(c) * c.count as f32).sum::<f32>() / count as f32
                };
                let seen: f32 = known
                    .iter()
                    .map(|c| c.count as f32 / c.share.max(f32::EPSILON))
                    .sum();
                Cue {
                    kind: CueKind::Verb,
                    count,
                    share: count as f32 / seen,
                    clause: weight(|c| c.clause),
                    subject: weight(|c| c.subject),
                    general: true,
                }
            });
            let pooled = pooled.filter(Cue::strong);
            for form in forms {
                // A form with evidence enough of its own keeps it; one with
                // a little takes its lemma's when that is strong (else keeps
                // its own); one never seen as a cue takes its lemma's, else
                // the list's.
                let cue = match self.verbs.get(form) {
                    Some(c) if c.kind != CueKind::Verb || c.count >= STRONG_COUNT => continue,
                    Some(_) => match pooled {
                        Some(p) => p,
                        None => continue,
                    },
                    None => pooled.unwrap_or(listed),
                };
                self.verbs.insert(form.to_owned(), cue);
            }
        }
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
                general: false,
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
        Lexicon {
            verbs,
            phrases,
            words: HashMap::default(),
            longest: 0,
        }
    }

    /// The cue that the lowercased word `w` is, if any (for "according",
    /// the caller checks that "to" follows).
    #[cfg(test)]
    pub fn get(&self, w: &str) -> Option<Cue> {
        self.opening(w)?.cue()
    }

    /// The phrasal cue that the lowercased word `w` and the word `next` make
    /// ("called for", "pointed out"), if any.
    #[cfg(test)]
    pub fn phrase(&self, w: &str, next: &str) -> Option<Cue> {
        self.opening(w)?.phrase(next)
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

    #[test]
    fn reporting_verbs_complete_the_lexicon() {
        let l = Lexicon::builtin();
        // Rare or absent in PolNeAR train, strong by their lemma or the list.
        for w in ["alleges", "predicts", "stressed", "divulged", "retorted"] {
            let c = l.get(w).unwrap_or_else(|| panic!("{w} missing"));
            assert!(c.strong() && c.takes_clause(), "{w}: {c:?}");
        }
        // Evidence of their own is kept: "said" is no list entry, and
        // "cautioned" (6 cues in train, its lemma no more) stays weak.
        assert!(!l.get("said").unwrap().general);
        assert!(!l.get("cautioned").unwrap().general);
        // Forms that are also nouns are not in the list.
        for w in ["reports", "claims", "forecasts", "states", "notes"] {
            assert!(l.get(w).is_none_or(|c| !c.general), "{w}");
        }
    }
}
