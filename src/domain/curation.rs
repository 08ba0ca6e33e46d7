//! Forum staff curating the directory: the review queue, field-by-field decisions, listing actions,
//! people and the audit log.
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    editing::{ProfileForm, RevisionStatus},
    lang::Lang,
    organization::ListingStatus,
    user::StaffRole,
};

/// A change waiting for staff, as the queue lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub revision_id: i64,
    pub slug: String,
    pub name: String,
    /// A listing never published yet, rather than an edit of a public one.
    pub new_listing: bool,
    pub author: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A request to own a listing that staff must decide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimItem {
    pub claim_id: i64,
    pub slug: String,
    pub name: String,
    pub claimant: String,
    pub website: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What the staff dashboard shows: everything waiting, oldest first, and what needs a look.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffDashboard {
    pub queue: Vec<QueueItem>,
    pub claims: Vec<ClaimItem>,
    /// Published listings not updated for a year.
    pub stale: u64,
    /// Listings published in the last seven days.
    pub new_this_week: u64,
}

/// One field of a profile, as it is and as proposed. Repeated fields (categories, say) are joined
/// one value per line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The profile form's field name (`en.name`, `website`, `category`, …).
    pub field: String,
    pub before: String,
    pub after: String,
}

/// A change under review, with everything staff need to decide it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub revision_id: i64,
    pub slug: String,
    pub name: String,
    pub status: RevisionStatus,
    pub listing_status: ListingStatus,
    pub new_listing: bool,
    pub author: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub changes: Vec<FieldChange>,
    pub logo_before: Option<String>,
    /// Where staff see the proposed logo, when the change brings one.
    pub logo_after: Option<String>,
}

impl ProfileForm {
    /// The fields whose values differ from `before`, in form order, with repeated values joined.
    pub fn changes_from(&self, before: &ProfileForm) -> Vec<FieldChange> {
        let mut fields: Vec<&str> = Vec::new();
        for (field, _) in self.0.iter().chain(&before.0) {
            if !fields.contains(&field.as_str()) {
                fields.push(field);
            }
        }
        fields
            .into_iter()
            .map(|field| FieldChange {
                field: field.to_owned(),
                before: before.values(field).join("\n"),
                after: self.values(field).join("\n"),
            })
            .filter(|change| change.before.trim() != change.after.trim())
            .collect()
    }

    /// This form with the chosen fields taken from `proposed`: what approving only those fields makes.
    pub fn with_fields_from(&self, proposed: &ProfileForm, chosen: &[String]) -> ProfileForm {
        let mut merged: Vec<(String, String)> =
            self.0.iter().filter(|(field, _)| !chosen.contains(field)).cloned().collect();
        merged.extend(proposed.0.iter().filter(|(field, _)| chosen.contains(field)).cloned());
        ProfileForm(merged)
    }
}

text_enum! {
    /// What staff do to a listing.
    pub enum ListingAction {
        Verify = "verify",
        Unverify = "unverify",
        Feature = "feature",
        Unfeature = "unfeature",
        Hide = "hide",
        Archive = "archive",
        Restore = "restore",
    }
}

impl ListingAction {
    /// The status a listing ends in, for the actions that change it.
    pub fn status(self) -> Option<ListingStatus> {
        match self {
            ListingAction::Hide => Some(ListingStatus::Hidden),
            ListingAction::Archive => Some(ListingStatus::Archived),
            ListingAction::Restore => Some(ListingStatus::Published),
            _ => None,
        }
    }
}

/// A listing as staff manage it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffListing {
    pub slug: String,
    pub name: String,
    pub status: ListingStatus,
    #[serde(with = "time::serde::rfc3339::option")]
    pub verified_at: Option<OffsetDateTime>,
    pub featured_position: Option<i64>,
    pub is_startup: bool,
}

impl StaffListing {
    /// Whether the action means something for the listing as it is now: the page offers only these,
    /// and the server refuses the others (a page opened before someone else acted).
    pub fn offers(&self, action: ListingAction) -> bool {
        match action {
            ListingAction::Verify => self.verified_at.is_none(),
            ListingAction::Unverify => self.verified_at.is_some(),
            ListingAction::Feature => self.is_startup,
            ListingAction::Unfeature => self.featured_position.is_some(),
            ListingAction::Hide => !matches!(self.status, ListingStatus::Hidden | ListingStatus::Draft),
            ListingAction::Archive => self.status != ListingStatus::Archived,
            ListingAction::Restore => matches!(self.status, ListingStatus::Hidden | ListingStatus::Archived),
        }
    }
}

/// An account, as staff manage people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub staff_role: Option<StaffRole>,
    pub confirmed: bool,
    pub disabled: bool,
    pub organizations: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// One row of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor: String,
    pub action: String,
    pub organization_id: Option<i64>,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Audit rows per page.
pub const AUDIT_PAGE: i64 = 50;
/// Longest reason staff give for rejecting a change; the owner reads it in a mail and on their page.
pub const REJECTION_REASON_MAX: usize = 2000;
/// Longest reason staff give for refusing a claim.
pub const CLAIM_REASON_MAX: usize = 500;

/// Which audit rows to show; every part is optional, and all of them must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Part of the actor's address (or `cli`).
    pub actor: String,
    /// A listing's slug.
    pub organization: String,
    /// An action, or its start (`revision.` for every decision on changes).
    pub action: String,
    /// First and last day, `YYYY-MM-DD`, UTC.
    pub from: String,
    pub to: String,
}

/// Listings shown in a data-quality list, at most.
pub const QUALITY_LIST_LIMIT: i64 = 200;

/// The data-quality report: published listings that need a look.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityReport {
    /// Not updated for twelve months.
    pub stale: QualityList,
    /// Without a name in one of the languages.
    pub untranslated: QualityList,
    pub without_logo: QualityList,
}

/// How many listings a check finds, and the first of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityList {
    pub total: i64,
    pub items: Vec<QualityItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityItem {
    pub slug: String,
    pub name: String,
    pub updated_at: OffsetDateTime,
    /// The languages it has no text in.
    pub missing: Vec<Lang>,
}

/// Moves `id` one place earlier or later in an order staff set (at either end it stays); false when
/// `id` is not in it.
pub fn move_one_place(order: &mut [i64], id: i64, earlier: bool) -> bool {
    let Some(index) = order.iter().position(|other| *other == id) else { return false };
    let neighbour = if earlier { index.checked_sub(1) } else { Some(index + 1).filter(|next| *next < order.len()) };
    if let Some(neighbour) = neighbour {
        order.swap(index, neighbour);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> ProfileForm {
        ProfileForm(pairs.iter().map(|(field, value)| ((*field).to_owned(), (*value).to_owned())).collect())
    }

    #[test]
    fn changes_name_each_field_that_differs_with_repeated_values_together() {
        let before = form(&[("en.name", "Old"), ("city", "Bakı"), ("category", "1"), ("category", "2")]);
        let after =
            form(&[("en.name", "New"), ("city", "Bakı"), ("category", "2"), ("category", "3"), ("az.name", "Yeni")]);
        let changes = after.changes_from(&before);
        let fields: Vec<&str> = changes.iter().map(|change| change.field.as_str()).collect();
        assert_eq!(fields, ["en.name", "category", "az.name"]);
        assert_eq!((changes[1].before.as_str(), changes[1].after.as_str()), ("1\n2", "2\n3"));
        assert_eq!(changes[2].before, "", "a field that was not there before");
    }

    #[test]
    fn approving_chosen_fields_takes_only_those_from_the_proposal() {
        let current = form(&[("en.name", "Old"), ("city", "Bakı"), ("category", "1")]);
        let proposed = form(&[("en.name", "New"), ("city", "Gəncə"), ("category", "2"), ("category", "3")]);
        let merged = current.with_fields_from(&proposed, &["city".to_owned(), "category".to_owned()]);
        assert_eq!(merged.value("en.name"), "Old");
        assert_eq!(merged.value("city"), "Gəncə");
        assert_eq!(merged.values("category"), ["2", "3"]);
    }

    #[test]
    fn a_place_moves_by_one_and_the_ends_stay() {
        let mut order = [1, 2, 3];
        assert!(move_one_place(&mut order, 3, true));
        assert_eq!(order, [1, 3, 2]);
        assert!(move_one_place(&mut order, 1, true));
        assert_eq!(order, [1, 3, 2], "the first stays first");
        assert!(move_one_place(&mut order, 2, false));
        assert_eq!(order, [1, 3, 2], "the last stays last");
        assert!(!move_one_place(&mut order, 9, false));
    }
}
