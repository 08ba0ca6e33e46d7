//! The account dashboard's list of the person's organizations, each with how complete it is.
use leptos::prelude::*;

use crate::{
    api::editing::get_my_organizations,
    domain::editing::{MyOrganization, RevisionStatus},
    i18n::*,
    routes,
};

use super::{field_name, lang_now, status_name};

/// The dashboard's list of the person's organizations, with how complete each is.
#[component]
pub fn MyOrganizations() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let mine = Resource::new(lang, get_my_organizations);
    view! {
        <section class="account-section" aria-labelledby="my-organizations">
            <h2 id="my-organizations">{t!(i18n, editing.my_organizations)}</h2>
            <Suspense>
                {move || {
                    mine.get().and_then(Result::ok).map(|mine| {
                        if mine.is_empty() {
                            view! { <p>{t!(i18n, editing.no_organizations)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="my-organizations">
                                    {mine.into_iter().map(|organization| view! { <MyOrganizationItem organization /> }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
                }}
            </Suspense>
            <p class="account-section__actions">
                <a class="button" href=move || routes::editing::new_listing(lang())>
                    {t!(i18n, editing.new_listing_link)}
                </a>
            </p>
            <p class="field__hint">{t!(i18n, editing.claim_hint)}</p>
        </section>
    }
}

#[component]
pub(super) fn MyOrganizationItem(organization: MyOrganization) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let MyOrganization { slug, name, status, verified, latest_revision, completeness, .. } = organization;
    let percent = completeness.percent;
    let missing = completeness.missing.clone();
    view! {
        <li class="my-organization">
            <div class="my-organization__head">
                <a class="my-organization__name" href=move || routes::editing::listing(lang(), &slug)>{name}</a>
                <span class="badge">{move || status_name(i18n.get_locale(), status)}</span>
                {verified.then(|| view! { <span class="badge badge--verified">{t!(i18n, editing.verified)}</span> })}
            </div>
            {latest_revision
                .filter(|revision| revision.status == RevisionStatus::Pending)
                .map(|_| view! { <p class="my-organization__note">{t!(i18n, editing.change_pending)}</p> })}
            <div class="completeness">
                <label class="completeness__label">
                    {t!(i18n, editing.completeness)} " " {percent} "%"
                    <progress max="100" value=percent></progress>
                </label>
                {(!missing.is_empty())
                    .then(|| {
                        view! {
                            <p class="completeness__hint">
                                {t!(i18n, editing.add_next)} " "
                                {move || {
                                    missing.iter().take(3).map(|field| field_name(i18n.get_locale(), *field)).collect::<Vec<_>>().join(", ")
                                }}
                            </p>
                        }
                    })}
            </div>
        </li>
    }
}
