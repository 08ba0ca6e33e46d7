//! Organizations editing their solutions. A change to a listing carries, besides its profile, what it
//! does to the listing's solutions: each one added, changed or removed. The edits are kept against the
//! solutions as they are, not as a copy of the whole list, so a solution that arrives meanwhile (a
//! merge moves some in) is never dropped by a change made before it arrived.
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::solution::{Solution, SolutionDetails};

/// What a change does to one solution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum SolutionEdit {
    /// A new solution. `draft` tells the change's additions apart until they get ids of their own.
    Add {
        draft: u32,
        details: SolutionDetails,
    },
    Change {
        id: i64,
        details: SolutionDetails,
    },
    Remove {
        id: i64,
    },
}

/// Which solution a form or an edit is about, as the editor's addresses name it: `new`, a solution's
/// id, or `draft-N` for an addition still waiting for review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SolutionKey {
    New,
    Live(i64),
    Draft(u32),
}

impl SolutionKey {
    pub fn parse(text: &str) -> Option<SolutionKey> {
        match text {
            "new" => Some(SolutionKey::New),
            _ => match text.strip_prefix("draft-") {
                Some(draft) => draft.parse().ok().map(SolutionKey::Draft),
                None => text.parse().ok().map(SolutionKey::Live),
            },
        }
    }
}

impl fmt::Display for SolutionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SolutionKey::New => f.write_str("new"),
            SolutionKey::Live(id) => write!(f, "{id}"),
            SolutionKey::Draft(draft) => write!(f, "draft-{draft}"),
        }
    }
}

impl SolutionEdit {
    pub fn key(&self) -> SolutionKey {
        match self {
            SolutionEdit::Add { draft, .. } => SolutionKey::Draft(*draft),
            SolutionEdit::Change { id, .. } | SolutionEdit::Remove { id } => SolutionKey::Live(*id),
        }
    }
}

/// What an editor asks of one solution.
#[derive(Clone, Debug, PartialEq)]
pub enum SolutionIntent {
    Save(SolutionDetails),
    Remove,
    /// Take back the change waiting for review on this solution.
    Withdraw,
}

/// The edits after one more: a later edit of the same solution replaces the earlier one, removing an
/// addition forgets it, and withdrawing drops the solution's edit. `None` when the key names nothing
/// there is to edit (a draft that is gone, or `new` with anything but a save).
///
/// A new addition is numbered `fresh` (or the next number no waiting addition has): the caller picks it
/// at random, so the number of an addition removed meanwhile is not handed on to the next one, where a
/// form still open on the old addition would change it.
pub fn with_intent(
    mut edits: Vec<SolutionEdit>,
    key: SolutionKey,
    intent: SolutionIntent,
    fresh: u32,
) -> Option<Vec<SolutionEdit>> {
    let position = edits.iter().position(|edit| edit.key() == key);
    let edit = match (key, intent) {
        (SolutionKey::New, SolutionIntent::Save(details)) => {
            let taken = |draft: u32| edits.iter().any(|edit| edit.key() == SolutionKey::Draft(draft));
            let draft = (0..).map(|step| fresh.wrapping_add(step)).find(|draft| !taken(*draft)).unwrap_or(fresh);
            Some(SolutionEdit::Add { draft, details })
        }
        (SolutionKey::New, _) => return None,
        (SolutionKey::Draft(_), _) if position.is_none() => return None,
        (_, SolutionIntent::Withdraw) => None,
        (SolutionKey::Draft(draft), SolutionIntent::Save(details)) => Some(SolutionEdit::Add { draft, details }),
        (SolutionKey::Draft(_), SolutionIntent::Remove) => None,
        (SolutionKey::Live(id), SolutionIntent::Save(details)) => Some(SolutionEdit::Change { id, details }),
        (SolutionKey::Live(id), SolutionIntent::Remove) => Some(SolutionEdit::Remove { id }),
    };
    match (position, edit) {
        (Some(position), Some(edit)) => edits[position] = edit,
        (Some(position), None) => {
            edits.remove(position);
        }
        (None, Some(edit)) => edits.push(edit),
        (None, None) => {}
    }
    Some(edits)
}

text_enum! {
    /// Where a solution stands in its editor's eyes.
    pub enum SolutionState {
        /// As the public sees it, with no change waiting.
        Live = "live",
        Added = "added",
        Changed = "changed",
        Removed = "removed",
    }
}

/// A solution as its organization's editors work on it: the public one with any waiting change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkingSolution {
    /// The key of its editor's address.
    pub key: String,
    pub state: SolutionState,
    /// The details as they will be once the waiting change publishes (as they are, when removed).
    pub details: SolutionDetails,
    /// The public page, for a solution the public already sees.
    pub public_slug: Option<String>,
}

/// The listing's solutions with the waiting edits applied, the public ones first in the order they
/// were added, then the additions. Edits of solutions that are gone are left out.
pub fn working_solutions(live: &[Solution], edits: &[SolutionEdit]) -> Vec<WorkingSolution> {
    let mut working: Vec<WorkingSolution> = live
        .iter()
        .map(|solution| {
            let edit = edits.iter().find(|edit| edit.key() == SolutionKey::Live(solution.id));
            let (state, details) = match edit {
                Some(SolutionEdit::Change { details, .. }) => (SolutionState::Changed, details.clone()),
                Some(SolutionEdit::Remove { .. }) => (SolutionState::Removed, solution.details.clone()),
                _ => (SolutionState::Live, solution.details.clone()),
            };
            WorkingSolution {
                key: SolutionKey::Live(solution.id).to_string(),
                state,
                details,
                public_slug: Some(solution.slug.to_string()),
            }
        })
        .collect();
    working.extend(edits.iter().filter_map(|edit| match edit {
        SolutionEdit::Add { details, .. } => Some(WorkingSolution {
            key: edit.key().to_string(),
            state: SolutionState::Added,
            details: details.clone(),
            public_slug: None,
        }),
        _ => None,
    }));
    working
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        lang::{Lang, Translations},
        solution::{SolutionKind, SolutionText},
    };

    fn details(name: &str) -> SolutionDetails {
        let mut texts = Translations::new();
        texts.insert(Lang::En, SolutionText { name: name.to_owned(), description: None });
        SolutionDetails {
            kind: SolutionKind::Product,
            texts,
            deployment: None,
            certifications: Vec::new(),
            url: None,
            category_ids: Vec::new(),
            sector_ids: Vec::new(),
        }
    }

    fn solution(id: i64, name: &str) -> Solution {
        Solution {
            id,
            organization_id: 1,
            slug: crate::domain::slug::Slug::parse(&format!("s-{id}")).unwrap(),
            details: details(name),
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            updated_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn names(working: &[WorkingSolution]) -> Vec<(String, SolutionState)> {
        working
            .iter()
            .map(|solution| (solution.details.texts.get(Lang::En).unwrap().name.clone(), solution.state))
            .collect()
    }

    #[test]
    fn keys_read_back_as_written() {
        for key in [SolutionKey::New, SolutionKey::Live(42), SolutionKey::Draft(3)] {
            assert_eq!(SolutionKey::parse(&key.to_string()), Some(key));
        }
        assert_eq!(SolutionKey::parse("draft-x"), None);
        assert_eq!(SolutionKey::parse("../7"), None);
    }

    #[test]
    fn later_edits_of_a_solution_replace_earlier_ones() {
        let save = |name: &str| SolutionIntent::Save(details(name));
        let edits = with_intent(Vec::new(), SolutionKey::New, save("Shield"), 1).unwrap();
        // A number already taken moves on to the next one free.
        let edits = with_intent(edits, SolutionKey::New, save("Sentry"), 1).unwrap();
        let edits = with_intent(edits, SolutionKey::Draft(1), save("Shield 2"), 0).unwrap();
        let edits = with_intent(edits, SolutionKey::Live(7), save("Gate 2"), 0).unwrap();
        let edits = with_intent(edits, SolutionKey::Live(8), SolutionIntent::Remove, 0).unwrap();
        let live = [solution(7, "Gate"), solution(8, "Vault"), solution(9, "Lens")];
        assert_eq!(
            names(&working_solutions(&live, &edits)),
            [
                ("Gate 2".to_owned(), SolutionState::Changed),
                ("Vault".to_owned(), SolutionState::Removed),
                ("Lens".to_owned(), SolutionState::Live),
                ("Shield 2".to_owned(), SolutionState::Added),
                ("Sentry".to_owned(), SolutionState::Added),
            ]
        );
        let edits = with_intent(edits, SolutionKey::Draft(2), SolutionIntent::Remove, 0).unwrap();
        let edits = with_intent(edits, SolutionKey::Live(7), SolutionIntent::Withdraw, 0).unwrap();
        let edits = with_intent(edits, SolutionKey::New, save("Beacon"), 40).unwrap();
        assert_eq!(
            edits.iter().map(SolutionEdit::key).collect::<Vec<_>>(),
            [SolutionKey::Draft(1), SolutionKey::Live(8), SolutionKey::Draft(40)]
        );
        assert_eq!(with_intent(edits.clone(), SolutionKey::Draft(9), save("Nothing"), 0), None);
        assert_eq!(with_intent(edits, SolutionKey::New, SolutionIntent::Remove, 0), None);
    }

    #[test]
    fn edits_of_solutions_that_are_gone_are_left_out() {
        let edits = vec![SolutionEdit::Remove { id: 5 }, SolutionEdit::Change { id: 6, details: details("Gone") }];
        assert_eq!(
            names(&working_solutions(&[solution(7, "Gate")], &edits)),
            [("Gate".to_owned(), SolutionState::Live)]
        );
    }
}
