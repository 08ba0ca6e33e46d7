//! The public directory's question and answer: what the visitor asked for (text, filters, order, page)
//! and what one page of results looks like. The question lives entirely in the URL, so it can be shared.
use serde::{Deserialize, Serialize};

use super::{
    country::Country,
    lang::Lang,
    organization::OrganizationKind,
    slug::Slug,
    startup::{StartupNeed, StartupStage},
};

text_enum! {
    /// How results are ordered. Relevance needs search words; without them it falls back to name.
    #[derive(Default)]
    pub enum DirectorySort {
        #[default]
        Relevance = "relevance",
        Name = "name",
        Newest = "newest",
    }
}

/// Results per page.
pub const PAGE_SIZE: u32 = 20;
/// Longest search text considered; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// Deepest page a visitor can ask for; beyond it the page is out of range.
pub const MAX_PAGE: u32 = 10_000;

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
    pub verified_only: bool,
    pub sort: DirectorySort,
    /// 1-based.
    pub page: u32,
}

/// A query-string parameter that was ignored, and why, so the page can say so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoredParameter {
    pub name: String,
    pub value: String,
}

impl DirectoryQuery {
    /// Reads a query string's pairs. Unknown names pass silently (other tools add their own);
    /// a known name with a value that makes no sense is ignored and reported.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (DirectoryQuery, Vec<IgnoredParameter>) {
        let mut query = DirectoryQuery { page: 1, ..DirectoryQuery::default() };
        let mut ignored = Vec::new();
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let understood = match name {
                "q" => {
                    query.text = value.chars().take(MAX_QUERY_CHARS).collect();
                    true
                }
                "kind" => push_parsed(&mut query.kinds, value),
                "category" => push_parsed_with(&mut query.categories, value, |v| Slug::parse(v).ok()),
                "sector" => push_parsed_with(&mut query.sectors, value, |v| Slug::parse(v).ok()),
                "country" => push_parsed_with(&mut query.countries, value, |v| v.to_ascii_uppercase().parse().ok()),
                "city" => {
                    push_parsed_with(&mut query.cities, value, |v| (v.chars().count() <= 80).then(|| v.to_owned()))
                }
                "stage" => push_parsed(&mut query.stages, value),
                "need" => push_parsed(&mut query.needs, value),
                "verified" => match value {
                    "1" | "true" | "yes" | "on" => {
                        query.verified_only = true;
                        true
                    }
                    "0" | "false" | "no" | "off" => true,
                    _ => false,
                },
                "sort" => value.parse().map(|sort| query.sort = sort).is_ok(),
                "page" => match value.parse::<u32>() {
                    Ok(page @ 1..=MAX_PAGE) => {
                        query.page = page;
                        true
                    }
                    _ => false,
                },
                _ => true,
            };
            if !understood {
                ignored.push(IgnoredParameter { name: name.to_owned(), value: value.chars().take(80).collect() });
            }
        }
        (query, ignored)
    }

    /// The canonical query string (without `?`): the same question always gives the same URL.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push(("q", self.text.trim().to_owned()));
        }
        pairs.extend(self.kinds.iter().map(|kind| ("kind", kind.to_string())));
        pairs.extend(self.categories.iter().map(|slug| ("category", slug.to_string())));
        pairs.extend(self.sectors.iter().map(|slug| ("sector", slug.to_string())));
        pairs.extend(self.countries.iter().map(|country| ("country", country.to_string())));
        pairs.extend(self.cities.iter().map(|city| ("city", city.clone())));
        pairs.extend(self.stages.iter().map(|stage| ("stage", stage.to_string())));
        pairs.extend(self.needs.iter().map(|need| ("need", need.to_string())));
        if self.verified_only {
            pairs.push(("verified", "1".to_owned()));
        }
        if self.sort != DirectorySort::default() {
            pairs.push(("sort", self.sort.to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
    }

    /// Reads a raw query string (`q=kiber&kind=cert`, without `?`).
    pub fn from_query_string(text: &str) -> (DirectoryQuery, Vec<IgnoredParameter>) {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes()).into_owned().collect();
        DirectoryQuery::from_pairs(pairs.iter().map(|(name, value)| (name.as_str(), value.as_str())))
    }

    /// Whether any filter (not the text) narrows the results.
    pub fn has_filters(&self) -> bool {
        !(self.kinds.is_empty()
            && self.categories.is_empty()
            && self.sectors.is_empty()
            && self.countries.is_empty()
            && self.cities.is_empty()
            && self.stages.is_empty()
            && self.needs.is_empty()
            && !self.verified_only)
    }

    /// The same question on another page.
    pub fn on_page(&self, page: u32) -> DirectoryQuery {
        DirectoryQuery { page, ..self.clone() }
    }

    /// The same text and order with no filters, on the first page.
    pub fn without_filters(&self) -> DirectoryQuery {
        DirectoryQuery { text: self.text.clone(), sort: self.sort, page: 1, ..DirectoryQuery::default() }
    }

    /// The order actually used: relevance means nothing without search words.
    pub fn effective_sort(&self) -> DirectorySort {
        if self.sort == DirectorySort::Relevance && self.text.trim().is_empty() {
            DirectorySort::Name
        } else {
            self.sort
        }
    }
}

fn push_parsed<T: std::str::FromStr + PartialEq>(values: &mut Vec<T>, text: &str) -> bool {
    push_parsed_with(values, text, |text| text.parse().ok())
}

fn push_parsed_with<T: PartialEq>(values: &mut Vec<T>, text: &str, parse: impl Fn(&str) -> Option<T>) -> bool {
    match parse(text) {
        Some(value) => {
            if !values.contains(&value) {
                values.push(value);
            }
            true
        }
        None => false,
    }
}

/// A piece of displayed text, marked when it matched the search words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    pub text: String,
    pub matched: bool,
}

/// Text split into fragments for highlighting, with the language it is written in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HighlightedText {
    pub lang: Lang,
    pub fragments: Vec<Fragment>,
}

impl HighlightedText {
    pub fn plain(&self) -> String {
        self.fragments.iter().map(|fragment| fragment.text.as_str()).collect()
    }
}

/// One listing as a directory result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationCard {
    pub slug: Slug,
    pub kind: OrganizationKind,
    pub name: HighlightedText,
    pub short_description: Option<HighlightedText>,
    pub city: Option<String>,
    pub country: Country,
    pub verified: bool,
    pub logo_url: Option<String>,
    pub stage: Option<StartupStage>,
    /// Names of its categories in the reader's language (fallbacks allowed), at most three.
    pub categories: Vec<String>,
}

/// A facet value with the number of results choosing it would give under the other filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount<T> {
    pub value: T,
    pub count: u64,
    pub selected: bool,
}

/// A named taxonomy value (category or sector) as a facet, with its children for categories.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedFacet {
    pub slug: Slug,
    pub name: String,
    pub count: u64,
    pub selected: bool,
    pub children: Vec<NamedFacet>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryFacets {
    pub kinds: Vec<FacetCount<OrganizationKind>>,
    pub categories: Vec<NamedFacet>,
    pub sectors: Vec<NamedFacet>,
    pub countries: Vec<FacetCount<Country>>,
    pub cities: Vec<FacetCount<String>>,
    pub stages: Vec<FacetCount<StartupStage>>,
    pub needs: Vec<FacetCount<StartupNeed>>,
    /// How many results are verified (the count the "verified only" filter would give).
    pub verified: FacetCount<bool>,
}

/// One page of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub results: Vec<OrganizationCard>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    pub facets: DirectoryFacets,
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
    fn relevance_needs_words() {
        let (query, _) = DirectoryQuery::from_pairs([("sort", "relevance")]);
        assert_eq!(query.effective_sort(), DirectorySort::Name);
        let (query, _) = DirectoryQuery::from_pairs([("q", "soc")]);
        assert_eq!(query.effective_sort(), DirectorySort::Relevance);
        assert_eq!(query.without_filters().to_query_string(), "q=soc");
    }
}
