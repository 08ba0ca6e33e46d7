//! `/{lang}/organizations`: search and facets over the whole directory.
//!
//! The page is one GET form, so every state is a URL that works without JavaScript and can be shared.
//! Hydrated, typing updates the results after a pause and every choice navigates without a reload;
//! the browser's back and forward buttons walk through the states.
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::{
    api::directory::search_directory,
    components::{
        facets::{FacetGroup, FacetOption, FacetTree},
        live_form::{LiveSearchForm, SearchField},
        organization_card::OrganizationCardView,
        pagination::Pagination,
        results::ResultsLayout,
    },
    domain::{
        directory::{DirectoryPage, DirectoryQuery, DirectorySort, FacetCount, IgnoredParameter},
        lang::Lang,
    },
    i18n::*,
    labels::{country_name, kind_name, need_name, stage_name},
};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let parsed = Memo::new(move |_| {
        let map = query_map.read();
        DirectoryQuery::from_pairs((&*map).into_iter().map(|(name, value)| (name.as_ref(), value)))
    });
    let lang = move || Lang::from(i18n.get_locale());
    let results = Resource::new(move || (parsed.get().0, lang()), |(query, lang)| search_directory(query, lang));
    let canonical = move || {
        let query = parsed.get().0.to_query_string();
        let path = format!("/{}/organizations", lang());
        if query.is_empty() { path } else { format!("{path}?{query}") }
    };
    let raw_text = move || query_map.read().get("q").unwrap_or_default();

    view! {
        <Title text=move || t_string!(i18n, directory.title).to_owned() />
        <Meta name="description" content=move || t_string!(i18n, directory.meta_description).to_owned() />
        {move || view! { <Link rel="canonical" href=canonical() /> }}
        <div class="container page">
            <header class="page__header">
                <h1>{t!(i18n, directory.heading)}</h1>
                <p class="page__lead">{t!(i18n, directory.lead)}</p>
            </header>
            <LiveSearchForm canonical=|raw| DirectoryQuery::from_query_string(raw).0.to_query_string() class="directory">
                <SearchField
                    id="directory-q"
                    label=Signal::derive(move || t_string!(i18n, directory.search_label).to_owned())
                    placeholder=Signal::derive(move || t_string!(i18n, directory.search_placeholder).to_owned())
                    button=Signal::derive(move || t_string!(i18n, directory.search_button).to_owned())
                    value=Signal::derive(raw_text)
                />
                <Transition fallback=|| view! { <div class="directory__loading" aria-hidden="true"></div> }>
                    {move || {
                        results.get().map(|outcome| match outcome {
                            Ok(page) => {
                                let (query, ignored) = parsed.get_untracked();
                                view! { <DirectoryResults page query ignored /> }.into_any()
                            }
                            Err(_) => view! {
                                <p class="notice notice--error" role="alert">{t!(i18n, directory.unavailable)}</p>
                            }
                            .into_any(),
                        })
                    }}
                </Transition>
            </LiveSearchForm>
        </div>
    }
}

/// The options of an enum facet worth showing: those with results, and those chosen.
pub fn options<T: Copy + std::fmt::Display>(
    counts: Vec<FacetCount<T>>,
    label: impl Fn(T) -> String,
) -> Vec<FacetOption> {
    counts
        .into_iter()
        .filter(|facet| facet.count > 0 || facet.selected)
        .map(|facet| FacetOption {
            value: facet.value.to_string(),
            label: label(facet.value),
            count: facet.count,
            selected: facet.selected,
        })
        .collect()
}

/// Facets beside results, for one answered question.
#[component]
fn DirectoryResults(page: DirectoryPage, query: DirectoryQuery, ignored: Vec<IgnoredParameter>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    let base = format!("/{lang}/organizations");
    let link = {
        let base = base.clone();
        move |query: &DirectoryQuery| match query.to_query_string() {
            text if text.is_empty() => base.clone(),
            text => format!("{base}?{text}"),
        }
    };
    let DirectoryPage { results, total, page: current, page_count, facets } = page;
    let kinds = options(facets.kinds, |kind| kind_name(locale, kind).to_owned());
    let countries = options(facets.countries, |country| country_name(locale, country).to_owned());
    let stages = options(facets.stages, |stage| stage_name(locale, stage).to_owned());
    let needs = options(facets.needs, |need| need_name(locale, need).to_owned());
    let cities: Vec<FacetOption> = facets
        .cities
        .into_iter()
        .map(|city| FacetOption {
            value: city.value.clone(),
            label: city.value,
            count: city.count,
            selected: city.selected,
        })
        .collect();
    let sectors: Vec<FacetOption> = facets
        .sectors
        .into_iter()
        .filter(|sector| sector.count > 0 || sector.selected)
        .map(|sector| FacetOption {
            value: sector.slug.to_string(),
            label: sector.name,
            count: sector.count,
            selected: sector.selected,
        })
        .collect();
    let verified = vec![FacetOption {
        value: "1".to_owned(),
        label: td_string!(locale, directory.verified_only).to_owned(),
        count: facets.verified.count,
        selected: facets.verified.selected,
    }];
    let clear_filters = query.has_filters().then(|| link(&query.without_filters()));
    let has_text = !query.text.trim().is_empty();
    let clear_search = has_text.then(|| link(&DirectoryQuery { text: String::new(), page: 1, ..query.clone() }));
    let page_link = {
        let query = query.clone();
        let link = link.clone();
        move |number: u32| link(&query.on_page(number))
    };
    let csv = format!("/api/v1/organizations.csv?{}", query.on_page(1).to_query_string());
    let searched = query.text.trim().to_owned();
    let facets = view! {
        <FacetGroup legend=td_string!(locale, directory.facet_kind).to_owned() name="kind" options=kinds />
        <FacetTree
            legend=td_string!(locale, directory.facet_category).to_owned()
            name="category"
            subcategories=td_string!(locale, directory.subcategories).to_owned()
            facets=facets.categories
        />
        <FacetGroup legend=td_string!(locale, directory.facet_sector).to_owned() name="sector" options=sectors />
        <FacetGroup legend=td_string!(locale, directory.facet_country).to_owned() name="country" options=countries />
        <FacetGroup legend=td_string!(locale, directory.facet_city).to_owned() name="city" options=cities />
        <FacetGroup legend=td_string!(locale, directory.facet_stage).to_owned() name="stage" options=stages />
        <FacetGroup legend=td_string!(locale, directory.facet_need).to_owned() name="need" options=needs />
        <FacetGroup legend=td_string!(locale, directory.facet_verified).to_owned() name="verified" options=verified />
    }
    .into_any();
    let summary = view! {
        <strong>{t!(i18n, directory.results, count = move || total)}</strong>
        {has_text.then(|| view! { " " {t!(i18n, directory.results_for)} " «" {searched} "»" })}
    }
    .into_any();
    let results = (!results.is_empty()).then(|| {
        view! {
            <ol class="org-list">
                {results.into_iter().map(|card| view! { <OrganizationCardView card /> }).collect_view()}
            </ol>
            <Pagination page=current page_count href=page_link />
            <p class="directory__download"><a href=csv download="">{t!(i18n, directory.download_csv)}</a></p>
        }
        .into_any()
    });
    view! {
        <ResultsLayout
            ignored
            facets
            summary
            sort=query.sort
            sorts=DirectorySort::DIRECTORY
            clear_filters
            clear_search
            empty_heading=td_string!(locale, directory.empty_heading).to_owned()
            results
        />
    }
}
