//! The site's own pages: what staff wrote in a language, else the text that ships with Qala
//! (`site_pages/{kind}.{lang}.md`, whose first line is the `# Title`).
use super::{
    AppState,
    markdown::{first_paragraph, to_safe_html},
};
use crate::{
    domain::{
        lang::Lang,
        site_page::{SitePage, SitePageDraft, SitePageKind, SitePageText},
    },
    error::AppError,
};

/// The text Qala ships for a page in a language.
pub fn shipped(kind: SitePageKind, lang: Lang) -> SitePageDraft {
    let source = match (kind, lang) {
        (SitePageKind::About, Lang::Az) => include_str!("site_pages/about.az.md"),
        (SitePageKind::About, Lang::En) => include_str!("site_pages/about.en.md"),
        (SitePageKind::About, Lang::Ru) => include_str!("site_pages/about.ru.md"),
        (SitePageKind::Contact, Lang::Az) => include_str!("site_pages/contact.az.md"),
        (SitePageKind::Contact, Lang::En) => include_str!("site_pages/contact.en.md"),
        (SitePageKind::Contact, Lang::Ru) => include_str!("site_pages/contact.ru.md"),
        (SitePageKind::Privacy, Lang::Az) => include_str!("site_pages/privacy.az.md"),
        (SitePageKind::Privacy, Lang::En) => include_str!("site_pages/privacy.en.md"),
        (SitePageKind::Privacy, Lang::Ru) => include_str!("site_pages/privacy.ru.md"),
        (SitePageKind::Terms, Lang::Az) => include_str!("site_pages/terms.az.md"),
        (SitePageKind::Terms, Lang::En) => include_str!("site_pages/terms.en.md"),
        (SitePageKind::Terms, Lang::Ru) => include_str!("site_pages/terms.ru.md"),
    };
    let (title, markdown) = source.split_once('\n').unwrap_or((source, ""));
    SitePageDraft { title: title.trim_start_matches('#').trim().to_owned(), markdown: markdown.trim().to_owned() }
}

/// A page's text in a language: staff's, else the shipped one.
pub async fn text(state: &AppState, kind: SitePageKind, lang: Lang) -> Result<SitePageText, AppError> {
    Ok(match state.db.site_page(kind, lang).await? {
        Some(stored) => stored,
        None => SitePageText { kind, lang, draft: shipped(kind, lang), saved: None },
    })
}

/// Every page in every language, as staff edit them.
pub async fn texts(state: &AppState) -> Result<Vec<SitePageText>, AppError> {
    let mut stored = state.db.site_pages().await?;
    let mut texts = Vec::with_capacity(SitePageKind::ALL.len() * Lang::ALL.len());
    for &kind in SitePageKind::ALL {
        for &lang in Lang::ALL {
            let saved = stored.iter().position(|text| text.kind == kind && text.lang == lang);
            texts.push(match saved {
                Some(index) => stored.swap_remove(index),
                None => SitePageText { kind, lang, draft: shipped(kind, lang), saved: None },
            });
        }
    }
    Ok(texts)
}

/// A page as a visitor reads it: its Markdown rendered and sanitized (staff are trusted with the
/// words, not with the page: a stolen staff session must not become a script on every visitor's page).
pub async fn page(state: &AppState, kind: SitePageKind, lang: Lang) -> Result<SitePage, AppError> {
    let SitePageText { draft, saved, .. } = text(state, kind, lang).await?;
    Ok(SitePage {
        kind,
        title: draft.title,
        description: first_paragraph(&draft.markdown),
        html: to_safe_html(&draft.markdown),
        updated_at: saved.map(|saved| saved.at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_ships_with_a_title_and_a_text_in_every_language() {
        for &kind in SitePageKind::ALL {
            for &lang in Lang::ALL {
                let draft = shipped(kind, lang);
                let checked =
                    SitePageDraft::parse(
                        |name| {
                            if name == "title" { draft.title.clone() } else { draft.markdown.clone() }
                        },
                    );
                assert_eq!(checked.as_ref(), Ok(&draft), "{kind} in {lang}: a text staff could save unchanged");
                assert!(!draft.title.starts_with('#') && draft.markdown.len() > 200, "{kind} in {lang}");
            }
        }
    }
}
