//! What the plain routes share (forms that are not server functions, private files): who is signed
//! in, and how an error or a private image answers.
use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::{
    domain::lang::Lang,
    error::AppError,
    routes,
    server::{AppState, auth, db::Credentials},
};

/// The signed-in account of a plain route, or the answer that sends the visitor to sign in.
pub async fn signed_in_user(state: &AppState, session: &Session, lang: Lang) -> Result<Credentials, Response> {
    match auth::signed_in(&state.db, session, OffsetDateTime::now_utc()).await {
        Ok(Some(credentials)) => Ok(credentials),
        Ok(None) => Err((StatusCode::UNAUTHORIZED, Redirect::to(&routes::account::sign_in(lang))).into_response()),
        Err(error) => Err(error_response(&error)),
    }
}

/// An error as a plain route answers it: its status and its message.
pub fn error_response(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.to_string()).into_response()
}

/// An image not public yet (a logo waiting for review), for the person allowed to see it: no shared
/// cache keeps it.
pub fn private_png(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "private, no-store")], bytes).into_response()
}
