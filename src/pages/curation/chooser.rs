//! Choosing a listing by name: staff type part of its name in any language, the page lists what the
//! directory's search finds, and the choice posts the listing's slug. Plain forms, so it works
//! without JavaScript: a GET search that reloads the page, then the caller's POST form with one
//! radio button per listing found.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{failed, lang_now};
use crate::{
    api::curation::find_listings,
    domain::{directory::MAX_QUERY_CHARS, lang::Lang},
    i18n::*,
    labels::{kind_label, place_name},
};

/// A search for a listing by name, and the listings it finds to choose from. Several choosers can
/// share a page: the search names the one that asked in `for`, and only that one shows results.
#[component]
pub fn ListingChooser(
    /// Which chooser this is; also the anchor the search returns to.
    id: String,
    /// The name the chosen listing's slug posts under.
    field: &'static str,
    /// The search field's label.
    label: String,
    /// Where the choice posts to.
    action: String,
    /// A listing not to offer (the duplicate itself).
    #[prop(optional)]
    exclude: Option<String>,
    /// Query parameters the page needs to keep across the search (the forum's edition).
    #[prop(optional)]
    keep: Vec<(&'static str, String)>,
    /// The POST form's own fields and its button.
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let query = use_query_map();
    let asked = query.read_untracked().get("for").as_deref() == Some(id.as_str());
    let find = if asked { query.read_untracked().get("find").unwrap_or_default() } else { String::new() };
    let find_id = format!("{id}-find");
    let searched = find.trim().to_owned();
    view! {
        <form method="get" action=format!("#{id}") class="form form--inline staff__chooser" role="search" id=id.clone()>
            {keep.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
            <input type="hidden" name="for" value=id.clone() />
            <label for=find_id.clone()>{label}</label>
            <input id=find_id type="search" name="find" value=find maxlength=MAX_QUERY_CHARS.to_string() required />
            <button class="button" type="submit">{t!(i18n, curation.search)}</button>
        </form>
        {(!searched.is_empty()).then(move || {
            let text = searched.clone();
            let found = Resource::new(move || (text.clone(), lang()), |(text, lang)| find_listings(text, lang));
            let choices = move |lang: Lang| {
                found.get().map(|found| match found {
                    Err(error) => failed(error),
                    Ok(found) => {
                        let locale = Locale::from(lang);
                        let found: Vec<_> = found.into_iter().filter(|card| Some(card.slug.as_str()) != exclude.as_deref()).collect();
                        if found.is_empty() {
                            return view! { <p class="staff__none" role="status">{td_string!(locale, curation.nothing_found, text = searched.clone()).to_string()}</p> }.into_any();
                        }
                        view! {
                            <form method="post" action=action.clone() class="form staff__choices">
                                <fieldset>
                                    <legend>{td_string!(locale, curation.choose_listing)}</legend>
                                    {found.into_iter().map(|card| {
                                        let where_ = place_name(locale, card.city.as_deref(), card.country);
                                        view! {
                                            <label class="staff__choice">
                                                <input type="radio" name=field value=card.slug.to_string() required />
                                                <span>
                                                    <strong lang=card.name.lang.as_str()>{card.name.plain()}</strong>
                                                    <span class="staff__choice-meta">{kind_label(locale, card.kind)} " · " {where_} " · " <code>{card.slug.to_string()}</code></span>
                                                </span>
                                            </label>
                                        }
                                    }).collect_view()}
                                </fieldset>
                                {children()}
                            </form>
                        }.into_any()
                    }
                })
            };
            view! { <Suspense>{move || choices(lang())}</Suspense> }
        })}
    }
}
