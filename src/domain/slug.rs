//! Stable, readable identifiers used in URLs.
use serde::{Deserialize, Serialize};
use std::fmt;

use super::validation::{FieldError, Problem};

/// A URL identifier: lowercase ASCII letters, digits and single hyphens, at most 80 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(text: &str) -> Result<Slug, FieldError> {
        let valid = !text.is_empty()
            && text.len() <= Self::MAX_LEN
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        if valid { Ok(Slug(text.to_owned())) } else { Err(FieldError::new("slug", Problem::InvalidSlug)) }
    }

    /// Builds a slug from already-transliterated ASCII words (see the server's text folding),
    /// keeping whole words within the length limit. `None` when nothing usable is left.
    pub fn from_ascii_words(text: &str) -> Option<Slug> {
        let mut slug = String::new();
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()) {
            let needed = word.len() + usize::from(!slug.is_empty());
            if slug.len() + needed > Self::MAX_LEN {
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(&word.to_ascii_lowercase());
        }
        Slug::parse(&slug).ok()
    }

    /// This slug with a numeric suffix, used when the plain one is taken.
    pub fn with_suffix(&self, number: u32) -> Slug {
        let suffix = format!("-{number}");
        let mut base = self.0.clone();
        base.truncate(Self::MAX_LEN - suffix.len());
        Slug(format!("{}{suffix}", base.trim_end_matches('-')))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl TryFrom<String> for Slug {
    type Error = FieldError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Slug::parse(&text)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_only_clean_slugs() {
        assert!(Slug::parse("az-cert-2024").is_ok());
        for bad in ["", "Az", "a--b", "-a", "a-", "a_b", "şirkət", &"a".repeat(81)] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn words_become_a_bounded_slug() {
        assert_eq!(Slug::from_ascii_words("Kiber Qalxan MMC").unwrap().as_str(), "kiber-qalxan-mmc");
        assert_eq!(Slug::from_ascii_words("  --  ").map(|s| s.0), None);
        let long = "word ".repeat(40);
        let slug = Slug::from_ascii_words(&long).unwrap();
        assert!(slug.as_str().len() <= Slug::MAX_LEN && !slug.as_str().ends_with('-'));
    }

    #[test]
    fn suffix_keeps_the_limit() {
        let slug = Slug::parse(&"a".repeat(80)).unwrap();
        let suffixed = slug.with_suffix(12);
        assert!(suffixed.as_str().ends_with("-12") && suffixed.as_str().len() == 80);
        assert_eq!(Slug::parse("qala").unwrap().with_suffix(2).as_str(), "qala-2");
    }
}
