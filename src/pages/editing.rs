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
    domain::{editing::FormField, lang::Lang, organization::ListingStatus},
    i18n::*,
    routes,
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
pub(crate) fn field_name(locale: Locale, field: FormField) -> &'static str {
    match field {
        FormField::Logo => td_string!(locale, editing.logo),
        FormField::Name => td_string!(locale, editing.name),
        FormField::ShortDescription => td_string!(locale, editing.short_description),
        FormField::Description => td_string!(locale, editing.description),
        FormField::Translations => td_string!(locale, editing.translations),
        FormField::Kind => td_string!(locale, editing.kind),
        FormField::Website => td_string!(locale, editing.website),
        FormField::Email => td_string!(locale, editing.email),
        FormField::Phone => td_string!(locale, editing.phone),
        FormField::Address => td_string!(locale, editing.address),
        FormField::City => td_string!(locale, editing.city),
        FormField::Country => td_string!(locale, editing.country),
        FormField::IncidentContact => td_string!(locale, editing.incident_contact),
        FormField::Constituency => td_string!(locale, editing.constituency),
        FormField::EmployeeRange => td_string!(locale, editing.employees),
        FormField::Certifications => td_string!(locale, editing.certifications),
        FormField::SocialLinks => td_string!(locale, editing.social_links),
        FormField::Category => td_string!(locale, editing.categories),
        FormField::Sector => td_string!(locale, editing.sectors),
        FormField::Stage => td_string!(locale, editing.stage),
        FormField::Need => td_string!(locale, editing.looking_for),
        FormField::Pitch => td_string!(locale, editing.pitch),
        FormField::FundingAmount => td_string!(locale, editing.funding),
        FormField::FundingCurrency => td_string!(locale, editing.currency),
        FormField::DemoVideoUrl => td_string!(locale, editing.demo_video),
        FormField::Readiness => td_string!(locale, editing.readiness),
        FormField::FoundedYear => td_string!(locale, editing.founded_year),
        FormField::Deployment => td_string!(locale, solutions.deployment),
        FormField::Url => td_string!(locale, solutions.website),
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
                            <p><a href=move || routes::account::home(lang())>{t!(i18n, account.account_title)}</a></p>
                        }
                            .into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}
