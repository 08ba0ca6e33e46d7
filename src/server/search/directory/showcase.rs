//! The startup showcase, the landscape and the home page's overview, answered from the organizations'
//! index.
use std::collections::HashMap;

use super::{
    Search,
    organizations::{ListingCard, page_count},
};
use crate::{
    domain::{
        country::Country,
        directory::{DirectoryQuery, DirectorySort, NamedFacet, OrganizationCard, PAGE_SIZE},
        lang::{Lang, Localized},
        organization::OrganizationKind,
        showcase::{
            Bar, Landscape, LandscapeGroup, LandscapeSubcategory, LandscapeTile, Overview, StartupCard, StartupShowcase,
        },
        taxonomy::Category,
    },
    error::AppError,
    routes,
    server::search::index::{Doc, Request},
};

impl Search {
    /// One page of the startup showcase: startups only, featured ones first in the order staff set
    /// (unless the visitor searches or orders otherwise), each with its pitch and needs.
    pub async fn startups(&self, query: &DirectoryQuery, lang: Lang) -> Result<StartupShowcase, AppError> {
        let directory = self.current().await?;
        let mut question = DirectoryQuery { kinds: vec![OrganizationKind::Startup], ..query.clone() };
        if question.sort == DirectorySort::Relevance && question.text.trim().is_empty() {
            question.sort = DirectorySort::Featured;
        }
        let outcome = directory.organizations.search(&directory.organization_request(&question, lang, PAGE_SIZE));
        let cards = self.cards(&directory, &outcome.page, lang, &outcome.words).await?;
        let ids: Vec<i64> = outcome.page.iter().map(|doc| doc.id).collect();
        Ok(StartupShowcase {
            results: self.startup_cards(&ids, cards, lang).await?,
            total: outcome.total,
            page: query.page,
            page_count: page_count(outcome.total),
            facets: directory.organization_facets(&outcome.counts, &question, lang),
        })
    }

    /// Pitches and needs for startup cards.
    async fn startup_cards(
        &self,
        ids: &[i64],
        cards: Vec<OrganizationCard>,
        lang: Lang,
    ) -> Result<Vec<StartupCard>, AppError> {
        let mut facts = self.db.startup_facts_of(ids).await?;
        Ok(ids
            .iter()
            .zip(cards)
            .map(|(id, card)| {
                let facts = facts.remove(id);
                StartupCard {
                    pitch: facts
                        .as_ref()
                        .and_then(|facts| facts.pitch.pick(lang))
                        .map(|pitch| pitch.map(String::clone)),
                    needs: facts.map(|facts| facts.looking_for).unwrap_or_default(),
                    card,
                }
            })
            .collect())
    }

    /// Every published listing matching the kind and country filters, grouped by top-level category;
    /// each group shows its first `per_group` listings by name.
    pub async fn landscape(&self, query: &DirectoryQuery, lang: Lang, per_group: usize) -> Result<Landscape, AppError> {
        let directory = self.current().await?;
        let question = DirectoryQuery {
            kinds: query.kinds.clone(),
            countries: query.countries.clone(),
            ..DirectoryQuery::default()
        };
        let request = Request { page_size: u32::MAX, ..directory.organization_request(&question, lang, 0) };
        let outcome = directory.organizations.search(&request);
        let mut groups: Vec<(&Category, Vec<&Doc<ListingCard>>)> = directory
            .categories
            .iter()
            .filter(|category| category.parent_id.is_none())
            .map(|category| (category, Vec::new()))
            .collect();
        let group_of: HashMap<i64, usize> = directory
            .categories
            .iter()
            .filter_map(|category| {
                let parent = category.parent_id?;
                Some((category.id, groups.iter().position(|(top, _)| top.id == parent)?))
            })
            .collect();
        let mut uncategorized = 0;
        for doc in &outcome.page {
            let mut placed: Vec<usize> =
                doc.payload.categories.iter().filter_map(|id| group_of.get(id).copied()).collect();
            placed.sort_unstable();
            placed.dedup();
            uncategorized += u64::from(placed.is_empty());
            for group in placed {
                groups[group].1.push(doc);
            }
        }
        let shown: Vec<i64> =
            groups.iter().flat_map(|(_, members)| members.iter().take(per_group).map(|doc| doc.id)).collect();
        let texts = self.db.organization_texts(&shown).await?;
        let name_of = |category: &Category| {
            category.names.pick(lang).map_or_else(|| category.slug.to_string(), |name| name.value.clone())
        };
        // How many of a group's listings each of its subcategories holds.
        let subcategories_of = |parent: &Category, members: &[&Doc<ListingCard>]| {
            directory
                .categories
                .iter()
                .filter(|child| child.parent_id == Some(parent.id))
                .map(|child| LandscapeSubcategory {
                    slug: child.slug.clone(),
                    name: name_of(child),
                    count: members.iter().filter(|doc| doc.payload.categories.contains(&child.id)).count() as u64,
                })
                .filter(|child| child.count > 0)
                .collect()
        };
        let groups = groups
            .into_iter()
            .filter(|(_, members)| !members.is_empty())
            .map(|(parent, members)| LandscapeGroup {
                slug: parent.slug.clone(),
                name: name_of(parent),
                count: members.len() as u64,
                subcategories: subcategories_of(parent, &members),
                tiles: members
                    .iter()
                    .take(per_group)
                    .map(|doc| LandscapeTile {
                        slug: doc.payload.slug.clone(),
                        name: texts.get(&doc.id).and_then(|texts| texts.pick(lang)).map_or_else(
                            || Localized { lang, value: doc.payload.slug.to_string() },
                            |text| text.map(|text| text.name.clone()),
                        ),
                        kind: doc.payload.kind,
                        logo_url: directory.logo_url(&doc.payload),
                    })
                    .collect(),
            })
            .collect();
        Ok(Landscape { groups, uncategorized, total: outcome.total })
    }

    /// The ecosystem at a glance for the home page.
    pub async fn overview(&self, lang: Lang, featured_count: usize, recent_count: usize) -> Result<Overview, AppError> {
        let directory = self.current().await?;
        let everything =
            directory.organizations.search(&directory.organization_request(&DirectoryQuery::default(), lang, 0));
        let facets = directory.organization_facets(&everything.counts, &DirectoryQuery::default(), lang);
        let bars = |facets: Vec<NamedFacet>, parameter: &str| {
            let mut bars: Vec<Bar> = facets
                .into_iter()
                .filter(|facet| facet.count > 0)
                .map(|facet| Bar {
                    href: format!("{}?{parameter}={}", routes::directory(lang), facet.slug),
                    label: facet.name,
                    count: facet.count,
                })
                .collect();
            bars.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
            bars
        };
        let startups = DirectoryQuery {
            kinds: vec![OrganizationKind::Startup],
            sort: DirectorySort::Featured,
            ..DirectoryQuery::default()
        };
        let page_size = u32::try_from(featured_count).unwrap_or(u32::MAX);
        let featured = directory.organizations.search(&directory.organization_request(&startups, lang, page_size));
        let featured: Vec<&Doc<ListingCard>> = featured.page.into_iter().filter(|doc| doc.payload.featured).collect();
        let featured_ids: Vec<i64> = featured.iter().map(|doc| doc.id).collect();
        let featured_cards = self.cards(&directory, &featured, lang, &[]).await?;
        let recent = directory.organizations.newest(recent_count);
        let mut by_country: Vec<(Country, u64)> =
            facets.countries.iter().filter(|facet| facet.count > 0).map(|facet| (facet.value, facet.count)).collect();
        by_country.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        Ok(Overview {
            by_kind: facets.kinds.iter().map(|facet| (facet.value, facet.count)).collect(),
            by_category: bars(facets.categories, "category"),
            by_sector: bars(facets.sectors, "sector"),
            by_country,
            featured: self.startup_cards(&featured_ids, featured_cards, lang).await?,
            recent: self.cards(&directory, &recent, lang, &[]).await?,
        })
    }
}
