//! Who may do what: every "may this person do that" answer of the server, in one place. Server
//! functions and plain routes ask here before they read a form or touch a row.
//!
//! `user` is always the signed-in account as its session may act (`auth::signed_in`): it holds its
//! staff role only on a session that passed the second factor (`SignedInAccount::staff_powers`), so
//! every staff rule below carries that rule too.
use crate::{
    domain::{
        organization::Organization,
        user::{MembershipRole, StaffRole, User},
    },
    error::AppError,
    server::AppState,
};

/// Forum staff (curator or admin) whose session passed the second factor; anyone else is refused.
pub fn require_staff(user: &User) -> Result<(), AppError> {
    if user.staff_role.is_some() { Ok(()) } else { Err(AppError::Forbidden) }
}

/// How someone may change a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditRight {
    Member(MembershipRole),
    Staff,
}

impl EditRight {
    /// Whether this right manages the listing's people (invites, removes, hands ownership over): the
    /// owner's and staff's do; an editor's does not.
    pub fn manages_people(self) -> bool {
        matches!(self, EditRight::Member(MembershipRole::Owner) | EditRight::Staff)
    }
}

/// Whether a person may change a listing: its members may, and forum staff whose session passed the
/// second factor; anyone else is refused.
async fn edit_right(state: &AppState, user: &User, organization: &Organization) -> Result<EditRight, AppError> {
    if user.staff_role.is_some() {
        return Ok(EditRight::Staff);
    }
    match state.db.membership_role(user.id, organization.id).await? {
        Some(role) => Ok(EditRight::Member(role)),
        None => Err(AppError::Forbidden),
    }
}

/// An admin whose session passed the second factor; anyone else is refused.
pub fn require_admin(user: &User) -> Result<(), AppError> {
    if user.staff_role == Some(StaffRole::Admin) { Ok(()) } else { Err(AppError::Forbidden) }
}

/// A listing by slug for someone who wants to change it; an unknown slug is a 404 for everyone.
pub async fn listing_to_edit(state: &AppState, user: &User, slug: &str) -> Result<(Organization, EditRight), AppError> {
    let organization = state.db.organization_by_slug(slug).await?.ok_or(AppError::NotFound)?;
    let right = edit_right(state, user, &organization).await?;
    Ok((organization, right))
}

/// A listing by slug for someone who wants to manage its people: its owner, or staff.
pub async fn listing_to_manage_people(state: &AppState, user: &User, slug: &str) -> Result<Organization, AppError> {
    match listing_to_edit(state, user, slug).await? {
        (organization, right) if right.manages_people() => Ok(organization),
        _ => Err(AppError::Forbidden),
    }
}
