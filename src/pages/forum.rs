//! `/{lang}/forum`: the national cybersecurity forum's panels and who takes part in each, one edition
//! at a time (the newest unless `?edition=` names another).
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::{
    api::forum::get_forum,
    components::{
        layout::{Canonical, PageTitle},
        organization_card::OrganizationCardView,
    },
    domain::{
        city::city_name,
        forum::{EditionView, ForumPage as Forum},
        lang::Lang,
        organization::OrganizationKind,
    },
    error::AppError,
    i18n::*,
    labels::readable_date,
    pages::not_found::NotFound,
    routes,
};

#[component]
pub fn ForumPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let lang = move || Lang::from(i18n.get_locale());
    let edition = move || query.read().get("edition");
    let page = Resource::new(move || (edition(), lang()), |(edition, lang)| get_forum(edition, lang));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, forum.title).to_owned()) />
        <Meta name="description" content=move || t_string!(i18n, forum.meta_description).to_owned() />
        <Canonical path=Signal::derive(move || match edition() {
            Some(edition) => format!("{}?edition={}", routes::forum(lang()), form_urlencoded::byte_serialize(edition.as_bytes()).collect::<String>()),
            None => routes::forum(lang()),
        }) />
        <Suspense fallback=|| view! { <div class="container page page--loading" aria-hidden="true"></div> }>
            {move || page.get().map(|result| match result {
                Ok(forum) => view! { <ForumView forum /> }.into_any(),
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(_) => view! {
                    <div class="container page">
                        <p class="notice notice--error" role="alert">{t!(i18n, forum.unavailable)}</p>
                    </div>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ForumView(forum: Forum) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || Lang::from(i18n.get_locale());
    let current = forum.edition.as_ref().map(|edition| edition.link.slug.clone());
    view! {
        <div class="container page forum">
            <header class="page__header">
                <h1>{t!(i18n, forum.heading)}</h1>
                <p class="page__lead">{t!(i18n, forum.lead)}</p>
            </header>
            {(forum.editions.len() > 1).then(|| view! {
                <nav class="forum__editions" aria-label=move || t_string!(i18n, forum.editions)>
                    <ul>
                        {forum.editions.iter().map(|edition| {
                            let href = format!("{}?edition={}", routes::forum(lang()), edition.slug);
                            let here = (Some(&edition.slug) == current.as_ref()).then_some("page");
                            view! { <li><a href=href aria-current=here>{edition.name.clone()}</a></li> }
                        }).collect_view()}
                    </ul>
                </nav>
            })}
            {match forum.edition {
                Some(edition) => view! { <Edition edition /> }.into_any(),
                None => view! { <p class="notice">{t!(i18n, forum.no_edition)}</p> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Edition(edition: EditionView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || Lang::from(i18n.get_locale());
    let EditionView { link, city, panels } = edition;
    let place = city.map(|city| format!(" · {}", city_name(&city, lang()))).unwrap_or_default();
    view! {
        <section class="forum__edition" aria-labelledby="edition-heading">
            <h2 id="edition-heading">{link.name}</h2>
            <p class="forum__when"><time datetime=link.starts_on.clone()>{readable_date(i18n.get_locale(), &link.starts_on)}</time>{place}</p>
            {panels.is_empty().then(|| view! { <p>{t!(i18n, forum.no_panels)}</p> })}
            {panels.into_iter().map(|panel| {
                let heading = format!("panel-{}", panel.slug);
                let labelled_by = heading.clone();
                let showcase = format!("{}?panel={}", routes::startups(lang()), panel.slug);
                let count = panel.participants.len();
                // The showcase link only where it leads to some startups.
                let has_startups = panel.participants.iter().any(|card| card.kind == OrganizationKind::Startup);
                view! {
                    <section class="forum__panel" id=panel.slug.to_string() aria-labelledby=labelled_by>
                        <h3 id=heading>{panel.title}</h3>
                        {panel.summary.map(|summary| view! { <p class="forum__summary">{summary}</p> })}
                        <p class="forum__count">
                            {t!(i18n, forum.participants, count = count)}
                            {has_startups.then(|| view! { " · " <a href=showcase>{t!(i18n, forum.startups_of_panel)}</a> })}
                        </p>
                        {(count > 0).then(|| view! {
                            <ul class="org-list org-list--columns">
                                {panel.participants.into_iter().map(|card| view! { <OrganizationCardView card /> }).collect_view()}
                            </ul>
                        })}
                    </section>
                }
            }).collect_view()}
        </section>
    }
}
