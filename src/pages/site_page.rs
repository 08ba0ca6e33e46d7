//! `/{lang}/about`, `/contact`, `/privacy` and `/terms`: the site's own pages, in the text staff keep.
use leptos::prelude::*;
use leptos_meta::Meta;

use crate::{
    api::site_pages::get_site_page,
    components::{
        form::error_text,
        layout::{Canonical, PageTitle},
    },
    domain::{lang::Lang, site_page::SitePageKind},
    error::AppError,
    i18n::*,
    labels::format_date,
    pages::not_found::NotFound,
    routes,
};

/// The route's component for each page.
pub fn site_page_route(kind: SitePageKind) -> impl Fn() -> AnyView + Clone + Send + 'static {
    move || view! { <SitePageView kind /> }.into_any()
}

#[component]
fn SitePageView(kind: SitePageKind) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || Lang::from(i18n.get_locale());
    let page = Resource::new(lang, move |lang| get_site_page(kind, lang));
    view! {
        <Canonical path=Signal::derive(move || routes::section(lang(), kind.as_str())) />
        <Suspense fallback=|| view! { <div class="container page page--loading" aria-hidden="true"></div> }>
            {move || page.get().map(|result| match result {
                Ok(page) => {
                    let locale = i18n.get_locale();
                    view! {
                        <PageTitle text=format!("{} — Qala", page.title) />
                        <Meta name="description" content=page.description />
                        <article class="container page site-page">
                            <header class="page__header">
                                <h1>{page.title}</h1>
                                {page.updated_at.map(|at| view! {
                                    <p class="page__lead site-page__updated">
                                        {td_display!(locale, site_page.updated, date = format_date(locale, at.date())).to_string()}
                                    </p>
                                })}
                            </header>
                            <div class="prose site-page__text" inner_html=page.html></div>
                        </article>
                    }.into_any()
                }
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(error) => view! {
                    <div class="container page">
                        <p class="notice notice--error" role="alert">{error_text(i18n.get_locale(), &error)}</p>
                    </div>
                }.into_any(),
            })}
        </Suspense>
    }
}
