//! Forum staff curating the taxonomy: add, rename, reorder and delete categories, sectors and tags,
//! and move a term's listings to another before deleting it.
use axum::{
    extract::{Path, State},
    response::Response,
};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::form_routes::{Pairs, staff_form};
use crate::server::auth::policy::require_staff;
use crate::server::forms::FormKey;
use crate::{
    domain::{
        audit::AuditAction,
        lang::Lang,
        taxonomy::{ManagedTaxonomy, ManagedTerm, TermDraft, TermKind},
        validation::{FieldError, Problem},
    },
    error::AppError,
    routes,
    server::{
        AppState,
        db::{Actor, AuditRecord},
    },
};

/// What staff do to a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermChange {
    Add(TermDraft),
    Update {
        id: i64,
        draft: TermDraft,
    },
    /// One place earlier or later among its siblings (a category among those of its parent).
    Reorder {
        id: i64,
        earlier: bool,
    },
    /// Every use of `from` becomes a use of the term whose slug is `to`: how a term in use gets free
    /// to delete.
    MoveUses {
        from: i64,
        to: String,
    },
    Delete {
        id: i64,
    },
}

/// The whole taxonomy with how much uses each term, for staff.
pub async fn taxonomy(state: &AppState, user: &crate::domain::user::User) -> Result<ManagedTaxonomy, AppError> {
    require_staff(user)?;
    state.db.managed_taxonomy().await
}

/// Applies a change to a vocabulary, with its audit row; refuses what would break the two-level
/// category tree or a listing.
pub async fn change_term(
    state: &AppState,
    user: &crate::domain::user::User,
    kind: TermKind,
    change: TermChange,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_staff(user)?;
    let taxonomy = state.db.managed_taxonomy().await?;
    let terms = match kind {
        TermKind::Category => &taxonomy.categories,
        TermKind::Sector => &taxonomy.sectors,
        TermKind::Tag => &taxonomy.tags,
    };
    let find = |id: i64| terms.iter().find(|term| term.id == id).ok_or(AppError::NotFound);
    let actor = Actor::person(user);
    let action = change.action(kind);
    match change {
        TermChange::Add(draft) => {
            check_parent(terms, None, &draft)?;
            let record = AuditRecord::new(&actor, action, draft.slug.as_str()).change(None, Some(&draft));
            state.db.add_term(kind, &draft, &record, now).await?;
        }
        TermChange::Update { id, draft } => {
            let term = find(id)?;
            check_parent(terms, Some(term), &draft)?;
            let record = AuditRecord::new(&actor, action, &term.slug).change(Some(term), Some(&after(term, &draft)));
            state.db.update_term(kind, id, &draft, &record, now).await?;
        }
        TermChange::Reorder { id, earlier } => {
            let record = AuditRecord::new(&actor, action, &find(id)?.slug);
            state.db.reorder_term(kind, id, earlier, &record, now).await?;
        }
        TermChange::MoveUses { from, to } => {
            let source = find(from)?;
            // Listings take subcategories only (the editor offers and the filters count those).
            let target = terms
                .iter()
                .find(|term| term.slug == to.trim() && term.id != from)
                .filter(|term| kind != TermKind::Category || term.parent_id.is_some())
                .ok_or(FieldError::new("to", Problem::InvalidChoice))?;
            let record = AuditRecord::new(&actor, action, &source.slug).change(Some(&source.slug), Some(&target.slug));
            state.db.move_term_uses(kind, from, target.id, &record, now).await?;
        }
        TermChange::Delete { id } => {
            let term = find(id)?;
            let record = AuditRecord::new(&actor, action, &term.slug).change(Some(term), None);
            state.db.delete_term(kind, id, &record, now).await?;
        }
    }
    Ok(())
}

impl TermChange {
    /// The audit action of this change to a term of `kind`.
    fn action(&self, kind: TermKind) -> AuditAction {
        use AuditAction::*;
        let [add, update, reorder, move_uses, delete] = match kind {
            TermKind::Category => [CategoryAdd, CategoryUpdate, CategoryReorder, CategoryMoveUses, CategoryDelete],
            TermKind::Sector => [SectorAdd, SectorUpdate, SectorReorder, SectorMoveUses, SectorDelete],
            TermKind::Tag => [TagAdd, TagUpdate, TagReorder, TagMoveUses, TagDelete],
        };
        match self {
            TermChange::Add(_) => add,
            TermChange::Update { .. } => update,
            TermChange::Reorder { .. } => reorder,
            TermChange::MoveUses { .. } => move_uses,
            TermChange::Delete { .. } => delete,
        }
    }
}

/// Categories have two levels: a parent is a top-level category other than the term itself, and a
/// category with subcategories stays top-level. Listings take subcategories only, so one in use
/// stays a subcategory.
fn check_parent(terms: &[ManagedTerm], term: Option<&ManagedTerm>, draft: &TermDraft) -> Result<(), AppError> {
    let Some(parent_id) = draft.parent_id else {
        return match term {
            Some(term) if term.parent_id.is_some() && term.uses > 0 => {
                Err(FieldError::new("parent", Problem::InUse { count: term.uses }).into())
            }
            _ => Ok(()),
        };
    };
    let parent_is_top_level = terms.iter().any(|parent| {
        parent.id == parent_id && parent.parent_id.is_none() && Some(parent.id) != term.map(|term| term.id)
    });
    let has_children = term.is_some_and(|term| terms.iter().any(|child| child.parent_id == Some(term.id)));
    if parent_is_top_level && !has_children {
        Ok(())
    } else {
        Err(FieldError::new("parent", Problem::InvalidChoice).into())
    }
}

fn after(term: &ManagedTerm, draft: &TermDraft) -> ManagedTerm {
    ManagedTerm {
        slug: draft.slug.to_string(),
        parent_id: draft.parent_id,
        nist_function: draft.nist_function,
        critical_infrastructure: draft.critical_infrastructure,
        names: draft.names.clone(),
        ..term.clone()
    }
}

/// The taxonomy forms: `op` says what to do, `id` (and `to`) which terms.
pub(super) async fn post_term_change(
    State(state): State<AppState>,
    session: Session,
    Path((lang, kind)): Path<(Lang, TermKind)>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = routes::curation::taxonomy(lang);
    staff_form(&state, &session, lang, FormKey::Taxonomy, format!("{page}#{kind}"), pairs, async |user, form| {
        let id =
            |name: &str| form.value(name).parse::<i64>().map_err(|_| FieldError::new(name, Problem::InvalidChoice));
        let draft = || TermDraft::parse(kind, |name| form.value(name).to_owned()).map_err(AppError::Invalid);
        let change = match form.value("op") {
            "add" => TermChange::Add(draft()?),
            "update" => TermChange::Update { id: id("id")?, draft: draft()? },
            "earlier" | "later" => TermChange::Reorder { id: id("id")?, earlier: form.value("op") == "earlier" },
            "move_uses" => TermChange::MoveUses { from: id("id")?, to: form.value("to").to_owned() },
            "delete" => TermChange::Delete { id: id("id")? },
            _ => return Err(FieldError::new("op", Problem::InvalidChoice).into()),
        };
        change_term(&state, user, kind, change, OffsetDateTime::now_utc()).await?;
        Ok(format!("{page}?changed={kind}#{kind}-{}", form.value("id")))
    })
    .await
}
