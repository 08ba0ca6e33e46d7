//! The public directory: search words, facet filters with counts, order and pages.
//!
//! One page is two statements: the page of results, and the total with every facet's counts in one
//! `UNION ALL`. Each facet is counted under all the other filters but not its own, so its counts say
//! what choosing a value would give. Published listings only.
use std::collections::HashMap;

use sqlx::{Row, any::AnyRow};

use super::{Database, SqlBuilder, decode_optional_time, decode_slug, decode_word};
use crate::{
    domain::{
        directory::{
            DirectoryFacets, DirectoryPage, DirectoryQuery, DirectorySort, FacetCount, NamedFacet, OrganizationCard,
            PAGE_SIZE,
        },
        lang::Lang,
        taxonomy::{Category, Sector},
    },
    error::AppError,
    server::search::{NAME_WEIGHT, TAXONOMY_WEIGHT, WordMatch, highlight, query_words},
};

/// The filters a facet count leaves out: its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Facet {
    Kind,
    Country,
    City,
    Verified,
    Stage,
    Need,
    Category,
    Sector,
}

/// A directory question turned into SQL pieces.
struct Plan<'a> {
    query: &'a DirectoryQuery,
    words: Vec<WordMatch>,
    /// Second-level category ids the category filter accepts (a top-level choice brings its children).
    category_ids: Vec<i64>,
    sector_ids: Vec<i64>,
}

impl Database {
    /// One page of published listings for a directory question, read in `lang`.
    pub async fn search_directory(&self, query: &DirectoryQuery, lang: Lang) -> Result<DirectoryPage, AppError> {
        let categories = self.categories().await?;
        let sectors = self.sectors().await?;
        let plan = self.plan(query, &categories, &sectors).await?;

        let mut facets_sql = SqlBuilder::default();
        plan.push_facet_counts(&mut facets_sql);
        let counted = facets_sql.query().fetch_all(self.pool()).await?;
        let counts = FacetRows::read(&counted)?;
        let total = counts.get("total", "");
        let page_count = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX).max(1);

        let mut page_sql = SqlBuilder::default();
        plan.push_page(&mut page_sql);
        let rows = page_sql.query().fetch_all(self.pool()).await?;
        let results = self.cards(&rows, lang, &plan.words, &categories).await?;

        Ok(DirectoryPage {
            results,
            total,
            page: query.page,
            page_count,
            facets: plan.facets(&counts, lang, &categories, &sectors),
        })
    }

    async fn plan<'a>(
        &self,
        query: &'a DirectoryQuery,
        categories: &[Category],
        sectors: &[Sector],
    ) -> Result<Plan<'a>, AppError> {
        let mut words = query_words(&query.text);
        let long_words: Vec<&str> =
            words.iter().filter(|word| word.forgives_typos()).map(|word| word.word.as_str()).collect();
        if !long_words.is_empty() {
            let known = self.words_near(&long_words).await?;
            for word in words.iter_mut().filter(|word| word.forgives_typos()) {
                word.keep_near(known.iter().cloned());
            }
        }
        let category_ids = categories
            .iter()
            .filter(|category| {
                let parent_slug =
                    category.parent_id.and_then(|parent| categories.iter().find(|c| c.id == parent)).map(|c| &c.slug);
                category.parent_id.is_some()
                    && query.categories.iter().any(|slug| *slug == category.slug || Some(slug) == parent_slug)
            })
            .map(|category| category.id)
            .collect();
        let sector_ids =
            sectors.iter().filter(|sector| query.sectors.contains(&sector.slug)).map(|sector| sector.id).collect();
        Ok(Plan { query, words, category_ids, sector_ids })
    }

    /// Result cards: names and summaries in the reader's language with matched words marked.
    async fn cards(
        &self,
        rows: &[AnyRow],
        lang: Lang,
        words: &[WordMatch],
        categories: &[Category],
    ) -> Result<Vec<OrganizationCard>, AppError> {
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
        let texts = self.organization_texts(&ids).await?;
        let links = self.links_of("organization_categories", "organization_id", "category_id", &ids).await?;
        let mut stages = HashMap::new();
        let mut sql = SqlBuilder::new("SELECT organization_id, stage FROM startup_profiles WHERE organization_id IN ");
        sql.bind_list(ids.iter().copied());
        for row in sql.query().fetch_all(self.pool()).await? {
            stages.insert(row.try_get::<i64, _>("organization_id")?, decode_word(&row.try_get::<String, _>("stage")?)?);
        }
        let category_name = |id: &i64| {
            categories
                .iter()
                .find(|category| category.id == *id)
                .and_then(|category| category.names.pick(lang))
                .map(|name| name.value.clone())
        };
        let mut cards = Vec::with_capacity(rows.len());
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let slug = decode_slug(row)?;
            let text = texts.get(&id).and_then(|texts| texts.pick(lang));
            let name = text.as_ref().map_or_else(|| slug.to_string(), |text| text.value.name.clone());
            let text_lang = text.as_ref().map_or(lang, |text| text.lang);
            let logo_version: Option<String> = row.try_get("logo_version")?;
            cards.push(OrganizationCard {
                name: highlight(&name, text_lang, words),
                short_description: text
                    .as_ref()
                    .and_then(|text| text.value.short_description.as_deref())
                    .map(|summary| highlight(summary, text_lang, words)),
                logo_url: logo_version.map(|version| format!("/logos/{slug}/128?v={version}")),
                kind: decode_word(&row.try_get::<String, _>("kind")?)?,
                city: row.try_get("city")?,
                country: decode_word(&row.try_get::<String, _>("country")?)?,
                verified: decode_optional_time(row.try_get("verified_at")?)?.is_some(),
                stage: stages.get(&id).copied(),
                categories: links.get(&id).into_iter().flatten().filter_map(category_name).take(3).collect(),
                slug,
            });
        }
        Ok(cards)
    }
}

impl Plan<'_> {
    /// `WITH matched AS (…)`: listings that have every search word somewhere, with their score and
    /// the number of words found in their name.
    fn push_matched(&self, sql: &mut SqlBuilder) {
        if self.words.is_empty() {
            return;
        }
        sql.push(
            "WITH matched AS (SELECT organization_id, CAST(SUM(best) AS BIGINT) AS score, \
             CAST(SUM(in_name) AS BIGINT) AS name_hits FROM (",
        );
        for (index, word) in self.words.iter().enumerate() {
            if index > 0 {
                sql.push(" UNION ALL ");
            }
            push_word_hits(sql, word);
        }
        sql.push(") word_hits GROUP BY organization_id HAVING COUNT(*) = ");
        sql.push(&self.words.len().to_string()).push(") ");
    }

    fn push_from(&self, sql: &mut SqlBuilder) {
        sql.push(" FROM organizations o");
        if !self.words.is_empty() {
            sql.push(" JOIN matched m ON m.organization_id = o.id");
        }
    }

    /// The filters of the question, except those of `skip`.
    fn push_where(&self, sql: &mut SqlBuilder, skip: Option<Facet>) {
        let query = self.query;
        let wants = |facet: Facet| skip != Some(facet);
        sql.push(" WHERE o.status = 'published'");
        if wants(Facet::Kind) && !query.kinds.is_empty() {
            sql.push(" AND o.kind IN ").bind_list(query.kinds.iter().map(|kind| kind.as_str()));
        }
        if wants(Facet::Country) && !query.countries.is_empty() {
            sql.push(" AND o.country IN ").bind_list(query.countries.iter().map(|country| country.as_str()));
        }
        if wants(Facet::City) && !query.cities.is_empty() {
            sql.push(" AND o.city IN ").bind_list(query.cities.iter().map(String::as_str));
        }
        if wants(Facet::Verified) && query.verified_only {
            sql.push(" AND o.verified_at IS NOT NULL");
        }
        if wants(Facet::Stage) && !query.stages.is_empty() {
            sql.push(" AND EXISTS (SELECT 1 FROM startup_profiles fs WHERE fs.organization_id = o.id AND fs.stage IN ");
            sql.bind_list(query.stages.iter().map(|stage| stage.as_str())).push(")");
        }
        if wants(Facet::Need) && !query.needs.is_empty() {
            sql.push(" AND EXISTS (SELECT 1 FROM startup_needs fn WHERE fn.organization_id = o.id AND fn.need IN ");
            sql.bind_list(query.needs.iter().map(|need| need.as_str())).push(")");
        }
        if wants(Facet::Category) && !query.categories.is_empty() {
            sql.push(
                " AND EXISTS (SELECT 1 FROM organization_categories fc WHERE fc.organization_id = o.id \
                 AND fc.category_id IN ",
            );
            sql.bind_list(self.category_ids.iter().copied()).push(")");
        }
        if wants(Facet::Sector) && !query.sectors.is_empty() {
            sql.push(
                " AND EXISTS (SELECT 1 FROM organization_sectors fx WHERE fx.organization_id = o.id \
                 AND fx.sector_id IN ",
            );
            sql.bind_list(self.sector_ids.iter().copied()).push(")");
        }
    }

    /// The page of results, in the asked-for order.
    fn push_page(&self, sql: &mut SqlBuilder) {
        self.push_matched(sql);
        sql.push("SELECT o.id, o.slug, o.kind, o.city, o.country, o.verified_at, o.logo_version");
        self.push_from(sql);
        self.push_where(sql, None);
        let sort = match self.query.effective_sort() {
            // Text without a single word (only punctuation, say) has nothing to be relevant to.
            DirectorySort::Relevance if self.words.is_empty() => DirectorySort::Name,
            sort => sort,
        };
        sql.push(match sort {
            DirectorySort::Relevance => {
                " ORDER BY CASE WHEN m.name_hits > 0 THEN 0 ELSE 1 END, m.score DESC, o.sort_name, o.id"
            }
            DirectorySort::Name => " ORDER BY o.sort_name, o.id",
            DirectorySort::Newest => " ORDER BY o.created_at DESC, o.id DESC",
        });
        let offset = i64::from(self.query.page.saturating_sub(1)) * i64::from(PAGE_SIZE);
        sql.push(" LIMIT ").bind(i64::from(PAGE_SIZE)).push(" OFFSET ").bind(offset);
    }

    /// The total and every facet's counts, as rows of (facet, value, hits).
    fn push_facet_counts(&self, sql: &mut SqlBuilder) {
        self.push_matched(sql);
        let branches: [(&str, &str, Option<Facet>, &str, &str); 10] = [
            ("'total'", "''", None, "", ""),
            ("'kind'", "o.kind", Some(Facet::Kind), "", " GROUP BY o.kind"),
            ("'country'", "o.country", Some(Facet::Country), "", " GROUP BY o.country"),
            ("'city'", "o.city", Some(Facet::City), "", " AND o.city IS NOT NULL GROUP BY o.city"),
            ("'verified'", "''", Some(Facet::Verified), "", " AND o.verified_at IS NOT NULL"),
            (
                "'stage'",
                "sp.stage",
                Some(Facet::Stage),
                " JOIN startup_profiles sp ON sp.organization_id = o.id",
                " GROUP BY sp.stage",
            ),
            (
                "'need'",
                "sn.need",
                Some(Facet::Need),
                " JOIN startup_needs sn ON sn.organization_id = o.id",
                " GROUP BY sn.need",
            ),
            (
                "'category'",
                "CAST(oc.category_id AS TEXT)",
                Some(Facet::Category),
                " JOIN organization_categories oc ON oc.organization_id = o.id",
                " GROUP BY oc.category_id",
            ),
            (
                "'parent'",
                "CAST(pc.parent_id AS TEXT)",
                Some(Facet::Category),
                " JOIN organization_categories oc ON oc.organization_id = o.id JOIN categories pc ON pc.id = oc.category_id",
                " GROUP BY pc.parent_id",
            ),
            (
                "'sector'",
                "CAST(os.sector_id AS TEXT)",
                Some(Facet::Sector),
                " JOIN organization_sectors os ON os.organization_id = o.id",
                " GROUP BY os.sector_id",
            ),
        ];
        for (index, (facet, value, skip, join, tail)) in branches.into_iter().enumerate() {
            if index > 0 {
                sql.push(" UNION ALL ");
            }
            // A listing counts once per value even when it reaches it twice (two children of one parent).
            sql.push("SELECT ")
                .push(facet)
                .push(" AS facet, ")
                .push(value)
                .push(" AS value, COUNT(DISTINCT o.id) AS hits");
            self.push_from(sql);
            sql.push(join);
            self.push_where(sql, skip);
            sql.push(tail);
        }
    }

    fn facets(&self, counts: &FacetRows, lang: Lang, categories: &[Category], sectors: &[Sector]) -> DirectoryFacets {
        let query = self.query;
        let enumerate = |facet: &str| counts.values(facet);
        let choice = |facet: &str, values: Vec<String>| -> Vec<(String, u64)> {
            let mut found = enumerate(facet);
            for value in values {
                if !found.iter().any(|(known, _)| *known == value) {
                    found.push((value, 0));
                }
            }
            found
        };
        let kinds = crate::domain::organization::OrganizationKind::ALL
            .iter()
            .map(|kind| FacetCount {
                value: *kind,
                count: counts.get("kind", kind.as_str()),
                selected: query.kinds.contains(kind),
            })
            .collect();
        let countries = crate::domain::country::Country::ALL
            .iter()
            .map(|country| FacetCount {
                value: *country,
                count: counts.get("country", country.as_str()),
                selected: query.countries.contains(country),
            })
            .collect();
        let mut cities: Vec<FacetCount<String>> = choice("city", query.cities.clone())
            .into_iter()
            .map(|(city, count)| FacetCount { selected: query.cities.contains(&city), value: city, count })
            .collect();
        cities.sort_by(|a, b| b.selected.cmp(&a.selected).then(b.count.cmp(&a.count)).then(a.value.cmp(&b.value)));
        cities.truncate(12.max(query.cities.len()));
        let stages = crate::domain::startup::StartupStage::ALL
            .iter()
            .map(|stage| FacetCount {
                value: *stage,
                count: counts.get("stage", stage.as_str()),
                selected: query.stages.contains(stage),
            })
            .collect();
        let needs = crate::domain::startup::StartupNeed::ALL
            .iter()
            .map(|need| FacetCount {
                value: *need,
                count: counts.get("need", need.as_str()),
                selected: query.needs.contains(need),
            })
            .collect();
        let name = |names: &crate::domain::lang::Translations<String>, slug: &crate::domain::slug::Slug| {
            names.pick(lang).map_or_else(|| slug.to_string(), |name| name.value.clone())
        };
        let category_facets = categories
            .iter()
            .filter(|category| category.parent_id.is_none())
            .map(|parent| NamedFacet {
                slug: parent.slug.clone(),
                name: name(&parent.names, &parent.slug),
                count: counts.get("parent", &parent.id.to_string()),
                selected: query.categories.contains(&parent.slug),
                children: categories
                    .iter()
                    .filter(|child| child.parent_id == Some(parent.id))
                    .map(|child| NamedFacet {
                        slug: child.slug.clone(),
                        name: name(&child.names, &child.slug),
                        count: counts.get("category", &child.id.to_string()),
                        selected: query.categories.contains(&child.slug),
                        children: Vec::new(),
                    })
                    .collect(),
            })
            .collect();
        let sector_facets = sectors
            .iter()
            .map(|sector| NamedFacet {
                slug: sector.slug.clone(),
                name: name(&sector.names, &sector.slug),
                count: counts.get("sector", &sector.id.to_string()),
                selected: query.sectors.contains(&sector.slug),
                children: Vec::new(),
            })
            .collect();
        DirectoryFacets {
            kinds,
            categories: category_facets,
            sectors: sector_facets,
            countries,
            cities,
            stages,
            needs,
            verified: FacetCount { value: true, count: counts.get("verified", ""), selected: query.verified_only },
        }
    }
}

/// The hits of one search word per listing: its best weighted match anywhere, and whether it is in the name.
fn push_word_hits(sql: &mut SqlBuilder, word: &WordMatch) {
    sql.push("SELECT organization_id, MAX(score) AS best, MAX(in_name) AS in_name FROM (");
    sql.push("SELECT st.organization_id AS organization_id, st.weight * ");
    push_quality(sql, "st.term", word);
    sql.push(" AS score, CASE WHEN st.weight >= ").push(&NAME_WEIGHT.to_string());
    sql.push(" THEN 1 ELSE 0 END AS in_name FROM search_terms st WHERE ");
    push_term_condition(sql, "st.term", word);
    for (facet, link_table, link_column) in [
        ("category", "organization_categories", "category_id"),
        ("sector", "organization_sectors", "sector_id"),
        ("tag", "organization_tags", "tag_id"),
    ] {
        sql.push(" UNION ALL SELECT l.organization_id, ").push(&TAXONOMY_WEIGHT.to_string()).push(" * ");
        push_quality(sql, "tt.term", word);
        sql.push(", 0 FROM taxonomy_terms tt JOIN ").push(link_table);
        sql.push(" l ON l.").push(link_column).push(" = tt.target_id WHERE tt.facet = '").push(facet).push("' AND ");
        push_term_condition(sql, "tt.term", word);
    }
    // The categories of its solutions lead to a listing too.
    sql.push(" UNION ALL SELECT s.organization_id, ").push(&TAXONOMY_WEIGHT.to_string()).push(" * ");
    push_quality(sql, "tt.term", word);
    sql.push(
        ", 0 FROM taxonomy_terms tt JOIN solution_categories sc ON sc.category_id = tt.target_id \
         JOIN solutions s ON s.id = sc.solution_id WHERE tt.facet = 'category' AND ",
    );
    push_term_condition(sql, "tt.term", word);
    sql.push(") hits GROUP BY organization_id");
}

/// Whether an indexed word is found by the search word: equal, starting with it, or one typo away.
fn push_term_condition(sql: &mut SqlBuilder, column: &str, word: &WordMatch) {
    sql.push("(").push(column).push(" = ").bind(word.word.as_str());
    if let Some(end) = word.prefix_end() {
        sql.push(" OR (").push(column).push(" >= ").bind(word.word.as_str());
        sql.push(" AND ").push(column).push(" < ").bind(end).push(")");
    }
    if !word.near.is_empty() {
        sql.push(" OR ").push(column).push(" IN ").bind_list(word.near.iter().map(String::as_str));
    }
    sql.push(")");
}

/// How well an indexed word matches: 3 equal, 2 a prefix, 1 a typo away.
fn push_quality(sql: &mut SqlBuilder, column: &str, word: &WordMatch) {
    sql.push("(CASE WHEN ").push(column).push(" = ").bind(word.word.as_str()).push(" THEN 3");
    if let Some(end) = word.prefix_end() {
        sql.push(" WHEN ").push(column).push(" >= ").bind(word.word.as_str());
        sql.push(" AND ").push(column).push(" < ").bind(end).push(" THEN 2");
    }
    sql.push(" ELSE 1 END)");
}

/// The rows of the facet statement, by facet and value.
struct FacetRows(HashMap<String, Vec<(String, u64)>>);

impl FacetRows {
    fn read(rows: &[AnyRow]) -> Result<FacetRows, sqlx::Error> {
        let mut facets: HashMap<String, Vec<(String, u64)>> = HashMap::new();
        for row in rows {
            let hits: i64 = row.try_get("hits")?;
            let value: Option<String> = row.try_get("value")?;
            facets
                .entry(row.try_get("facet")?)
                .or_default()
                .push((value.unwrap_or_default(), u64::try_from(hits).unwrap_or(0)));
        }
        Ok(FacetRows(facets))
    }

    fn get(&self, facet: &str, value: &str) -> u64 {
        self.0
            .get(facet)
            .and_then(|values| values.iter().find(|(known, _)| known == value))
            .map_or(0, |(_, hits)| *hits)
    }

    fn values(&self, facet: &str) -> Vec<(String, u64)> {
        self.0.get(facet).cloned().unwrap_or_default()
    }
}
