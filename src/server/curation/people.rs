//! People as admins manage them: finding accounts, giving or taking staff roles, disabling an account.
use time::OffsetDateTime;

use crate::server::{
    AppState,
    auth::policy::require_admin,
    db::{Actor, AuditRecord},
};
use crate::{
    domain::{
        audit::AuditAction,
        curation::Person,
        user::{StaffRole, User},
    },
    error::AppError,
};

/// Accounts whose address contains `search`, for admins.
pub async fn people(state: &AppState, user: &User, search: &str) -> Result<Vec<Person>, AppError> {
    require_admin(user)?;
    state.db.people(search, 200).await
}

/// Gives or takes a staff role. Admins cannot change their own, so there is always one left.
pub async fn set_role(
    state: &AppState,
    user: &User,
    person_id: i64,
    role: Option<StaffRole>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_admin(user)?;
    let person = other_person(state, user, person_id).await?;
    let actor = Actor::person(user);
    let record = AuditRecord::new(&actor, AuditAction::PersonRole, person.email.as_str())
        .change(Some(&person.staff_role), Some(&role));
    state.db.set_staff_role(person_id, role, &record, now).await
}

/// Disables an account (its sessions end at once, everywhere) or enables it again.
pub async fn set_disabled(
    state: &AppState,
    user: &User,
    person_id: i64,
    disabled: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_admin(user)?;
    let person = other_person(state, user, person_id).await?;
    let actor = Actor::person(user);
    let action = if disabled { AuditAction::PersonDisable } else { AuditAction::PersonEnable };
    let record = AuditRecord::new(&actor, action, person.email.as_str());
    state.db.set_disabled(person_id, disabled, &record, now).await
}

pub(super) async fn other_person(state: &AppState, user: &User, person_id: i64) -> Result<User, AppError> {
    if person_id == user.id {
        return Err(AppError::Forbidden);
    }
    Ok(state.db.credentials_by_id(person_id).await?.ok_or(AppError::NotFound)?.user)
}
