//! Everything that runs only on the server: configuration, the database, HTTP, the command line.
//! Compiled with the `ssr` feature only; the browser bundle never sees it.
pub mod accounts;
pub mod auth;
pub mod background;
pub mod bulk;
pub mod cli;
pub mod curation;
pub mod db;
pub mod drain;
pub mod editing;
pub mod forms;
pub mod forum;
pub mod http;
pub mod logos;
pub mod mail;
pub mod markdown;
pub mod open_data;
pub mod profiles;
pub mod search;
pub mod seed;
pub mod site_pages;
pub mod spreadsheet;
pub mod syndication;
pub mod taxonomy;
pub mod telemetry;
pub mod text;

use leptos::config::LeptosOptions;

use db::Database;

/// What every request handler and server function can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Database,
    /// Search over the directory; its indexes are this instance's own, rebuilt from the database.
    pub search: search::Search,
    /// The address the public reaches the site at, for absolute links (hreflang, feeds, sitemaps).
    pub public_url: String,
    /// Proxies whose `X-Forwarded-For` is believed, for throttling by the visitor's address.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// What `/.well-known/security.txt` says, when the operator configured a contact.
    pub security_txt: Option<std::sync::Arc<http::security::SecurityTxt>>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from inside a server function or a component rendered on the server.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        // Listing the routes at start renders the app once without any state; nothing failed then.
        if !leptos_router::RouteList::is_generating() {
            tracing::error!("AppState missing from the Leptos context");
        }
        crate::error::AppError::Internal
    })
}
