//! The routes the editing pages' plain forms post to (the logo's is multipart, which server functions
//! cannot take without JavaScript), and the pending logo its editors may see.
use axum::{
    Router,
    extract::{Multipart, Path, State},
    response::Response,
    routing::{get, post},
};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::{pending_logo, request_listing, save_logo, save_profile, save_solution};
use crate::domain::{
    editing::{ProfileForm, SolutionForm},
    lang::Lang,
    validation::{FieldError, Problem},
};
use crate::routes;
use crate::server::{
    AppState,
    forms::{FormKey, back_to_form},
    http::plain::{error_response, private_png, signed_in_user},
};

/// The routes the editor's plain forms post to.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&routes::editing::profile("{lang}", "{slug}"), post(post_profile))
        .route(&routes::editing::logo("{lang}", "{slug}"), post(post_logo))
        .route(&routes::editing::pending_logo("{slug}"), get(get_pending_logo))
        .route(&routes::editing::new_listing("{lang}"), post(post_new_listing))
        .route(&routes::editing::solution("{lang}", "{slug}", "{key}"), post(post_solution))
}

async fn post_profile(
    State(state): State<AppState>,
    session: Session,
    Path((lang, slug)): Path<(Lang, String)>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, lang).await?;
    let form = ProfileForm(pairs);
    let page = routes::editing::listing(lang, &slug);
    let outcome = save_profile(&state, &credentials.user, &slug, &form, OffsetDateTime::now_utc())
        .await
        .map(|status| format!("{page}?saved={status}"))
        .map_err(|error| (error, form.0));
    Ok(back_to_form(&session, &FormKey::Profile(slug), page, outcome).await)
}

async fn get_pending_logo(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, Lang::En).await?;
    let bytes = pending_logo(&state, &credentials.user, &slug).await.map_err(|error| error_response(&error))?;
    Ok(private_png(bytes))
}

async fn post_logo(
    State(state): State<AppState>,
    session: Session,
    Path((lang, slug)): Path<(Lang, String)>,
    mut multipart: Multipart,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, lang).await?;
    let mut bytes = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("logo") {
            match field.bytes().await {
                Ok(data) => bytes = data.to_vec(),
                Err(_) => {
                    return Err(error_response(&FieldError::new("logo", Problem::FileTooLarge { max_mib: 2 }).into()));
                }
            }
        }
    }
    let page = routes::editing::listing(lang, &slug);
    let outcome = if bytes.is_empty() {
        Err((FieldError::new("logo", Problem::Required).into(), Vec::new()))
    } else {
        save_logo(&state, &credentials.user, &slug, &bytes, OffsetDateTime::now_utc())
            .await
            .map(|status| format!("{page}?logo={status}"))
            .map_err(|error| (error, Vec::new()))
    };
    Ok(back_to_form(&session, &FormKey::Logo(slug), format!("{page}#logo"), outcome).await)
}

/// A solution's form: `intent` says whether it saves, removes the solution, or withdraws its change.
async fn post_solution(
    State(state): State<AppState>,
    session: Session,
    Path((lang, slug, key)): Path<(Lang, String, String)>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, lang).await?;
    let form = SolutionForm(pairs);
    let outcome = save_solution(&state, &credentials.user, &slug, &key, &form, OffsetDateTime::now_utc()).await;
    let page = routes::editing::solution(lang, &slug, &key);
    let outcome = outcome
        .map(|status| format!("{}?solution={status}#solutions", routes::editing::listing(lang, &slug)))
        .map_err(|error| (error, form.0));
    Ok(back_to_form(&session, &FormKey::Solution { slug, key }, page, outcome).await)
}

async fn post_new_listing(
    State(state): State<AppState>,
    session: Session,
    Path(lang): Path<Lang>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, lang).await?;
    let form = ProfileForm(pairs);
    let outcome = request_listing(&state, &credentials.user, &form, OffsetDateTime::now_utc())
        .await
        .map(|slug| format!("{}?saved=pending", routes::editing::listing(lang, &slug)))
        .map_err(|error| (error, form.0));
    Ok(back_to_form(&session, &FormKey::NewListing, routes::editing::new_listing(lang), outcome).await)
}
