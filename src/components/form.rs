//! Form building blocks: labelled fields with their errors next to them, and the state a form page
//! keeps about its server function (the last error, and what was typed when a plain post failed).
use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    api::forms::get_refused_form,
    domain::{
        lang::Lang,
        validation::{FieldError, Problem},
    },
    error::AppError,
    i18n::*,
};

/// A refused field's message in the reader's language.
pub fn problem_text(locale: Locale, problem: &Problem) -> String {
    match problem {
        Problem::Required => td_string!(locale, problem.required).to_string(),
        Problem::TooShort { min } => td_string!(locale, problem.too_short, min = *min).to_string(),
        Problem::TooLong { max } => td_string!(locale, problem.too_long, max = *max).to_string(),
        Problem::OutOfRange { min, max } => {
            td_string!(locale, problem.out_of_range, min = *min, max = *max).to_string()
        }
        Problem::InvalidEmail => td_string!(locale, problem.invalid_email).to_string(),
        Problem::InvalidUrl => td_string!(locale, problem.invalid_url).to_string(),
        Problem::InvalidSlug => td_string!(locale, problem.invalid_slug).to_string(),
        Problem::InvalidChoice => td_string!(locale, problem.invalid_choice).to_string(),
        Problem::Taken => td_string!(locale, problem.taken).to_string(),
        Problem::CommonPassword => td_string!(locale, problem.common_password).to_string(),
        Problem::WrongCredentials => td_string!(locale, problem.wrong_credentials).to_string(),
        Problem::AccountDisabled => td_string!(locale, problem.account_disabled).to_string(),
        Problem::WrongCode => td_string!(locale, problem.wrong_code).to_string(),
        Problem::LinkExpired => td_string!(locale, problem.link_expired).to_string(),
        Problem::EmailNotConfirmed => td_string!(locale, problem.email_not_confirmed).to_string(),
        Problem::AlreadyOwned => td_string!(locale, problem.already_owned).to_string(),
        Problem::AlreadyDecided => td_string!(locale, problem.already_decided).to_string(),
        Problem::NameForTranslation { lang } => match lang {
            Lang::Az => td_string!(locale, problem.name_for_az).to_string(),
            Lang::En => td_string!(locale, problem.name_for_en).to_string(),
            Lang::Ru => td_string!(locale, problem.name_for_ru).to_string(),
        },
        Problem::InUse { count } => td_string!(locale, problem.in_use, count = *count).to_string(),
        Problem::InvalidDate => td_string!(locale, problem.invalid_date).to_string(),
        Problem::HasChildren => td_string!(locale, problem.has_children).to_string(),
        Problem::FileTooLarge { max_mib } => td_string!(locale, problem.file_too_large, max = *max_mib).to_string(),
        Problem::UnsupportedImage => td_string!(locale, problem.unsupported_image).to_string(),
        Problem::ImageTooLarge { max_px } => td_string!(locale, problem.image_too_large, max = *max_px).to_string(),
        Problem::UnreadableImage => td_string!(locale, problem.unreadable_image).to_string(),
    }
}

/// The alert above a refused form: that fields need attention, and which language panel to open
/// when a translation lacks its name (the field is inside a panel that may be closed).
#[component]
pub fn InvalidFormAlert(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let panels = move || {
        let mut langs: Vec<Lang> = errors
            .read()
            .iter()
            .filter_map(|error| match error.problem {
                Problem::NameForTranslation { lang } => Some(lang),
                _ => None,
            })
            .collect();
        langs.dedup();
        langs
    };
    move || {
        (!errors.read().is_empty()).then(|| {
            view! {
                <div class="form-alert" role="alert">
                    <p>{t!(i18n, problem.invalid)}</p>
                    {panels()
                        .into_iter()
                        .map(|lang| {
                            let problem = Problem::NameForTranslation { lang };
                            let hint = td_string!(i18n.get_locale(), editing.open_panel, panel = lang.native_name());
                            view! { <p>{problem_text(i18n.get_locale(), &problem)} " " {hint.to_string()}</p> }
                        })
                        .collect_view()}
                </div>
            }
        })
    }
}

/// A whole-form error (not about one field) in the reader's language.
pub fn error_text(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::Unauthorized => td_string!(locale, problem.unauthorized).to_string(),
        AppError::Forbidden => td_string!(locale, problem.forbidden).to_string(),
        AppError::NotFound => td_string!(locale, problem.not_found).to_string(),
        AppError::Invalid(_) => td_string!(locale, problem.invalid).to_string(),
        AppError::BadRequest(_) => td_string!(locale, problem.bad_request).to_string(),
        AppError::RateLimited { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60);
            td_string!(locale, problem.rate_limited, minutes = minutes).to_string()
        }
        AppError::Internal => td_string!(locale, problem.internal).to_string(),
        AppError::Transport(_) => td_string!(locale, problem.transport).to_string(),
    }
}

/// What a form page knows about its server function `F`.
pub struct FormState<F: ServerFn<Error = AppError> + Clone + Send + Sync + 'static>
where
    F::Output: Clone + Send + Sync + 'static,
{
    pub action: ServerAction<F>,
    draft: Resource<Vec<(String, String)>>,
}

impl<F> Clone for FormState<F>
where
    F: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    F::Output: Clone + Send + Sync + 'static,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for FormState<F>
where
    F: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    F::Output: Clone + Send + Sync + 'static,
{
}

impl<F> Default for FormState<F>
where
    F: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    F::Output: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<F> FormState<F>
where
    F: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    F::Output: Clone + Send + Sync + 'static,
{
    /// The action for `F`, and, when the page was reached by a failed plain post, its draft. A plain
    /// post that hit a limit also gives the page its status (429 with `Retry-After`).
    pub fn new() -> Self {
        let action = ServerAction::<F>::new();
        let failed_plain_post = action.value().with_untracked(|value| matches!(value, Some(Err(_))));
        #[cfg(feature = "ssr")]
        if let Some(Err(error @ AppError::RateLimited { .. })) = action.value().get_untracked() {
            crate::server::forms::set_error_status(&error);
        }
        let draft = Resource::new(
            || (),
            move |_| async move {
                if failed_plain_post {
                    get_refused_form(F::PATH.to_owned()).await.unwrap_or_default()
                } else {
                    Vec::new()
                }
            },
        );
        FormState { action, draft }
    }

    /// The last call's error, if it failed.
    pub fn error(&self) -> Signal<Option<AppError>> {
        let value = self.action.value();
        Signal::derive(move || value.get().and_then(Result::err))
    }

    /// The field errors of the last call.
    pub fn field_errors(&self) -> Signal<Vec<FieldError>> {
        let error = self.error();
        Signal::derive(move || match error.get() {
            Some(AppError::Invalid(errors)) => errors,
            _ => Vec::new(),
        })
    }

    /// What was typed into `field` before a plain post failed, else `initial`.
    pub fn typed(&self, field: &'static str, initial: String) -> Signal<String> {
        let draft = self.draft;
        Signal::derive(move || {
            draft
                .get()
                .and_then(|values| values.into_iter().find(|(name, _)| name == field).map(|(_, value)| value))
                .unwrap_or_else(|| initial.clone())
        })
    }

    /// Whether the last call succeeded.
    pub fn succeeded(&self) -> Signal<bool> {
        let value = self.action.value();
        Signal::derive(move || matches!(value.get(), Some(Ok(_))))
    }
}

/// The messages for one field, and the `aria-describedby` that ties its hint and errors to it.
struct FieldWiring {
    id: String,
    hint_id: String,
    error_id: String,
    messages: Memo<Vec<String>>,
    has_hint: bool,
}

impl FieldWiring {
    /// `form` tells apart fields of one name in two forms on a page (a listing's email and an
    /// invitation's), whose ids would otherwise collide.
    fn new(form: Option<&str>, name: &str, errors: Signal<Vec<FieldError>>, has_hint: bool) -> FieldWiring {
        let i18n = use_i18n();
        let id = match form {
            Some(form) => format!("field-{form}-{}", name.replace('.', "-")),
            None => format!("field-{}", name.replace('.', "-")),
        };
        let name = name.to_owned();
        let messages = Memo::new(move |_| {
            let locale = i18n.get_locale();
            errors
                .read()
                .iter()
                .filter(|error| error.field == name)
                .map(|error| problem_text(locale, &error.problem))
                .collect::<Vec<_>>()
        });
        FieldWiring { hint_id: format!("{id}-hint"), error_id: format!("{id}-error"), id, messages, has_hint }
    }

    fn invalid(&self) -> impl Fn() -> bool + Copy + Send + Sync + use<> {
        let messages = self.messages;
        move || !messages.read().is_empty()
    }

    fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + use<> {
        let (hint_id, error_id, has_hint, invalid) =
            (self.hint_id.clone(), self.error_id.clone(), self.has_hint, self.invalid());
        move || {
            let ids: Vec<&str> = [has_hint.then_some(hint_id.as_str()), invalid().then_some(error_id.as_str())]
                .into_iter()
                .flatten()
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    fn hint(&self, hint: Option<Signal<String>>) -> impl IntoView + use<> {
        let hint_id = self.hint_id.clone();
        hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })
    }

    /// The field around its control: label, hint, the control, and its errors.
    fn frame<C: IntoView>(
        &self,
        label: Signal<String>,
        hint: Option<Signal<String>>,
        control: C,
    ) -> impl IntoView + use<C> {
        view! {
            <div class="field" class:field--invalid=self.invalid()>
                <label class="field__label" for=self.id.clone()>
                    {label}
                </label>
                {self.hint(hint)}
                {control}
                {self.errors()}
            </div>
        }
    }

    fn errors(&self) -> impl IntoView + use<> {
        let (error_id, messages, invalid) = (self.error_id.clone(), self.messages, self.invalid());
        view! {
            <Show when=invalid>
                <p class="field__error" id=error_id.clone()>
                    {move || messages.get().join(" ")}
                </p>
            </Show>
        }
    }
}

/// A labelled input, its hint, and its errors, tied together for screen readers.
#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(default = None, into)] hint: Option<Signal<String>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(optional)] required: bool,
    /// Which form the field is in, when another form on the page has a field of the same name.
    #[prop(optional)]
    form: Option<&'static str>,
) -> impl IntoView {
    let wiring = FieldWiring::new(form, &name, errors, hint.is_some());
    let invalid = wiring.invalid();
    let control = view! {
        <input
            id=wiring.id.clone()
            class="field__input"
            type=kind
            name=name
            autocomplete=autocomplete
            value=value
            prop:value=value
            required=required
            aria-invalid=move || invalid().then_some("true")
            aria-describedby=wiring.described_by()
        />
    };
    wiring.frame(label, hint, control)
}

/// What a `<textarea>` starts with, as HTML for its `inner_html`. Leptos writes a textarea's children
/// unescaped (as it does a script's), so a saved `</textarea><script>…` would end the field and run;
/// escaped, the browser shows the text as typed. Every textarea sets its text through this.
pub fn textarea_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A labelled multi-line text, with its hint and errors.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    value: String,
    #[prop(default = None, into)] hint: Option<Signal<String>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let wiring = FieldWiring::new(None, &name, errors, hint.is_some());
    let invalid = wiring.invalid();
    let control = view! {
        <textarea
            id=wiring.id.clone()
            class="field__input field__input--area"
            name=name
            rows=rows
            aria-invalid=move || invalid().then_some("true")
            aria-describedby=wiring.described_by()
            inner_html=textarea_html(&value)
        ></textarea>
    };
    wiring.frame(label, hint, control)
}

/// A labelled choice of one value. `options` are (value, label) pairs; `blank` adds an empty first choice.
#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    options: Vec<(String, String)>,
    selected: String,
    #[prop(optional, into)] blank: Option<Signal<String>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let wiring = FieldWiring::new(None, &name, errors, false);
    let invalid = wiring.invalid();
    let control = view! {
        <select
            id=wiring.id.clone()
            class="field__input"
            name=name
            aria-invalid=move || invalid().then_some("true")
            aria-describedby=wiring.described_by()
        >
            {blank.map(|blank| view! { <option value="">{blank}</option> })}
            {options
                .into_iter()
                .map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                })
                .collect_view()}
        </select>
    };
    wiring.frame(label, None, control)
}

/// One choice in a checkbox group: its value, its label, and the heading it sits under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckboxOption {
    pub value: String,
    pub label: String,
    pub group: Option<String>,
}

/// A fieldset of checkboxes sharing a name, under their group headings.
#[component]
pub fn CheckboxGroup(
    #[prop(into)] name: String,
    #[prop(into)] legend: Signal<String>,
    options: Vec<CheckboxOption>,
    checked: Vec<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let wiring = FieldWiring::new(None, &name, errors, false);
    let invalid = wiring.invalid();
    let mut groups: Vec<(Option<String>, Vec<CheckboxOption>)> = Vec::new();
    for option in options {
        match groups.last_mut() {
            Some((group, members)) if *group == option.group => members.push(option),
            _ => groups.push((option.group.clone(), vec![option])),
        }
    }
    let id = wiring.id.clone();
    view! {
        <fieldset class="field checkbox-group" class:field--invalid=invalid aria-describedby=wiring.described_by()>
            <legend class="field__label">{legend}</legend>
            {groups
                .into_iter()
                .enumerate()
                .map(|(index, (group, members))| {
                    let checked = checked.clone();
                    let id = id.clone();
                    let name = name.clone();
                    view! {
                        <div class="checkbox-group__group">
                            {group.map(|group| view! { <p class="checkbox-group__heading">{group}</p> })}
                            <ul class="checkbox-group__options">
                                {members
                                    .into_iter()
                                    .enumerate()
                                    .map(|(at, option)| {
                                        let input_id = format!("{id}-{index}-{at}");
                                        let on = checked.contains(&option.value);
                                        view! {
                                            <li>
                                                <input type="checkbox" id=input_id.clone() name=name.clone() value=option.value checked=on />
                                                <label for=input_id>{option.label}</label>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
                .collect_view()}
            {wiring.errors()}
        </fieldset>
    }
}

/// The error of a whole form (throttling, a lost connection, ...), announced when it appears.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div role="alert" class="form-alert-region">
            {move || {
                error
                    .get()
                    .map(|error| view! { <p class="form-alert">{error_text(i18n.get_locale(), &error)}</p> })
            }}
        </div>
    }
}
