//! The frame of a directory page's answer, the same for organizations, solutions and startups: facets
//! beside results, the count, the order, the pages, the empty state and the links out of it.
use leptos::prelude::*;

use super::pagination::Pagination;
use crate::{
    domain::directory::{DirectorySort, IgnoredParameter, SearchQuery},
    i18n::*,
};

/// How an answer is laid out; what varies between directories comes in as views. The links (other
/// pages, without filters, without search words) are the question's own, at `base`.
#[component]
pub fn ResultsLayout<Q>(
    /// The question answered.
    query: Q,
    /// The page's address without a question.
    base: String,
    /// Parameters of the address that made no sense and were left out.
    ignored: Vec<IgnoredParameter>,
    /// The facet groups.
    facets: AnyView,
    /// "N organizations", said before the search words.
    count: AnyView,
    /// How many results the question has, for the phone panel's "Show N results".
    total: u64,
    /// The page shown, and how many there are.
    page: u32,
    page_count: u32,
    sort: DirectorySort,
    sorts: &'static [DirectorySort],
    empty_heading: String,
    /// This page's results; `None` when nothing matched.
    list: Option<AnyView>,
    /// What follows the results and their pages, when there are any (a download link).
    #[prop(optional)]
    after: Option<AnyView>,
) -> impl IntoView
where
    Q: SearchQuery + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let summary = results_summary(count, query.text());
    let clear_filters = query.has_filters().then(|| query.without_filters().href(&base));
    let clear_search = (!query.text().trim().is_empty()).then(|| query.without_text().href(&base));
    let results = list.map(|list| {
        view! {
            {list}
            <Pagination page page_count href=move |number| query.on_page(number).href(&base) />
            {after}
        }
        .into_any()
    });
    let sort_label = move |sort: DirectorySort| match sort {
        DirectorySort::Relevance => td_string!(locale, directory.sort_relevance),
        DirectorySort::Name => td_string!(locale, directory.sort_name),
        DirectorySort::Newest => td_string!(locale, directory.sort_newest),
        DirectorySort::Featured => td_string!(locale, directory.sort_featured),
    };
    let answer = match results {
        Some(results) => results,
        None => view! {
            <div class="empty-state">
                <h2>{empty_heading}</h2>
                <p>{t!(i18n, directory.empty_message)}</p>
                <p class="empty-state__actions">
                    {clear_filters.clone().map(|href| view! { <a class="button" href=href>{t!(i18n, directory.clear_filters)}</a> })}
                    {clear_search.map(|href| view! { <a class="button" href=href>{t!(i18n, directory.clear_search)}</a> })}
                </p>
            </div>
        }
        .into_any(),
    };
    view! {
        {(!ignored.is_empty()).then(|| view! {
            <p class="notice notice--warning" role="status">
                {t!(i18n, directory.ignored)} " "
                {ignored.iter().map(|parameter| format!("{}={}", parameter.name, parameter.value)).collect::<Vec<_>>().join(", ")}
            </p>
        })}
        <div class="directory__layout">
            // On a phone the filters are a panel above the results, folded until asked for; on wider
            // screens the same panel is an always-open sidebar that scrolls on its own.
            <aside class="directory__facets" aria-label=move || t_string!(i18n, directory.filters)>
                <details id="filters" class="directory__filters">
                    <summary class="directory__filters-toggle">{t!(i18n, directory.filters)}</summary>
                    <div class="directory__filters-body">
                        <h2 class="directory__facets-heading">{t!(i18n, directory.filters)}</h2>
                        {facets}
                        <div class="directory__facet-actions">
                            <button class="button button--primary no-js-only" type="submit">{t!(i18n, directory.apply_filters)}</button>
                            <button class="button button--primary directory__show-results" type="submit" data-reveal-results="">
                                {t!(i18n, directory.show_results, count = move || total)}
                            </button>
                            {clear_filters.map(|href| view! { <a href=href>{t!(i18n, directory.clear_filters)}</a> })}
                        </div>
                    </div>
                </details>
            </aside>
            <section id="results" class="directory__results" aria-labelledby="results-summary">
                <div class="directory__toolbar">
                    <p id="results-summary" class="directory__summary" aria-live="polite">{summary}</p>
                    <div class="directory__sort">
                        <label for="results-sort">{t!(i18n, directory.sort_label)}</label>
                        <select id="results-sort" name="sort">
                            {sorts.iter().map(|option| view! {
                                <option value=option.as_str() selected=*option == sort>{sort_label(*option)}</option>
                            }).collect_view()}
                        </select>
                        <button class="button no-js-only" type="submit">{t!(i18n, directory.apply_filters)}</button>
                    </div>
                </div>
                {answer}
            </section>
        </div>
    }
}

/// "N results", and «the words» when the question had any: the line above every page of results.
fn results_summary(count: AnyView, searched: &str) -> AnyView {
    let i18n = use_i18n();
    let searched = searched.trim().to_owned();
    view! {
        <strong>{count}</strong>
        {(!searched.is_empty()).then(|| view! { " " {t!(i18n, directory.results_for)} " «" {searched} "»" })}
    }
    .into_any()
}
