//! How a form's server function ends, with and without JavaScript.
//!
//! Hydrated, a form's call answers with the error's own HTTP status (422, 429 with `Retry-After`, ...)
//! and the page shows it in place; the fields keep what was typed because the page stays. A plain form
//! post (no JavaScript) is redirected back to its page with the error in the URL, which the page renders
//! next to the fields; what was typed (never a password) waits in the session as a draft, so the page
//! can fill the fields in again.
use axum::http::{HeaderValue, StatusCode, header};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::auth::{request_session, session_error};
use crate::error::AppError;

fn draft_key(path: &str) -> String {
    format!("draft:{path}")
}

/// Ends form `F`'s server function: on success a plain form goes on to `next` (a hydrated one is
/// navigated there too); on failure the error gets its status, and a plain form's typed values are kept.
pub async fn finish<F: ServerFn, T>(
    outcome: Result<T, AppError>,
    typed: &[(&str, &str)],
    next: Option<&str>,
) -> Result<T, AppError> {
    let session = request_session().await?;
    match &outcome {
        Ok(_) => {
            if !typed.is_empty() {
                session.remove_value(&draft_key(F::PATH)).await.map_err(session_error)?;
            }
            if let Some(next) = next {
                leptos_axum::redirect(next);
            }
        }
        Err(_) if is_plain_form_post().await => {
            if !typed.is_empty() {
                let draft: Vec<(String, String)> =
                    typed.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect();
                session.insert(&draft_key(F::PATH), draft).await.map_err(session_error)?;
            }
        }
        Err(error) => set_error_status(error),
    }
    outcome
}

/// The status (and for throttling, the `Retry-After`) that fits an error, on the current response.
pub fn set_error_status(error: &AppError) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    response.set_status(StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    if let AppError::RateLimited { retry_after_secs } = error {
        response.insert_header(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
    }
}

/// Sends the visitor on to `path` for good (a merged listing's old address): a page request gets a
/// 301, a hydrated page's call is navigated there.
pub fn moved_permanently(path: &str) {
    let rendering_a_page =
        use_context::<axum::http::request::Parts>().is_some_and(|parts| !parts.uri.path().starts_with("/api/"));
    match use_context::<leptos_axum::ResponseOptions>() {
        Some(response) if rendering_a_page => {
            if let Ok(location) = HeaderValue::from_str(path) {
                response.set_status(StatusCode::MOVED_PERMANENTLY);
                response.insert_header(header::LOCATION, location);
            }
        }
        _ => leptos_axum::redirect(path),
    }
}

/// Whether the request is a browser's plain form submission rather than a hydrated page's call.
async fn is_plain_form_post() -> bool {
    leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .ok()
        .and_then(|headers| headers.get(header::ACCEPT)?.to_str().ok().map(|accept| accept.contains("text/html")))
        .unwrap_or(false)
}

/// The values a plain form post of `path` left behind when it failed.
pub async fn draft(path: &str) -> Result<Vec<(String, String)>, AppError> {
    let session = request_session().await?;
    Ok(session.get::<Vec<(String, String)>>(&draft_key(path)).await.map_err(session_error)?.unwrap_or_default())
}
