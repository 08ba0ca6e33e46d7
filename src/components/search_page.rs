//! The frame every searchable directory shares (organizations, solutions, startups): the question
//! read from the URL, the search form that writes it back, and the answer fetched for it.
use std::future::Future;

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;
use serde::{Serialize, de::DeserializeOwned};

use super::live_form::{LiveQuestion, LiveSearchForm, SearchField};
use crate::{
    components::layout::{PageTitle, QuestionHead},
    domain::{
        directory::{IgnoredParameter, SearchQuery},
        lang::Lang,
    },
    error::AppError,
    i18n::*,
    routes,
};

/// The words of one directory page, in one language.
pub struct SearchPageTexts {
    pub title: &'static str,
    pub meta_description: &'static str,
    pub heading: &'static str,
    pub lead: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    /// Shown when the answer could not be fetched.
    pub unavailable: &'static str,
}

/// A directory page at `/{lang}/{section}`: `answer` lays out what `fetch` found for the URL's question.
#[component]
pub fn SearchPage<Q, R, Fetch, Fut>(
    /// The path below the language, such as `organizations`.
    section: &'static str,
    /// Which question its live form asks.
    live: LiveQuestion,
    texts: fn(Locale) -> SearchPageTexts,
    fetch: Fetch,
    answer: fn(R, Q, Vec<IgnoredParameter>) -> AnyView,
    /// Anything the page adds below the search form.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    Q: SearchQuery + Clone + PartialEq + Send + Sync + 'static,
    R: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    Fetch: Fn(Q, Lang) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<R, AppError>> + Send + 'static,
{
    let i18n = use_i18n();
    let query_map = use_query_map();
    let parsed = Memo::new(move |_| {
        let map = query_map.read();
        Q::from_pairs((&*map).into_iter().map(|(name, value)| (name.as_ref(), value)))
    });
    let lang = move || Lang::from(i18n.get_locale());
    let text = move || texts(i18n.get_locale());
    let results = Resource::new(move || (parsed.get().0, lang()), move |(query, lang)| fetch(query, lang));
    let question = Signal::derive(move || parsed.get().0);
    let raw_text = move || query_map.read().get("q").unwrap_or_default();
    view! {
        <PageTitle text=Signal::derive(move || text().title.to_owned()) />
        <Meta name="description" content=move || text().meta_description.to_owned() />
        <QuestionHead question path=Signal::derive(move || routes::section(lang(), section)) />
        <div class="container page">
            <header class="page__header">
                <h1>{move || text().heading}</h1>
                <p class="page__lead">{move || text().lead}</p>
            </header>
            <LiveSearchForm question=live class="directory".to_owned()>
                <SearchField
                    id=format!("{section}-q")
                    label=Signal::derive(move || text().search_label.to_owned())
                    placeholder=Signal::derive(move || text().search_placeholder.to_owned())
                    button=Signal::derive(move || t_string!(i18n, directory.search_button).to_owned())
                    value=Signal::derive(raw_text)
                />
                // What the live form swaps in when the question changes.
                <div class="live-region" id=format!("{section}-answer") data-live="">
                    <Transition fallback=|| view! { <div class="directory__loading" aria-hidden="true"></div> }>
                        {move || {
                            results.get().map(|outcome| match outcome {
                                Ok(found) => {
                                    let (query, ignored) = parsed.get_untracked();
                                    answer(found, query, ignored)
                                }
                                Err(_) => view! {
                                    <p class="notice notice--error" role="alert">{move || text().unavailable}</p>
                                }
                                .into_any(),
                            })
                        }}
                    </Transition>
                </div>
            </LiveSearchForm>
            {children.map(|children| children())}
        </div>
    }
}
