//! Forum staff curating the directory: the review queue, field-by-field decisions, listing actions,
//! people and the audit log.
use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    audit::AuditAction,
    editing::solutions::{SolutionKey, SolutionState},
    editing::{
        FormField, ProfileForm, RevisionStatus,
        field::{FieldName, UnknownField},
    },
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

/// A run of a value under review: some words of a text, or one item of a list. It is marked
/// `changed` when the change removes it (in the value as it is) or adds it (in the value proposed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text: String,
    pub changed: bool,
}

/// One field of a profile or a solution, as it is and as proposed, with what differs marked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The form's field (`en.name`, `website`, `category`, …).
    pub field: FieldName,
    /// A list (categories, sectors, certifications, links…): one piece an item, added and removed
    /// items marked. Otherwise a text, its inserted and deleted words marked.
    pub list: bool,
    pub before: Vec<Piece>,
    pub after: Vec<Piece>,
}

impl FieldChange {
    /// The value as it is, unmarked.
    pub fn before_text(&self) -> String {
        joined(&self.before, self.list)
    }

    /// The value proposed, unmarked.
    pub fn after_text(&self) -> String {
        joined(&self.after, self.list)
    }
}

fn joined(pieces: &[Piece], list: bool) -> String {
    let texts = pieces.iter().map(|piece| piece.text.as_str());
    if list { texts.collect::<Vec<_>>().join("\n") } else { texts.collect() }
}

/// Fields holding several values, each compared as a whole: repeated fields and one-a-line texts.
const LIST_FIELDS: [FormField; 5] =
    [FormField::Category, FormField::Sector, FormField::Need, FormField::Certifications, FormField::SocialLinks];

/// The fields whose values differ between two forms' pairs, in form order, what differs marked.
/// Every pair of a form read from a listing is named by a `FieldName`; anything else is no field.
pub fn field_changes(before: &[(String, String)], after: &[(String, String)]) -> Vec<FieldChange> {
    let mut fields: Vec<&str> = Vec::new();
    for (field, _) in after.iter().chain(before) {
        if !fields.contains(&field.as_str()) {
            fields.push(field);
        }
    }
    let value = |pairs: &[(String, String)], field: &str| {
        pairs.iter().filter(|(name, _)| name == field).map(|(_, value)| value.as_str()).collect::<Vec<_>>().join("\n")
    };
    fields
        .into_iter()
        .filter_map(|name| {
            let field = FieldName::parse(name)?;
            let (before, after) = (value(before, name), value(after, name));
            if field.lang.is_none() && LIST_FIELDS.contains(&field.field) {
                list_change(field, &before, &after)
            } else {
                (before.trim() != after.trim()).then(|| text_change(field, &before, &after))
            }
        })
        .collect()
}

fn list_change(field: FieldName, before: &str, after: &str) -> Option<FieldChange> {
    let items = |text: &str| text.lines().map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect();
    let (before, after): (Vec<String>, Vec<String>) = (items(before), items(after));
    let marked = |items: &[String], other: &[String]| {
        items.iter().map(|item| Piece { text: item.clone(), changed: !other.contains(item) }).collect::<Vec<_>>()
    };
    let (before, after) = (marked(&before, &after), marked(&after, &before));
    let differs = before.iter().chain(&after).any(|piece| piece.changed);
    differs.then_some(FieldChange { field, list: true, before, after })
}

fn text_change(field: FieldName, before: &str, after: &str) -> FieldChange {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for change in similar::TextDiff::from_words(before, after).iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Equal => {
                extend(&mut old, change.value(), false);
                extend(&mut new, change.value(), false);
            }
            similar::ChangeTag::Delete => extend(&mut old, change.value(), true),
            similar::ChangeTag::Insert => extend(&mut new, change.value(), true),
        }
    }
    FieldChange { field, list: false, before: bridged(old), after: bridged(new) }
}

/// Adds text to the last piece when it is marked alike, or starts a new one.
fn extend(pieces: &mut Vec<Piece>, text: &str, changed: bool) {
    match pieces.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => pieces.push(Piece { text: text.to_owned(), changed }),
    }
}

/// Marks the spaces between two marked runs too, so that a replaced phrase reads as one run.
fn bridged(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut bridged: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut pieces = pieces.into_iter().peekable();
    while let Some(piece) = pieces.next() {
        let between_marked = !piece.changed
            && piece.text.trim().is_empty()
            && bridged.last().is_some_and(|last| last.changed)
            && pieces.peek().is_some_and(|next| next.changed);
        extend(&mut bridged, &piece.text, piece.changed || between_marked);
    }
    bridged
}

/// A solution the change adds, changes or removes, field by field. Staff approve it as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolutionChange {
    /// What staff tick to approve it: always a `ReviewField::Solution`.
    pub field: ReviewField,
    pub name: String,
    pub state: SolutionState,
    pub changes: Vec<FieldChange>,
}

/// A new logo the change brings, beside the one the public sees now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoChange {
    pub before: Option<String>,
    pub after: String,
}

/// A part of a change that staff may approve alone: one field of the profile (`website`, `az.name`,
/// `logo`), or one solution edit as a whole (`solution:{key}`). Its name is the value of its tick in
/// the review and what a decision records.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum ReviewField {
    Profile(FieldName),
    /// A solution edit, by its key.
    Solution(SolutionKey),
}

impl ReviewField {
    /// The proposed logo.
    pub const LOGO: ReviewField = ReviewField::Profile(FormField::Logo.name());
    const SOLUTION_PREFIX: &str = "solution:";
}

impl fmt::Display for ReviewField {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewField::Profile(name) => name.fmt(formatter),
            ReviewField::Solution(key) => write!(formatter, "{}{key}", ReviewField::SOLUTION_PREFIX),
        }
    }
}

impl FromStr for ReviewField {
    type Err = UnknownField;

    fn from_str(name: &str) -> Result<ReviewField, UnknownField> {
        match name.strip_prefix(ReviewField::SOLUTION_PREFIX) {
            Some(key) => {
                SolutionKey::parse(key).map(ReviewField::Solution).ok_or_else(|| UnknownField(name.to_owned()))
            }
            None => name.parse().map(ReviewField::Profile),
        }
    }
}

impl From<ReviewField> for String {
    fn from(field: ReviewField) -> String {
        field.to_string()
    }
}

impl TryFrom<String> for ReviewField {
    type Error = UnknownField;

    fn try_from(name: String) -> Result<ReviewField, UnknownField> {
        name.parse()
    }
}

/// What staff decided about a change, once they have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewDecision {
    pub decided_by: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
    /// The parts approved, when staff chose some rather than all.
    pub approved_fields: Vec<ReviewField>,
    /// Why it was rejected.
    pub reason: Option<String>,
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
    pub logo: Option<LogoChange>,
    pub solutions: Vec<SolutionChange>,
    pub decision: Option<ReviewDecision>,
}

impl ProfileForm {
    /// The fields whose values differ from `before`, in form order, what differs marked.
    pub fn changes_from(&self, before: &ProfileForm) -> Vec<FieldChange> {
        field_changes(&before.0, &self.0)
    }

    /// This form with the chosen fields taken from `proposed`: what approving only those fields makes.
    pub fn with_fields_from(&self, proposed: &ProfileForm, chosen: &[FieldName]) -> ProfileForm {
        let is_chosen = |name: &String| FieldName::parse(name).is_some_and(|name| chosen.contains(&name));
        let mut merged: Vec<(String, String)> = self.0.iter().filter(|(name, _)| !is_chosen(name)).cloned().collect();
        merged.extend(proposed.0.iter().filter(|(name, _)| is_chosen(name)).cloned());
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

impl AuditEntry {
    /// The action, when it is one this version writes.
    pub fn kind(&self) -> Option<AuditAction> {
        self.action.parse().ok()
    }

    /// The place a listing was featured at, read from the listing as the action left it.
    pub fn featured_place(&self) -> Option<i64> {
        serde_json::from_str::<StaffListing>(self.after.as_deref()?).ok()?.featured_position
    }
}

/// Listings offered when staff choose one by name, at most.
pub const LISTING_CHOICES: usize = 8;
/// Audit rows per page.
pub const AUDIT_PAGE: i64 = 50;
/// Longest reason staff give for rejecting a change; the owner reads it in a mail and on their page.
pub const REJECTION_REASON_MAX: usize = 2000;
/// Longest reason staff give for refusing a claim.
pub const CLAIM_REASON_MAX: usize = 500;
/// The name under which a refused claim decision keeps the id of its claim, for the dashboard.
pub const CLAIM_FIELD: &str = "claim";

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

    fn marked(pieces: &[Piece]) -> Vec<&str> {
        pieces.iter().filter(|piece| piece.changed).map(|piece| piece.text.as_str()).collect()
    }

    #[test]
    fn changes_name_each_field_that_differs_with_repeated_values_together() {
        let before = form(&[("en.name", "Old"), ("city", "Bakı"), ("category", "1"), ("category", "2")]);
        let after =
            form(&[("en.name", "New"), ("city", "Bakı"), ("category", "2"), ("category", "3"), ("az.name", "Yeni")]);
        let changes = after.changes_from(&before);
        let fields: Vec<String> = changes.iter().map(|change| change.field.to_string()).collect();
        assert_eq!(fields, ["en.name", "category", "az.name"]);
        assert_eq!((changes[1].before_text().as_str(), changes[1].after_text().as_str()), ("1\n2", "2\n3"));
        assert_eq!(changes[2].before_text(), "", "a field that was not there before");
    }

    #[test]
    fn a_text_change_marks_the_words_deleted_and_inserted() {
        let before = form(&[("en.description", "We audit banks and train their staff.")]);
        let after = form(&[("en.description", "We audit banks, telecoms and train their engineers.")]);
        let change = after.changes_from(&before).remove(0);
        assert!(!change.list);
        assert_eq!(marked(&change.before), ["banks", "staff."]);
        assert_eq!(marked(&change.after), ["banks, telecoms", "engineers."]);
        assert_eq!(change.after_text(), "We audit banks, telecoms and train their engineers.");
    }

    #[test]
    fn a_list_change_marks_the_items_removed_and_added() {
        let before = form(&[("certifications", "ISO 27001\nSOC 2"), ("category", "1"), ("category", "2")]);
        let after = form(&[("certifications", "ISO 27001\nPCI DSS"), ("category", "2"), ("category", "1")]);
        let changes = after.changes_from(&before);
        assert_eq!(changes.len(), 1, "the same categories in another order are no change: {changes:?}");
        assert!(changes[0].list);
        assert_eq!(marked(&changes[0].before), ["SOC 2"]);
        assert_eq!(marked(&changes[0].after), ["PCI DSS"]);
    }

    #[test]
    fn approving_chosen_fields_takes_only_those_from_the_proposal() {
        let current = form(&[("en.name", "Old"), ("city", "Bakı"), ("category", "1")]);
        let proposed = form(&[("en.name", "New"), ("city", "Gəncə"), ("category", "2"), ("category", "3")]);
        let merged = current.with_fields_from(&proposed, &[FormField::City.name(), FormField::Category.name()]);
        assert_eq!(merged.value(FormField::Name.of(Lang::En)), "Old");
        assert_eq!(merged.value(FormField::City), "Gəncə");
        assert_eq!(merged.values(FormField::Category), ["2", "3"]);
    }

    #[test]
    fn a_review_field_reads_back_from_its_tick() {
        for field in [
            ReviewField::LOGO,
            ReviewField::Profile(FormField::Name.of(Lang::Az)),
            ReviewField::Solution(SolutionKey::Draft(3)),
            ReviewField::Solution(SolutionKey::Live(12)),
        ] {
            assert_eq!(field.to_string().parse::<ReviewField>().as_ref(), Ok(&field));
            assert_eq!(serde_json::from_value::<ReviewField>(serde_json::json!(field.to_string())).ok(), Some(field));
        }
        assert_eq!(ReviewField::LOGO.to_string(), "logo");
        assert_eq!(ReviewField::Solution(SolutionKey::Draft(3)).to_string(), "solution:draft-3");
        for nonsense in ["solution:", "solution:draft-x", "founded", "de.name", ""] {
            assert!(nonsense.parse::<ReviewField>().is_err(), "{nonsense:?} is no part of a change");
        }
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
