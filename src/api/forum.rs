//! The forum's public page.
use leptos::prelude::*;

use crate::{
    domain::{forum::ForumPage, lang::Lang},
    error::AppError,
};

/// An edition of the forum (the newest when `edition` is empty) with its panels and participants.
#[server(endpoint = "forum")]
pub async fn get_forum(edition: Option<String>, lang: Lang) -> Result<ForumPage, AppError> {
    let state = crate::server::app_state()?;
    crate::server::forum::page(&state, edition.as_deref().filter(|slug| !slug.is_empty()), lang).await
}
