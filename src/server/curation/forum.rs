//! Forum staff managing the forum: editions, their panels in order, and who takes part in each.
use axum::{
    extract::{Path, State},
    response::Response,
};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::form_routes::{Pairs, staff_form, urlencoding};
use crate::server::auth::policy::require_staff;
use crate::server::forms::FormKey;
use crate::{
    domain::{
        audit::AuditAction,
        curation::move_one_place,
        forum::{AdminPanel, EditionDraft, ForumAdmin, ForumPanel, PanelDraft, Participant},
        lang::Lang,
        user::User,
        validation::{FieldError, Problem},
    },
    error::AppError,
    routes,
    server::{
        AppState,
        db::{Actor, AuditRecord},
        editing::display_name,
        forum::chosen_edition,
    },
};

/// What staff do to the forum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForumChange {
    AddEdition(EditionDraft),
    UpdateEdition {
        id: i64,
        draft: EditionDraft,
    },
    AddPanel {
        edition_id: i64,
        draft: PanelDraft,
    },
    UpdatePanel {
        id: i64,
        draft: PanelDraft,
    },
    /// One place earlier or later in its edition's programme.
    ReorderPanel {
        id: i64,
        earlier: bool,
    },
    DeletePanel {
        id: i64,
    },
    /// A listing (by slug) joins a panel.
    AddParticipant {
        panel_id: i64,
        slug: String,
    },
    RemoveParticipant {
        panel_id: i64,
        organization_id: i64,
    },
}

impl ForumChange {
    fn action(&self) -> AuditAction {
        match self {
            ForumChange::AddEdition(_) => AuditAction::ForumEditionAdd,
            ForumChange::UpdateEdition { .. } => AuditAction::ForumEditionUpdate,
            ForumChange::AddPanel { .. } => AuditAction::ForumPanelAdd,
            ForumChange::UpdatePanel { .. } => AuditAction::ForumPanelUpdate,
            ForumChange::ReorderPanel { .. } => AuditAction::ForumPanelReorder,
            ForumChange::DeletePanel { .. } => AuditAction::ForumPanelDelete,
            ForumChange::AddParticipant { .. } => AuditAction::ForumParticipantAdd,
            ForumChange::RemoveParticipant { .. } => AuditAction::ForumParticipantRemove,
        }
    }
}

/// Every edition, and the chosen one's panels with their participants (the newest edition when
/// none is chosen).
pub async fn forum(state: &AppState, user: &User, edition: Option<&str>, lang: Lang) -> Result<ForumAdmin, AppError> {
    require_staff(user)?;
    let editions = state.db.forum_editions().await?;
    let chosen = chosen_edition(&editions, edition)?.cloned();
    let mut panels = Vec::new();
    if let Some(edition) = &chosen {
        for panel in state.db.forum_panels(Some(edition.id)).await? {
            let listings = state.db.organizations_by_ids(&panel.participant_ids).await?;
            let participants = listings
                .iter()
                .map(|listing| Participant {
                    id: listing.id,
                    slug: listing.slug.to_string(),
                    name: display_name(listing, lang),
                })
                .collect();
            panels.push(AdminPanel { panel, participants });
        }
    }
    Ok(ForumAdmin { editions, edition: chosen, panels })
}

/// Applies a change to the forum, with its audit row.
pub async fn change_forum(
    state: &AppState,
    user: &User,
    change: ForumChange,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_staff(user)?;
    let actor = Actor::person(user);
    let action = change.action();
    let panels = state.db.forum_panels(None).await?;
    let panel = |id: i64| panels.iter().find(|panel| panel.id == id).ok_or(AppError::NotFound);
    let db = &state.db;
    match change {
        ForumChange::AddEdition(draft) => {
            let record = AuditRecord::new(&actor, action, draft.slug.as_str()).change(None, Some(&draft));
            db.add_edition(&draft, Some(&record), now).await?;
        }
        ForumChange::UpdateEdition { id, draft } => {
            let editions = db.forum_editions().await?;
            let before = editions.iter().find(|edition| edition.id == id).ok_or(AppError::NotFound)?;
            let was = EditionDraft {
                slug: before.slug.clone(),
                starts_on: before.starts_on.clone(),
                city: before.city.clone(),
                names: before.names.clone(),
            };
            let record = AuditRecord::new(&actor, action, before.slug.as_str()).change(Some(&was), Some(&draft));
            db.update_edition(id, &draft, Some(&record), now).await?;
        }
        ForumChange::AddPanel { edition_id, draft } => {
            db.forum_editions().await?.iter().find(|edition| edition.id == edition_id).ok_or(AppError::NotFound)?;
            let record = AuditRecord::new(&actor, action, draft.slug.as_str()).change(None, Some(&draft));
            db.add_panel(edition_id, &draft, Some(&record), now).await?;
        }
        ForumChange::UpdatePanel { id, draft } => {
            let before = panel(id)?;
            let record =
                AuditRecord::new(&actor, action, before.slug.as_str()).change(Some(&before.texts), Some(&draft.texts));
            db.update_panel(id, &draft, Some(&record), now).await?;
        }
        ForumChange::ReorderPanel { id, earlier } => {
            let moved = panel(id)?;
            let mut order: Vec<i64> =
                panels.iter().filter(|other| other.edition_id == moved.edition_id).map(|other| other.id).collect();
            if !move_one_place(&mut order, id, earlier) {
                return Err(AppError::NotFound);
            }
            let record = AuditRecord::new(&actor, action, moved.slug.as_str());
            db.order_panels(&order, Some(&record), now).await?;
        }
        ForumChange::DeletePanel { id } => {
            let before = panel(id)?;
            let record =
                AuditRecord::new(&actor, action, before.slug.as_str()).change(Some(before), None::<&ForumPanel>);
            db.delete_panel(id, Some(&record), now).await?;
        }
        ForumChange::AddParticipant { panel_id, slug } => {
            let panel = panel(panel_id)?;
            let listing = db
                .organization_by_slug(slug.trim())
                .await?
                .ok_or(FieldError::new("participant", Problem::InvalidChoice))?;
            let record = AuditRecord::new(&actor, action, panel.slug.as_str())
                .of_listing(listing.id)
                .change(None, Some(&listing.slug));
            db.set_participation(panel_id, listing.id, true, Some(&record), now).await?;
        }
        ForumChange::RemoveParticipant { panel_id, organization_id } => {
            let panel = panel(panel_id)?;
            let record = AuditRecord::new(&actor, action, panel.slug.as_str()).of_listing(organization_id);
            db.set_participation(panel_id, organization_id, false, Some(&record), now).await?;
        }
    }
    Ok(())
}

/// The forum forms: `op` says what to do; `id`, `edition_id`, `panel_id` which record.
pub(super) async fn post_forum_change(
    State(state): State<AppState>,
    session: Session,
    Path(lang): Path<Lang>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = routes::curation::forum(lang);
    let edition =
        pairs.iter().find(|(name, _)| name == "edition").map(|(_, slug)| urlencoding(slug)).unwrap_or_default();
    let back = format!("{page}?edition={edition}");
    staff_form(&state, &session, lang, FormKey::Forum, back.clone(), pairs, async |user, form| {
        let id =
            |name: &str| form.value(name).parse::<i64>().map_err(|_| FieldError::new(name, Problem::InvalidChoice));
        let value = |name: &str| form.value(name).to_owned();
        let edition_draft = || EditionDraft::parse(value).map_err(AppError::Invalid);
        let panel_draft = || PanelDraft::parse(value).map_err(AppError::Invalid);
        let change = match form.value("op") {
            "add_edition" => ForumChange::AddEdition(edition_draft()?),
            "update_edition" => ForumChange::UpdateEdition { id: id("id")?, draft: edition_draft()? },
            "add_panel" => ForumChange::AddPanel { edition_id: id("edition_id")?, draft: panel_draft()? },
            "update_panel" => ForumChange::UpdatePanel { id: id("id")?, draft: panel_draft()? },
            "earlier" | "later" => ForumChange::ReorderPanel { id: id("id")?, earlier: form.value("op") == "earlier" },
            "delete_panel" => ForumChange::DeletePanel { id: id("id")? },
            "add_participant" => ForumChange::AddParticipant { panel_id: id("panel_id")?, slug: value("participant") },
            "remove_participant" => {
                ForumChange::RemoveParticipant { panel_id: id("panel_id")?, organization_id: id("organization_id")? }
            }
            _ => return Err(FieldError::new("op", Problem::InvalidChoice).into()),
        };
        let added_edition = match &change {
            ForumChange::AddEdition(draft) | ForumChange::UpdateEdition { draft, .. } => Some(draft.slug.to_string()),
            _ => None,
        };
        change_forum(&state, user, change, OffsetDateTime::now_utc()).await?;
        let edition = added_edition.map_or(edition.clone(), |slug| urlencoding(&slug));
        Ok(format!("{page}?edition={edition}&changed=1"))
    })
    .await
}
