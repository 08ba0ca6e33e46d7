//! Organizations in the directory: the questions the index answers about them, and the answers.
mod documents;

use std::collections::HashSet;

use super::{Directory, Search, facet_counts, order_of, words};
use crate::{
    domain::{
        city::city_value,
        country::Country,
        directory::{
            DirectoryFacets, DirectoryPage, DirectoryQuery, FacetCount, HighlightedText, OrganizationCard, PAGE_SIZE,
        },
        lang::Lang,
        organization::OrganizationKind,
        startup::{StartupNeed, StartupStage},
    },
    error::AppError,
    routes,
    server::search::{
        WordMatch, highlight,
        index::{Doc, Request},
    },
};
pub use documents::ListingCard;
pub(super) use documents::Reader;
use documents::{ORGANIZATION_DIMENSIONS, dim};

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
    pub(super) async fn cards(
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
    pub(super) fn organization_request<'a>(
        &self,
        query: &'a DirectoryQuery,
        lang: Lang,
        page_size: u32,
    ) -> Request<'a> {
        let index = &self.organizations;
        let accept = |dimension: usize, asked: bool, values: Vec<String>| index.filter(dimension, asked, &values);
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

    pub(super) fn logo_url(&self, listing: &ListingCard) -> Option<String> {
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

    pub(super) fn organization_facets(
        &self,
        counts: &[Vec<u64>],
        query: &DirectoryQuery,
        lang: Lang,
    ) -> DirectoryFacets {
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
pub(super) fn page_count(total: u64) -> u32 {
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
