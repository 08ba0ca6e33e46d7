//! A GET search form whose state is the URL.
//!
//! Without JavaScript it submits like any form. With its island alive it follows typing after a pause
//! (replacing the history entry) and every other choice at once (adding one) without reloading the
//! page: it fetches the page its URL names and swaps in that page's live regions (`[data-live]`, the
//! results and their facets). Back and forward walk through the states the same way.
use leptos::{ev, html, prelude::*, wasm_bindgen::JsCast};
use serde::{Deserialize, Serialize};

use crate::domain::directory::{DirectoryQuery, SearchQuery, SolutionQuery};

/// The stylesheet's width below which the filters are a folded panel above the results.
const PHONE_LAYOUT: &str = "(max-width: 56rem)";

fn phone_layout() -> bool {
    window().match_media(PHONE_LAYOUT).ok().flatten().is_some_and(|query| query.matches())
}

/// How long typing must pause before the results follow.
const TYPING_PAUSE_MS: u64 = 300;

/// Which page's question a live form asks, to put what it holds into the page's canonical URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveQuestion {
    Directory,
    Solutions,
    Landscape,
}

impl LiveQuestion {
    fn canonical(self, raw: &str) -> String {
        match self {
            LiveQuestion::Directory => DirectoryQuery::from_query_string(raw).0.to_query_string(),
            LiveQuestion::Solutions => SolutionQuery::from_query_string(raw).0.to_query_string(),
            LiveQuestion::Landscape => DirectoryQuery::from_query_string(raw).0.for_landscape().to_query_string(),
        }
    }

    /// Where a submitted form lands without JavaScript: at the results, so the visitor keeps their
    /// place instead of finding the top of the page again.
    fn action(self) -> Option<&'static str> {
        match self {
            LiveQuestion::Directory | LiveQuestion::Solutions => Some("#results"),
            LiveQuestion::Landscape => None,
        }
    }
}

#[island]
pub fn LiveSearchForm(question: LiveQuestion, class: String, children: Children) -> impl IntoView {
    let form = NodeRef::<html::Form>::new();
    let pending_typing = StoredValue::new(None::<TimeoutHandle>);
    // The newest page asked for: an older answer that arrives late is dropped.
    let newest = StoredValue::new(0_u32);
    // Whether the current history entry is one typing made: later pauses refine it rather than add
    // one each, and every other choice adds its own.
    let typing_entry = StoredValue::new(false);
    let cancel_pending_typing = move || {
        if let Some(handle) = pending_typing.get_value() {
            handle.clear();
        }
    };
    // `submitted`: the visitor asked for the results (a button, Enter), rather than changed a choice.
    let follow_form = move |typing: bool, submitted: bool| {
        let step = if typing && typing_entry.get_value() { Step::Replace } else { Step::Add };
        typing_entry.set_value(typing);
        let Some(form) = form.get_untracked() else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else { return };
        let path = window().location().pathname().unwrap_or_default();
        let target = match question.canonical(&String::from(params.to_string())) {
            query if query.is_empty() => path,
            query => format!("{path}?{query}"),
        };
        let place = if typing { Place::Stay } else { Place::Results { submitted } };
        show_page(target, Some(step), place, newest);
    };
    // Back and forward: the fields outside the live regions follow the URL, the regions its page.
    let walked = window_event_listener(ev::popstate, move |_| {
        let href = window().location().href().unwrap_or_default();
        if let Some(form) = form.get_untracked() {
            follow_url(&form, &href);
        }
        typing_entry.set_value(false);
        show_page(href, None, Place::Stay, newest);
    });
    on_cleanup(move || walked.remove());
    // Beside the results the filters panel is an open sidebar; the page says so to assistive
    // technology too (the stylesheet alone shows it open without JavaScript).
    Effect::new(move |_| {
        if !phone_layout()
            && let Ok(Some(panel)) = document().query_selector("details#filters")
        {
            let _ = panel.set_attribute("open", "");
        }
    });
    // Only this form's own fields count: a checkbox may belong to another form (`form="…"`).
    let own_field = move |event: &ev::Event| {
        let field = event_target::<web_sys::HtmlInputElement>(event);
        let owner = field.form();
        let typed = field.type_() == "search";
        (form.get_untracked().is_some_and(|form| owner.as_ref() == Some(&form)), typed)
    };
    let on_submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        // The submitted state replaces any pending follow of the typing.
        cancel_pending_typing();
        follow_form(false, true);
    };
    let on_change = move |event: ev::Event| {
        if let (true, false) = own_field(&event) {
            follow_form(false, false);
        }
    };
    let on_input = move |event: ev::Event| {
        if own_field(&event) != (true, true) {
            return;
        }
        cancel_pending_typing();
        let pause = std::time::Duration::from_millis(TYPING_PAUSE_MS);
        pending_typing.set_value(set_timeout_with_handle(move || follow_form(true, false), pause).ok());
    };
    view! {
        <form
            node_ref=form
            class=class
            method="get"
            action=question.action()
            role="search"
            on:submit=on_submit
            on:input=on_input
            on:change=on_change
        >
            {children()}
        </form>
    }
}

/// How a page the form asks for enters the history.
#[derive(Clone, Copy)]
enum Step {
    Add,
    /// Typing refines the state it started, rather than adding one per pause.
    Replace,
}

/// Where the visitor's view goes once a new answer is shown.
#[derive(Clone, Copy)]
enum Place {
    /// Where it is: typing in the search box, or walking the history.
    Stay,
    /// To the results and their count, if they are out of sight. A change made inside the open
    /// filters panel of a phone leaves the panel open (its button shows the new count); a submit
    /// folds it.
    Results { submitted: bool },
}

/// Fetches the page at `href` and swaps its live regions into this one, entering it in the history
/// (`step`, unless the history brought us here) once it is shown, so the address always names what is
/// on screen. If the page cannot be fetched, the browser simply goes there.
fn show_page(href: String, step: Option<Step>, place: Place, newest: StoredValue<u32>) {
    let ticket = newest.get_value().wrapping_add(1);
    newest.set_value(ticket);
    leptos::task::spawn_local(async move {
        match fetch_page(&href).await {
            Some(html) if newest.get_value() == ticket => {
                if let (Some(step), Ok(history)) = (step, window().history()) {
                    let state = leptos::wasm_bindgen::JsValue::NULL;
                    // The same state again (Enter on what is shown) adds nothing to walk back through.
                    let same = window().location().href().is_ok_and(|current| current.ends_with(&href));
                    let _ = match step {
                        Step::Add if !same => history.push_state_with_url(&state, "", Some(&href)),
                        _ => history.replace_state_with_url(&state, "", Some(&href)),
                    };
                }
                swap_live_regions(&html);
                if let Place::Results { submitted } = place {
                    reveal_results(submitted);
                }
            }
            Some(_) => {}
            None => {
                let _ = window().location().set_href(&href);
            }
        }
    });
}

async fn fetch_page(href: &str) -> Option<String> {
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(href)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// Brings the results (`#results`) into view when their top is out of sight, unless the visitor is
/// still choosing in the open filters panel; `submitted` folds that panel first.
fn reveal_results(submitted: bool) {
    let document = document();
    // Only a phone's panel folds: wider screens show the same element as a sidebar.
    if let Ok(Some(panel)) = document.query_selector("details#filters[open]")
        && phone_layout()
    {
        if !submitted {
            return;
        }
        let _ = panel.remove_attribute("open");
    }
    let Some(results) = document.get_element_by_id("results") else { return };
    let top = results.get_bounding_client_rect().top();
    let height = window().inner_height().ok().and_then(|height| height.as_f64()).unwrap_or_default();
    // The count is the first line of the results: it must be on screen, not just the region's edge.
    if top < 0.0 || top > height - 64.0 {
        results.scroll_into_view();
    }
}

/// Replaces each live region of this page with its namesake (same id) in `html`, and the title; focus
/// stays on the field that had it, and an open panel (`details`) stays open.
fn swap_live_regions(html: &str) {
    let document = document();
    let Ok(parser) = web_sys::DomParser::new() else { return };
    let Ok(fetched) = parser.parse_from_string(html, web_sys::SupportedType::TextHtml) else { return };
    let focused = document.active_element().map(|element| element.id()).filter(|id| !id.is_empty());
    let Ok(regions) = document.query_selector_all("[data-live]") else { return };
    for index in 0..regions.length() {
        let Some(region) = regions.item(index).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) else {
            continue;
        };
        let fresh = fetched.get_element_by_id(&region.id());
        if let Some(fresh) = &fresh
            && let Ok(open) = region.query_selector_all("details[open][id]")
        {
            for index in 0..open.length() {
                let Some(panel) = open.item(index).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) else {
                    continue;
                };
                if let Ok(Some(namesake)) = fresh.query_selector(&format!("details#{}", panel.id())) {
                    let _ = namesake.set_attribute("open", "");
                }
            }
        }
        if let Some(imported) = fresh.and_then(|fresh| document.import_node_with_deep(&fresh, true).ok()) {
            let _ = region.replace_with_with_node_1(&imported);
        }
    }
    document.set_title(&fetched.title());
    let element = focused.and_then(|id| document.get_element_by_id(&id));
    if let Some(element) = element.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Sets the search box and the selects of a form to what `href` asks.
fn follow_url(form: &web_sys::HtmlFormElement, href: &str) {
    let Ok(url) = web_sys::Url::new(href) else { return };
    let params = url.search_params();
    let value = |name: String| params.get(&name).unwrap_or_default();
    if let Ok(fields) = form.query_selector_all("input[type=search], select") {
        for index in 0..fields.length() {
            let Some(node) = fields.item(index) else { continue };
            if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                input.set_value(&value(input.name()));
            } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
                select.set_value(&value(select.name()));
            }
        }
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
