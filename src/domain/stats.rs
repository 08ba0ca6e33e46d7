//! Figures about the ecosystem as a whole, for the home page.
use serde::{Deserialize, Serialize};

use super::organization::OrganizationKind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: OrganizationKind,
    pub count: i64,
}

/// Counts over published listings only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcosystemStats {
    /// Every kind, in the kind's display order, including those with no listings.
    pub by_kind: Vec<KindCount>,
    pub organizations: i64,
    pub solutions: i64,
    pub countries: i64,
}

impl EcosystemStats {
    pub fn count_of(&self, kind: OrganizationKind) -> i64 {
        self.by_kind.iter().find(|entry| entry.kind == kind).map_or(0, |entry| entry.count)
    }
}
