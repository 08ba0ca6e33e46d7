//! How a listing looks in a list: logo or monogram, name, kind, place, summary, categories.
use leptos::prelude::*;

use super::{
    icons::{Icon, IconName},
    in_language::Highlighted,
};
use crate::{
    domain::{directory::OrganizationCard, lang::Lang, organization::LOGO_SIZES},
    i18n::*,
    labels::{kind_label, place_name, stage_name},
    routes,
};

/// A listing's logo, or its initials on a colour of its own when it has none.
#[component]
pub fn Logo(name: String, slug: String, url: Option<String>, #[prop(optional)] large: bool) -> impl IntoView {
    let size = if large { 96 } else { 48 };
    match url {
        Some(url) => {
            // Every stored size, so the browser fetches the one that fits the screen's density.
            let srcset = LOGO_SIZES.map(|stored| format!("{} {stored}w", logo_at(&url, stored))).join(", ");
            let fitting = LOGO_SIZES.into_iter().find(|stored| *stored >= size).unwrap_or(size);
            view! {
                <img
                    class="org-logo"
                    class:org-logo--large=large
                    src=logo_at(&url, fitting)
                    srcset=srcset
                    sizes=format!("{size}px")
                    alt=""
                    width=size
                    height=size
                    loading="lazy"
                />
            }
            .into_any()
        }
        None => {
            let initials: String = name
                .split_whitespace()
                .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
                .take(2)
                .flat_map(char::to_uppercase)
                .collect();
            let hue = slug.bytes().fold(0u32, |hash, byte| hash.wrapping_mul(31).wrapping_add(u32::from(byte))) % 8;
            view! {
                <span class=format!("org-logo org-logo--monogram hue-{hue}") class:org-logo--large=large aria-hidden="true">
                    {initials}
                </span>
            }
            .into_any()
        }
    }
}

/// A logo's address (`…/logos/{slug}/{size}?v=…`) at another of its stored sizes.
fn logo_at(url: &str, size: u32) -> String {
    let (path, query) = url.split_once('?').map_or((url, None), |(path, query)| (path, Some(query)));
    let base = path.rsplit_once('/').map_or(path, |(base, _)| base);
    match query {
        Some(query) => format!("{base}/{size}?{query}"),
        None => format!("{base}/{size}"),
    }
}

#[component]
pub fn VerifiedBadge() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="badge badge--verified">
            <Icon name=IconName::ShieldCheck />
            {t!(i18n, card.verified)}
        </span>
    }
}

/// A directory result, linking to the listing's profile.
#[component]
pub fn OrganizationCardView(card: OrganizationCard) -> impl IntoView {
    let i18n = use_i18n();
    let OrganizationCard {
        slug,
        kind,
        name,
        short_description,
        city,
        country,
        verified,
        logo_url,
        stage,
        categories,
        ..
    } = card;
    let href = {
        let slug = slug.clone();
        move || routes::profile(Lang::from(i18n.get_locale()), &slug)
    };
    let place = move || place_name(i18n.get_locale(), city.as_deref(), country);
    view! {
        <li class="org-card">
            <Logo name=name.plain() slug=slug.to_string() url=logo_url />
            <div class="org-card__body">
                <h3 class="org-card__name">
                    <a href=href>
                        <Highlighted text=name />
                    </a>
                </h3>
                <p class="org-card__meta">
                    <span>{move || kind_label(i18n.get_locale(), kind)}</span>
                    {stage.map(|stage| view! { <span class="badge">{move || stage_name(i18n.get_locale(), stage)}</span> })}
                    {verified.then(|| view! { <VerifiedBadge /> })}
                    <span class="org-card__place">{place}</span>
                </p>
                {short_description.map(|summary| view! {
                    <p class="org-card__summary">
                        <Highlighted text=summary mark=true />
                    </p>
                })}
                {(!categories.is_empty()).then(|| view! {
                    <ul class="chips">
                        {categories.into_iter().map(|category| view! { <li class="chip">{category}</li> }).collect_view()}
                    </ul>
                })}
            </div>
        </li>
    }
}
