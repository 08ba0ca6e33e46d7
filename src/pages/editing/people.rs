//! A listing's people: members and their roles, open invitations, and the owner's forms to invite,
//! remove and hand ownership over.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::editing::{HandOverOwnership, InviteEditor, RemoveMember, get_members},
    components::form::{FormAlert, FormState, TextField},
    domain::{editing::views::MemberView, user::MembershipRole},
    i18n::*,
};

use super::lang_now;

/// A listing's people: its members with their roles, open invitations, and for the owner (or staff)
/// the forms to invite, remove, and hand ownership over.
#[component]
pub(super) fn PeopleSection(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let query = use_query_map();
    let invite = FormState::<InviteEditor>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let hand_over = ServerAction::<HandOverOwnership>::new();
    // The list is read again after an invitation went through, not after a refused one: that would
    // draw the form again and lose what was typed.
    let invitations_sent = Memo::new(move |sent: Option<&usize>| match invite.action.value().get() {
        Some(Ok(_)) => invite.action.version().get(),
        _ => sent.copied().unwrap_or_default(),
    });
    let people = {
        let slug = slug.clone();
        Resource::new(
            move || {
                (invitations_sent.get(), remove.version().get(), hand_over.version().get(), query.read().get("people"))
            },
            move |_| get_members(slug.clone()),
        )
    };
    let done = move || query.read().get("people");
    view! {
        <section class="account-section" id="people" aria-labelledby="people-title">
            <h2 id="people-title">{t!(i18n, editing.people)}</h2>
            <p class="field__hint">{t!(i18n, editing.people_hint)}</p>
            <div role="status">
                {move || {
                    done().map(|what| {
                        if what == "invited" {
                            view! { <p class="notice notice--success">{t!(i18n, editing.people_invited)}</p> }.into_any()
                        } else {
                            view! { <p class="notice notice--success">{t!(i18n, editing.people_changed)}</p> }.into_any()
                        }
                    })
                }}
            </div>
            <FormAlert error=Signal::derive(move || {
                remove.value().get().and_then(Result::err).or_else(|| hand_over.value().get().and_then(Result::err))
            }) />
            <Suspense>
                {move || {
                    let slug = slug.clone();
                    people.get().and_then(Result::ok).map(move |people| {
                        let can_manage = people.can_manage;
                        view! {
                            <ul class="people">
                                {people
                                    .members
                                    .into_iter()
                                    .map(|member| view! { <PersonRow member slug=slug.clone() can_manage remove hand_over /> })
                                    .collect_view()}
                                {people
                                    .invited
                                    .into_iter()
                                    .map(|email| view! {
                                        <li class="people__person">
                                            <span class="people__email">{email}</span>
                                            <span class="badge">{t!(i18n, editing.invited)}</span>
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                            {can_manage
                                .then(|| {
                                    view! {
                                        <FormAlert error=Signal::derive(move || invite.error().get().filter(|error| !matches!(error, crate::error::AppError::Invalid(_)))) />
                                        <ActionForm action=invite.action attr:class="form form--narrow">
                                            <input type="hidden" name="lang" value=move || lang().as_str() />
                                            <input type="hidden" name="slug" value=slug.clone() />
                                            <TextField
                                                form="invite"
                                                name="email"
                                                kind="email"
                                                required=true
                                                label=Signal::derive(move || t_string!(i18n, editing.invite_email).to_string())
                                                value=invite.typed("email", String::new())
                                                errors=invite.field_errors()
                                            />
                                            <button class="button" type="submit">{t!(i18n, editing.invite_button)}</button>
                                        </ActionForm>
                                    }
                                })}
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
pub(super) fn PersonRow(
    member: MemberView,
    slug: String,
    can_manage: bool,
    remove: ServerAction<RemoveMember>,
    hand_over: ServerAction<HandOverOwnership>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let editor = member.role == MembershipRole::Editor;
    let user_id = member.user_id.to_string();
    view! {
        <li class="people__person">
            <span class="people__email">{member.email}</span>
            <span class="badge">
                {move || if editor { t_string!(i18n, editing.role_editor) } else { t_string!(i18n, editing.role_owner) }}
            </span>
            {member.is_you.then(|| view! { <span class="muted">"(" {t!(i18n, editing.you)} ")"</span> })}
            {(can_manage && editor)
                .then(move || {
                    let (slug_again, user_id_again) = (slug.clone(), user_id.clone());
                    view! {
                        <ActionForm action=hand_over attr:class="form form--inline">
                            <input type="hidden" name="lang" value=move || lang().as_str() />
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="user_id" value=user_id.clone() />
                            <button class="button button--quiet" type="submit">{t!(i18n, editing.hand_over_button)}</button>
                        </ActionForm>
                        <ActionForm action=remove attr:class="form form--inline">
                            <input type="hidden" name="lang" value=move || lang().as_str() />
                            <input type="hidden" name="slug" value=slug_again />
                            <input type="hidden" name="user_id" value=user_id_again />
                            <button class="button button--quiet" type="submit">{t!(i18n, editing.remove_button)}</button>
                        </ActionForm>
                    }
                })}
        </li>
    }
}
