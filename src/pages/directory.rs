//! `/{lang}/organizations`: search and facets over the whole directory.
//!
//! The page is one GET form, so every state is a URL that works without JavaScript and can be shared.
//! Hydrated, typing updates the results after a pause and every choice navigates without a reload;
//! the browser's back and forward buttons walk through the states.
use leptos::{ev, html, prelude::*};
use leptos_meta::{Link, Meta, Title};
use leptos_router::{
    NavigateOptions,
    hooks::{use_location, use_navigate, use_query_map},
};

use crate::{
    api::directory::search_directory,
    components::{
        facets::{FacetGroup, FacetOption, FacetTree},
        organization_card::OrganizationCardView,
        pagination::Pagination,
    },
    domain::{
        directory::{DirectoryPage, DirectoryQuery, DirectorySort, FacetCount, IgnoredParameter},
        lang::Lang,
    },
    i18n::*,
    labels::{country_name, kind_name, need_name, stage_name},
};

/// How long typing must pause before the results follow.
const TYPING_PAUSE_MS: u64 = 300;

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let location = use_location();
    let parsed = Memo::new(move |_| {
        let map = query_map.read();
        DirectoryQuery::from_pairs((&*map).into_iter().map(|(name, value)| (name.as_ref(), value)))
    });
    let lang = move || Lang::from(i18n.get_locale());
    let results = Resource::new(move || (parsed.get().0, lang()), |(query, lang)| search_directory(query, lang));
    let form = NodeRef::<html::Form>::new();
    let navigate = use_navigate();
    let pending_typing = StoredValue::new(None::<TimeoutHandle>);

    // Hydrated: turn the form's current state into the canonical URL and go there.
    let follow_form = move |replace: bool| {
        let Some(form) = form.get_untracked() else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else { return };
        let (query, _) = DirectoryQuery::from_query_string(&String::from(params.to_string()));
        let path = location.pathname.get_untracked();
        let target = match query.to_query_string() {
            query if query.is_empty() => path,
            query => format!("{path}?{query}"),
        };
        navigate(&target, NavigateOptions { replace, scroll: false, ..NavigateOptions::default() });
    };
    let on_submit = {
        let follow_form = follow_form.clone();
        move |event: ev::SubmitEvent| {
            event.prevent_default();
            follow_form(false);
        }
    };
    let on_change = {
        let follow_form = follow_form.clone();
        move |event: ev::Event| {
            if event_target::<web_sys::HtmlInputElement>(&event).type_() != "search" {
                follow_form(false);
            }
        }
    };
    let on_input = move |event: ev::Event| {
        if event_target::<web_sys::HtmlInputElement>(&event).type_() != "search" {
            return;
        }
        if let Some(handle) = pending_typing.get_value() {
            handle.clear();
        }
        let follow_form = follow_form.clone();
        let pause = std::time::Duration::from_millis(TYPING_PAUSE_MS);
        pending_typing.set_value(set_timeout_with_handle(move || follow_form(true), pause).ok());
    };

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
            <form
                node_ref=form
                class="directory"
                method="get"
                role="search"
                on:submit=on_submit
                on:input=on_input
                on:change=on_change
            >
                <div class="directory__search">
                    <label class="directory__search-label" for="directory-q">
                        {t!(i18n, directory.search_label)}
                    </label>
                    <div class="search-box search-box--wide">
                        <input
                            id="directory-q"
                            class="search-box__input"
                            type="search"
                            name="q"
                            autocomplete="off"
                            prop:value=raw_text
                            placeholder=move || t_string!(i18n, directory.search_placeholder)
                        />
                        <button class="button button--primary search-box__button" type="submit">
                            {t!(i18n, directory.search_button)}
                        </button>
                    </div>
                </div>
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
            </form>
        </div>
    }
}

/// The options of an enum facet worth showing: those with results, and those chosen.
fn options<T: Copy + std::fmt::Display>(counts: Vec<FacetCount<T>>, label: impl Fn(T) -> String) -> Vec<FacetOption> {
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
    let clear_filters = link(&query.without_filters());
    let clear_search = link(&DirectoryQuery { text: String::new(), page: 1, ..query.clone() });
    let page_link = {
        let query = query.clone();
        let link = link.clone();
        move |number: u32| link(&query.on_page(number))
    };
    let csv = format!("/api/v1/organizations.csv?{}", query.on_page(1).to_query_string());
    let has_text = !query.text.trim().is_empty();
    let searched = query.text.trim().to_owned();

    view! {
        {(!ignored.is_empty()).then(|| view! {
            <p class="notice notice--warning" role="status">
                {t!(i18n, directory.ignored)} " "
                {ignored.iter().map(|parameter| format!("{}={}", parameter.name, parameter.value)).collect::<Vec<_>>().join(", ")}
            </p>
        })}
        <div class="directory__layout">
            <aside id="filters" class="directory__facets" aria-label=move || t_string!(i18n, directory.filters)>
                <h2 class="directory__facets-heading">{t!(i18n, directory.filters)}</h2>
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
                <div class="directory__facet-actions">
                    <button class="button button--primary no-js-only" type="submit">{t!(i18n, directory.apply_filters)}</button>
                    {query.has_filters().then(|| view! { <a href=clear_filters.clone()>{t!(i18n, directory.clear_filters)}</a> })}
                </div>
            </aside>
            <section class="directory__results" aria-labelledby="results-summary">
                <div class="directory__toolbar">
                    <p id="results-summary" class="directory__summary" aria-live="polite">
                        <strong>{t!(i18n, directory.results, count = move || total)}</strong>
                        {has_text.then(|| view! { " " {t!(i18n, directory.results_for)} " «" {searched.clone()} "»" })}
                    </p>
                    <a class="directory__filters-link" href="#filters">{t!(i18n, directory.filters)}</a>
                    <label class="directory__sort">
                        <span>{t!(i18n, directory.sort_label)}</span>
                        <select name="sort">
                            {DirectorySort::ALL.iter().map(|sort| {
                                let label = match sort {
                                    DirectorySort::Relevance => td_string!(locale, directory.sort_relevance),
                                    DirectorySort::Name => td_string!(locale, directory.sort_name),
                                    DirectorySort::Newest => td_string!(locale, directory.sort_newest),
                                };
                                view! { <option value=sort.as_str() selected=*sort == query.sort>{label}</option> }
                            }).collect_view()}
                        </select>
                        <button class="button no-js-only" type="submit">{t!(i18n, directory.apply_filters)}</button>
                    </label>
                </div>
                {if results.is_empty() {
                    view! {
                        <div class="empty-state">
                            <h2>{t!(i18n, directory.empty_heading)}</h2>
                            <p>{t!(i18n, directory.empty_message)}</p>
                            <p class="empty-state__actions">
                                {query.has_filters().then(|| view! { <a class="button" href=clear_filters.clone()>{t!(i18n, directory.clear_filters)}</a> })}
                                {has_text.then(|| view! { <a class="button" href=clear_search.clone()>{t!(i18n, directory.clear_search)}</a> })}
                            </p>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ol class="org-list">
                            {results.into_iter().map(|card| view! { <OrganizationCardView card /> }).collect_view()}
                        </ol>
                        <Pagination page=current page_count href=page_link />
                        <p class="directory__download"><a href=csv download="">{t!(i18n, directory.download_csv)}</a></p>
                    }.into_any()
                }}
            </section>
        </div>
    }
}
