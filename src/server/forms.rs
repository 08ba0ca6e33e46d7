//! How a refused form comes back to its page, for every form of the site: server functions
//! (hydrated or plain posts) and plain routes (multipart uploads, the editor's and staff's forms) alike.
//!
//! Hydrated, a server function's call answers with the error's own HTTP status (422, 429 with
//! `Retry-After`, ...) and the page shows it in place; the fields keep what was typed because the page
//! stays. A plain post is sent back to its page instead, and what was typed (never a password) and what
//! was wrong wait under the form's [`FormKey`] for that page to [`take`] them, at most [`LIFETIME`].
//! They wait:
//! - for a signed-in person, in their session, on the server (up to [`MAX_KEPT_BYTES`]: a whole
//!   profile in three languages);
//! - for anyone else (sign-in, sign-up, a forgotten password), in a short-lived cookie of at most
//!   [`MAX_COOKIE_BYTES`]: keeping those in a session made every refused post from a client without
//!   cookies a new session row, so the browser holds the few kilobytes instead and the database nothing.
//!
//! A server function's messages also travel in its redirect's URL (Leptos's way), which is where its
//! page reads them; a plain route's travel in the store with what was typed.
use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::{
    auth::{self, session_error},
    http::plain::error_response,
};
use crate::{
    domain::{editing::DESCRIPTION_MAX, validation::FieldError},
    error::AppError,
};

/// Which form a refusal belongs to; the page showing that form asks for the same key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormKey {
    /// A server function's form, by its path.
    Call(String),
    /// A listing's profile, by its slug.
    Profile(String),
    /// A listing's logo upload.
    Logo(String),
    /// One of a listing's solutions (`key` is `new`, a solution's id, or a waiting addition).
    Solution {
        slug: String,
        key: String,
    },
    /// The request for a new listing.
    NewListing,
    /// Staff's decision on a change, by the revision's id.
    Decision(i64),
    /// Staff's decisions on ownership claims, all on the dashboard: the claim decided travels with
    /// what was typed (as `claim`), so a refusal finds its claim, or says so when it is gone.
    Claims,
    /// Staff acting on a listing, by its slug.
    Listing(String),
    People,
    Taxonomy,
    Forum,
    SitePages,
    Import,
}

impl std::fmt::Display for FormKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormKey::Call(path) => write!(f, "call:{path}"),
            FormKey::Profile(slug) => write!(f, "profile:{slug}"),
            FormKey::Logo(slug) => write!(f, "logo:{slug}"),
            FormKey::Solution { slug, key } => write!(f, "solution:{slug}:{key}"),
            FormKey::NewListing => f.write_str("new-listing"),
            FormKey::Decision(id) => write!(f, "decision:{id}"),
            FormKey::Claims => f.write_str("claims"),
            FormKey::Listing(slug) => write!(f, "listing:{slug}"),
            FormKey::People => f.write_str("people"),
            FormKey::Taxonomy => f.write_str("taxonomy"),
            FormKey::Forum => f.write_str("forum"),
            FormKey::SitePages => f.write_str("site-pages"),
            FormKey::Import => f.write_str("import"),
        }
    }
}

/// What a refused form leaves for its page: the values typed and what was wrong with them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub values: Vec<(String, String)>,
    pub errors: Vec<FieldError>,
}

/// A refusal as the store keeps it, with the form it belongs to and until when (Unix seconds).
#[derive(Serialize, Deserialize)]
struct Kept {
    form: String,
    until: i64,
    refused: Refused,
}

impl Kept {
    fn new(key: &FormKey, refused: Refused) -> Kept {
        Kept { form: key.to_string(), until: (OffsetDateTime::now_utc() + LIFETIME).unix_timestamp(), refused }
    }

    /// The refusal, if it belongs to form `key` and is still waiting.
    fn of(self, key: &FormKey) -> Option<Refused> {
        (self.form == key.to_string() && OffsetDateTime::now_utc().unix_timestamp() <= self.until)
            .then_some(self.refused)
    }
}

/// The session key of the one refusal a session keeps, the latest (its page takes it right after).
const KEPT_IN_SESSION: &str = "refused_form";
/// The cookie that carries an anonymous visitor's refusal.
const KEPT_IN_COOKIE: &str = "qala_draft";
/// The most a session keeps of what was typed, encoded. Beyond it the values are dropped and only the
/// errors kept, so a session row stays small however large a post its body limit lets through.
pub const MAX_KEPT_BYTES: usize = 64 * 1024;
/// The largest refusal a cookie carries, encoded: a few addresses and names, never a document. A
/// bigger one is dropped (a server function's errors still reach the page, in its URL).
pub const MAX_COOKIE_BYTES: usize = 2048;
/// How long a refusal waits for its page, which is asked for right after the post.
pub const LIFETIME: time::Duration = time::Duration::minutes(5);

/// Keeps a refusal for the page of form `key`: in a signed-in person's session, else in a cookie on
/// the current response. Each value is cut to the longest text any field takes (one typed beyond it
/// comes back cut there, next to its error); the values are kept only while within the carrier's bound.
pub async fn keep(session: &Session, key: &FormKey, mut refused: Refused) -> Result<(), AppError> {
    for (_, value) in &mut refused.values {
        if let Some((cut, _)) = value.char_indices().nth(DESCRIPTION_MAX) {
            value.truncate(cut);
        }
    }
    let typed = |refused: &Refused| refused.values.iter().map(|(name, value)| name.len() + value.len()).sum::<usize>();
    if auth::holds_account(session).await? {
        if typed(&refused) > MAX_KEPT_BYTES {
            refused.values.clear();
        }
        return session.insert(KEPT_IN_SESSION, Kept::new(key, refused)).await.map_err(session_error);
    }
    let mut encoded = encode(&Kept::new(key, refused.clone()));
    if encoded.len() > MAX_COOKIE_BYTES {
        refused.values.clear();
        encoded = encode(&Kept::new(key, refused.clone()));
    }
    if encoded.len() <= MAX_COOKIE_BYTES && refused != Refused::default() {
        set_cookie(encoded, LIFETIME);
    }
    Ok(())
}

/// What a refused post of form `key` left for its page (nothing, if it left nothing). A session's
/// refusal is shown by one page view (a reload shows the form as saved) however often that page draws
/// the form while it renders; a cookie's lasts its few minutes, or until the form goes through.
pub async fn take(key: &FormKey) -> Result<Refused, AppError> {
    let taken = use_context::<TakenThisRequest>().unwrap_or_default();
    if let Some(refused) = taken.find(key) {
        return Ok(refused);
    }
    let session = auth::request_session().await?;
    if !auth::holds_account(&session).await? {
        return Ok(read_cookie(&request_headers().await).and_then(|kept| kept.of(key)).unwrap_or_default());
    }
    let Some(kept) = session.get::<Kept>(KEPT_IN_SESSION).await.map_err(session_error)? else {
        return Ok(Refused::default());
    };
    if kept.form != key.to_string() {
        return Ok(Refused::default());
    }
    session.remove_value(KEPT_IN_SESSION).await.map_err(session_error)?;
    let refused = kept.of(key).unwrap_or_default();
    taken.remember(key, &refused);
    Ok(refused)
}

/// The refusals a request took from its session, for every part of its page that asks again.
#[derive(Clone, Default)]
pub struct TakenThisRequest(std::sync::Arc<std::sync::Mutex<Vec<(String, Refused)>>>);

impl TakenThisRequest {
    /// Gives the request being rendered its own memory of what it took.
    pub fn provide() {
        provide_context(TakenThisRequest::default());
    }

    fn find(&self, key: &FormKey) -> Option<Refused> {
        let form = key.to_string();
        let taken = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        taken.iter().find(|(name, _)| *name == form).map(|(_, refused)| refused.clone())
    }

    fn remember(&self, key: &FormKey, refused: &Refused) {
        let mut taken = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        taken.push((key.to_string(), refused.clone()));
    }
}

/// Forgets what a refused post of form `key` left in `session`, once the form went through. (A cookie's
/// refusal is removed with the server function's answer, in [`finish`].)
async fn forget(session: &Session, key: &FormKey) -> Result<(), AppError> {
    if session
        .get::<Kept>(KEPT_IN_SESSION)
        .await
        .map_err(session_error)?
        .is_some_and(|kept| kept.form == key.to_string())
    {
        session.remove_value(KEPT_IN_SESSION).await.map_err(session_error)?;
    }
    Ok(())
}

/// Ends form `F`'s server function: on success a plain form goes on to `next` (a hydrated one is
/// navigated there too); on failure the error gets its status, and a plain form's typed values are kept.
pub async fn finish<F: ServerFn, T>(
    outcome: Result<T, AppError>,
    typed: &[(&str, &str)],
    next: Option<&str>,
) -> Result<T, AppError> {
    let key = FormKey::Call(F::PATH.to_owned());
    match &outcome {
        Ok(_) => {
            if read_cookie(&request_headers().await).is_some() {
                set_cookie(String::new(), time::Duration::ZERO);
            }
            forget(&auth::request_session().await?, &key).await?;
            if let Some(next) = next {
                leptos_axum::redirect(next);
            }
        }
        Err(_) if is_plain_form_post(&request_headers().await) => {
            if !typed.is_empty() {
                let values = typed.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect();
                keep(&auth::request_session().await?, &key, Refused { values, errors: Vec::new() }).await?;
            }
        }
        Err(error) => set_error_status(error),
    }
    outcome
}

/// After a plain route's form: on to where it leads (303, so a reload does not post again), or back to
/// `page` with the refusal kept for it. Only a refusal of what was typed goes back; any other error
/// answers as itself.
pub async fn back_to_form(
    session: &Session,
    key: &FormKey,
    page: String,
    outcome: Result<String, (AppError, Vec<(String, String)>)>,
) -> Response {
    match outcome {
        Ok(next) => match forget(session, key).await {
            Ok(()) => Redirect::to(&next).into_response(),
            Err(error) => error_response(&error),
        },
        Err((AppError::Invalid(errors), values)) => match keep(session, key, Refused { values, errors }).await {
            Ok(()) => Redirect::to(&page).into_response(),
            Err(error) => error_response(&error),
        },
        Err((error, _)) => error_response(&error),
    }
}

/// A refusal as a cookie's value.
fn encode(kept: &Kept) -> String {
    let json = serde_json::to_string(kept).unwrap_or_default();
    form_urlencoded::byte_serialize(json.as_bytes()).collect()
}

/// Sets (or, with a zero lifetime, removes) the refusal's cookie on the current response.
fn set_cookie(value: String, lifetime: time::Duration) {
    let (Some(response), Ok(state)) = (use_context::<leptos_axum::ResponseOptions>(), super::app_state()) else {
        return;
    };
    let cookie = cookie::Cookie::build((KEPT_IN_COOKIE, value))
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

/// The refusal the request's cookie carries, read back.
fn read_cookie(headers: &HeaderMap) -> Option<Kept> {
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == KEPT_IN_COOKIE && !cookie.value().is_empty())?;
    let json: String = form_urlencoded::parse(format!("v={}", cookie.value()).as_bytes()).next()?.1.into_owned();
    serde_json::from_str(&json).ok()
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
