//! Organizations in the directory: how their index is built from the rows the repository reads, the
//! questions the index answers about them, and the answers.
use std::collections::{HashMap, HashSet};

use super::{Directory, Search, category_search_names, facet_counts, order_of, parents, sort_names, words};
use crate::{
    domain::{
        city::{KnownCity, city_value},
        country::Country,
        directory::{
            DirectoryFacets, DirectoryPage, DirectoryQuery, DirectorySort, FacetCount, HighlightedText,
            OrganizationCard, PAGE_SIZE,
        },
        lang::{Lang, Localized},
        organization::OrganizationKind,
        showcase::{
            Bar, Landscape, LandscapeGroup, LandscapeSubcategory, LandscapeTile, Overview, StartupCard, StartupShowcase,
        },
        slug::Slug,
        startup::{StartupNeed, StartupStage},
        taxonomy::{Category, Sector, Tag},
    },
    error::AppError,
    routes,
    server::{
        db::{ListingPart, ListingRow, ListingSink},
        search::{
            DESCRIPTION_WEIGHT, NAME_WEIGHT, SUMMARY_WEIGHT, WordMatch, highlight,
            index::{Dimension, Doc, DocumentInput, IndexBuilder, Request},
        },
    },
};

/// The dimensions of organizations, by position.
mod dim {
    pub const KIND: usize = 0;
    pub const COUNTRY: usize = 1;
    pub const CITY: usize = 2;
    pub const VERIFIED: usize = 3;
    pub const STAGE: usize = 4;
    pub const NEED: usize = 5;
    pub const CATEGORY: usize = 6;
    pub const PARENT_CATEGORY: usize = 7;
    pub const SECTOR: usize = 8;
    pub const TAG: usize = 9;
    pub const SOLUTION_CATEGORY: usize = 10;
    pub const PANEL: usize = 11;
}

const ORGANIZATION_DIMENSIONS: &[Dimension] = &[
    Dimension { name: "kind", group: Some(0) },
    Dimension { name: "country", group: Some(1) },
    Dimension { name: "city", group: Some(2) },
    Dimension { name: "verified", group: Some(3) },
    Dimension { name: "stage", group: Some(4) },
    Dimension { name: "need", group: Some(5) },
    Dimension { name: "category", group: Some(6) },
    // Counted with the category filter, never filtered on itself: a top-level choice is expanded to children.
    Dimension { name: "parent_category", group: Some(6) },
    Dimension { name: "sector", group: Some(7) },
    Dimension { name: "tag", group: None },
    Dimension { name: "solution_category", group: None },
    Dimension { name: "panel", group: Some(8) },
];

/// What a result card shows of a listing besides its texts.
#[derive(Clone, Debug)]
pub struct ListingCard {
    pub slug: Slug,
    /// Featured on the startup showcase.
    pub featured: bool,
    pub kind: OrganizationKind,
    pub country: Country,
    pub city: Option<String>,
    pub verified: bool,
    pub logo_version: Option<String>,
    pub stage: Option<StartupStage>,
    pub categories: Vec<i64>,
}

/// Builds the organizations' index from the listings the repository reads.
pub(super) struct Reader {
    builder: IndexBuilder<ListingCard>,
    /// The names each listing has, for ordering by name once all are read.
    names: HashMap<i64, Vec<(Lang, String)>>,
    parents: HashMap<i64, i64>,
}

impl Reader {
    pub(super) fn new(categories: &[Category]) -> Reader {
        Reader {
            builder: IndexBuilder::new(ORGANIZATION_DIMENSIONS),
            names: HashMap::new(),
            parents: parents(categories),
        }
    }

    /// The builder, with what orders documents by name and what lets the words of taxonomy names find
    /// the listings that have those values.
    pub(super) fn finish(self, categories: &[Category], sectors: &[Sector], tags: &[Tag]) -> IndexBuilder<ListingCard> {
        let Reader { mut builder, names, .. } = self;
        for (id, names) in names {
            if let Some(document) = builder.document_mut(id) {
                document.sort_names = sort_names(&names);
            }
        }
        for (id, names) in category_search_names(categories) {
            builder.add_value_names(dim::CATEGORY, id.to_string(), names.clone());
            builder.add_value_names(dim::SOLUTION_CATEGORY, id.to_string(), names);
        }
        for sector in sectors {
            builder.add_value_names(dim::SECTOR, sector.id.to_string(), sector.names.clone());
        }
        for tag in tags {
            builder.add_value_names(dim::TAG, tag.id.to_string(), tag.names.clone());
        }
        builder
    }
}

impl ListingSink for Reader {
    fn listing(&mut self, row: ListingRow) {
        let builder = &mut self.builder;
        let mut values = vec![Vec::new(); ORGANIZATION_DIMENSIONS.len()];
        values[dim::KIND].push(row.kind.to_string());
        values[dim::COUNTRY].push(row.country.to_string());
        values[dim::CITY].extend(row.city.as_deref().map(city_value));
        if row.verified {
            values[dim::VERIFIED].push("1".to_owned());
        }
        builder.add_document(DocumentInput {
            id: row.id,
            listed_at: row.listed_at,
            sort_names: Default::default(),
            featured: row.featured_position,
            values,
            payload: ListingCard {
                slug: row.slug,
                featured: row.featured_position.is_some(),
                kind: row.kind,
                country: row.country,
                city: row.city.clone(),
                verified: row.verified,
                logo_version: row.logo_version,
                stage: None,
                categories: Vec::new(),
            },
        });
        // A city the vocabulary knows is found by any of its names.
        match row.city.as_deref().map(|typed| (typed, KnownCity::find(typed))) {
            Some((_, Some(known))) => {
                known.search_names().for_each(|name| builder.add_text(row.id, name, SUMMARY_WEIGHT))
            }
            Some((typed, None)) => builder.add_text(row.id, typed, SUMMARY_WEIGHT),
            None => {}
        }
    }

    fn part(&mut self, id: i64, part: ListingPart<'_>) {
        let builder = &mut self.builder;
        match part {
            ListingPart::Text { lang, name, summary, description } => {
                builder.add_text(id, name, NAME_WEIGHT);
                summary.inspect(|summary| builder.add_text(id, summary, SUMMARY_WEIGHT));
                description.inspect(|description| builder.add_text(id, description, DESCRIPTION_WEIGHT));
                // Each language orders by the name its readers see: their own, else the first in its
                // fallback order.
                if builder.document_mut(id).is_some() {
                    self.names.entry(id).or_default().push((lang, name.to_owned()));
                }
            }
            ListingPart::SolutionText { name, description } => {
                builder.add_text(id, name, SUMMARY_WEIGHT);
                description.inspect(|description| builder.add_text(id, description, DESCRIPTION_WEIGHT));
            }
            ListingPart::Category(category) => {
                builder.add_value(id, dim::CATEGORY, category.to_string());
                if let Some(parent) = self.parents.get(&category) {
                    builder.add_value(id, dim::PARENT_CATEGORY, parent.to_string());
                }
                if let Some(document) = builder.document_mut(id) {
                    document.payload.categories.push(category);
                }
            }
            ListingPart::Sector(sector) => builder.add_value(id, dim::SECTOR, sector.to_string()),
            ListingPart::Tag(tag) => builder.add_value(id, dim::TAG, tag.to_string()),
            ListingPart::SolutionCategory(category) => {
                builder.add_value(id, dim::SOLUTION_CATEGORY, category.to_string());
            }
            ListingPart::Panel(slug) => builder.add_value(id, dim::PANEL, slug.to_owned()),
            ListingPart::Stage(stage) => {
                if let Some(document) = builder.document_mut(id)
                    && document.payload.stage.is_none()
                {
                    document.payload.stage = Some(stage);
                    document.values[dim::STAGE].push(stage.to_string());
                }
            }
            ListingPart::Need(need) => builder.add_value(id, dim::NEED, need.to_string()),
        }
    }
}

impl Search {
    /// One page of published listings for a directory question, read in `lang`.
    pub async fn directory(&self, query: &DirectoryQuery, lang: Lang) -> Result<DirectoryPage, AppError> {
        let directory = self.current().await?;
        let outcome = directory.organizations.search(&directory.organization_request(query, lang, PAGE_SIZE));
        let results = self.cards(&directory, &outcome.page, lang, &outcome.words).await?;
        Ok(DirectoryPage {
            results,
            total: outcome.total,
            page: query.page,
            page_count: page_count(outcome.total),
            facets: directory.organization_facets(&outcome.counts, query, lang),
        })
    }

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
        let mut groups: Vec<(&crate::domain::taxonomy::Category, Vec<&Doc<ListingCard>>)> = directory
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
        let name_of = |category: &crate::domain::taxonomy::Category| {
            category.names.pick(lang).map_or_else(|| category.slug.to_string(), |name| name.value.clone())
        };
        // How many of a group's listings each of its subcategories holds.
        let subcategories_of = |parent: &crate::domain::taxonomy::Category, members: &[&Doc<ListingCard>]| {
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
        let bars = |facets: Vec<crate::domain::directory::NamedFacet>, parameter: &str| {
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

    /// Published listings that share the most categories with a listing, most shared first.
    pub async fn related_organizations(
        &self,
        id: i64,
        lang: Lang,
        limit: usize,
    ) -> Result<Vec<OrganizationCard>, AppError> {
        let directory = self.current().await?;
        let Some(listing) = directory.organizations.doc(id) else {
            return Ok(Vec::new());
        };
        let mut related: Vec<(usize, &Doc<ListingCard>)> = directory
            .organizations
            .docs()
            .iter()
            .filter(|doc| doc.id != id)
            .map(|doc| (doc.payload.categories.iter().filter(|c| listing.payload.categories.contains(c)).count(), doc))
            .filter(|(shared, _)| *shared > 0)
            .collect();
        // Most shared first; the index's own (name) order breaks ties.
        related.sort_by_key(|(shared, _)| std::cmp::Reverse(*shared));
        let docs: Vec<&Doc<ListingCard>> = related.into_iter().take(limit).map(|(_, doc)| doc).collect();
        self.cards(&directory, &docs, lang, &[]).await
    }

    /// The ids of the published listings a directory question finds, in its order, and how many there
    /// are: one page of them, or all of them (for downloads) when `page_size` is `None`.
    pub async fn directory_ids(
        &self,
        query: &DirectoryQuery,
        lang: Lang,
        page_size: Option<u32>,
    ) -> Result<(Vec<i64>, u64), AppError> {
        let directory = self.current().await?;
        let question = DirectoryQuery { page: if page_size.is_some() { query.page } else { 1 }, ..query.clone() };
        let request = directory.organization_request(&question, lang, page_size.unwrap_or(u32::MAX));
        let outcome = directory.organizations.search(&request);
        Ok((outcome.page.iter().map(|doc| doc.id).collect(), outcome.total))
    }

    /// Cards of published listings by id, in the order asked; unknown or unpublished ids are skipped.
    pub async fn organization_cards(&self, ids: &[i64], lang: Lang) -> Result<Vec<OrganizationCard>, AppError> {
        let directory = self.current().await?;
        let docs: Vec<&Doc<ListingCard>> = ids.iter().filter_map(|id| directory.organizations.doc(*id)).collect();
        self.cards(&directory, &docs, lang, &[]).await
    }

    /// Result cards for documents of the index, with their texts in `lang` and search words marked.
    async fn cards(
        &self,
        directory: &Directory,
        docs: &[&Doc<ListingCard>],
        lang: Lang,
        words: &[WordMatch],
    ) -> Result<Vec<OrganizationCard>, AppError> {
        let ids: Vec<i64> = docs.iter().map(|doc| doc.id).collect();
        let texts = self.db.organization_texts(&ids).await?;
        Ok(docs
            .iter()
            .map(|doc| {
                let text = texts.get(&doc.id).and_then(|texts| texts.pick(lang));
                let (name, summary, written_in) = match &text {
                    Some(text) => (text.value.name.clone(), text.value.short_description.clone(), text.lang),
                    None => (doc.payload.slug.to_string(), None, lang),
                };
                let name = highlight(&name, written_in, words);
                let summary = summary.map(|summary| highlight(&summary, written_in, words));
                directory.card(doc, lang, name, summary)
            })
            .collect())
    }
}

impl Directory {
    /// The index request for a directory question.
    fn organization_request<'a>(&self, query: &'a DirectoryQuery, lang: Lang, page_size: u32) -> Request<'a> {
        let index = &self.organizations;
        // A facet the question names filters, even when none of its values is known (then nothing passes).
        let accept = |dimension: usize, asked: bool, values: Vec<String>| -> Option<Vec<u16>> {
            asked.then(|| values.iter().filter_map(|value| index.position_of(dimension, value)).collect())
        };
        let mut filters: Vec<Option<Vec<u16>>> = vec![None; ORGANIZATION_DIMENSIONS.len()];
        filters[dim::KIND] = accept(dim::KIND, !query.kinds.is_empty(), words(&query.kinds));
        filters[dim::COUNTRY] = accept(dim::COUNTRY, !query.countries.is_empty(), words(&query.countries));
        filters[dim::CITY] = accept(dim::CITY, !query.cities.is_empty(), chosen_cities(&query.cities));
        filters[dim::VERIFIED] = accept(dim::VERIFIED, query.verified_only, vec!["1".to_owned()]);
        filters[dim::STAGE] = accept(dim::STAGE, !query.stages.is_empty(), words(&query.stages));
        filters[dim::NEED] = accept(dim::NEED, !query.needs.is_empty(), words(&query.needs));
        filters[dim::CATEGORY] =
            accept(dim::CATEGORY, !query.categories.is_empty(), self.chosen_categories(&query.categories));
        filters[dim::SECTOR] = accept(dim::SECTOR, !query.sectors.is_empty(), self.chosen_sectors(&query.sectors));
        filters[dim::PANEL] = accept(dim::PANEL, !query.panels.is_empty(), words(&query.panels));
        Request {
            text: &query.text,
            filters,
            order: order_of(query.effective_sort()),
            lang,
            page: query.page,
            page_size,
        }
    }

    fn logo_url(&self, listing: &ListingCard) -> Option<String> {
        listing.logo_version.as_ref().map(|version| routes::logo(&listing.slug, 128, version))
    }

    /// A result card from the index and the texts read for it.
    fn card(
        &self,
        doc: &Doc<ListingCard>,
        lang: Lang,
        name: HighlightedText,
        short_description: Option<HighlightedText>,
    ) -> OrganizationCard {
        let listing = &doc.payload;
        OrganizationCard {
            slug: listing.slug.clone(),
            kind: listing.kind,
            name,
            short_description,
            city: listing.city.clone(),
            country: listing.country,
            verified: listing.verified,
            logo_url: self.logo_url(listing),
            featured: listing.featured,
            stage: listing.stage,
            categories: self.category_names(&listing.categories, lang),
        }
    }

    fn organization_facets(&self, counts: &[Vec<u64>], query: &DirectoryQuery, lang: Lang) -> DirectoryFacets {
        let index = &self.organizations;
        let count = |dimension: usize, value: &str| {
            index.position_of(dimension, value).map_or(0, |at| counts[dimension][usize::from(at)])
        };
        let cities = city_facets(index.values(dim::CITY), |city| count(dim::CITY, city), &chosen_cities(&query.cities));
        DirectoryFacets {
            kinds: facet_counts(OrganizationKind::ALL, &query.kinds, |value| count(dim::KIND, value)),
            categories: self.category_facets(lang, &query.categories, |parent, id| {
                count(if parent { dim::PARENT_CATEGORY } else { dim::CATEGORY }, &id.to_string())
            }),
            sectors: self.sector_facets(lang, &query.sectors, |id| count(dim::SECTOR, &id.to_string())),
            countries: facet_counts(Country::ALL, &query.countries, |value| count(dim::COUNTRY, value)),
            cities,
            stages: facet_counts(StartupStage::ALL, &query.stages, |value| count(dim::STAGE, value)),
            needs: facet_counts(StartupNeed::ALL, &query.needs, |value| count(dim::NEED, value)),
            panels: self.panel_facets(lang, &query.panels, |slug| count(dim::PANEL, slug)),
            verified: FacetCount { value: true, count: count(dim::VERIFIED, "1"), selected: query.verified_only },
        }
    }
}

/// Cities the facet shows when none is chosen.
const CITIES_SHOWN: usize = 12;

/// The facet values of the cities a question names: a vocabulary city by its key, however the address
/// spelled it.
fn chosen_cities(cities: &[String]) -> Vec<String> {
    cities.iter().map(|city| city_value(city)).collect()
}

/// The city facet: the known cities some result is in and every chosen one (a chosen city no listing
/// has shows with 0), chosen first, then by count and name. Sets, not list scans, tell which are
/// chosen and known, so the work grows with the cities named, not with their square.
fn city_facets(known: &[String], count: impl Fn(&str) -> u64, chosen: &[String]) -> Vec<FacetCount<String>> {
    let chosen_set: HashSet<&str> = chosen.iter().map(String::as_str).collect();
    let known_set: HashSet<&str> = known.iter().map(String::as_str).collect();
    let mut cities: Vec<FacetCount<String>> = known
        .iter()
        .map(|city| FacetCount {
            value: city.clone(),
            count: count(city),
            selected: chosen_set.contains(city.as_str()),
        })
        .filter(|city| city.count > 0 || city.selected)
        .collect();
    let mut added = HashSet::new();
    cities.extend(
        chosen
            .iter()
            .filter(|city| !known_set.contains(city.as_str()) && added.insert(city.as_str()))
            .map(|city| FacetCount { value: city.clone(), count: 0, selected: true }),
    );
    cities.sort_by(|a, b| b.selected.cmp(&a.selected).then(b.count.cmp(&a.count)).then(a.value.cmp(&b.value)));
    cities.truncate(CITIES_SHOWN.max(chosen.len()));
    cities
}

/// Pages needed for a total, at least one.
fn page_count(total: u64) -> u32 {
    u32::try_from(total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_city_facet_keeps_chosen_cities_first_and_each_once() {
        let known = ["Bakı", "Gəncə", "Sumqayıt"].map(String::from);
        let count = |city: &str| u64::from(city != "Sumqayıt") * 3;
        let chosen = ["Sumqayıt", "Şuşa", "Şuşa"].map(String::from);
        let facets = city_facets(&known, count, &chosen);
        let shown: Vec<(&str, u64, bool)> =
            facets.iter().map(|city| (city.value.as_str(), city.count, city.selected)).collect();
        assert_eq!(shown, [("Sumqayıt", 0, true), ("Şuşa", 0, true), ("Bakı", 3, false), ("Gəncə", 3, false)]);
    }

    /// 200,000 chosen cities against 200,000 known ones: a list scan per city (as before) would take
    /// hours; sets take a fraction of a second.
    #[test]
    fn the_city_facet_is_linear_in_the_cities_named() {
        let known: Vec<String> = (0..200_000).map(|n| format!("city {n}")).collect();
        let chosen: Vec<String> = (100_000..300_000).map(|n| format!("city {n}")).collect();
        let facets = city_facets(&known, |city| u64::from(city.ends_with('7')), &chosen);
        assert_eq!(facets.len(), chosen.len());
        assert!(facets.iter().all(|city| city.selected));
        assert_eq!(
            facets.iter().filter(|city| city.count == 1).count(),
            10_000,
            "known chosen cities keep their counts"
        );
    }
}
