//! `/{lang}/solutions`, `/{lang}/solutions/{slug}` and `/{lang}/solutions/compare`: the products,
//! services and training of the ecosystem, searchable, one by one, and side by side.
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::solutions::{compare_solutions, get_solution_page, search_solutions},
    components::layout::{Canonical, PageTitle, public_origin},
    components::live_form::LiveQuestion,
    components::structured_data::StructuredData,
    components::{
        facets::{FacetGroup, FacetOption, FacetTree},
        in_language::{Highlighted, InLanguage, LanguageMark},
        organization_card::OrganizationCardView,
        results::ResultsLayout,
        search_page::{SearchPage, SearchPageTexts},
    },
    domain::{
        directory::{COMPARED_SOLUTIONS, DirectorySort, SolutionCard, SolutionQuery, SolutionResults},
        lang::Lang,
        profile::{SolutionPage, TaxonomyLink},
        solution::SolutionKind,
    },
    i18n::*,
    labels::{country_name, deployment_name, format_date, nist_name, solution_kind_name},
    pages::not_found::NotFound,
    routes,
};

/// The form the compare checkboxes of the list belong to (it lives outside the search form).
const COMPARE_FORM: &str = "compare-form";

#[component]
pub fn SolutionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let compare = move || routes::compare(Lang::from(i18n.get_locale()));
    view! {
        <SearchPage
            section=routes::segment::SOLUTIONS
            live=LiveQuestion::Solutions
            texts=|locale| SearchPageTexts {
                title: td_string!(locale, solutions.title),
                meta_description: td_string!(locale, solutions.meta_description),
                heading: td_string!(locale, solutions.heading),
                lead: td_string!(locale, solutions.lead),
                search_label: td_string!(locale, solutions.search_label),
                search_placeholder: td_string!(locale, solutions.search_placeholder),
                unavailable: td_string!(locale, solutions.unavailable),
            }
            fetch=search_solutions
            answer=|page, query, ignored| view! { <SolutionsAnswer page query ignored /> }.into_any()
        >
            // The compare checkboxes in the results belong to this form (`form="compare-form"`).
            <form id=COMPARE_FORM class="compare-bar" method="get" action=compare>
                <button class="button button--primary" type="submit">{t!(i18n, solutions.compare_selected)}</button>
            </form>
        </SearchPage>
    }
}

#[component]
fn SolutionsAnswer(
    page: SolutionResults,
    query: SolutionQuery,
    ignored: Vec<crate::domain::directory::IgnoredParameter>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let SolutionResults { results, total, page: current, page_count, facets } = page;
    let facet_views = view! {
        <FacetTree
            legend=td_string!(locale, solutions.facet_category).to_owned()
            name="category"
            subcategories=td_string!(locale, directory.subcategories).to_owned()
            facets=facets.categories
        />
        <FacetGroup
            legend=td_string!(locale, solutions.facet_nist).to_owned()
            name="nist"
            options=FacetOption::of_values(facets.nist_functions, |function| nist_name(locale, function).to_owned())
        />
        <FacetGroup legend=td_string!(locale, solutions.facet_sector).to_owned() name="sector" options=FacetOption::of_named(facets.sectors) />
        <FacetGroup
            legend=td_string!(locale, solutions.facet_deployment).to_owned()
            name="deployment"
            options=FacetOption::of_values(facets.deployments, |deployment| deployment_name(locale, deployment).to_owned())
        />
        <FacetGroup
            legend=td_string!(locale, solutions.facet_kind).to_owned()
            name="kind"
            options=FacetOption::of_values(facets.kinds, |kind| solution_kind_name(locale, kind).to_owned())
        />
        <FacetGroup
            legend=td_string!(locale, solutions.facet_country).to_owned()
            name="country"
            options=FacetOption::of_values(facets.countries, |country| country_name(locale, country).to_owned())
        />
    }
    .into_any();
    let list = (!results.is_empty()).then(|| {
        view! {
            <ol class="org-list">
                {results.into_iter().map(|card| view! { <SolutionCardView card /> }).collect_view()}
            </ol>
        }
        .into_any()
    });
    view! {
        <ResultsLayout
            sort=query.sort
            query
            base=routes::solutions(Lang::from(locale))
            ignored
            facets=facet_views
            count=t!(i18n, solutions.results, count = move || total).into_any()
            total
            page=current
            page_count
            sorts=DirectorySort::DIRECTORY
            empty_heading=td_string!(locale, solutions.empty_heading).to_owned()
            list
        />
    }
}

#[component]
fn SolutionCardView(card: SolutionCard) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    view! {
        <li class="org-card solution-card">
            <div class="org-card__body">
                <h3 class="org-card__name">
                    <a href=routes::solution(lang, &card.slug)><Highlighted text=card.name /></a>
                </h3>
                <p class="org-card__meta">
                    <span class="badge">{solution_kind_name(locale, card.kind)}</span>
                    {card.deployment.map(|deployment| view! { <span class="badge">{deployment_name(locale, deployment)}</span> })}
                    <span>
                        {t!(i18n, solutions.by)} " "
                        <a class="solution-card__owner" href=routes::profile(lang, &card.organization_slug)>
                            {card.organization_name}
                        </a>
                        ", " {country_name(locale, card.country)}
                    </span>
                </p>
                {card.summary.map(|summary| view! { <p class="org-card__summary"><Highlighted text=summary mark=true /></p> })}
                {(!card.categories.is_empty()).then(|| view! {
                    <ul class="chips">
                        {card.categories.into_iter().map(|category| view! { <li class="chip">{category}</li> }).collect_view()}
                    </ul>
                })}
            </div>
            <label class="solution-card__compare">
                <input type="checkbox" name="s" value=card.slug.to_string() form=COMPARE_FORM />
                {t!(i18n, solutions.compare)}
            </label>
        </li>
    }
}

#[component]
pub fn SolutionDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let lang = move || Lang::from(i18n.get_locale());
    let page = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), lang()),
        |(slug, lang)| get_solution_page(slug, lang),
    );
    view! {
        <Suspense fallback=|| view! { <div class="container page page--loading" aria-hidden="true"></div> }>
            {move || {
                page.get().map(|result| match result {
                    Ok(Some(page)) => view! { <SolutionDetail page /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(_) => view! {
                        <div class="container page">
                            <p class="notice notice--error" role="alert">{t!(i18n, solutions.unavailable)}</p>
                        </div>
                    }
                    .into_any(),
                })
            }}
        </Suspense>
    }
}

#[component]
fn SolutionDetail(page: SolutionPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    let title = format!("{} — Qala", page.name.value);
    let provider = page.organization.name.plain();
    let description = match &page.summary {
        Some(summary) if !summary.value.is_empty() => summary.value.clone(),
        _ => td_display!(
            locale,
            solutions.detail_description,
            kind = solution_kind_name(locale, page.kind),
            organization = provider.clone()
        )
        .to_string(),
    };
    let structured = structured_data(&page, lang, &description);
    let chips = move |filter: &'static str, links: Vec<TaxonomyLink>| {
        view! {
            <ul class="chips">
                {links.into_iter().map(|link| {
                    let href = format!("{}?{filter}={}", routes::solutions(lang), link.slug);
                    view! { <li><a class="chip chip--link" href=href>{link.name}</a></li> }
                }).collect_view()}
            </ul>
        }
    };
    let SolutionPage {
        slug,
        url,
        kind,
        name,
        description_html,
        deployment,
        certifications,
        website,
        categories,
        nist_functions,
        sectors,
        organization,
        updated_at,
        ..
    } = page;
    view! {
        <PageTitle text=title />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=name.value.clone() />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=url />
        <Canonical path=routes::solution(lang, &slug) />
        <StructuredData value=structured />
        <article class="container page profile">
            <nav class="breadcrumbs" aria-label="breadcrumb">
                <a href=routes::solutions(lang)>{t!(i18n, solutions.back)}</a>
            </nav>
            <header class="profile__header">
                <div class="profile__heading">
                    <p class="profile__kind">
                        <span class="badge">{solution_kind_name(locale, kind)}</span>
                        {deployment.map(|deployment| view! { <span class="badge">{deployment_name(locale, deployment)}</span> })}
                    </p>
                    <h1 class="profile__name"><InLanguage text=name /></h1>
                    {website.map(|site| view! {
                        <p class="profile__actions">
                            <a class="button button--primary" href=site rel="noopener" target="_blank">{t!(i18n, solutions.website)}</a>
                        </p>
                    })}
                </div>
            </header>
            <div class="profile__layout">
                <div class="profile__main">
                    {description_html.map(|html| {
                        let foreign = (html.lang != lang).then_some(html.lang);
                        view! {
                            <div class="profile__section">
                                {foreign.map(|lang| view! { <p class="profile__lang-note"><LanguageMark lang /></p> })}
                                <div class="prose" lang=foreign.map(Lang::as_str) inner_html=html.value></div>
                            </div>
                        }
                    })}
                    <section class="profile__section" aria-labelledby="offered-by">
                        <h2 id="offered-by">{t!(i18n, solutions.organization)}</h2>
                        <ul class="org-list"><OrganizationCardView card=organization /></ul>
                    </section>
                </div>
                <aside class="profile__facts">
                    <dl class="facts">
                        {(!categories.is_empty()).then(|| view! {
                            <div class="facts__row"><dt>{t!(i18n, solutions.categories)}</dt><dd>{chips("category", categories)}</dd></div>
                        })}
                        {(!nist_functions.is_empty()).then(|| view! {
                            <div class="facts__row">
                                <dt>{t!(i18n, solutions.nist)}</dt>
                                <dd>
                                    <ul class="chips">
                                        {nist_functions.into_iter().map(|function| view! {
                                            <li><a class="chip chip--link" href=format!("{}?nist={function}", routes::solutions(lang))>{nist_name(locale, function)}</a></li>
                                        }).collect_view()}
                                    </ul>
                                </dd>
                            </div>
                        })}
                        {(!sectors.is_empty()).then(|| view! {
                            <div class="facts__row"><dt>{t!(i18n, solutions.sectors)}</dt><dd>{chips("sector", sectors)}</dd></div>
                        })}
                        {(!certifications.is_empty()).then(|| view! {
                            <div class="facts__row">
                                <dt>{t!(i18n, solutions.certifications)}</dt>
                                <dd>{certifications.join(", ")}</dd>
                            </div>
                        })}
                    </dl>
                    <p class="profile__updated">{td_display!(locale, solutions.updated, date = format_date(locale, updated_at.date())).to_string()}</p>
                </aside>
            </div>
        </article>
    }
}

/// The solution as schema.org data: a `Product` (made by its organization), a `Service` or, for
/// training, a `Course` (both provided by it).
fn structured_data(page: &SolutionPage, lang: Lang, description: &str) -> serde_json::Value {
    let organization = serde_json::json!({
        "@type": "Organization",
        "name": page.organization.name.plain(),
        "url": format!("{}{}", public_origin(), routes::profile(lang, &page.organization.slug)),
    });
    let (kind, organization_role) = match page.kind {
        SolutionKind::Product => ("Product", "manufacturer"),
        SolutionKind::Service => ("Service", "provider"),
        SolutionKind::Training => ("Course", "provider"),
    };
    let categories: Vec<&str> = page.categories.iter().map(|category| category.name.as_str()).collect();
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": kind,
        "name": page.name.value,
        "url": page.url,
        "description": description,
        "inLanguage": page.summary.as_ref().map(|summary| summary.lang.as_str()),
        "sameAs": page.website,
        "category": (!categories.is_empty()).then(|| categories.join(", ")),
    });
    value[organization_role] = organization;
    value
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let lang = move || Lang::from(i18n.get_locale());
    let chosen = Memo::new(move |_| query_map.read().get_all("s").unwrap_or_default());
    let compared = Resource::new(
        move || (chosen.get(), lang()),
        |(slugs, lang)| {
            // The server compares this many at most, and refuses a call that names more.
            compare_solutions(slugs.into_iter().take(COMPARED_SOLUTIONS).collect(), lang)
        },
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, solutions.compare_title).to_owned()) />
        <Meta name="robots" content="noindex" />
        <div class="container page">
            <nav class="breadcrumbs" aria-label="breadcrumb">
                <a href=move || routes::solutions(lang())>{t!(i18n, solutions.back)}</a>
            </nav>
            <h1>{t!(i18n, solutions.compare_heading)}</h1>
            <Suspense fallback=|| view! { <div class="directory__loading" aria-hidden="true"></div> }>
                {move || {
                    compared.get().map(|result| match result {
                        Ok(pages) => {
                            let asked = chosen.get_untracked().len();
                            view! { <ComparisonTable pages asked /> }.into_any()
                        }
                        Err(_) => view! { <p class="notice notice--error" role="alert">{t!(i18n, solutions.unavailable)}</p> }.into_any(),
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn ComparisonTable(pages: Vec<SolutionPage>, asked: usize) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    if pages.len() < 2 {
        return view! { <p class="empty-state">{t!(i18n, solutions.compare_empty)}</p> }.into_any();
    }
    let none = || td_string!(locale, solutions.none).to_owned();
    let names = |links: &[TaxonomyLink]| {
        if links.is_empty() {
            none()
        } else {
            links.iter().map(|link| link.name.clone()).collect::<Vec<_>>().join(", ")
        }
    };
    let rows: Vec<(String, Vec<String>)> = vec![
        (
            td_string!(locale, solutions.organization).to_owned(),
            pages.iter().map(|page| page.organization.name.plain()).collect(),
        ),
        (
            td_string!(locale, solutions.kind).to_owned(),
            pages.iter().map(|page| solution_kind_name(locale, page.kind).to_owned()).collect(),
        ),
        (
            td_string!(locale, solutions.deployment).to_owned(),
            pages
                .iter()
                .map(|page| {
                    page.deployment.map_or_else(none, |deployment| deployment_name(locale, deployment).to_owned())
                })
                .collect(),
        ),
        (
            td_string!(locale, solutions.categories).to_owned(),
            pages.iter().map(|page| names(&page.categories)).collect(),
        ),
        (
            td_string!(locale, solutions.nist).to_owned(),
            pages
                .iter()
                .map(|page| {
                    page.nist_functions
                        .iter()
                        .map(|function| nist_name(locale, *function))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect(),
        ),
        (td_string!(locale, solutions.sectors).to_owned(), pages.iter().map(|page| names(&page.sectors)).collect()),
        (
            td_string!(locale, solutions.certifications).to_owned(),
            pages
                .iter()
                .map(|page| if page.certifications.is_empty() { none() } else { page.certifications.join(", ") })
                .collect(),
        ),
        (
            td_string!(locale, profile.location).to_owned(),
            pages.iter().map(|page| country_name(locale, page.organization.country).to_owned()).collect(),
        ),
    ];
    view! {
        {(asked > pages.len()).then(|| view! {
            <p class="notice notice--warning" role="status">
                {if asked > crate::domain::directory::COMPARED_SOLUTIONS { t!(i18n, solutions.compare_too_many).into_any() } else { t!(i18n, solutions.compare_unknown).into_any() }}
            </p>
        })}
        <div class="compare-table__scroll" tabindex="0" role="region" aria-labelledby="compare-caption">
            <table class="compare-table">
                <caption id="compare-caption" class="visually-hidden">{t!(i18n, solutions.compare_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, solutions.attribute)}</th>
                        {pages.iter().map(|page| view! {
                            <th scope="col">
                                <a href=routes::solution(lang, &page.slug)><InLanguage text=page.name.clone() /></a>
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(label, values)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {values.into_iter().map(|value| view! { <td>{value}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
