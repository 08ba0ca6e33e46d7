//! How search words meet indexed words: folding, weights, prefixes, forgiven typos, highlighting.
//!
//! Search runs in Rust over an in-memory index built from the database (see `index`), so SQLite
//! and PostgreSQL answer identically and facet counts stay fast at a hundred thousand listings.
use std::collections::BTreeMap;

use super::text::{fold, words};
use crate::domain::{
    directory::{Fragment, HighlightedText},
    lang::Lang,
};

pub mod directory;
pub mod index;

pub use directory::Search;

/// Weights of the places a word can occur; a word counts with its best place.
pub const NAME_WEIGHT: u8 = 100;
pub const SUMMARY_WEIGHT: u8 = 10;
pub const TAXONOMY_WEIGHT: u8 = 5;
pub const DESCRIPTION_WEIGHT: u8 = 3;

/// Query words this long or longer also match as prefixes of indexed words.
const MIN_PREFIX_LEN: usize = 2;
/// Query words this long or longer are forgiven one typo.
const MIN_TYPO_LEN: usize = 5;
/// Indexed words this long or longer get typo variants: a five-letter query word with one letter
/// left out must still find them.
pub const MIN_VARIANT_LEN: usize = MIN_TYPO_LEN - 1;
/// Words of a query beyond this many are ignored.
const MAX_QUERY_WORDS: usize = 8;

/// Adds the words of a text to a word list, keeping for each word the best weight it was seen with.
pub fn add_words(terms: &mut BTreeMap<String, u8>, text: &str, weight: u8) {
    for word in words(text) {
        let best = terms.entry(word).or_insert(weight);
        *best = (*best).max(weight);
    }
}

/// A word and each of its one-letter deletions: two words within one edit (insertion, deletion,
/// substitution or swap of neighbours) always share one of these.
pub fn variants(word: &str) -> Vec<String> {
    let mut variants = vec![word.to_owned()];
    if word.len() >= MIN_VARIANT_LEN {
        for index in 0..word.len() {
            let variant = format!("{}{}", &word[..index], &word[index + 1..]);
            if !variants.contains(&variant) {
                variants.push(variant);
            }
        }
    }
    variants
}

/// One word of a search and the indexed words it matches beyond itself and its prefix range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordMatch {
    pub word: String,
    /// Known words one edit away (filled in from the index for long enough words).
    pub near: Vec<String>,
}

impl WordMatch {
    pub fn new(word: String) -> WordMatch {
        WordMatch { word, near: Vec::new() }
    }

    /// The exclusive end of the range of words that start with this one; `None` when too short.
    /// Folded words are ASCII letters and digits, all of which sort before `{`.
    pub fn prefix_end(&self) -> Option<String> {
        (self.word.len() >= MIN_PREFIX_LEN).then(|| format!("{}{{", self.word))
    }

    pub fn forgives_typos(&self) -> bool {
        self.word.len() >= MIN_TYPO_LEN
    }

    /// Keeps the candidates that really are one edit from the word (and are not matched anyway).
    pub fn keep_near(&mut self, candidates: impl IntoIterator<Item = String>) {
        for candidate in candidates {
            if !self.matches_directly(&candidate)
                && strsim::osa_distance(&self.word, &candidate) <= 1
                && !self.near.contains(&candidate)
            {
                self.near.push(candidate);
            }
        }
        self.near.sort();
    }

    fn matches_directly(&self, term: &str) -> bool {
        term == self.word || (self.prefix_end().is_some() && term.starts_with(&self.word))
    }

    /// Whether an indexed word is found by this query word.
    pub fn matches(&self, term: &str) -> bool {
        self.matches_directly(term) || self.near.iter().any(|near| near == term)
    }
}

/// The words of a search, folded, without repeats, at most eight.
pub fn query_words(text: &str) -> Vec<WordMatch> {
    let mut found: Vec<String> = Vec::new();
    for word in words(text) {
        if !found.contains(&word) && found.len() < MAX_QUERY_WORDS {
            found.push(word);
        }
    }
    found.into_iter().map(WordMatch::new).collect()
}

/// Splits displayed text into fragments, marking each word that one of the search words found.
pub fn highlight(text: &str, lang: Lang, matches: &[WordMatch]) -> HighlightedText {
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut push = |piece: &str, matched: bool| match fragments.last_mut() {
        Some(last) if last.matched == matched => last.text.push_str(piece),
        _ => fragments.push(Fragment { text: piece.to_owned(), matched }),
    };
    let mut rest = text;
    while !rest.is_empty() {
        let word_len: usize = rest.chars().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum();
        if word_len > 0 {
            let word = &rest[..word_len];
            let matched =
                !matches.is_empty() && words(&fold(word)).any(|term| matches.iter().any(|m| m.matches(&term)));
            push(word, matched);
            rest = &rest[word_len..];
        } else {
            let gap_len: usize = rest.chars().take_while(|c| !c.is_alphanumeric()).map(char::len_utf8).sum();
            push(&rest[..gap_len], false);
            rest = &rest[gap_len..];
        }
    }
    HighlightedText { lang, fragments }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_keep_their_best_weight() {
        let mut terms = BTreeMap::new();
        add_words(&mut terms, "Kiber Qalxan", NAME_WEIGHT);
        add_words(&mut terms, "Qalxan kiber hücumlardan qoruyur", DESCRIPTION_WEIGHT);
        assert_eq!(terms["kiber"], NAME_WEIGHT);
        assert_eq!(terms["hucumlardan"], DESCRIPTION_WEIGHT);
        assert_eq!(terms.len(), 4);
    }

    #[test]
    fn a_typo_and_its_word_share_a_variant() {
        let shares = |a: &str, b: &str| variants(a).iter().any(|variant| variants(b).contains(variant));
        assert!(shares("secruity", "security"), "swapped neighbours");
        assert!(shares("securty", "security"), "a letter left out");
        assert!(shares("securitty", "security"), "a letter doubled");
        assert!(shares("sekurity", "security"), "a letter replaced");
        assert!(!shares("secret", "security"));
        assert_eq!(variants("soc"), ["soc"], "short words get no variants");
    }

    #[test]
    fn near_words_are_checked_and_prefixes_matched() {
        let mut word = query_words("secruity").remove(0);
        assert!(word.forgives_typos());
        word.keep_near(["security".to_owned(), "secret".to_owned(), "secruityx".to_owned()]);
        assert_eq!(word.near, ["security"], "secruityx is found as a prefix anyway");
        let kibert = WordMatch::new("kibert".to_owned());
        assert!(kibert.matches("kibertehlukesizlik") && !kibert.matches("kiber"));
        assert_eq!(kibert.prefix_end().as_deref(), Some("kibert{"));
        assert_eq!(WordMatch::new("a".to_owned()).prefix_end(), None);
    }

    #[test]
    fn query_words_fold_and_drop_repeats() {
        let found: Vec<String> = query_words("Şirkət ŞİRKƏT кибер").into_iter().map(|m| m.word).collect();
        assert_eq!(found, ["sirket", "kiber"]);
    }

    #[test]
    fn highlighting_marks_matched_words_in_the_original_spelling() {
        let matches = query_words("sirket kibert");
        let highlighted = highlight("Abşeron Kiber Mühafizə Şirkəti — kibertəhlükəsizlik", Lang::Az, &matches);
        let marked: Vec<&str> = highlighted.fragments.iter().filter(|f| f.matched).map(|f| f.text.as_str()).collect();
        assert_eq!(marked, ["Şirkəti", "kibertəhlükəsizlik"]);
        assert_eq!(highlighted.plain(), "Abşeron Kiber Mühafizə Şirkəti — kibertəhlükəsizlik");
        assert!(highlight("Кибер Щит", Lang::Ru, &query_words("kiber")).fragments[0].matched);
    }
}
