//! A GET search form whose state is the URL.
//!
//! Without JavaScript it submits like any form. Hydrated, it follows typing after a pause (replacing
//! the history entry) and every other choice at once (adding one), without reloading the page, so the
//! back and forward buttons walk through the states.
use leptos::{ev, html, prelude::*};
use leptos_router::{
    NavigateOptions,
    hooks::{use_location, use_navigate},
};

/// How long typing must pause before the results follow.
const TYPING_PAUSE_MS: u64 = 300;

#[component]
pub fn LiveSearchForm(
    /// Turns the form's raw query string into the canonical one for the page's question.
    canonical: fn(&str) -> String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let form = NodeRef::<html::Form>::new();
    let location = use_location();
    let navigate = use_navigate();
    let pending_typing = StoredValue::new(None::<TimeoutHandle>);
    let cancel_pending_typing = move || {
        if let Some(handle) = pending_typing.get_value() {
            handle.clear();
        }
    };
    let follow_form = move |replace: bool| {
        let Some(form) = form.get_untracked() else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else { return };
        let path = location.pathname.get_untracked();
        let target = match canonical(&String::from(params.to_string())) {
            query if query.is_empty() => path,
            query => format!("{path}?{query}"),
        };
        navigate(&target, NavigateOptions { replace, scroll: false, ..NavigateOptions::default() });
    };
    // Only this form's own fields count: a checkbox may belong to another form (`form="…"`).
    let own_field = move |event: &ev::Event| {
        let field = event_target::<web_sys::HtmlInputElement>(event);
        let owner = field.form();
        let typed = field.type_() == "search";
        (form.get_untracked().is_some_and(|form| owner.as_ref() == Some(&form)), typed)
    };
    let on_submit = {
        let follow_form = follow_form.clone();
        move |event: ev::SubmitEvent| {
            event.prevent_default();
            // The submitted state replaces any pending follow of the typing.
            cancel_pending_typing();
            follow_form(false);
        }
    };
    let on_change = {
        let follow_form = follow_form.clone();
        move |event: ev::Event| {
            if let (true, false) = own_field(&event) {
                follow_form(false);
            }
        }
    };
    let on_input = move |event: ev::Event| {
        if own_field(&event) != (true, true) {
            return;
        }
        cancel_pending_typing();
        let follow_form = follow_form.clone();
        let pause = std::time::Duration::from_millis(TYPING_PAUSE_MS);
        pending_typing.set_value(set_timeout_with_handle(move || follow_form(true), pause).ok());
    };
    view! {
        <form
            node_ref=form
            class=class
            method="get"
            role="search"
            on:submit=on_submit
            on:input=on_input
            on:change=on_change
        >
            {children()}
        </form>
    }
}

/// The large text field at the top of a directory page.
#[component]
pub fn SearchField(
    id: String,
    label: Signal<String>,
    placeholder: Signal<String>,
    button: Signal<String>,
    /// The text as typed (from the URL), so back and forward restore it.
    value: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="directory__search">
            <label class="directory__search-label" for=id.clone()>{label}</label>
            <div class="search-box search-box--wide">
                <input
                    id=id
                    class="search-box__input"
                    type="search"
                    name="q"
                    autocomplete="off"
                    // The attribute fills the field in the server's HTML; the property keeps it in step
                    // after the visitor has typed, which an attribute alone no longer does.
                    value=value
                    prop:value=value
                    placeholder=placeholder
                />
                <button class="button button--primary search-box__button" type="submit">{button}</button>
            </div>
        </div>
    }
}
