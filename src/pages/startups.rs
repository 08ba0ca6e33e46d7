//! `/{lang}/startups`: the startup showcase for the forum's "Cyber security solutions and startups"
//! panel. Featured startups come first, in the order staff set; visitors narrow by stage, category,
//! what the startup is looking for, and country.
use leptos::prelude::*;

use crate::{
    api::showcase::search_startups,
    components::live_form::LiveQuestion,
    components::{
        facets::{FacetGroup, FacetOption, FacetTree},
        icons::{Icon, IconName},
        in_language::{Highlighted, InLanguage},
        organization_card::{Logo, VerifiedBadge},
        results::ResultsLayout,
        search_page::{SearchPage, SearchPageTexts},
    },
    domain::{
        directory::{DirectoryQuery, DirectorySort, IgnoredParameter},
        lang::Lang,
        showcase::{StartupCard, StartupShowcase},
    },
    i18n::*,
    labels::{country_name, need_name, place_name, stage_name},
    routes,
};

#[component]
pub fn StartupsPage() -> impl IntoView {
    view! {
        <SearchPage
            section=routes::segment::STARTUPS
            live=LiveQuestion::Directory
            texts=|locale| SearchPageTexts {
                title: td_string!(locale, startups.title),
                meta_description: td_string!(locale, startups.meta_description),
                heading: td_string!(locale, startups.heading),
                lead: td_string!(locale, startups.lead),
                search_label: td_string!(locale, startups.search_label),
                search_placeholder: td_string!(locale, startups.search_placeholder),
                unavailable: td_string!(locale, startups.unavailable),
            }
            fetch=search_startups
            answer=|showcase, query, ignored| view! { <ShowcaseResults showcase query ignored /> }.into_any()
        />
    }
}

#[component]
fn ShowcaseResults(showcase: StartupShowcase, query: DirectoryQuery, ignored: Vec<IgnoredParameter>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let StartupShowcase { results, total, page: current, page_count, facets } = showcase;
    let facet_views = view! {
        <FacetGroup
            legend=td_string!(locale, directory.facet_stage).to_owned()
            name="stage"
            options=FacetOption::of_values(facets.stages, |stage| stage_name(locale, stage).to_owned())
        />
        <FacetTree
            legend=td_string!(locale, directory.facet_category).to_owned()
            name="category"
            subcategories=td_string!(locale, directory.subcategories).to_owned()
            facets=facets.categories
        />
        <FacetGroup
            legend=td_string!(locale, directory.facet_need).to_owned()
            name="need"
            options=FacetOption::of_values(facets.needs, |need| need_name(locale, need).to_owned())
        />
        <FacetGroup
            legend=td_string!(locale, directory.facet_country).to_owned()
            name="country"
            options=FacetOption::of_values(facets.countries, |country| country_name(locale, country).to_owned())
        />
        <FacetGroup
            legend=td_string!(locale, forum.facet_panel).to_owned()
            name="panel"
            options=FacetOption::of_named(facets.panels)
        />
    }
    .into_any();
    let list = (!results.is_empty()).then(|| {
        view! {
            <ol class="startup-grid">
                {results.into_iter().map(|startup| view! { <StartupCardView startup /> }).collect_view()}
            </ol>
        }
        .into_any()
    });
    // Without search words the showcase's own order is featured first.
    let has_text = !query.text.trim().is_empty();
    let sort = if query.sort == DirectorySort::Relevance && !has_text { DirectorySort::Featured } else { query.sort };
    view! {
        <ResultsLayout
            query
            base=routes::startups(Lang::from(locale))
            ignored
            facets=facet_views
            count=t!(i18n, startups.results, count = move || total).into_any()
            total
            page=current
            page_count
            sort
            sorts=DirectorySort::SHOWCASE
            empty_heading=td_string!(locale, startups.empty_heading).to_owned()
            list
        />
    }
}

/// A startup as a showcase card: who it is, its pitch, how far it is, what it is looking for.
#[component]
pub fn StartupCardView(startup: StartupCard) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    let StartupCard { card, pitch, needs } = startup;
    let place = place_name(locale, card.city.as_deref(), card.country);
    view! {
        <li class="startup-card" class:startup-card--featured=card.featured>
            <div class="startup-card__top">
                <Logo name=card.name.plain() slug=card.slug.to_string() url=card.logo_url />
                <div>
                    <h3 class="startup-card__name">
                        <a href=routes::profile(lang, &card.slug)><Highlighted text=card.name /></a>
                    </h3>
                    <p class="startup-card__place">{place}</p>
                </div>
            </div>
            <p class="startup-card__badges">
                {card.featured.then(|| view! {
                    <span class="badge badge--featured"><Icon name=IconName::Star />{t!(i18n, startups.featured)}</span>
                })}
                {card.stage.map(|stage| view! { <span class="badge">{stage_name(locale, stage)}</span> })}
                {card.verified.then(|| view! { <VerifiedBadge /> })}
            </p>
            {match (pitch, card.short_description) {
                (Some(pitch), _) => Some(view! { <p class="startup-card__pitch"><InLanguage text=pitch mark=true /></p> }.into_any()),
                (None, Some(summary)) => Some(view! { <p class="startup-card__pitch"><Highlighted text=summary mark=true /></p> }.into_any()),
                (None, None) => None,
            }}
            {(!needs.is_empty()).then(|| view! {
                <div class="startup-card__needs">
                    <span class="startup-card__needs-label">{t!(i18n, directory.facet_need)}</span>
                    <ul class="chips">
                        {needs.into_iter().map(|need| view! { <li class="chip chip--need">{need_name(locale, need)}</li> }).collect_view()}
                    </ul>
                </div>
            })}
        </li>
    }
}
