//! The site search form: a plain GET form, so it works before (and without) JavaScript.
use leptos::prelude::*;

use super::icons::{Icon, IconName};
use crate::routes;
use crate::{domain::lang::Lang, i18n::*};

#[component]
pub fn SearchBox(
    /// Unique per page, as the label points at it.
    id: &'static str,
    /// The big hero variant on the home page.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = move || routes::directory(Lang::from(i18n.get_locale()));
    view! {
        <form class=if large { "search-box search-box--large" } else { "search-box" } role="search" action=action method="get">
            <label class="visually-hidden" for=id>
                {t!(i18n, site.search_label)}
            </label>
            <Icon name=IconName::Search class="search-box__icon" />
            <input
                id=id
                class="search-box__input"
                type="search"
                name="q"
                autocomplete="off"
                placeholder=move || t_string!(i18n, site.search_placeholder)
            />
            <button class="button button--primary search-box__button" type="submit">
                {t!(i18n, site.search_button)}
            </button>
        </form>
    }
}
