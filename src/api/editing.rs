//! What organizations' editors read and ask: their organizations, a listing's editor, claims.
//! Saving a profile or a logo goes through the plain form routes of `server::editing`.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::routes;
use crate::{
    domain::{
        editing::{
            ClaimStatus, MyOrganization,
            views::{ClaimState, EditorData, MembersData, NewListingData, SolutionEditorData},
        },
        lang::Lang,
    },
    error::AppError,
};

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
    Ok(NewListingData { form: crate::domain::editing::ProfileForm(refused.values), errors: refused.errors })
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
        Ok(ClaimStatus::Approved) => Some(routes::editing::listing(lang, &slug)),
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
    let next = format!("{}?people=invited#people", routes::editing::listing(lang, &slug));
    forms::finish::<InviteEditor, _>(outcome, &[("email", &email)], Some(&next)).await
}

#[server(endpoint = "editing/remove-member")]
pub async fn remove_member(lang: Lang, slug: String, user_id: i64) -> Result<(), AppError> {
    use crate::server::{auth, editing, forms};
    let state = crate::server::app_state()?;
    let user = auth::require_user().await?;
    let outcome = editing::remove_member(&state, &user, &slug, user_id).await;
    let next = format!("{}?people=removed#people", routes::editing::listing(lang, &slug));
    forms::finish::<RemoveMember, _>(outcome, &[], Some(&next)).await
}

#[server(endpoint = "editing/hand-over")]
pub async fn hand_over_ownership(lang: Lang, slug: String, user_id: i64) -> Result<(), AppError> {
    use crate::server::{auth, editing, forms};
    let state = crate::server::app_state()?;
    let user = auth::require_user().await?;
    let outcome = editing::hand_over(&state, &user, &slug, user_id).await;
    let next = format!("{}?people=handed-over#people", routes::editing::listing(lang, &slug));
    forms::finish::<HandOverOwnership, _>(outcome, &[], Some(&next)).await
}
