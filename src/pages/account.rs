//! Organizations' people sign up, confirm their address, sign in (with an authenticator code when
//! they set one up), reset a forgotten password, and see their account. Every form here is a plain
//! POST form to a server function, which answers a refusal with the page again and its messages.
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::{components::Redirect, hooks::use_query_map};

use crate::{
    api::accounts::{
        BeginTotpSetup, ConfirmCode, ConfirmEmail, ConfirmTotpSetup, RequestPasswordReset, ResendConfirmation,
        ResetPassword, SignIn, SignOut, SignUp, TurnOffTotp, check_reset_link, get_awaiting_code, get_outbox,
        get_totp_setup, get_viewer,
    },
    components::form::{FormAlert, FormState, TextField},
    components::layout::PageTitle,
    domain::{
        account::{SignInOutcome, Viewer},
        lang::Lang,
        validation::FieldError,
    },
    i18n::*,
    labels::machine_time,
    pages::editing::MyOrganizations,
    routes,
};

fn current_lang() -> impl Fn() -> Lang + Copy {
    let i18n = use_i18n();
    move || Lang::from(i18n.get_locale())
}

/// The narrow card every account form sits in, with its title and the page's `<title>`.
#[component]
fn AccountCard(#[prop(into)] title: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <PageTitle text=title />
        <Meta name="robots" content="noindex" />
        <section class="container account-page">
            <div class="account-card">
                <h1 class="account-card__title">{title}</h1>
                {children()}
            </div>
        </section>
    }
}

/// The language travels with every form, so mails and redirects use the page's language.
#[component]
fn LangInput() -> impl IntoView {
    let lang = current_lang();
    view! { <input type="hidden" name="lang" value=move || lang().as_str() /> }
}

/// An email address and a password; a new account's password says what makes a good one.
#[component]
fn CredentialFields(email: Signal<String>, errors: Signal<Vec<FieldError>>, new_account: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField
            name="email"
            kind="email"
            autocomplete=if new_account { "email" } else { "username" }
            required=true
            label=Signal::derive(move || t_string!(i18n, account.email).to_string())
            value=email
            errors
        />
        <TextField
            name="password"
            kind="password"
            autocomplete=if new_account { "new-password" } else { "current-password" }
            required=true
            label=Signal::derive(move || t_string!(i18n, account.password).to_string())
            hint=new_account.then(|| Signal::derive(move || t_string!(i18n, account.password_hint).to_string()))
            errors
        />
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = current_lang();
    let form = FormState::<SignUp>::new();
    let errors = form.field_errors();
    view! {
        <AccountCard title=Signal::derive(move || t_string!(i18n, account.sign_up_title).to_string())>
            <p class="account-card__lead">{t!(i18n, account.sign_up_lead)}</p>
            <FormAlert error=form.error() />
            <Suspense>
                <ActionForm action=form.action attr:class="form">
                    <LangInput />
                    <CredentialFields email=form.typed("email", String::new()) errors new_account=true />
                    <button class="button button--primary form__submit" type="submit">
                        {t!(i18n, account.sign_up_button)}
                    </button>
                </ActionForm>
            </Suspense>
            <p class="account-card__aside">
                {t!(i18n, account.have_account)} " "
                <a href=move || routes::account::sign_in(lang())>{t!(i18n, account.sign_in_link)}</a>
            </p>
        </AccountCard>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = current_lang();
    let form = FormState::<SignIn>::new();
    let errors = form.field_errors();
    let query = use_query_map();
    let next = move || query.read().get("next").filter(|next| crate::domain::account::return_address(next).is_some());
    let awaiting = Resource::new(|| (), |_| get_awaiting_code());
    let code_needed = move || {
        matches!(form.action.value().get(), Some(Ok(SignInOutcome::CodeNeeded)))
            || awaiting.get().and_then(Result::ok).unwrap_or(false)
    };
    view! {
        <AccountCard title=Signal::derive(move || t_string!(i18n, account.sign_in_title).to_string())>
            <Suspense>
                <Show when=code_needed fallback=move || view! {
                    <FormAlert error=form.error() />
                    <ActionForm action=form.action attr:class="form">
                        <LangInput />
                        {next().map(|next| view! { <input type="hidden" name="next" value=next /> })}
                        <CredentialFields email=form.typed("email", String::new()) errors new_account=false />
                        <button class="button button--primary form__submit" type="submit">
                            {t!(i18n, account.sign_in_button)}
                        </button>
                    </ActionForm>
                }>
                    <CodeForm />
                </Show>
            </Suspense>
            <p class="account-card__aside">
                <a href=move || routes::account::forgot_password(lang())>{t!(i18n, account.forgot_link)}</a>
            </p>
            <p class="account-card__aside">
                {t!(i18n, account.no_account)} " "
                <a href=move || routes::account::sign_up(lang())>{t!(i18n, account.sign_up_link)}</a>
            </p>
        </AccountCard>
    }
}

/// The six digits from an authenticator app.
#[component]
fn CodeField(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField
            name="code"
            autocomplete="one-time-code"
            required=true
            label=Signal::derive(move || t_string!(i18n, account.code).to_string())
            errors
        />
    }
}

/// The second step of signing in, for accounts with an authenticator app.
#[component]
fn CodeForm() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::<ConfirmCode>::new();
    let errors = form.field_errors();
    view! {
        <p class="account-card__lead">{t!(i18n, account.code_lead)}</p>
        <FormAlert error=form.error() />
        <ActionForm action=form.action attr:class="form">
            <LangInput />
            <CodeField errors />
            <button class="button button--primary form__submit" type="submit">
                {t!(i18n, account.code_button)}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let form = FormState::<RequestPasswordReset>::new();
    let errors = form.field_errors();
    let sent = move || form.succeeded().get() || query.read().get("sent").is_some();
    view! {
        <AccountCard title=Signal::derive(move || t_string!(i18n, account.forgot_title).to_string())>
            <Show when=sent fallback=move || view! {
                <p class="account-card__lead">{t!(i18n, account.forgot_lead)}</p>
                <FormAlert error=form.error() />
                <Suspense>
                    <ActionForm action=form.action attr:class="form">
                        <LangInput />
                        <TextField
                            name="email"
                            kind="email"
                            autocomplete="email"
                            required=true
                            label=Signal::derive(move || t_string!(i18n, account.email).to_string())
                            value=form.typed("email", String::new())
                            errors
                        />
                        <button class="button button--primary form__submit" type="submit">
                            {t!(i18n, account.forgot_button)}
                        </button>
                    </ActionForm>
                </Suspense>
            }>
                <p class="notice notice--success" role="status">{t!(i18n, account.forgot_sent)}</p>
            </Show>
        </AccountCard>
    }
}

/// Opened from the emailed link: choose a new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = current_lang();
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let valid = Resource::new(move || token.get(), check_reset_link);
    let form = FormState::<ResetPassword>::new();
    let errors = form.field_errors();
    view! {
        <AccountCard title=Signal::derive(move || t_string!(i18n, account.reset_title).to_string())>
            <Suspense>
                <Show
                    when=move || valid.get().and_then(Result::ok).unwrap_or(false)
                    fallback=move || view! {
                        <p class="notice notice--warning" role="status">{t!(i18n, problem.link_expired)}</p>
                        <p>
                            <a href=move || routes::account::forgot_password(lang())>
                                {t!(i18n, account.forgot_link)}
                            </a>
                        </p>
                    }
                >
                    <FormAlert error=form.error() />
                    <ActionForm action=form.action attr:class="form">
                        <LangInput />
                        <input type="hidden" name="token" value=move || token.get() />
                        <TextField
                            name="password"
                            kind="password"
                            autocomplete="new-password"
                            required=true
                            label=Signal::derive(move || t_string!(i18n, account.new_password).to_string())
                            hint=Signal::derive(move || t_string!(i18n, account.password_hint).to_string())
                            errors
                        />
                        <button class="button button--primary form__submit" type="submit">
                            {t!(i18n, account.reset_button)}
                        </button>
                    </ActionForm>
                </Show>
            </Suspense>
        </AccountCard>
    }
}

/// Opened from the emailed link: one button confirms the address (a link alone must not change
/// anything, since mail scanners open links).
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let form = FormState::<ConfirmEmail>::new();
    let errors = form.field_errors();
    let expired = move || errors.read().iter().any(|error| error.field == "token");
    view! {
        <AccountCard title=Signal::derive(move || t_string!(i18n, account.verify_title).to_string())>
            <Show
                when=move || !expired()
                fallback=move || view! { <p class="notice notice--warning" role="alert">{t!(i18n, problem.link_expired)}</p> }
            >
                <p class="account-card__lead">{t!(i18n, account.verify_lead)}</p>
            </Show>
            <FormAlert error=Signal::derive(move || form.error().get().filter(|_| !expired())) />
            <ActionForm action=form.action attr:class="form">
                <LangInput />
                <input type="hidden" name="token" value=token />
                <button class="button button--primary form__submit" type="submit">
                    {t!(i18n, account.verify_button)}
                </button>
            </ActionForm>
        </AccountCard>
    }
}

/// The signed-in person's own page. Anyone else is sent to sign in.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = current_lang();
    let query = use_query_map();
    // Asked again whenever the address changes (each form here ends by going back to this page).
    let viewer = Resource::new(move || query.read().to_query_string(), |_| get_viewer());
    let resend = ServerAction::<ResendConfirmation>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let flag = move |name: &str| query.read().get(name).is_some();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, account.account_title).to_string()) />
        <Meta name="robots" content="noindex" />
        <section class="container account-page account-page--wide">
            <Suspense>
                {move || {
                    viewer.get().map(|viewer| match viewer {
                        Ok(Some(viewer)) => {
                            let email = viewer.email.clone();
                            view! {
                                <h1>{t!(i18n, account.account_title)}</h1>
                                <Show when=move || flag("confirmed")>
                                    <p class="notice notice--success" role="status">{t!(i18n, account.confirmed)}</p>
                                </Show>
                                <Show when=move || flag("password")>
                                    <p class="notice notice--success" role="status">{t!(i18n, account.password_changed)}</p>
                                </Show>
                                <div class="account-summary">
                                    <p class="account-summary__email">{email}</p>
                                    {if viewer.email_verified {
                                        view! { <p class="badge badge--verified">{t!(i18n, account.email_verified)}</p> }.into_any()
                                    } else {
                                        view! {
                                            <div class="notice notice--warning">
                                                <p>{t!(i18n, account.email_unverified)}</p>
                                                <Show when=move || flag("sent") || matches!(resend.value().get(), Some(Ok(())))>
                                                    <p role="status">{t!(i18n, account.confirmation_sent)}</p>
                                                </Show>
                                                <ActionForm action=resend attr:class="form form--inline">
                                                    <LangInput />
                                                    <button class="button" type="submit">{t!(i18n, account.resend_button)}</button>
                                                </ActionForm>
                                            </div>
                                        }.into_any()
                                    }}
                                </div>
                                <MyOrganizations />
                                {viewer.staff_role.is_some().then(|| view! {
                                    <p><a href=move || routes::curation::dashboard(lang())>{t!(i18n, curation.staff_link)}</a></p>
                                })}
                                {(viewer.staff_role == Some(crate::domain::user::StaffRole::Admin))
                                    .then(|| view! {
                                        <p><a href=move || routes::account::outbox(lang())>{t!(i18n, account.outbox_title)}</a></p>
                                    })}
                                <TwoFactorSection viewer=viewer.clone() />
                                <div class="account-actions">
                                    <ActionForm action=sign_out attr:class="form form--inline">
                                        <LangInput />
                                        <button class="button" type="submit">{t!(i18n, account.sign_out_button)}</button>
                                    </ActionForm>
                                    <ActionForm action=sign_out attr:class="form form--inline">
                                        <LangInput />
                                        <input type="hidden" name="everywhere" value="1" />
                                        <button class="button button--quiet" type="submit">
                                            {t!(i18n, account.sign_out_everywhere_button)}
                                        </button>
                                    </ActionForm>
                                </div>
                            }
                                .into_any()
                        }
                        Ok(None) => view! { <Redirect path=routes::account::sign_in(lang()) /> }.into_any(),
                        Err(_) => view! { <p class="notice notice--warning">{t!(i18n, problem.internal)}</p> }.into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}

/// Two-factor authentication: set up an authenticator app (scan, then confirm a code), or turn it off.
#[component]
fn TwoFactorSection(viewer: Viewer) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let begin = ServerAction::<BeginTotpSetup>::new();
    let setup = Resource::new(move || (begin.version().get(), query.read().to_query_string()), |_| get_totp_setup());
    let confirm = FormState::<ConfirmTotpSetup>::new();
    let turn_off = FormState::<TurnOffTotp>::new();
    let staff = viewer.staff_role.is_some() || viewer.staff_awaiting_second_factor;
    view! {
        <section class="account-section" id="two-factor" aria-labelledby="two-factor-title">
            <h2 id="two-factor-title">{t!(i18n, account.two_factor_title)}</h2>
            {if viewer.two_factor {
                view! {
                    <p>{t!(i18n, account.two_factor_on)}</p>
                    <FormAlert error=turn_off.error() />
                    <ActionForm action=turn_off.action attr:class="form form--narrow">
                        <LangInput />
                        <CodeField errors=turn_off.field_errors() />
                        <button class="button" type="submit">{t!(i18n, account.two_factor_turn_off_button)}</button>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! {
                    <p>{t!(i18n, account.two_factor_off)}</p>
                    {staff.then(|| view! { <p class="notice notice--warning">{t!(i18n, account.two_factor_staff_required)}</p> })}
                    <Suspense>
                        {move || {
                            setup.get().and_then(Result::ok).map(|offered| match offered {
                                Some(offered) => view! {
                                    <div class="totp-setup">
                                        <img class="totp-setup__qr" src=offered.qr_code alt=move || t_string!(i18n, account.two_factor_qr_alt) width="200" height="200" />
                                        <div>
                                            <p>{t!(i18n, account.two_factor_scan)}</p>
                                            <p class="totp-setup__secret"><code>{offered.secret.clone()}</code></p>
                                            <FormAlert error=confirm.error() />
                                            <ActionForm action=confirm.action attr:class="form form--narrow">
                                                <LangInput />
                                                <CodeField errors=confirm.field_errors() />
                                                <button class="button button--primary" type="submit">
                                                    {t!(i18n, account.two_factor_confirm_button)}
                                                </button>
                                            </ActionForm>
                                        </div>
                                    </div>
                                }
                                    .into_any(),
                                None => view! {
                                    <ActionForm action=begin attr:class="form form--inline">
                                        <LangInput />
                                        <button class="button button--primary" type="submit">
                                            {t!(i18n, account.two_factor_setup_button)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any(),
                            })
                        }}
                    </Suspense>
                }
                    .into_any()
            }}
        </section>
    }
}

/// For admins: the newest outgoing mail, sent or waiting, with any sending error.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let mails = Resource::new(|| (), |_| get_outbox());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, account.outbox_title).to_string()) />
        <Meta name="robots" content="noindex" />
        <section class="container account-page account-page--wide">
            <h1>{t!(i18n, account.outbox_title)}</h1>
            <p class="account-card__lead">{t!(i18n, account.outbox_lead)}</p>
            <Suspense>
                {move || {
                    mails.get().map(|mails| match mails {
                        Ok(mails) => view! {
                            <ul class="outbox">
                                {mails
                                    .into_iter()
                                    .map(|mail| {
                                        let sent = mail.sent_at.is_some();
                                        view! {
                                            <li class="outbox__mail">
                                                <details>
                                                    <summary>
                                                        <span class="outbox__subject">{mail.subject}</span>
                                                        " · " {mail.recipient} " · "
                                                        <time datetime=machine_time(mail.created_at)>{mail.created_at.date().to_string()}</time>
                                                        " "
                                                        <span class="badge">
                                                            {move || if sent { t_string!(i18n, account.outbox_sent) } else { t_string!(i18n, account.outbox_waiting) }}
                                                        </span>
                                                    </summary>
                                                    {mail.last_error.map(|error| view! { <p class="field__error">{error} " (" {mail.attempts} ")"</p> })}
                                                    <pre class="outbox__body">{mail.body}</pre>
                                                </details>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any(),
                        Err(error) => view! { <FormAlert error=Signal::stored(Some(error)) /> }.into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}
