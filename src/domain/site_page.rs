//! The site's own pages (about, contact, privacy, terms): a title and a Markdown text in each language,
//! kept by forum staff. Until staff write one, a page shows the text that ships with Qala.
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    lang::Lang,
    validation::{FieldError, required_text},
};

text_enum! {
    /// Which of the site's pages; its text is also the page's address below `/{lang}/`.
    pub enum SitePageKind {
        About = "about",
        Contact = "contact",
        Privacy = "privacy",
        Terms = "terms",
    }
}

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest text, in characters: a privacy statement fits many times over.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A page as a visitor reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitePage {
    pub kind: SitePageKind,
    pub title: String,
    /// The text's first paragraph as plain text, for search engines.
    pub description: String,
    /// The Markdown text rendered and sanitized on the server.
    pub html: String,
    /// When staff last saved it; `None` while it is the text Qala ships with.
    pub updated_at: Option<OffsetDateTime>,
}

/// A page's text in one language, as staff edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitePageText {
    pub kind: SitePageKind,
    pub lang: Lang,
    pub draft: SitePageDraft,
    /// When and by whom it was last saved; `None` while it is the text Qala ships with.
    pub saved: Option<Saved>,
}

/// The last save of a page's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub at: OffsetDateTime,
    pub by: String,
}

/// A page's title and Markdown text as staff typed them, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitePageDraft {
    pub title: String,
    pub markdown: String,
}

impl SitePageDraft {
    /// Reads `title` and `markdown`; both are required and bounded.
    pub fn parse(value: impl Fn(&str) -> String) -> Result<SitePageDraft, Vec<FieldError>> {
        let title = required_text("title", &value("title"), MAX_TITLE_CHARS);
        let markdown = required_text("markdown", &value("markdown"), MAX_TEXT_CHARS);
        match (title, markdown) {
            (Ok(title), Ok(markdown)) => Ok(SitePageDraft { title, markdown }),
            (title, markdown) => Err([title.err(), markdown.err()].into_iter().flatten().collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::Problem;

    #[test]
    fn a_page_needs_a_title_and_a_bounded_text() {
        let typed = |title: &'static str, markdown: String| {
            move |name: &str| if name == "title" { title.to_owned() } else { markdown.clone() }
        };
        let draft = SitePageDraft::parse(typed(" About ", "Qala lists\r\n\r\nthe ecosystem.  ".into())).unwrap();
        assert_eq!(draft, SitePageDraft { title: "About".into(), markdown: "Qala lists\n\nthe ecosystem.".into() });
        let errors = SitePageDraft::parse(typed("", "x".repeat(MAX_TEXT_CHARS + 1))).unwrap_err();
        assert_eq!(
            errors,
            vec![
                FieldError::new("title", Problem::Required),
                FieldError::new("markdown", Problem::TooLong { max: MAX_TEXT_CHARS })
            ]
        );
    }
}
