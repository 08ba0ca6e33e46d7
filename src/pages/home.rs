//! The home page: search first, then the ecosystem at a glance.
use leptos::prelude::*;
use leptos_meta::Meta;

use crate::{
    api::{showcase::get_overview, site::get_ecosystem_stats},
    components::layout::{Canonical, PageTitle},
    components::{
        charts::BarChart,
        icons::{Icon, IconName},
        organization_card::OrganizationCardView,
        search_box::SearchBox,
    },
    domain::{
        lang::Lang,
        showcase::{Bar, Overview},
        stats::EcosystemStats,
    },
    i18n::*,
    labels::{country_name, kind_name},
    pages::startups::StartupCardView,
    routes,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| get_ecosystem_stats());
    let overview = Resource::new(move || Lang::from(i18n.get_locale()), get_overview);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, home.title).to_owned()) />
        <Meta name="description" content=move || t_string!(i18n, home.meta_description).to_owned() />
        <Canonical path=Signal::derive(move || routes::home(Lang::from(i18n.get_locale()))) />
        <section class="hero">
            <div class="container hero__inner">
                <div class="hero__main">
                    <p class="hero__eyebrow">{t!(i18n, home.eyebrow)}</p>
                    <h1 class="hero__heading">{t!(i18n, home.heading)}</h1>
                    <p class="hero__lead">{t!(i18n, home.lead)}</p>
                    <SearchBox id="home-search" large=true />
                </div>
                <Suspense fallback=|| view! { <div class="hero__stats" aria-hidden="true"></div> }>
                    {move || stats.get().and_then(Result::ok).map(|stats| view! { <Totals stats /> })}
                </Suspense>
            </div>
        </section>
        <section class="section container" aria-labelledby="by-kind-heading">
            <div class="section__header">
                <h2 id="by-kind-heading">{t!(i18n, home.by_kind_heading)}</h2>
                <p class="section__lead">{t!(i18n, home.by_kind_lead)}</p>
            </div>
            <Suspense fallback=|| view! { <div class="kind-grid kind-grid--loading" aria-hidden="true"></div> }>
                {move || {
                    stats.get().map(|result| match result {
                        Ok(stats) => view! { <KindGrid stats /> }.into_any(),
                        Err(_) => view! { <p class="notice notice--error" role="alert">{t!(i18n, home.stats_unavailable)}</p> }.into_any(),
                    })
                }}
            </Suspense>
        </section>
        <Suspense fallback=|| ()>
            {move || overview.get().and_then(Result::ok).map(|overview| view! { <OverviewSections overview /> })}
        </Suspense>
    }
}

/// Featured startups, the ecosystem in charts, and the newest listings.
#[component]
fn OverviewSections(overview: Overview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    let Overview { by_kind, by_category, by_sector, by_country, featured, recent } = overview;
    let by_kind: Vec<Bar> = by_kind
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(kind, count)| Bar {
            label: kind_name(locale, kind).to_owned(),
            href: format!("{}?kind={kind}", routes::directory(lang)),
            count,
        })
        .collect();
    let by_country: Vec<Bar> = by_country
        .into_iter()
        .map(|(country, count)| Bar {
            label: country_name(locale, country).to_owned(),
            href: format!("{}?country={country}", routes::directory(lang)),
            count,
        })
        .collect();
    view! {
        {(!featured.is_empty()).then(|| view! {
            <section class="section container" aria-labelledby="featured-heading">
                <div class="section__header section__header--split">
                    <h2 id="featured-heading">{t!(i18n, overview.featured_heading)}</h2>
                    <a class="section__more" href=routes::startups(lang)>{t!(i18n, overview.featured_all)}</a>
                </div>
                <ol class="startup-grid">
                    {featured.into_iter().map(|startup| view! { <StartupCardView startup /> }).collect_view()}
                </ol>
            </section>
        })}
        <section class="section section--tinted" aria-labelledby="charts-heading">
            <div class="container">
                <div class="section__header">
                    <h2 id="charts-heading">{t!(i18n, overview.charts_heading)}</h2>
                </div>
                <div class="chart-grid">
                    <BarChart id="chart-kind" title=td_string!(locale, overview.by_kind).to_owned() bars=by_kind />
                    <BarChart id="chart-category" title=td_string!(locale, overview.by_category).to_owned() bars=by_category />
                    <BarChart id="chart-sector" title=td_string!(locale, overview.by_sector).to_owned() bars=by_sector />
                    <BarChart id="chart-country" title=td_string!(locale, overview.by_country).to_owned() bars=by_country />
                </div>
            </div>
        </section>
        <section class="section container" aria-labelledby="recent-heading">
            <div class="section__header section__header--split">
                <h2 id="recent-heading">{t!(i18n, overview.recent_heading)}</h2>
                <a class="section__more" href=format!("{}?sort=newest", routes::directory(lang))>{t!(i18n, overview.recent_all)}</a>
            </div>
            <ol class="org-list org-list--columns">
                {recent.into_iter().map(|card| view! { <OrganizationCardView card /> }).collect_view()}
            </ol>
        </section>
    }
}

/// The headline figures beside the search box: a big number over a word in the right plural form.
#[component]
fn Totals(stats: EcosystemStats) -> impl IntoView {
    let i18n = use_i18n();
    let (organizations, solutions, countries) = (stats.organizations, stats.solutions, stats.countries);
    view! {
        <dl class="hero__stats" aria-label=move || t_string!(i18n, home.stats_heading)>
            <div>
                <dt>{t!(i18n, home.organizations_label, count = move || organizations)}</dt>
                <dd>{organizations}</dd>
            </div>
            <div>
                <dt>{t!(i18n, home.solutions_label, count = move || solutions)}</dt>
                <dd>{solutions}</dd>
            </div>
            <div>
                <dt>{t!(i18n, home.countries_label, count = move || countries)}</dt>
                <dd>{countries}</dd>
            </div>
        </dl>
    }
}

/// One card per kind of organization, with its count, leading to the filtered directory.
#[component]
fn KindGrid(stats: EcosystemStats) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="kind-grid">
            {stats
                .by_kind
                .into_iter()
                .map(|entry| {
                    let kind = entry.kind;
                    let count = entry.count;
                    let href = move || format!("{}?kind={kind}", routes::directory(Lang::from(i18n.get_locale())));
                    view! {
                        <li>
                            <a class="kind-card" href=href data-kind=kind.as_str()>
                                <span class="kind-card__icon">
                                    <Icon name=IconName::for_kind(kind) />
                                </span>
                                <span class="kind-card__name">{move || kind_name(i18n.get_locale(), kind)}</span>
                                <span class="kind-card__count">
                                    {t!(i18n, home.listings, count = move || count)}
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
