//! What organizations' editors read and ask: their organizations, a listing's editor, claims.
//! Saving a profile or a logo goes through the plain form routes of `server::editing`.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    domain::{
        editing::{ClaimStatus, MyOrganization, ProfileForm, RevisionSummary, SolutionForm},
        lang::Lang,
        organization::ListingStatus,
        solution_editing::{SolutionState, WorkingSolution},
        user::MembershipRole,
        validation::FieldError,
    },
    error::AppError,
};

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

#[server(endpoint = "editing/mine")]
pub async fn get_my_organizations(lang: Lang) -> Result<Vec<MyOrganization>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    crate::server::editing::my_organizations(&state, &user, lang).await
}

#[server(endpoint = "editing/editor")]
pub async fn get_editor(slug: String, lang: Lang) -> Result<EditorData, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    crate::server::editing::editor_data(&state, &user, &slug, lang).await
}

#[server(endpoint = "editing/solution")]
pub async fn get_solution_editor(slug: String, key: String, lang: Lang) -> Result<SolutionEditorData, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    crate::server::editing::solution_editor_data(&state, &user, &slug, &key, lang).await
}

#[server(endpoint = "editing/new-listing")]
pub async fn get_new_listing() -> Result<NewListingData, AppError> {
    crate::server::auth::require_user().await?;
    let refused = crate::server::forms::take(&crate::server::forms::FormKey::NewListing).await?;
    Ok(NewListingData { form: ProfileForm(refused.values), errors: refused.errors })
}

#[server(endpoint = "editing/claim-state")]
pub async fn get_claim_state(slug: String) -> Result<ClaimState, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::current_user().await?;
    crate::server::editing::claim_state(&state, user.as_ref(), &slug).await
}

#[server(endpoint = "editing/claim")]
pub async fn claim_listing(lang: Lang, slug: String) -> Result<ClaimStatus, AppError> {
    use crate::server::{auth, editing, forms};
    let state = crate::server::app_state()?;
    let user = auth::require_user().await?;
    let outcome = editing::claim(&state, &user, &slug, time::OffsetDateTime::now_utc()).await;
    let next = match outcome {
        Ok(ClaimStatus::Approved) => Some(format!("/{lang}/account/organizations/{slug}")),
        _ => None,
    };
    forms::finish::<ClaimListing, _>(outcome, &[], next.as_deref()).await
}

#[server(endpoint = "editing/members")]
pub async fn get_members(slug: String) -> Result<MembersData, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    crate::server::editing::members(&state, &user, &slug).await
}

#[server(endpoint = "editing/invite")]
pub async fn invite_editor(lang: Lang, slug: String, email: String) -> Result<(), AppError> {
    use crate::server::{auth, editing, forms};
    let state = crate::server::app_state()?;
    let user = auth::require_user().await?;
    let outcome = editing::invite_editor(&state, &user, &slug, &email, lang, time::OffsetDateTime::now_utc()).await;
    let next = format!("/{lang}/account/organizations/{slug}?people=invited#people");
    forms::finish::<InviteEditor, _>(outcome, &[("email", &email)], Some(&next)).await
}

#[server(endpoint = "editing/remove-member")]
pub async fn remove_member(lang: Lang, slug: String, user_id: i64) -> Result<(), AppError> {
    use crate::server::{auth, editing, forms};
    let state = crate::server::app_state()?;
    let user = auth::require_user().await?;
    let outcome = editing::remove_member(&state, &user, &slug, user_id).await;
    let next = format!("/{lang}/account/organizations/{slug}?people=removed#people");
    forms::finish::<RemoveMember, _>(outcome, &[], Some(&next)).await
}

#[server(endpoint = "editing/hand-over")]
pub async fn hand_over_ownership(lang: Lang, slug: String, user_id: i64) -> Result<(), AppError> {
    use crate::server::{auth, editing, forms};
    let state = crate::server::app_state()?;
    let user = auth::require_user().await?;
    let outcome = editing::hand_over(&state, &user, &slug, user_id).await;
    let next = format!("/{lang}/account/organizations/{slug}?people=handed-over#people");
    forms::finish::<HandOverOwnership, _>(outcome, &[], Some(&next)).await
}
