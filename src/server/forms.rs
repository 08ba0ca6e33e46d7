//! How a form's server function ends, with and without JavaScript.
//!
//! Hydrated, a form's call answers with the error's own HTTP status (422, 429 with `Retry-After`, ...)
//! and the page shows it in place; the fields keep what was typed because the page stays. A plain form
//! post (no JavaScript) is redirected back to its page with the error in the URL, which the page renders
//! next to the fields; what was typed (never a password) goes back with it as a draft, so the page
//! can fill the fields in again.
//!
//! The draft travels in a short-lived cookie, not in the session: these forms are mostly an anonymous
//! visitor's (sign-in, sign-up, a forgotten password), and keeping their drafts in the session made every
//! refused post from a client without cookies a new session row. The browser holds the few kilobytes
//! instead, and the database nothing.
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;

/// The cookie that carries a refused plain form's typed values to the page it returns to.
const DRAFT_COOKIE: &str = "qala_draft";
/// The largest draft kept, encoded: a few addresses and names, never a document. A bigger one is
/// dropped (the errors still reach the page).
pub const MAX_DRAFT_BYTES: usize = 2048;
/// How long a draft waits for its page, which is asked for right after the post.
const DRAFT_LIFETIME: cookie::time::Duration = cookie::time::Duration::minutes(5);

/// Ends form `F`'s server function: on success a plain form goes on to `next` (a hydrated one is
/// navigated there too); on failure the error gets its status, and a plain form's typed values are kept.
pub async fn finish<F: ServerFn, T>(
    outcome: Result<T, AppError>,
    typed: &[(&str, &str)],
    next: Option<&str>,
) -> Result<T, AppError> {
    let headers = request_headers().await;
    match &outcome {
        Ok(_) => {
            if read_draft(&headers).is_some() {
                set_draft_cookie(String::new(), cookie::time::Duration::ZERO);
            }
            if let Some(next) = next {
                leptos_axum::redirect(next);
            }
        }
        Err(_) if is_plain_form_post(&headers) => {
            if !typed.is_empty() {
                let mut draft = form_urlencoded::Serializer::new(String::new());
                draft.append_pair(DRAFT_FORM, F::PATH).extend_pairs(typed);
                let draft = draft.finish();
                if draft.len() <= MAX_DRAFT_BYTES {
                    set_draft_cookie(draft, DRAFT_LIFETIME);
                }
            }
        }
        Err(error) => set_error_status(error),
    }
    outcome
}

/// The name under which a draft says which form it belongs to.
const DRAFT_FORM: &str = "__form";

/// Sets (or, with a zero lifetime, removes) the draft cookie on the current response.
fn set_draft_cookie(value: String, lifetime: cookie::time::Duration) {
    let (Some(response), Ok(state)) = (use_context::<leptos_axum::ResponseOptions>(), super::app_state()) else {
        return;
    };
    let cookie = cookie::Cookie::build((DRAFT_COOKIE, value))
        .path("/")
        .max_age(lifetime)
        .same_site(cookie::SameSite::Lax)
        .http_only(true)
        .secure(state.public_url.starts_with("https://"))
        .build();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// The request's draft cookie, read back: the form it belongs to and its values.
fn read_draft(headers: &HeaderMap) -> Option<(String, Vec<(String, String)>)> {
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == DRAFT_COOKIE && !cookie.value().is_empty())?;
    let mut pairs = form_urlencoded::parse(cookie.value().as_bytes()).into_owned();
    let (name, form) = pairs.next()?;
    (name == DRAFT_FORM).then(|| (form, pairs.collect()))
}

async fn request_headers() -> HeaderMap {
    leptos_axum::extract::<HeaderMap>().await.unwrap_or_default()
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
fn is_plain_form_post(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// The values a plain form post of `path` left behind when it failed.
pub async fn draft(path: &str) -> Result<Vec<(String, String)>, AppError> {
    Ok(read_draft(&request_headers().await)
        .filter(|(form, _)| form == path)
        .map(|(_, values)| values)
        .unwrap_or_default())
}
