//! Forum staff keep the site's own pages (about, contact, privacy, terms) in each language.
use axum::{
    extract::{Path, State},
    response::Response,
};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::form_routes::{Pairs, staff_form};
use crate::server::auth::policy::require_staff;
use crate::server::forms::FormKey;
use crate::{
    domain::{
        audit::AuditAction,
        lang::Lang,
        site_page::{SitePageDraft, SitePageKind, SitePageText},
        user::User,
        validation::{FieldError, Problem},
    },
    error::AppError,
    routes,
    server::{
        AppState,
        db::{Actor, AuditRecord},
        site_pages,
    },
};

/// Every page in every language, for staff to edit.
pub async fn texts(state: &AppState, user: &User) -> Result<Vec<SitePageText>, AppError> {
    require_staff(user)?;
    site_pages::texts(state).await
}

/// Saves a page's text in one language, with its audit row (the text before and after).
pub async fn save(
    state: &AppState,
    user: &User,
    kind: SitePageKind,
    lang: Lang,
    draft: SitePageDraft,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_staff(user)?;
    let before = site_pages::text(state, kind, lang).await?.draft;
    let subject = format!("{kind}{}", routes::home(lang));
    let actor = Actor::person(user);
    let record = AuditRecord::new(&actor, AuditAction::SitePageUpdate, &subject).change(Some(&before), Some(&draft));
    state.db.save_site_page(kind, lang, &draft, &record, now).await
}

/// A page's form: `page` and `text_lang` say which text, `title` and `markdown` what it says; the
/// answer leads back to that form (`#site-page-{page}-{text_lang}`).
pub(super) async fn post_site_page(
    State(state): State<AppState>,
    session: Session,
    Path(lang): Path<Lang>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = routes::curation::site_pages(lang);
    let chosen = |name: &str| pairs.iter().find(|(field, _)| field == name).map(|(_, value)| value.as_str());
    let kind: Option<SitePageKind> = chosen("page").and_then(|value| value.parse().ok());
    let text_lang: Option<Lang> = chosen("text_lang").and_then(|value| value.parse().ok());
    let anchor = match (kind, text_lang) {
        (Some(kind), Some(text_lang)) => format!("#site-page-{kind}-{text_lang}"),
        _ => String::new(),
    };
    let back = format!("{page}{anchor}");
    staff_form(&state, &session, lang, FormKey::SitePages, back, pairs, async |user, form| {
        let kind = kind.ok_or(FieldError::new("page", Problem::InvalidChoice))?;
        let text_lang = text_lang.ok_or(FieldError::new("text_lang", Problem::InvalidChoice))?;
        let draft = SitePageDraft::parse(|name| form.value(name).to_owned()).map_err(AppError::Invalid)?;
        save(&state, user, kind, text_lang, draft, OffsetDateTime::now_utc()).await?;
        Ok(format!("{page}?changed=1{anchor}"))
    })
    .await
}
