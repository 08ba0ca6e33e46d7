//! Figures about the whole ecosystem.
use sqlx::Row;

use super::Database;
use crate::{
    domain::{
        organization::OrganizationKind,
        stats::{EcosystemStats, KindCount},
    },
    error::AppError,
};

impl Database {
    /// Counts of published listings, by kind and in total.
    pub async fn ecosystem_stats(&self) -> Result<EcosystemStats, AppError> {
        let counted: Vec<(String, i64)> = sqlx::query(
            "SELECT kind, COUNT(*) AS listings FROM organizations WHERE status = 'published' GROUP BY kind",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| Ok((row.try_get("kind")?, row.try_get("listings")?)))
        .collect::<Result<_, sqlx::Error>>()?;
        let by_kind: Vec<KindCount> = OrganizationKind::ALL
            .iter()
            .map(|kind| KindCount {
                kind: *kind,
                count: counted.iter().find(|(word, _)| word == kind.as_str()).map_or(0, |(_, count)| *count),
            })
            .collect();
        let totals = sqlx::query(
            "SELECT \
               (SELECT COUNT(*) FROM organizations WHERE status = 'published') AS organizations, \
               (SELECT COUNT(*) FROM solutions JOIN organizations ON organizations.id = solutions.organization_id \
                  WHERE organizations.status = 'published') AS solutions, \
               (SELECT COUNT(DISTINCT country) FROM organizations WHERE status = 'published') AS countries",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(EcosystemStats {
            by_kind,
            organizations: totals.try_get("organizations")?,
            solutions: totals.try_get("solutions")?,
            countries: totals.try_get("countries")?,
        })
    }
}

/// The setting that marks an installation showing the fictional demo ecosystem.
const DEMO_DATA_SETTING: &str = "demo_data_loaded_at";

impl Database {
    pub async fn demo_data_loaded(&self) -> Result<bool, AppError> {
        let found: Option<String> = sqlx::query_scalar("SELECT value FROM site_settings WHERE name = $1")
            .bind(DEMO_DATA_SETTING)
            .fetch_optional(self.pool())
            .await?;
        Ok(found.is_some())
    }

    pub async fn mark_demo_data_loaded(&self, now: time::OffsetDateTime) -> Result<(), AppError> {
        let now = super::encode_time(now);
        sqlx::query(
            "INSERT INTO site_settings (name, value, updated_at) VALUES ($1, $2, $2) \
             ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(DEMO_DATA_SETTING)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
