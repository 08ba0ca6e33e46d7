//! The page for an address that leads nowhere: a real 404 with a way forward.
use leptos::prelude::*;
use leptos_meta::Meta;

use crate::routes;
use crate::{components::layout::PageTitle, components::search_box::SearchBox, domain::lang::Lang, i18n::*};

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        // A redirect (a merged listing's old address) stays one.
        let redirecting =
            response.0.read().is_ok_and(|parts| parts.status.is_some_and(|status| status.is_redirection()));
        if !redirecting {
            response.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, not_found.title).to_owned()) />
        <Meta name="robots" content="noindex" />
        <section class="container page-message">
            <p class="page-message__code" aria-hidden="true">
                "404"
            </p>
            <h1>{t!(i18n, not_found.heading)}</h1>
            <p>{t!(i18n, not_found.message)}</p>
            <SearchBox id="not-found-search" />
            <p>
                <a href=move || routes::home(Lang::from(i18n.get_locale()))>{t!(i18n, not_found.home_link)}</a>
            </p>
        </section>
    }
}
