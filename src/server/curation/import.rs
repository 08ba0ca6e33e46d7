//! Staff importing listings and solutions from a file (all or nothing), and the report the import page
//! shows once.
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::server::{
    AppState,
    auth::policy::require_staff,
    bulk::import::{ImportFormat, import},
    db::Actor,
};
use crate::{
    domain::{
        bulk::ImportReport,
        user::User,
        validation::{FieldError, Problem},
    },
    error::AppError,
};

/// Imports listings and solutions from a file in the export's format (see `server::bulk`), all or nothing.
pub async fn import_file(
    state: &AppState,
    user: &User,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
    now: OffsetDateTime,
) -> Result<ImportReport, AppError> {
    require_staff(user)?;
    let Some(format) = ImportFormat::of_file_name(file_name) else {
        return Err(FieldError::new("file", Problem::InvalidChoice).into());
    };
    import(&state.db, bytes, format, dry_run, &Actor::person(user), now).await
}

/// Where the last import's report waits for the import page.
const IMPORT_REPORT: &str = "staff:import-report";

/// The report of the signed-in staff member's last import, shown once.
pub async fn take_import_report(user: &User, session: &Session) -> Result<Option<ImportReport>, AppError> {
    require_staff(user)?;
    session.remove::<ImportReport>(IMPORT_REPORT).await.map_err(crate::server::auth::session_error)
}

/// Keeps an import's report for the import page the post goes back to.
pub(super) async fn keep_import_report(session: &Session, report: ImportReport) -> Result<(), AppError> {
    session.insert(IMPORT_REPORT, report).await.map_err(crate::server::auth::session_error)
}
