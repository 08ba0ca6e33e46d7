//! `/{lang}/landscape`: every published organization as a logo tile, grouped by market category the
//! way the CNCF landscape does it, each group with its subcategories. Kind and country narrow the map;
//! arrow keys move between tiles (a hint says so while a keyboard has a tile in focus).
use leptos::{ev, prelude::*};
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::{
    api::showcase::get_landscape,
    components::layout::{PageTitle, QuestionHead},
    components::{
        live_form::{LiveQuestion, LiveSearchForm},
        organization_card::Logo,
    },
    domain::{
        country::Country,
        directory::{DirectoryQuery, SearchQuery},
        lang::Lang,
        organization::OrganizationKind,
        showcase::{Landscape, LandscapeGroup},
        slug::Slug,
    },
    i18n::*,
    labels::{country_name, kind_label, kind_name},
    routes,
};

#[component]
pub fn LandscapePage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let question = Memo::new(move |_| {
        let map = query_map.read();
        DirectoryQuery::from_pairs((&*map).into_iter().map(|(name, value)| (name.as_ref(), value))).0.for_landscape()
    });
    let lang = move || Lang::from(i18n.get_locale());
    let landscape = Resource::new(move || (question.get(), lang()), |(query, lang)| get_landscape(query, lang));
    let kind = move || question.read().kinds.first().map(|kind| kind.as_str());
    let country = move || question.read().countries.first().map(|country| country.as_str());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, landscape.title).to_owned()) />
        <Meta name="description" content=move || t_string!(i18n, landscape.meta_description).to_owned() />
        <QuestionHead question=Signal::derive(move || question.get()) path=Signal::derive(move || routes::landscape(lang())) />
        <div class="container page landscape">
            <header class="page__header">
                <h1>{t!(i18n, landscape.heading)}</h1>
                <p class="page__lead">{t!(i18n, landscape.lead)}</p>
            </header>
            <LiveSearchForm question=LiveQuestion::Landscape class="landscape__filters".to_owned()>
                <label class="field field--inline">
                    <span class="field__label">{t!(i18n, landscape.kind)}</span>
                    <select name="kind">
                        <option value="" selected=move || kind().is_none()>{t!(i18n, landscape.all_kinds)}</option>
                        {OrganizationKind::ALL.iter().map(|&option| view! {
                            <option value=option.as_str() selected=move || kind() == Some(option.as_str())>
                                {move || kind_name(i18n.get_locale(), option)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field field--inline">
                    <span class="field__label">{t!(i18n, landscape.country)}</span>
                    <select name="country">
                        <option value="" selected=move || country().is_none()>{t!(i18n, landscape.all_countries)}</option>
                        {Country::ALL.iter().map(|&option| view! {
                            <option value=option.as_str() selected=move || country() == Some(option.as_str())>
                                {move || country_name(i18n.get_locale(), option)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <button class="button no-js-only" type="submit">{t!(i18n, landscape.filters)}</button>
            </LiveSearchForm>
            // What the live form swaps in when the question changes.
            <div class="live-region" id="landscape-answer" data-live="">
                <Transition fallback=|| view! { <div class="directory__loading" aria-hidden="true"></div> }>
                    {move || {
                        landscape.get().map(|result| match result {
                            Ok(landscape) => view! { <LandscapeMap landscape question=question.get_untracked() /> }.into_any(),
                            Err(_) => view! {
                                <p class="notice notice--error" role="alert">{t!(i18n, landscape.unavailable)}</p>
                            }
                            .into_any(),
                        })
                    }}
                </Transition>
            </div>
            <TileKeys />
        </div>
    }
}

#[component]
fn LandscapeMap(landscape: Landscape, question: DirectoryQuery) -> impl IntoView {
    let i18n = use_i18n();
    let Landscape { groups, uncategorized, total } = landscape;
    if groups.is_empty() {
        return view! { <p class="empty-state">{t!(i18n, landscape.empty)}</p> }.into_any();
    }
    let groups = groups.into_iter().map(|group| view! { <TileGroup group question=question.clone() /> }).collect_view();
    view! {
        <p class="landscape__summary" aria-live="polite">
            <strong>{t!(i18n, directory.results, count = move || total)}</strong>
        </p>
        // Said to keyboard users only, while a tile has their focus (and the keys work: with JavaScript).
        <p id="landscape-hint" class="landscape__hint">{t!(i18n, landscape.keyboard_hint)}</p>
        <div class="landscape__groups">
            {groups}
        </div>
        {(uncategorized > 0).then(|| view! {
            <p class="landscape__note">{t!(i18n, landscape.uncategorized, count = move || uncategorized)}</p>
        })}
    }
    .into_any()
}

/// One category's tiles, and a link to the rest of them in the directory.
#[component]
fn TileGroup(group: LandscapeGroup, question: DirectoryQuery) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    let LandscapeGroup { slug, name, count, subcategories, tiles } = group;
    let in_directory = {
        let question = question.clone();
        move |category: &Slug| {
            DirectoryQuery { categories: vec![category.clone()], ..question.clone() }.href(&routes::directory(lang))
        }
    };
    let subcategories = (!subcategories.is_empty()).then(|| {
        view! {
            <ul class="landscape__subcategories" aria-label=td_string!(locale, directory.subcategories)>
                {subcategories.into_iter().map(|subcategory| view! {
                    <li>
                        <a class="landscape__subcategory" href=in_directory(&subcategory.slug)>
                            {subcategory.name} <span class="landscape__group-count">{subcategory.count}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    let heading_id = format!("group-{slug}");
    let labelled_by = heading_id.clone();
    let rest = (count > tiles.len() as u64).then(|| {
        let href = in_directory(&slug);
        view! { <a class="landscape__more" href=href>{t!(i18n, landscape.more, count = move || count)}</a> }
    });
    view! {
        <section class="landscape__group" aria-labelledby=labelled_by>
            <h2 class="landscape__group-heading" id=heading_id>
                {name} <span class="landscape__group-count">{count}</span>
            </h2>
            {subcategories}
            <ul class="landscape__tiles" aria-describedby="landscape-hint">
                {tiles.into_iter().map(|tile| {
                    let title = format!("{} · {}", tile.name.value, kind_label(locale, tile.kind));
                    let foreign = (tile.name.lang != lang).then_some(tile.name.lang.as_str());
                    view! {
                        <li>
                            <a class="tile" href=routes::profile(lang, &tile.slug) title=title>
                                <Logo name=tile.name.value.clone() slug=tile.slug.to_string() url=tile.logo_url />
                                <span class="tile__name" lang=foreign>{tile.name.value}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {rest}
        </section>
    }
}

/// The landscape's keyboard: it listens on the window, so tiles the live form swaps in keep it.
#[island]
fn TileKeys() -> impl IntoView {
    let keys = window_event_listener(ev::keydown, move_between_tiles);
    on_cleanup(move || keys.remove());
}

/// Arrow keys move focus to the neighbouring tile: left and right in reading order, up and down to
/// the nearest tile of the row above or below (across groups); Home and End to the first and last.
fn move_between_tiles(event: ev::KeyboardEvent) {
    use leptos::wasm_bindgen::JsCast;
    let Some(current) = event.target().and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    if !current.class_list().contains("tile") {
        return;
    }
    let Some(container) = current.closest(".landscape__groups").ok().flatten() else {
        return;
    };
    let Ok(list) = container.query_selector_all("a.tile") else { return };
    let tiles: Vec<web_sys::HtmlElement> =
        (0..list.length()).filter_map(|index| list.item(index)?.dyn_into::<web_sys::HtmlElement>().ok()).collect();
    let Some(position) = tiles.iter().position(|tile| *tile == current) else { return };
    // Where a tile stands: the middle of its width, and its top (tiles of a row may differ in height,
    // as their names take one line or three).
    let centre = |tile: &web_sys::HtmlElement| {
        let rect = tile.get_bounding_client_rect();
        (rect.left() + rect.width() / 2.0, rect.top())
    };
    let (x, y) = centre(&current);
    // The tile in the nearest row in `direction` (-1 up, 1 down) whose middle is closest to ours.
    let vertical = |direction: f64| {
        let rows = tiles.iter().map(|tile| (tile, centre(tile))).filter(|(_, (_, ty))| (ty - y) * direction > 1.0);
        let nearest_row = rows.clone().map(|(_, (_, ty))| (ty - y).abs()).fold(f64::INFINITY, f64::min);
        rows.filter(|(_, (_, ty))| ((ty - y).abs() - nearest_row).abs() < 1.0)
            .min_by(|(_, (ax, _)), (_, (bx, _))| (ax - x).abs().total_cmp(&(bx - x).abs()))
            .map(|(tile, _)| tile.clone())
    };
    let target = match event.key().as_str() {
        "ArrowRight" => tiles.get(position + 1).cloned(),
        "ArrowLeft" => position.checked_sub(1).and_then(|previous| tiles.get(previous).cloned()),
        "ArrowDown" => vertical(1.0),
        "ArrowUp" => vertical(-1.0),
        "Home" => tiles.first().cloned(),
        "End" => tiles.last().cloned(),
        _ => return,
    };
    event.prevent_default();
    if let Some(target) = target {
        let _ = target.focus();
    }
}
