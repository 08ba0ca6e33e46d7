//! What a form page needs from the server beyond its own call.
use leptos::prelude::*;

use crate::error::AppError;

/// What was typed into the form posting to server function `path`, when it was refused without
/// JavaScript (its messages are in the page's URL).
#[server(endpoint = "forms/refused")]
pub async fn get_refused_form(path: String) -> Result<Vec<(String, String)>, AppError> {
    Ok(crate::server::forms::take(&crate::server::forms::FormKey::Call(path)).await?.values)
}
