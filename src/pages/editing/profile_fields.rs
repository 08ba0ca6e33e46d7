//! The profile form's fields, shared by the editor and the new listing's form: a panel per language,
//! then contacts, facts and taxonomy.
use leptos::prelude::*;

use crate::{
    components::form::{CheckboxGroup, CheckboxOption, SelectField, TextArea, TextField},
    domain::{
        country::Country,
        editing::{
            ProfileForm,
            field::{FieldName, FormField as F},
            views::Choice,
        },
        lang::Lang,
        organization::{EmployeeRange, OrganizationKind},
        startup::{StartupNeed, StartupStage},
        validation::{FieldError, first_value},
    },
    i18n::*,
    labels::{country_name, kind_label, need_name, stage_name},
};

/// Every field of a profile: a tab per language, then what does not depend on language.
#[component]
pub(super) fn ProfileFields(
    form: ProfileForm,
    errors: Signal<Vec<FieldError>>,
    #[prop(optional)] categories: Vec<Choice>,
    #[prop(optional)] sectors: Vec<Choice>,
    /// A new listing asks only for the essentials.
    #[prop(optional)]
    essentials_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |text: fn(Locale) -> &'static str| Signal::derive(move || text(i18n.get_locale()).to_owned());
    let value = |field: F| form.value(field).to_owned();
    let kinds = move || {
        OrganizationKind::ALL
            .iter()
            .map(|kind| (kind.as_str().to_owned(), kind_label(i18n.get_locale_untracked(), *kind).to_owned()))
            .collect::<Vec<_>>()
    };
    let countries = move || {
        Country::ALL
            .iter()
            .map(|country| {
                (country.as_str().to_owned(), country_name(i18n.get_locale_untracked(), *country).to_owned())
            })
            .collect::<Vec<_>>()
    };
    let language_tabs = Lang::ALL
        .iter()
        .map(|lang| {
            let (short_field, short) = field_of(&form.0, F::ShortDescription.of(*lang));
            let (description_field, description) = field_of(&form.0, F::Description.of(*lang));
            let (pitch_field, pitch) = field_of(&form.0, F::Pitch.of(*lang));
            view! {
                <LanguagePanel lang=*lang name=field_of(&form.0, F::Name.of(*lang)).1 errors>
                    <TextField
                        name=short_field
                        label=label(|locale| td_string!(locale, editing.short_description))
                        value=short
                        errors
                    />
                    {(!essentials_only)
                        .then(|| {
                            view! {
                                <TextArea
                                    name=description_field
                                    label=label(|locale| td_string!(locale, editing.description))
                                    hint=label(|locale| td_string!(locale, editing.description_hint))
                                    value=description
                                    rows=8
                                    errors
                                />
                                <TextField
                                    name=pitch_field
                                    label=label(|locale| td_string!(locale, editing.pitch))
                                    hint=label(|locale| td_string!(locale, editing.startup_only))
                                    value=pitch
                                    errors
                                />
                            }
                        })}
                </LanguagePanel>
            }
        })
        .collect_view();
    let checked = |field: F| form.values(field).into_iter().map(str::to_owned).collect::<Vec<_>>();
    let category_options = choice_options(categories);
    let sector_options = choice_options(sectors);
    let stages = move || {
        StartupStage::ALL
            .iter()
            .map(|stage| (stage.as_str().to_owned(), stage_name(i18n.get_locale_untracked(), *stage).to_owned()))
            .collect::<Vec<_>>()
    };
    let needs: Vec<CheckboxOption> = StartupNeed::ALL
        .iter()
        .map(|need| CheckboxOption {
            value: need.as_str().to_owned(),
            label: need_name(i18n.get_locale_untracked(), *need).to_owned(),
            group: None,
        })
        .collect();
    let ranges = EmployeeRange::ALL
        .iter()
        .map(|range| (range.as_str().to_owned(), range.as_str().to_owned()))
        .collect::<Vec<_>>();
    view! {
        <LanguageTabs />
        <div class="language-panels">{language_tabs}</div>
        <fieldset class="editor__group">
            <legend>{t!(i18n, editing.basics)}</legend>
            <div class="editor__grid">
                <SelectField name=F::Kind.as_str() label=label(|locale| td_string!(locale, editing.kind)) options=kinds() selected=value(F::Kind) errors />
                <SelectField name=F::Country.as_str() label=label(|locale| td_string!(locale, editing.country)) options=countries() selected=value(F::Country) errors />
                <TextField name=F::City.as_str() label=label(|locale| td_string!(locale, editing.city)) value=value(F::City) errors />
                <TextField name=F::Website.as_str() kind="url" label=label(|locale| td_string!(locale, editing.website)) value=value(F::Website) errors />
                {(!essentials_only)
                    .then(|| {
                        view! {
                            <TextField name=F::Email.as_str() kind="email" label=label(|locale| td_string!(locale, editing.email)) value=value(F::Email) errors />
                            <TextField name=F::Phone.as_str() kind="tel" label=label(|locale| td_string!(locale, editing.phone)) value=value(F::Phone) errors />
                            <TextField name=F::Address.as_str() label=label(|locale| td_string!(locale, editing.address)) value=value(F::Address) errors />
                            <TextField name=F::FoundedYear.as_str() kind="number" label=label(|locale| td_string!(locale, editing.founded_year)) value=value(F::FoundedYear) errors />
                            <SelectField
                                name=F::EmployeeRange.as_str()
                                label=label(|locale| td_string!(locale, editing.employees))
                                options=ranges.clone()
                                selected=value(F::EmployeeRange)
                                blank=label(|locale| td_string!(locale, editing.not_said))
                                errors
                            />
                        }
                    })}
            </div>
        </fieldset>
        {(!essentials_only)
            .then(|| {
                view! {
                    <CheckboxGroup name=F::Category.as_str() legend=label(|locale| td_string!(locale, editing.categories)) options=category_options checked=checked(F::Category) errors />
                    <CheckboxGroup name=F::Sector.as_str() legend=label(|locale| td_string!(locale, editing.sectors)) options=sector_options checked=checked(F::Sector) errors />
                    <fieldset class="editor__group">
                        <legend>{t!(i18n, editing.more)}</legend>
                        <TextArea name=F::Certifications.as_str() label=label(|locale| td_string!(locale, editing.certifications)) hint=label(|locale| td_string!(locale, editing.one_per_line)) value=value(F::Certifications) errors />
                        <TextArea name=F::SocialLinks.as_str() label=label(|locale| td_string!(locale, editing.social_links)) hint=label(|locale| td_string!(locale, editing.social_links_hint)) value=value(F::SocialLinks) errors />
                    </fieldset>
                    <fieldset class="editor__group">
                        <legend>{t!(i18n, editing.incident_response)}</legend>
                        <p class="field__hint">{t!(i18n, editing.incident_response_hint)}</p>
                        <div class="editor__grid">
                            <TextField name=F::IncidentContact.as_str() label=label(|locale| td_string!(locale, editing.incident_contact)) hint=label(|locale| td_string!(locale, editing.incident_contact_hint)) value=value(F::IncidentContact) errors />
                            <TextField name=F::Constituency.as_str() label=label(|locale| td_string!(locale, editing.constituency)) hint=label(|locale| td_string!(locale, editing.constituency_hint)) value=value(F::Constituency) errors />
                        </div>
                    </fieldset>
                    <fieldset class="editor__group">
                        <legend>{t!(i18n, editing.startup_facts)}</legend>
                        <p class="field__hint">{t!(i18n, editing.startup_only)}</p>
                        <div class="editor__grid">
                            <SelectField name=F::Stage.as_str() label=label(|locale| td_string!(locale, editing.stage)) options=stages() selected=value(F::Stage) blank=label(|locale| td_string!(locale, editing.not_said)) errors />
                            <TextField name=F::FundingAmount.as_str() kind="number" label=label(|locale| td_string!(locale, editing.funding)) value=value(F::FundingAmount) errors />
                            <TextField name=F::FundingCurrency.as_str() label=label(|locale| td_string!(locale, editing.currency)) value=value(F::FundingCurrency) errors />
                            <TextField name=F::Readiness.as_str() kind="number" label=label(|locale| td_string!(locale, editing.readiness)) value=value(F::Readiness) errors />
                            <TextField name=F::DemoVideoUrl.as_str() kind="url" label=label(|locale| td_string!(locale, editing.demo_video)) value=value(F::DemoVideoUrl) errors />
                        </div>
                        <CheckboxGroup name=F::Need.as_str() legend=label(|locale| td_string!(locale, editing.looking_for)) options=needs checked=checked(F::Need) errors />
                    </fieldset>
                }
            })}
    }
}

/// Taxonomy choices as checkboxes.
pub(super) fn choice_options(choices: Vec<Choice>) -> Vec<CheckboxOption> {
    choices
        .into_iter()
        .map(|choice| CheckboxOption { value: choice.id.to_string(), label: choice.name, group: choice.group })
        .collect()
}

/// A per-language field of a form (`az.name`): its input's name, and what it holds.
pub(super) fn field_of(form: &[(String, String)], name: FieldName) -> (String, String) {
    let field = name.to_string();
    let value = first_value(form, &field).to_owned();
    (field, value)
}

/// One language's part of a form: its fieldset, with the name first and what `children` add after it.
#[component]
pub(super) fn LanguagePanel(
    lang: Lang,
    name: String,
    errors: Signal<Vec<FieldError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="language-panel" id=format!("language-{lang}") lang=lang.as_str()>
            <legend>{lang.native_name()}</legend>
            <TextField
                name=format!("{lang}.name")
                label=Signal::derive(move || td_string!(i18n.get_locale(), editing.name).to_owned())
                value=name
                errors
            />
            {children()}
        </fieldset>
    }
}

/// The links to each language's panel of a form, with the hint that not every language is needed.
#[component]
pub(super) fn LanguageTabs() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="language-tabs" aria-label=move || t_string!(i18n, editing.languages)>
            <ul>
                {Lang::ALL
                    .iter()
                    .map(|lang| view! { <li><a href=format!("#language-{lang}")>{lang.native_name()}</a></li> })
                    .collect_view()}
            </ul>
        </nav>
        <p class="field__hint">{t!(i18n, editing.languages_hint)}</p>
    }
}
