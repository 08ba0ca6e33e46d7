//! The form that asks for a new listing (staff review it before it is public).
use leptos::prelude::*;
use leptos_meta::Meta;

use crate::{
    api::editing::get_new_listing,
    components::form::{FormAlert, InvalidFormAlert},
    components::layout::PageTitle,
    i18n::*,
    routes,
};

use super::{lang_now, profile_fields::ProfileFields};

/// Asking for a new listing: the essentials; the rest is edited once it exists.
#[component]
pub fn NewListingPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let data = Resource::new(|| (), |_| get_new_listing());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, editing.new_listing_title).to_string()) />
        <Meta name="robots" content="noindex" />
        <section class="container account-page account-page--wide editor">
            <h1>{t!(i18n, editing.new_listing_title)}</h1>
            <p class="account-card__lead">{t!(i18n, editing.new_listing_lead)}</p>
            <Suspense>
                {move || {
                    data.get().map(|data| match data {
                        Ok(data) => {
                            let errors = Signal::stored(data.errors.clone());
                            view! {
                                <InvalidFormAlert errors />
                                <form class="form editor__form" method="post" action=move || routes::editing::new_listing(lang()) novalidate=true>
                                    <ProfileFields form=data.form errors essentials_only=true />
                                    <button class="button button--primary" type="submit">{t!(i18n, editing.new_listing_button)}</button>
                                </form>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <FormAlert error=Signal::stored(Some(error)) /> }.into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}
