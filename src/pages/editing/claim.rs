//! The claim panel on a public profile: where the signed-in visitor stands with owning the listing.
use leptos::prelude::*;

use crate::{
    api::editing::{ClaimListing, get_claim_state},
    components::form::{FormAlert, FormState},
    domain::editing::{ClaimStatus, views::ClaimState},
    i18n::*,
    routes,
};

use super::lang_now;

/// On a public profile: "This is my organization" for a signed-in person, while it has no owner.
#[component]
pub fn ClaimPanel(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let form = FormState::<ClaimListing>::new();
    let state = {
        let slug = slug.clone();
        Resource::new(move || form.action.version().get(), move |_| get_claim_state(slug.clone()))
    };
    let editor_link = {
        let slug = slug.clone();
        move || routes::editing::listing(lang(), &slug)
    };
    view! {
        <Suspense>
            {move || {
                let slug = slug.clone();
                let editor_link = editor_link.clone();
                state.get().and_then(Result::ok).map(move |state| match state {
                    ClaimState::Open => view! {
                        <div class="claim-panel">
                            <p>{t!(i18n, editing.claim_lead)}</p>
                            <FormAlert error=Signal::derive(move || form.error().get().filter(|error| !matches!(error, crate::error::AppError::Invalid(_)))) />
                            {move || form.field_errors().get().first().map(|error| view! { <p class="field__error">{crate::components::form::problem_text(i18n.get_locale(), &error.problem)}</p> })}
                            <ActionForm action=form.action attr:class="form form--inline">
                                <input type="hidden" name="lang" value=move || lang().as_str() />
                                <input type="hidden" name="slug" value=slug.clone() />
                                <button class="button" type="submit">{t!(i18n, editing.claim_button)}</button>
                            </ActionForm>
                        </div>
                    }
                        .into_any(),
                    ClaimState::Claimed(ClaimStatus::Pending) => view! { <p class="claim-panel notice">{t!(i18n, editing.claim_pending)}</p> }.into_any(),
                    ClaimState::Claimed(ClaimStatus::Rejected) => view! { <p class="claim-panel notice">{t!(i18n, editing.claim_rejected)}</p> }.into_any(),
                    ClaimState::Member | ClaimState::Claimed(ClaimStatus::Approved) => view! {
                        <p class="claim-panel"><a class="button" href=editor_link.clone()>{t!(i18n, editing.edit_listing)}</a></p>
                    }
                        .into_any(),
                    ClaimState::SignInToClaim => {
                        let here = routes::profile(lang(), &slug);
                        let sign_in = format!("{}?next={}", routes::account::sign_in(lang()), form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>());
                        view! {
                            <div class="claim-panel">
                                <p>{t!(i18n, editing.claim_question)}</p>
                                <a class="button" href=sign_in>{t!(i18n, editing.claim_sign_in)}</a>
                            </div>
                        }
                            .into_any()
                    }
                    ClaimState::Closed => ().into_any(),
                })
            }}
        </Suspense>
    }
}
