//! The startup showcase, the landscape and the home page's overview.
use serde::{Deserialize, Serialize};

use super::{
    country::Country,
    directory::{DirectoryFacets, OrganizationCard},
    lang::Localized,
    organization::OrganizationKind,
    slug::Slug,
    startup::StartupNeed,
};

/// A startup as the showcase presents it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartupCard {
    pub card: OrganizationCard,
    pub pitch: Option<Localized<String>>,
    pub needs: Vec<StartupNeed>,
}

/// One page of the startup showcase: featured startups first, in the order staff set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartupShowcase {
    pub results: Vec<StartupCard>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    pub facets: DirectoryFacets,
}

/// A listing as a landscape tile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandscapeTile {
    pub slug: Slug,
    pub name: Localized<String>,
    pub kind: OrganizationKind,
    pub logo_url: Option<String>,
}

/// The listings of one top-level category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandscapeGroup {
    pub slug: Slug,
    pub name: String,
    /// Every listing of the group, of which `tiles` shows the first ones.
    pub count: u64,
    /// Its subcategories that hold some of those listings, in the taxonomy's order.
    pub subcategories: Vec<LandscapeSubcategory>,
    pub tiles: Vec<LandscapeTile>,
}

/// A subcategory of a landscape group, and how many of the group's listings it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandscapeSubcategory {
    pub slug: Slug,
    pub name: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landscape {
    pub groups: Vec<LandscapeGroup>,
    /// Listings shown in no group because they have no category.
    pub uncategorized: u64,
    pub total: u64,
}

/// A labelled count, one bar of a chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    /// Where the bar leads: the directory filtered by this value.
    pub href: String,
    pub count: u64,
}

/// What the home page shows of the ecosystem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub by_kind: Vec<(OrganizationKind, u64)>,
    pub by_category: Vec<Bar>,
    pub by_sector: Vec<Bar>,
    pub by_country: Vec<(Country, u64)>,
    pub featured: Vec<StartupCard>,
    pub recent: Vec<OrganizationCard>,
}
