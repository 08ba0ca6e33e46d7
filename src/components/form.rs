//! Form building blocks: labelled fields with their errors next to them, and the state a form page
//! keeps about its server function (the last error, and what was typed when a plain post failed).
use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    api::forms::get_form_draft,
    domain::validation::{FieldError, Problem},
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
    }
}

/// A whole-form error (not about one field) in the reader's language.
pub fn error_text(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::Unauthorized => td_string!(locale, problem.unauthorized).to_string(),
        AppError::Forbidden => td_string!(locale, problem.forbidden).to_string(),
        AppError::NotFound => td_string!(locale, problem.not_found).to_string(),
        AppError::Invalid(_) => td_string!(locale, problem.invalid).to_string(),
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
                    get_form_draft(F::PATH.to_owned()).await.unwrap_or_default()
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

/// A labelled input, its hint, and its errors, tied together for screen readers.
#[component]
pub fn TextField(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let messages = Memo::new(move |_| {
        let locale = i18n.get_locale();
        errors
            .read()
            .iter()
            .filter(|error| error.field == name)
            .map(|error| problem_text(locale, &error.problem))
            .collect::<Vec<_>>()
    });
    let invalid = move || !messages.read().is_empty();
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if invalid() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=id.clone()>
                {label}
            </label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=id
                class="field__input"
                type=kind
                name=name
                autocomplete=autocomplete
                value=value
                prop:value=value
                required=required
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described_by
            />
            <Show when=invalid>
                <p class="field__error" id=error_id.clone()>
                    {move || messages.get().join(" ")}
                </p>
            </Show>
        </div>
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
