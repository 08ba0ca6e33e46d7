//! Page links for long lists: plain links, so they work without JavaScript and can be shared.
use leptos::prelude::*;

use crate::i18n::*;

/// Links to the pages around the current one, the first and the last. `href` gives a page's address.
#[component]
pub fn Pagination(page: u32, page_count: u32, href: impl Fn(u32) -> String + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    if page_count <= 1 {
        return None;
    }
    let mut shown: Vec<u32> = vec![1, page_count];
    shown.extend(page.saturating_sub(2).max(1)..=(page + 2).min(page_count));
    shown.sort_unstable();
    shown.dedup();
    let mut items = Vec::new();
    let mut last = 0;
    for number in shown {
        if number > last + 1 {
            items.push(view! { <li class="pagination__gap" aria-hidden="true">"…"</li> }.into_any());
        }
        let current = number == page;
        items.push(
            view! {
                <li>
                    <a href=href(number) aria-current=current.then_some("page")>
                        {number}
                    </a>
                </li>
            }
            .into_any(),
        );
        last = number;
    }
    Some(view! {
        <nav class="pagination" aria-label=move || t_string!(i18n, directory.pagination)>
            <ul>
                {(page > 1).then(|| view! {
                    <li>
                        <a href=href(page - 1) rel="prev">{t!(i18n, directory.previous)}</a>
                    </li>
                })}
                {items}
                {(page < page_count).then(|| view! {
                    <li>
                        <a href=href(page + 1) rel="next">{t!(i18n, directory.next)}</a>
                    </li>
                })}
            </ul>
        </nav>
    })
}
