//! One listing as staff manage it: its state, verification, featuring, merging, and inviting an owner.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::chooser::ListingChooser;
use super::{FormErrors, StaffFrame, failed, lang_now, when};
use crate::{
    api::curation::get_staff_listing,
    domain::curation::{ListingAction, StaffListing},
    i18n::*,
    pages::editing::status_name,
    routes,
};

/// A listing's state, and the staff actions on it.
#[component]
pub fn StaffListingPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let listing = Resource::new(move || (slug(), lang()), |(slug, lang)| get_staff_listing(slug, lang));
    let title = Signal::derive(move || t_string!(i18n, curation.listing_title).to_string());
    let button = move |action: ListingAction, label: String| {
        view! { <button class="button" type="submit" name="action" value=action.as_str()>{label}</button> }
    };
    let offered = move |listing: &StaffListing, action: ListingAction, label: String| {
        listing.offers(action).then(|| button(action, label))
    };
    view! {
        <StaffFrame title=title>
            <Show when=move || query.read().get("done").is_some()>
                <p role="status" class="notice">{t!(i18n, curation.done)}</p>
            </Show>
            <Suspense>
                {move || listing.get().map(|listing| match listing {
                    Err(error) => failed(error),
                    Ok(page) => {
                        let listing = page.data;
                        let action = routes::curation::listing(lang(), &listing.slug);
                        let typed = |name: &str| page.typed.iter().find(|(field, _)| field == name).map(|(_, value)| value.clone());
                        let typed_position = typed("position").or(listing.featured_position.map(|position| position.to_string())).unwrap_or_default();
                        let typed = move |name: &str| typed(name).unwrap_or_default();
                        let locale = i18n.get_locale();
                        view! {
                            <p class="staff__meta">
                                <a href=routes::profile(lang(), &listing.slug)><strong>{listing.name.clone()}</strong></a>
                                " · " {status_name(locale, listing.status)}
                            </p>
                            <FormErrors errors=page.errors />
                            <dl class="staff__facts">
                                <dt>{t!(i18n, curation.verified)}</dt>
                                <dd>{listing.verified_at.map_or_else(|| t_string!(i18n, curation.no).to_string(), when)}</dd>
                                <dt>{t!(i18n, curation.featured)}</dt>
                                <dd>{listing.featured_position.map_or_else(|| t_string!(i18n, curation.no).to_string(), |position| position.to_string())}</dd>
                            </dl>
                            <form method="post" action=action.clone() class="form staff__decision">
                                {offered(&listing, ListingAction::Verify, td_string!(locale, curation.verify).to_string())}
                                {offered(&listing, ListingAction::Unverify, td_string!(locale, curation.unverify).to_string())}
                            </form>
                            {listing.is_startup.then(|| view! {
                                <form method="post" action=action.clone() class="form staff__decision">
                                    <label for="position">{t!(i18n, curation.position)}</label>
                                    <input id="position" name="position" type="number" min="1" max="999" inputmode="numeric" value=typed_position />
                                    {button(ListingAction::Feature, td_string!(locale, curation.feature).to_string())}
                                    {offered(&listing, ListingAction::Unfeature, td_string!(locale, curation.unfeature).to_string())}
                                </form>
                            })}
                            <form method="post" action=action.clone() class="form staff__decision">
                                {offered(&listing, ListingAction::Hide, td_string!(locale, curation.hide).to_string())}
                                {offered(&listing, ListingAction::Archive, td_string!(locale, curation.archive).to_string())}
                                {offered(&listing, ListingAction::Restore, td_string!(locale, curation.restore).to_string())}
                            </form>
                            <h2>{t!(i18n, curation.invite_owner_heading)}</h2>
                            <form method="post" action=action.clone() class="form staff__decision">
                                <label for="owner-email">{t!(i18n, curation.owner_email)}</label>
                                <input id="owner-email" name="email" type="email" required value=typed("email") />
                                <button class="button" type="submit" name="action" value="invite_owner">{t!(i18n, curation.invite_owner)}</button>
                            </form>
                            <h2>{t!(i18n, curation.merge_heading)}</h2>
                            <p class="field__hint" id="merge-hint">{t!(i18n, curation.merge_hint)}</p>
                            <ListingChooser id="merge".to_owned() field="keep" label=td_string!(locale, curation.find_keep).to_string()
                                action=action exclude=listing.slug.clone()>
                                <button class="button button--danger" type="submit" name="action" value="merge" aria-describedby="merge-hint">{t!(i18n, curation.merge)}</button>
                            </ListingChooser>
                        }.into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}
