//! The confidence of a quote: the probability that its span and its speaker
//! are both right, estimated on `PolNeAR` train per rule, resolution path,
//! kind and whether the speaker mention is a name (`confidence.tsv`, written
//! by `tools/fit_confidence.py`).
//!
//! A cell's share of right quotes is shrunk toward its rule's, and the
//! rule's toward the share over all quotes, by [`PRIOR_WEIGHT`] pseudo-quotes
//! each: a rare cell says little on its own, an unseen one is its rule's.

use std::collections::HashMap;

use super::{QuoteKind, SpeakerVia};

static TABLE: &str = include_str!("confidence.tsv");

/// Pseudo-quotes of the parent estimate added to each cell and rule.
const PRIOR_WEIGHT: f64 = 10.0;

/// The fitted estimates.
#[derive(Debug)]
pub(super) struct Confidence {
    cells: HashMap<Cell, f64>,
    rules: HashMap<&'static str, f64>,
    overall: f64,
}

/// rule, `speaker_via` (`-`: no speaker), kind, named (`1` or `0`).
type Cell = (&'static str, &'static str, &'static str, &'static str);

/// Quotes and right ones.
#[derive(Clone, Copy, Default)]
struct Count {
    quotes: f64,
    right: f64,
}

impl Count {
    fn add(&mut self, quotes: f64, right: f64) {
        self.quotes += quotes;
        self.right += right;
    }

    /// The share of right quotes, shrunk toward `prior`.
    fn shrunk(self, prior: f64) -> f64 {
        (self.right + PRIOR_WEIGHT * prior) / (self.quotes + PRIOR_WEIGHT)
    }
}

impl Confidence {
    /// The built-in table.
    pub(super) fn builtin() -> Confidence {
        Confidence::parse(TABLE)
    }

    fn parse(tsv: &'static str) -> Confidence {
        let mut cells: HashMap<Cell, Count> = HashMap::new();
        let mut rules: HashMap<&str, Count> = HashMap::new();
        let mut all = Count::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            // A malformed line is the build's own mistake: the table test
            // catches it.
            let [rule, via, kind, named, quotes, right] = f[..] else {
                continue;
            };
            let num = |x: &str| x.parse::<f64>().unwrap_or(0.0);
            let (quotes, right) = (num(quotes), num(right));
            cells
                .entry((rule, via, kind, named))
                .or_default()
                .add(quotes, right);
            rules.entry(rule).or_default().add(quotes, right);
            all.add(quotes, right);
        }
        let overall = if all.quotes > 0.0 {
            all.right / all.quotes
        } else {
            0.5
        };
        let rules: HashMap<&str, f64> = rules
            .into_iter()
            .map(|(r, c)| (r, c.shrunk(overall)))
            .collect();
        let cells = cells
            .into_iter()
            .map(|(k, c)| {
                let prior = rules.get(k.0).copied().unwrap_or(overall);
                (k, c.shrunk(prior))
            })
            .collect();
        Confidence {
            cells,
            rules,
            overall,
        }
    }

    /// The confidence of a quote found by `rule`, its speaker resolved by
    /// `via` (`None`: no speaker), of `kind`, its speaker mention a name or
    /// not ([`named`]).
    pub(super) fn of(
        &self,
        rule: &'static str,
        via: Option<SpeakerVia>,
        kind: QuoteKind,
        named: bool,
    ) -> f64 {
        let via = via.map_or("-", SpeakerVia::as_str);
        let named = if named { "1" } else { "0" };
        self.cells
            .get(&(rule, via, kind.as_str(), named))
            .or_else(|| self.rules.get(rule))
            .copied()
            .unwrap_or(self.overall)
    }
}

/// Whether a speaker mention is a name: a capitalised word after its first
/// word, or a single capitalised word ("Lind", "Mayor Eva Lind"; not "the
/// minister", "He said"'s "He" counts as one capitalised word). The fit
/// (`tools/fit_confidence.py`) decides the same way.
pub(super) fn named(mention: &str) -> bool {
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut words = mention.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let mut rest = words.peekable();
    if rest.peek().is_none() {
        return cap(first);
    }
    rest.any(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_cells_shrink_toward_their_rule_and_unseen_ones_are_the_rule() {
        let c = Confidence::parse(
            "# comment\na\tmention\tdirect\t1\t90\t90\na\tpronoun\tdirect\t0\t1\t0\n\
             b\tmention\tdirect\t1\t100\t0\n",
        );
        // Overall 90 of 191; rule a 90 of 91 shrunk toward it.
        let a = c.rules["a"];
        assert!(a > 0.9 && a < 0.99, "{a}");
        let rare = c.of("a", Some(SpeakerVia::Pronoun), QuoteKind::Direct, false);
        assert!(rare > 0.8 && rare < a, "{rare}");
        let unseen = c.of("a", Some(SpeakerVia::Title), QuoteKind::Direct, true);
        assert!((unseen - a).abs() < 1e-12, "{unseen}");
        assert!(c.of("b", Some(SpeakerVia::Mention), QuoteKind::Direct, true) < 0.1);
        assert!((c.of("zzz", None, QuoteKind::Mixed, false) - 90.0 / 191.0).abs() < 1e-9);
    }

    #[test]
    fn a_mention_is_a_name_when_a_capitalised_word_follows_its_first() {
        for (mention, want) in [
            ("Lind", true),
            ("Mayor Eva Lind", true),
            ("the minister", false),
            ("The minister", false),
            ("officials", false),
            ("he", false),
            ("a spokeswoman for Nordvik Port", true),
            ("", false),
        ] {
            assert_eq!(named(mention), want, "{mention}");
        }
    }

    #[test]
    fn the_builtin_table_gives_probabilities() {
        let c = Confidence::builtin();
        let lines = TABLE.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(c.cells.len(), lines, "every line of the table is a cell");
        assert!(c.cells.values().all(|p| (0.0..=1.0).contains(p)));
    }
}
