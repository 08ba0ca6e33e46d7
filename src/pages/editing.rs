//! Organizations keep their listings: the dashboard list, a new listing, the profile editor with a tab
//! per language and the logo upload, and the claim button on public profiles. The forms are plain
//! POST forms (the logo's is multipart), so they work without JavaScript.
mod claim;
mod mine;
mod new_listing;
mod people;
mod profile;
mod profile_fields;
mod solutions;

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::{
    components::form::FormAlert,
    components::layout::PageTitle,
    domain::{lang::Lang, organization::ListingStatus},
    i18n::*,
};

pub use claim::ClaimPanel;
pub use mine::MyOrganizations;
pub use new_listing::NewListingPage;
pub use profile::EditorPage;
pub use solutions::SolutionEditorPage;

fn lang_now() -> impl Fn() -> Lang + Copy {
    let i18n = use_i18n();
    move || Lang::from(i18n.get_locale())
}

/// The name of a profile field in the reader's language (without its language), for completeness
/// hints and staff reviews.
pub(crate) fn field_name(locale: Locale, field: &str) -> &'static str {
    match field {
        "logo" => td_string!(locale, editing.logo),
        "name" => td_string!(locale, editing.name),
        "short_description" => td_string!(locale, editing.short_description),
        "description" => td_string!(locale, editing.description),
        "translations" => td_string!(locale, editing.translations),
        "kind" => td_string!(locale, editing.kind),
        "website" => td_string!(locale, editing.website),
        "email" => td_string!(locale, editing.email),
        "phone" => td_string!(locale, editing.phone),
        "address" => td_string!(locale, editing.address),
        "city" => td_string!(locale, editing.city),
        "country" => td_string!(locale, editing.country),
        "incident_contact" => td_string!(locale, editing.incident_contact),
        "constituency" => td_string!(locale, editing.constituency),
        "employee_range" => td_string!(locale, editing.employees),
        "certifications" => td_string!(locale, editing.certifications),
        "social_links" => td_string!(locale, editing.social_links),
        "category" => td_string!(locale, editing.categories),
        "sector" => td_string!(locale, editing.sectors),
        "stage" => td_string!(locale, editing.stage),
        "need" => td_string!(locale, editing.looking_for),
        "pitch" => td_string!(locale, editing.pitch),
        "funding_amount" => td_string!(locale, editing.funding),
        "funding_currency" => td_string!(locale, editing.currency),
        "demo_video_url" => td_string!(locale, editing.demo_video),
        "readiness" => td_string!(locale, editing.readiness),
        _ => td_string!(locale, editing.founded_year),
    }
}

pub(crate) fn status_name(locale: Locale, status: ListingStatus) -> &'static str {
    match status {
        ListingStatus::Draft => td_string!(locale, editing.status_draft),
        ListingStatus::Pending => td_string!(locale, editing.status_pending),
        ListingStatus::Published => td_string!(locale, editing.status_published),
        ListingStatus::Hidden => td_string!(locale, editing.status_hidden),
        ListingStatus::Archived => td_string!(locale, editing.status_archived),
    }
}

/// An editor page: what `show` makes of what was loaded, or why it could not be loaded (titled
/// `title`) with the way back to the account.
pub(super) fn editor_frame<T>(
    data: Resource<Result<T, crate::error::AppError>>,
    title: fn(Locale) -> &'static str,
    show: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let i18n = use_i18n();
    let lang = lang_now();
    view! {
        <Meta name="robots" content="noindex" />
        <section class="container account-page account-page--wide editor">
            <Suspense>
                {move || {
                    data.get().map(|data| match data {
                        Ok(data) => show(data),
                        Err(error) => view! {
                            <PageTitle text=Signal::derive(move || title(i18n.get_locale()).to_string()) />
                            <h1>{move || title(i18n.get_locale())}</h1>
                            <FormAlert error=Signal::stored(Some(error)) />
                            <p><a href=move || format!("/{}/account", lang())>{t!(i18n, account.account_title)}</a></p>
                        }
                            .into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}
