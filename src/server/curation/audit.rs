//! The audit log as staff read it: a page at a time, or the whole filtered log as CSV.
use crate::server::{AppState, auth::policy::require_staff, spreadsheet::CsvWriter};
use crate::{
    domain::{
        curation::{AUDIT_PAGE, AuditEntry, AuditFilter},
        user::User,
    },
    error::AppError,
};

/// The audit log, newest first, a page at a time.
pub async fn audit(
    state: &AppState,
    user: &User,
    filter: &AuditFilter,
    page: u32,
) -> Result<Vec<AuditEntry>, AppError> {
    require_staff(user)?;
    let offset = i64::from(page.saturating_sub(1)) * AUDIT_PAGE;
    state.db.audit_entries(filter, AUDIT_PAGE, offset).await
}

/// The whole filtered audit log as CSV, for staff.
pub async fn audit_csv(state: &AppState, user: &User, filter: &AuditFilter) -> Result<String, AppError> {
    require_staff(user)?;
    let entries = state.db.audit_entries(filter, i64::MAX, 0).await?;
    let mut writer = CsvWriter::new();
    let internal = |error: csv::Error| {
        tracing::error!(%error, "writing the audit CSV failed");
        AppError::Internal
    };
    writer
        .write_row(["id", "at", "actor", "action", "organization_id", "subject", "before", "after"])
        .map_err(internal)?;
    for entry in entries {
        writer
            .write_row([
                entry.id.to_string(),
                entry.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
                entry.actor,
                entry.action,
                entry.organization_id.map(|id| id.to_string()).unwrap_or_default(),
                entry.subject,
                entry.before.unwrap_or_default(),
                entry.after.unwrap_or_default(),
            ])
            .map_err(internal)?;
    }
    let bytes = writer.finish().map_err(internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}
