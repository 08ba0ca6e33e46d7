//! The one error type that crosses the server-function boundary.
//!
//! Internal failures are logged on the server with their detail and reach the client only as
//! [`AppError::Internal`], so no SQL, path or stack text leaks into a page.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::domain::validation::FieldError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("sign in to continue")]
    Unauthorized,
    #[error("you are not allowed to do this")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("some fields need attention")]
    Invalid(Vec<FieldError>),
    /// A call no page of this site makes: more values, text or pages than it answers, or arguments
    /// that do not decode. The text says what was wrong.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u64 },
    #[error("something went wrong on our side")]
    Internal,
    /// The request never reached the function, or its answer never came back.
    #[error("the server could not be reached: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status that fits, for routes and JSON APIs.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::BadRequest(_) => 400,
            AppError::RateLimited { .. } => 429,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }

    /// The problems of one form field, for showing next to it.
    pub fn field_errors(&self, field: &str) -> Vec<&FieldError> {
        match self {
            AppError::Invalid(errors) => errors.iter().filter(|error| error.field == field).collect(),
            _ => Vec::new(),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::Invalid(vec![error])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        match error {
            // The caller sent arguments that do not fit the function. On the server, what fails to
            // deserialize is always a request (a JSON one); in the browser, it is an answer.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest(error.to_string()),
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => AppError::BadRequest(error.to_string()),
            _ => AppError::Transport(error.to_string()),
        }
    }
}
