//! Facts about the site as a whole.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::stats::EcosystemStats, error::AppError};

/// What every page's frame needs to know.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    /// The listings are the fictional demo data, and the pages must say so.
    pub demo_data: bool,
}

#[server(endpoint = "site/info")]
pub async fn get_site_info() -> Result<SiteInfo, AppError> {
    let state = crate::server::app_state()?;
    Ok(SiteInfo { demo_data: state.db.demo_data_loaded().await? })
}

#[server(endpoint = "site/stats")]
pub async fn get_ecosystem_stats() -> Result<EcosystemStats, AppError> {
    crate::server::app_state()?.db.ecosystem_stats().await
}
