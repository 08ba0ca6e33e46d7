//! What a form page needs from the server beyond its own call.
use leptos::prelude::*;

use crate::error::AppError;

/// What was typed into the form posting to `path`, when it was refused without JavaScript.
#[server(endpoint = "forms/draft")]
pub async fn get_form_draft(path: String) -> Result<Vec<(String, String)>, AppError> {
    crate::server::forms::draft(&path).await
}
