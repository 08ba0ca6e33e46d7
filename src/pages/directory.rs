//! `/{lang}/organizations`: search and facets over the whole directory.
//!
//! The page is one GET form, so every state is a URL that works without JavaScript and can be shared.
//! With its live form's island alive, typing updates the results after a pause and every choice
//! without a reload; the browser's back and forward buttons walk through the states.
use leptos::prelude::*;

use crate::{
    api::directory::search_directory,
    components::live_form::LiveQuestion,
    components::{
        facets::{FacetGroup, FacetOption, FacetTree},
        organization_card::OrganizationCardView,
        results::ResultsLayout,
        search_page::{SearchPage, SearchPageTexts},
    },
    domain::{
        city::KnownCity,
        directory::{DirectoryPage, DirectoryQuery, DirectorySort, IgnoredParameter, SearchQuery},
        lang::Lang,
    },
    i18n::*,
    labels::{country_name, kind_name, need_name, stage_name},
    routes,
};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    view! {
        <SearchPage
            section=routes::segment::ORGANIZATIONS
            live=LiveQuestion::Directory
            texts=|locale| SearchPageTexts {
                title: td_string!(locale, directory.title),
                meta_description: td_string!(locale, directory.meta_description),
                heading: td_string!(locale, directory.heading),
                lead: td_string!(locale, directory.lead),
                search_label: td_string!(locale, directory.search_label),
                search_placeholder: td_string!(locale, directory.search_placeholder),
                unavailable: td_string!(locale, directory.unavailable),
            }
            fetch=search_directory
            answer=|page, query, ignored| view! { <DirectoryResults page query ignored /> }.into_any()
        />
    }
}

/// Facets beside results, for one answered question.
#[component]
fn DirectoryResults(page: DirectoryPage, query: DirectoryQuery, ignored: Vec<IgnoredParameter>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    let DirectoryPage { results, total, page: current, page_count, facets } = page;
    let kinds = FacetOption::of_values(facets.kinds, |kind| kind_name(locale, kind).to_owned());
    let countries = FacetOption::of_values(facets.countries, |country| country_name(locale, country).to_owned());
    let stages = FacetOption::of_values(facets.stages, |stage| stage_name(locale, stage).to_owned());
    let needs = FacetOption::of_values(facets.needs, |need| need_name(locale, need).to_owned());
    let cities: Vec<FacetOption> = facets
        .cities
        .into_iter()
        .map(|city| FacetOption {
            label: KnownCity::find(&city.value).map_or_else(|| city.value.clone(), |known| known.name(lang).to_owned()),
            value: city.value,
            count: city.count,
            selected: city.selected,
        })
        .collect();
    let sectors = FacetOption::of_named(facets.sectors);
    let verified = vec![FacetOption {
        value: "1".to_owned(),
        label: td_string!(locale, directory.verified_only).to_owned(),
        count: facets.verified.count,
        selected: facets.verified.selected,
    }];
    let csv = match query.on_page(1).to_query_string() {
        filters if filters.is_empty() => format!("{}?lang={lang}", routes::api::ORGANIZATIONS_CSV),
        filters => format!("{}?{filters}&lang={lang}", routes::api::ORGANIZATIONS_CSV),
    };
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
    let list = (!results.is_empty()).then(|| {
        view! {
            <ol class="org-list">
                {results.into_iter().map(|card| view! { <OrganizationCardView card /> }).collect_view()}
            </ol>
        }
        .into_any()
    });
    let after =
        view! { <p class="directory__download"><a href=csv download="">{t!(i18n, directory.download_csv)}</a></p> };
    view! {
        <ResultsLayout
            sort=query.sort
            query
            base=routes::directory(lang)
            ignored
            facets
            count=t!(i18n, directory.results, count = move || total).into_any()
            total
            page=current
            page_count
            sorts=DirectorySort::DIRECTORY
            empty_heading=td_string!(locale, directory.empty_heading).to_owned()
            list
            after=after.into_any()
        />
    }
}
