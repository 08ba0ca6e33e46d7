//! A listing's people: who its members are, inviting an editor (an account joins at once, an address
//! once it confirms one), removing a member, and handing ownership over.
use time::OffsetDateTime;

use super::display_name;
use crate::server::{
    AppState,
    auth::policy::{listing_to_edit, listing_to_manage_people},
    db::{Actor, AuditRecord, Invitee},
    mail,
};
use crate::{
    domain::{
        audit::AuditAction,
        editing::views::{MemberView, MembersData},
        lang::Lang,
        organization::Organization,
        user::{MembershipRole, User},
        validation::{FieldError, Problem},
    },
    error::AppError,
    routes,
};

/// A listing's people, for its owner (and staff); editors see the list but manage nothing.
pub async fn members(state: &AppState, user: &User, slug: &str) -> Result<MembersData, AppError> {
    let (organization, right) = listing_to_edit(state, user, slug).await?;
    let members = state
        .db
        .members_of(organization.id)
        .await?
        .into_iter()
        .map(|member| MemberView {
            user_id: member.user_id,
            email: member.email,
            role: member.role,
            is_you: member.user_id == user.id,
        })
        .collect();
    Ok(MembersData {
        members,
        invited: state.db.open_invitations(organization.id).await?,
        can_manage: right.manages_people(),
    })
}

/// Invites an address to edit a listing: a confirmed account joins at once, any other address is
/// mailed a link to sign up and joins once it confirms. Either way the address gets a mail.
pub async fn invite_editor(
    state: &AppState,
    user: &User,
    slug: &str,
    email: &str,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let organization = listing_to_manage_people(state, user, slug).await?;
    let email = crate::domain::user::EmailAddress::parse(email)?;
    let existing = state.db.credentials_by_email(email.as_str()).await?;
    if let Some(existing) = &existing
        && state.db.membership_role(existing.user.id, organization.id).await?.is_some()
    {
        return Err(FieldError::new("email", Problem::Taken).into());
    }
    let message: Compose = |organization, link, joined| match joined {
        true => mail::Message::AddedAsEditor { organization, link },
        false => mail::Message::Invitation { organization, link },
    };
    bring_in(state, user, &organization, &email, MembershipRole::Editor, AuditAction::MemberInvite, lang, now, message)
        .await
}

/// The mail someone brought into a listing gets, from the listing's name, the link, and whether they
/// joined at once.
pub(crate) type Compose = for<'a> fn(&'a str, &'a str, bool) -> mail::Message<'a>;

/// Brings an address into a listing in a role: a confirmed account joins at once, any other address is
/// invited with a link to sign up and joins once it confirms. `message` is the mail it gets, from the
/// listing's name, the link, and whether it joined. The membership or invitation, the mail and the
/// audit row commit together.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn bring_in(
    state: &AppState,
    user: &User,
    organization: &Organization,
    email: &crate::domain::user::EmailAddress,
    role: MembershipRole,
    action: AuditAction,
    lang: Lang,
    now: OffsetDateTime,
    message: Compose,
) -> Result<(), AppError> {
    let existing = state.db.credentials_by_email(email.as_str()).await?;
    let joining =
        existing.filter(|existing| existing.user.email_verified_at.is_some()).map(|existing| existing.user.id);
    let link = match joining {
        Some(_) => format!("{}{}", state.public_url, routes::editing::listing(lang, &organization.slug)),
        None => format!("{}{}", state.public_url, routes::account::sign_up(lang)),
    };
    let name = display_name(organization, lang);
    let mail = message(&name, &link, joining.is_some()).to(email.as_str(), lang);
    let actor = Actor::person(user);
    let record = AuditRecord::new(&actor, action, organization.slug.as_str())
        .of_listing(organization.id)
        .change(None, Some(&email.as_str()));
    let invitee = joining.map_or(Invitee::Address(email.as_str()), Invitee::Account);
    state.db.add_or_invite(invitee, role, &record, &mail, now).await
}

/// Removes an editor from a listing. The owner is not removed: ownership is handed over instead.
pub async fn remove_member(state: &AppState, user: &User, slug: &str, member_id: i64) -> Result<(), AppError> {
    let organization = listing_to_manage_people(state, user, slug).await?;
    match state.db.membership_role(member_id, organization.id).await? {
        Some(MembershipRole::Editor) => {
            state.db.remove_member(organization.id, member_id).await?;
            record_people_change(state, user, &organization, AuditAction::MemberRemove, &member_id.to_string()).await
        }
        Some(MembershipRole::Owner) => Err(AppError::Forbidden),
        None => Err(AppError::NotFound),
    }
}

/// Records a change to a listing's people, naming the person it concerns.
async fn record_people_change(
    state: &AppState,
    user: &User,
    organization: &Organization,
    action: AuditAction,
    person: &str,
) -> Result<(), AppError> {
    let actor = Actor::person(user);
    let record = AuditRecord::new(&actor, action, organization.slug.as_str())
        .of_listing(organization.id)
        .change(None, Some(&person));
    state.db.record(&record, OffsetDateTime::now_utc()).await
}

/// Hands a listing's ownership to one of its editors; the old owner stays on as an editor.
pub async fn hand_over(state: &AppState, user: &User, slug: &str, member_id: i64) -> Result<(), AppError> {
    let organization = listing_to_manage_people(state, user, slug).await?;
    match state.db.membership_role(member_id, organization.id).await? {
        Some(MembershipRole::Editor) => {
            state.db.transfer_ownership(organization.id, member_id).await?;
            record_people_change(state, user, &organization, AuditAction::MemberHandOver, &member_id.to_string()).await
        }
        Some(MembershipRole::Owner) => Ok(()),
        None => Err(AppError::NotFound),
    }
}
