//! What the editing pages show: the profile editor, a solution's form, a new listing, a listing's
//! people, and where a visitor stands with claiming a listing.
use serde::{Deserialize, Serialize};

use super::{
    ClaimStatus, ProfileForm, RevisionSummary, SolutionForm,
    solutions::{SolutionState, WorkingSolution},
};
use crate::domain::{organization::ListingStatus, user::MembershipRole, validation::FieldError};

/// One choice of a checkbox group: its id, its name in the reader's language, and its group heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
    pub group: Option<String>,
}

/// Everything the profile editor shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorData {
    pub slug: String,
    pub name: String,
    pub status: ListingStatus,
    pub verified: bool,
    /// `None` for staff editing a listing they are not a member of.
    pub role: Option<MembershipRole>,
    /// The values to show: what was typed into a refused form, else the change waiting for review,
    /// else the listing as published.
    pub form: ProfileForm,
    pub errors: Vec<FieldError>,
    pub logo_errors: Vec<FieldError>,
    pub logo_url: Option<String>,
    /// The logo of the change waiting for review, which the public does not see yet.
    pub pending_logo_url: Option<String>,
    pub latest_revision: Option<RevisionSummary>,
    pub categories: Vec<Choice>,
    pub sectors: Vec<Choice>,
    /// Its solutions as its editors work on them, with any change waiting for review.
    pub solutions: Vec<WorkingSolution>,
}

/// Everything the form of one solution shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolutionEditorData {
    pub organization_slug: String,
    pub organization_name: String,
    /// `new`, the solution's id, or `draft-N` for an addition waiting for review.
    pub key: String,
    /// `None` for a new solution.
    pub state: Option<SolutionState>,
    pub public_slug: Option<String>,
    /// Whether saving publishes at once (a verified listing) or waits for review.
    pub publishes_at_once: bool,
    pub form: SolutionForm,
    pub errors: Vec<FieldError>,
    pub categories: Vec<Choice>,
    pub sectors: Vec<Choice>,
}

/// What a new listing's form needs: what a refused attempt left, and the choices.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewListingData {
    pub form: ProfileForm,
    pub errors: Vec<FieldError>,
}

/// A member of a listing, as its people section shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i64,
    pub email: String,
    pub role: MembershipRole,
    /// The signed-in person themself.
    pub is_you: bool,
}

/// A listing's people: members, open invitations, and whether the viewer may manage them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersData {
    pub members: Vec<MemberView>,
    pub invited: Vec<String>,
    pub can_manage: bool,
}

/// Where the signed-in person stands with a listing, for the claim button on its profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClaimState {
    /// Signed in, not a member, no owner yet: may claim.
    Open,
    Claimed(ClaimStatus),
    Member,
    /// Not signed in, and the listing has no owner yet: may sign in to claim it.
    SignInToClaim,
    /// Has an owner: nothing to offer.
    Closed,
}
