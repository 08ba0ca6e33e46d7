//! The public directory's question and answer: what the visitor asked for (text, filters, order, page),
//! and (in `answer`) what one page of results looks like. The question lives entirely in the URL, so it
//! can be shared.
mod answer;

use serde::{Deserialize, Serialize};

use crate::error::AppError;
pub use answer::{
    DirectoryFacets, DirectoryPage, FacetCount, Fragment, HighlightedText, NamedFacet, OrganizationCard, SolutionCard,
    SolutionFacets, SolutionResults,
};

use super::{
    country::Country,
    limits::{MAX_FACET_VALUES, check_at_most, check_count, check_text},
    organization::OrganizationKind,
    slug::Slug,
    solution::{Deployment, SolutionKind},
    startup::{StartupNeed, StartupStage},
    taxonomy::NistFunction,
};

text_enum! {
    /// How results are ordered. Relevance needs search words; without them it falls back to name.
    #[derive(Default)]
    pub enum DirectorySort {
        #[default]
        Relevance = "relevance",
        Name = "name",
        Newest = "newest",
        /// Featured listings first, in the order staff set; the startup showcase's own order.
        Featured = "featured",
    }
}

impl DirectorySort {
    /// The orders the organizations and solutions directories offer.
    pub const DIRECTORY: &'static [DirectorySort] =
        &[DirectorySort::Relevance, DirectorySort::Name, DirectorySort::Newest];
    /// The orders the startup showcase offers; without search words it starts with featured startups.
    pub const SHOWCASE: &'static [DirectorySort] =
        &[DirectorySort::Featured, DirectorySort::Relevance, DirectorySort::Name, DirectorySort::Newest];
}

/// Results per page.
pub const PAGE_SIZE: u32 = 20;
/// Solutions compared side by side at most.
pub const COMPARED_SOLUTIONS: usize = 4;
/// Longest search text; a longer one is not a search anybody typed, and is left out and reported.
pub const MAX_QUERY_CHARS: usize = 200;
/// Deepest page a visitor can ask for; beyond it the page is out of range.
pub const MAX_PAGE: u32 = 10_000;
/// Longest city name a filter names.
pub const MAX_CITY_CHARS: usize = 80;

/// The directory question, parsed from the URL's query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub text: String,
    pub kinds: Vec<OrganizationKind>,
    /// Category slugs of either level; a top-level category stands for all its children.
    pub categories: Vec<Slug>,
    pub sectors: Vec<Slug>,
    pub countries: Vec<Country>,
    pub cities: Vec<String>,
    pub stages: Vec<StartupStage>,
    pub needs: Vec<StartupNeed>,
    /// Forum panels (by slug) the listing takes part in.
    pub panels: Vec<Slug>,
    pub verified_only: bool,
    pub sort: DirectorySort,
    /// 1-based.
    pub page: u32,
}

/// A directory question that lives in the URL's query string.
pub trait SearchQuery: Sized {
    /// Reads a query string's pairs. Unknown names pass silently (other tools add their own);
    /// a known name with a value that makes no sense is ignored and reported.
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Self, Vec<IgnoredParameter>);

    /// The canonical query string (without `?`): the same question always gives the same URL.
    fn to_query_string(&self) -> String;

    /// Refuses a question the URL parser would not have read whole: longer text, a deeper page, more
    /// values in a facet. Server functions ask it before any search, for callers that are no page.
    fn check_limits(&self) -> Result<(), AppError>;

    /// The search words, as typed.
    fn text(&self) -> &str;

    /// Whether any filter (not the text) narrows the results.
    fn has_filters(&self) -> bool;

    /// The same question on another page.
    fn on_page(&self, page: u32) -> Self;

    /// The same text and order with no filters, on the first page.
    fn without_filters(&self) -> Self;

    /// The same filters and order without search words, on the first page.
    fn without_text(&self) -> Self;

    /// Reads a raw query string (`q=kiber&kind=cert`, without `?`).
    fn from_query_string(text: &str) -> (Self, Vec<IgnoredParameter>) {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes()).into_owned().collect();
        Self::from_pairs(pairs.iter().map(|(name, value)| (name.as_str(), value.as_str())))
    }

    /// Whether search engines should file this question's page: the whole list, or one filter value
    /// (a landing page such as "every CERT"), in any order or page. A text search or a combination of
    /// filters is one of endlessly many pages.
    fn worth_indexing(&self) -> bool {
        let query = self.to_query_string();
        let filters: Vec<_> =
            form_urlencoded::parse(query.as_bytes()).filter(|(name, _)| name != "sort" && name != "page").collect();
        filters.len() <= 1 && filters.iter().all(|(name, _)| name != "q")
    }

    /// The address of this question on the page at `path`.
    fn href(&self, path: &str) -> String {
        match self.to_query_string() {
            query if query.is_empty() => path.to_owned(),
            query => format!("{path}?{query}"),
        }
    }
}

impl DirectoryQuery {
    /// The part of a directory question the landscape understands: kinds and countries.
    pub fn for_landscape(self) -> DirectoryQuery {
        DirectoryQuery { kinds: self.kinds, countries: self.countries, page: 1, ..DirectoryQuery::default() }
    }
}

/// A query-string parameter that was ignored, and why, so the page can say so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoredParameter {
    pub name: String,
    pub value: String,
}

impl SearchQuery for DirectoryQuery {
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (DirectoryQuery, Vec<IgnoredParameter>) {
        let mut query = DirectoryQuery { page: 1, ..DirectoryQuery::default() };
        let mut facets = DirectoryQuery::default();
        let ignored = read_pairs(pairs, &mut query.text, &mut query.sort, &mut query.page, |name, value| match name {
            "kind" => push_parsed(&mut facets.kinds, value),
            "category" => push_parsed_with(&mut facets.categories, value, |v| Slug::parse(v).ok()),
            "sector" => push_parsed_with(&mut facets.sectors, value, |v| Slug::parse(v).ok()),
            "country" => push_parsed_with(&mut facets.countries, value, |v| v.to_ascii_uppercase().parse().ok()),
            "city" => push_parsed_with(&mut facets.cities, value, |v| {
                (v.chars().count() <= MAX_CITY_CHARS).then(|| v.to_owned())
            }),
            "stage" => push_parsed(&mut facets.stages, value),
            "need" => push_parsed(&mut facets.needs, value),
            "panel" => push_parsed_with(&mut facets.panels, value, |v| Slug::parse(v).ok()),
            "verified" => match value {
                "1" | "true" | "yes" | "on" => {
                    facets.verified_only = true;
                    true
                }
                "0" | "false" | "no" | "off" => true,
                _ => false,
            },
            _ => true,
        });
        let query = DirectoryQuery { text: query.text, sort: query.sort, page: query.page, ..facets };
        (query, ignored)
    }

    fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        pairs.extend(self.kinds.iter().map(|kind| ("kind", kind.to_string())));
        pairs.extend(self.categories.iter().map(|slug| ("category", slug.to_string())));
        pairs.extend(self.sectors.iter().map(|slug| ("sector", slug.to_string())));
        pairs.extend(self.countries.iter().map(|country| ("country", country.to_string())));
        pairs.extend(self.cities.iter().map(|city| ("city", city.clone())));
        pairs.extend(self.stages.iter().map(|stage| ("stage", stage.to_string())));
        pairs.extend(self.needs.iter().map(|need| ("need", need.to_string())));
        pairs.extend(self.panels.iter().map(|slug| ("panel", slug.to_string())));
        if self.verified_only {
            pairs.push(("verified", "1".to_owned()));
        }
        write_pairs(&self.text, pairs, self.sort, self.page)
    }

    fn check_limits(&self) -> Result<(), AppError> {
        check_question(
            &self.text,
            self.page,
            &[
                ("kind", self.kinds.len()),
                ("category", self.categories.len()),
                ("sector", self.sectors.len()),
                ("country", self.countries.len()),
                ("city", self.cities.len()),
                ("stage", self.stages.len()),
                ("need", self.needs.len()),
                ("panel", self.panels.len()),
            ],
        )?;
        self.cities.iter().try_for_each(|city| check_text("city", city, MAX_CITY_CHARS))
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn has_filters(&self) -> bool {
        !(self.kinds.is_empty()
            && self.categories.is_empty()
            && self.sectors.is_empty()
            && self.countries.is_empty()
            && self.cities.is_empty()
            && self.stages.is_empty()
            && self.needs.is_empty()
            && self.panels.is_empty()
            && !self.verified_only)
    }

    fn on_page(&self, page: u32) -> DirectoryQuery {
        DirectoryQuery { page, ..self.clone() }
    }

    fn without_filters(&self) -> DirectoryQuery {
        DirectoryQuery { text: self.text.clone(), sort: self.sort, page: 1, ..DirectoryQuery::default() }
    }

    fn without_text(&self) -> DirectoryQuery {
        DirectoryQuery { text: String::new(), page: 1, ..self.clone() }
    }
}

impl DirectoryQuery {
    /// The order actually used: relevance means nothing without search words.
    pub fn effective_sort(&self) -> DirectorySort {
        if self.sort == DirectorySort::Relevance && self.text.trim().is_empty() {
            DirectorySort::Name
        } else {
            self.sort
        }
    }
}

/// Reads query-string pairs for either directory. Empty values are skipped; `q`, `sort` and `page`
/// mean the same everywhere; `field` takes the rest and says whether it understood the value (names
/// it does not know pass, since other tools add their own). Values that made no sense are returned.
fn read_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    text: &mut String,
    sort: &mut DirectorySort,
    page: &mut u32,
    mut field: impl FnMut(&str, &str) -> bool,
) -> Vec<IgnoredParameter> {
    let mut ignored = Vec::new();
    for (name, value) in pairs {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let understood = match name {
            "q" if value.chars().count() <= MAX_QUERY_CHARS => {
                *text = value.to_owned();
                true
            }
            "q" => false,
            "sort" => value.parse().map(|chosen| *sort = chosen).is_ok(),
            "page" => match value.parse::<u32>() {
                Ok(chosen @ 1..=MAX_PAGE) => {
                    *page = chosen;
                    true
                }
                _ => false,
            },
            _ => field(name, value),
        };
        if !understood {
            ignored.push(IgnoredParameter { name: name.to_owned(), value: value.chars().take(80).collect() });
        }
    }
    ignored
}

/// The limits every directory question keeps to: its text, its page and its facets' value counts.
fn check_question(text: &str, page: u32, facets: &[(&str, usize)]) -> Result<(), AppError> {
    check_text("q", text, MAX_QUERY_CHARS)?;
    check_at_most("page", page, MAX_PAGE)?;
    facets.iter().try_for_each(|(name, count)| check_count(name, *count, MAX_FACET_VALUES))
}

/// The canonical query string of a question: text first, then the facets, order and page when not default.
fn write_pairs(text: &str, facets: Vec<(&str, String)>, sort: DirectorySort, page: u32) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    if !text.trim().is_empty() {
        serializer.append_pair("q", text.trim());
    }
    serializer.extend_pairs(facets);
    if sort != DirectorySort::default() {
        serializer.append_pair("sort", sort.as_str());
    }
    if page > 1 {
        serializer.append_pair("page", &page.to_string());
    }
    serializer.finish()
}

fn push_parsed<T: std::str::FromStr + PartialEq>(values: &mut Vec<T>, text: &str) -> bool {
    push_parsed_with(values, text, |text| text.parse().ok())
}

/// Adds a facet value once; one that does not parse, or beyond [`MAX_FACET_VALUES`], is not understood.
fn push_parsed_with<T: PartialEq>(values: &mut Vec<T>, text: &str, parse: impl Fn(&str) -> Option<T>) -> bool {
    match parse(text) {
        Some(value) if values.contains(&value) => true,
        Some(value) if values.len() < MAX_FACET_VALUES => {
            values.push(value);
            true
        }
        _ => false,
    }
}

/// The solutions directory's question, parsed from the URL's query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionQuery {
    pub text: String,
    /// Category slugs of either level; a top-level category stands for all its children.
    pub categories: Vec<Slug>,
    pub nist_functions: Vec<NistFunction>,
    pub sectors: Vec<Slug>,
    pub deployments: Vec<Deployment>,
    pub kinds: Vec<SolutionKind>,
    pub countries: Vec<Country>,
    pub sort: DirectorySort,
    /// 1-based.
    pub page: u32,
}

impl SearchQuery for SolutionQuery {
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (SolutionQuery, Vec<IgnoredParameter>) {
        let mut query = SolutionQuery { page: 1, ..SolutionQuery::default() };
        let mut facets = SolutionQuery::default();
        let ignored = read_pairs(pairs, &mut query.text, &mut query.sort, &mut query.page, |name, value| match name {
            "category" => push_parsed_with(&mut facets.categories, value, |v| Slug::parse(v).ok()),
            "nist" => push_parsed(&mut facets.nist_functions, value),
            "sector" => push_parsed_with(&mut facets.sectors, value, |v| Slug::parse(v).ok()),
            "deployment" => push_parsed(&mut facets.deployments, value),
            "kind" => push_parsed(&mut facets.kinds, value),
            "country" => push_parsed_with(&mut facets.countries, value, |v| v.to_ascii_uppercase().parse().ok()),
            _ => true,
        });
        (SolutionQuery { text: query.text, sort: query.sort, page: query.page, ..facets }, ignored)
    }

    fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        pairs.extend(self.categories.iter().map(|slug| ("category", slug.to_string())));
        pairs.extend(self.nist_functions.iter().map(|function| ("nist", function.to_string())));
        pairs.extend(self.sectors.iter().map(|slug| ("sector", slug.to_string())));
        pairs.extend(self.deployments.iter().map(|deployment| ("deployment", deployment.to_string())));
        pairs.extend(self.kinds.iter().map(|kind| ("kind", kind.to_string())));
        pairs.extend(self.countries.iter().map(|country| ("country", country.to_string())));
        write_pairs(&self.text, pairs, self.sort, self.page)
    }

    fn check_limits(&self) -> Result<(), AppError> {
        check_question(
            &self.text,
            self.page,
            &[
                ("category", self.categories.len()),
                ("nist", self.nist_functions.len()),
                ("sector", self.sectors.len()),
                ("deployment", self.deployments.len()),
                ("kind", self.kinds.len()),
                ("country", self.countries.len()),
            ],
        )
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn has_filters(&self) -> bool {
        !(self.categories.is_empty()
            && self.nist_functions.is_empty()
            && self.sectors.is_empty()
            && self.deployments.is_empty()
            && self.kinds.is_empty()
            && self.countries.is_empty())
    }

    fn on_page(&self, page: u32) -> SolutionQuery {
        SolutionQuery { page, ..self.clone() }
    }

    fn without_filters(&self) -> SolutionQuery {
        SolutionQuery { text: self.text.clone(), sort: self.sort, page: 1, ..SolutionQuery::default() }
    }

    fn without_text(&self) -> SolutionQuery {
        SolutionQuery { text: String::new(), page: 1, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_parse_and_round_trip() {
        let pairs = [
            ("q", " kiber  "),
            ("kind", "cert"),
            ("kind", "startup"),
            ("kind", "cert"),
            ("category", "siem"),
            ("country", "az"),
            ("city", "Bakı"),
            ("verified", "1"),
            ("sort", "newest"),
            ("page", "3"),
            ("utm_source", "forum"),
        ];
        let (query, ignored) = DirectoryQuery::from_pairs(pairs);
        assert!(ignored.is_empty(), "{ignored:?}");
        assert_eq!(query.text, "kiber");
        assert_eq!(query.kinds, [OrganizationKind::Cert, OrganizationKind::Startup], "duplicates dropped");
        assert_eq!(query.countries, [Country::Azerbaijan]);
        assert!(query.verified_only && query.has_filters());
        assert_eq!((query.sort, query.page), (DirectorySort::Newest, 3));
        let canonical = query.to_query_string();
        assert_eq!(
            canonical,
            "q=kiber&kind=cert&kind=startup&category=siem&country=AZ&city=Bak%C4%B1&verified=1&sort=newest&page=3"
        );
        assert_eq!(DirectoryQuery::from_query_string(&canonical).0, query, "the canonical form reads back the same");
        assert_eq!(DirectoryQuery::from_query_string("q=%C5%9Firk%C9%99t+mmc&page=").0.text, "şirkət mmc");
    }

    #[test]
    fn nonsense_values_are_ignored_and_reported() {
        let (query, ignored) = DirectoryQuery::from_pairs([
            ("kind", "spaceship"),
            ("page", "-4"),
            ("page", "0"),
            ("sort", "random"),
            ("country", "XX"),
            ("verified", "maybe"),
        ]);
        assert_eq!(query, DirectoryQuery { page: 1, ..DirectoryQuery::default() });
        let names: Vec<&str> = ignored.iter().map(|parameter| parameter.name.as_str()).collect();
        assert_eq!(names, ["kind", "page", "page", "sort", "country", "verified"]);
    }

    #[test]
    fn the_url_reads_what_the_server_functions_accept() {
        let cities: Vec<String> = (0..=MAX_FACET_VALUES).map(|n| format!("City {n}")).collect();
        let long_text = "k".repeat(MAX_QUERY_CHARS + 50);
        let mut pairs: Vec<(&str, &str)> = cities.iter().map(|city| ("city", city.as_str())).collect();
        pairs.extend([("q", long_text.as_str()), ("page", "99999")]);
        let (query, ignored) = DirectoryQuery::from_pairs(pairs);
        assert_eq!(query.cities.len(), MAX_FACET_VALUES, "the values beyond the limit are ignored");
        let ignored: Vec<&str> = ignored.iter().map(|parameter| parameter.name.as_str()).collect();
        assert_eq!(ignored, ["city", "q", "page"], "and reported");
        assert_eq!(query.text, "", "an over-long search text is left out, not cut");
        assert_eq!(query.check_limits(), Ok(()), "what the URL gives, the server functions accept");
        let too_many = DirectoryQuery { cities, ..query.clone() };
        assert_eq!(too_many.check_limits(), Err(AppError::BadRequest("city: at most 100 values".into())));
        assert!(DirectoryQuery { page: MAX_PAGE + 1, ..query.clone() }.check_limits().is_err());
        assert!(DirectoryQuery { text: long_text, ..query.clone() }.check_limits().is_err());
        assert!(DirectoryQuery { cities: vec!["x".repeat(MAX_CITY_CHARS + 1)], ..query }.check_limits().is_err());
        let solutions =
            SolutionQuery { kinds: vec![SolutionKind::ALL[0]; MAX_FACET_VALUES + 1], ..SolutionQuery::default() };
        assert_eq!(solutions.check_limits(), Err(AppError::BadRequest("kind: at most 100 values".into())));
    }

    #[test]
    fn relevance_needs_words() {
        let (query, _) = DirectoryQuery::from_pairs([("sort", "relevance")]);
        assert_eq!(query.effective_sort(), DirectorySort::Name);
        let (query, _) = DirectoryQuery::from_pairs([("q", "soc")]);
        assert_eq!(query.effective_sort(), DirectorySort::Relevance);
        assert_eq!(query.without_filters().to_query_string(), "q=soc");
    }
}
