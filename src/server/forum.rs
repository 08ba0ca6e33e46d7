//! The public forum page: an edition's panels with the published listings taking part.
use super::AppState;
use crate::{
    domain::{
        forum::{EditionLink, EditionView, ForumEdition, ForumPage, PanelView},
        lang::Lang,
    },
    error::AppError,
};

/// An edition's name in the reader's language (its slug when it has none).
pub fn edition_link(edition: &ForumEdition, lang: Lang) -> EditionLink {
    EditionLink {
        slug: edition.slug.clone(),
        name: edition.names.pick(lang).map_or_else(|| edition.slug.to_string(), |name| name.value.clone()),
        starts_on: edition.starts_on.clone(),
    }
}

/// The edition a slug names, or the newest (the first) when none does; an unknown slug is not found.
pub fn chosen_edition<'a>(
    editions: &'a [ForumEdition],
    slug: Option<&str>,
) -> Result<Option<&'a ForumEdition>, AppError> {
    match slug {
        Some(slug) => editions.iter().find(|edition| edition.slug.as_str() == slug).map(Some).ok_or(AppError::NotFound),
        None => Ok(editions.first()),
    }
}

/// The edition named by `edition` (the newest when none is), with links to every edition; an unknown
/// edition is not found.
pub async fn page(state: &AppState, edition: Option<&str>, lang: Lang) -> Result<ForumPage, AppError> {
    let db = &state.db;
    let editions = db.forum_editions().await?;
    let chosen = chosen_edition(&editions, edition)?;
    let edition = match chosen {
        None => None,
        Some(edition) => {
            let mut panels = Vec::new();
            for panel in db.forum_panels(Some(edition.id)).await? {
                let mut participants = state.search.organization_cards(&panel.participant_ids, lang).await?;
                participants.sort_by_cached_key(|card| crate::server::text::fold(&card.name.plain()));
                let summary = panel.texts.pick(lang).and_then(|text| text.value.summary.clone());
                panels.push(PanelView { slug: panel.slug.clone(), title: panel.title(lang), summary, participants });
            }
            Some(EditionView { link: edition_link(edition, lang), city: edition.city.clone(), panels })
        }
    };
    Ok(ForumPage { editions: editions.iter().map(|edition| edition_link(edition, lang)).collect(), edition })
}
