//! The frame around every page: language, header, footer, the demo-data notice.
use leptos::prelude::*;
use leptos_meta::{Html, Link, Meta, Title};
use leptos_router::hooks::use_location;

use super::{
    icons::{Icon, IconName, Logo},
    search_box::SearchBox,
};
use crate::routes::{
    self,
    segment::{FORUM, LANDSCAPE, ORGANIZATIONS, SOLUTIONS, STARTUPS},
};
use crate::{
    api::{accounts::get_viewer, site::get_site_info},
    domain::{
        directory::SearchQuery,
        lang::{Lang, lang_of_path, path_in_lang, path_in_no_lang},
        site_page::SitePageKind,
    },
    i18n::*,
    labels::site_page_name,
};

/// Sets the language from the URL for everything inside, and draws the page frame.
///
/// The language comes from the path; a path in no language (a 404) is shown in the visitor's
/// preferred language.
#[component]
pub fn SiteFrame(children: Children) -> impl IntoView {
    let location = use_location();
    let lang = Memo::new(move |_| lang_of_path(&location.pathname.read()).unwrap_or_else(visitor_language));
    view! {
        <I18nSubContextProvider initial_locale=Signal::derive(move || Locale::from(lang.get()))>
            <Html {..} lang=move || lang.get().as_str() dir="ltr" />
            <AlternateLanguages />
            <a class="skip-link" href="#main">
                {move || td_string!(Locale::from(lang.get()), site.skip_to_content)}
            </a>
            <DemoNotice />
            <SiteHeader />
            <main id="main" tabindex="-1">
                {children()}
            </main>
            <SiteFooter />
        </I18nSubContextProvider>
    }
}

/// The language the visitor prefers (their remembered choice, else their browser's): pages are
/// rendered on the server, where the request says it.
fn visitor_language() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .map(|request| crate::server::http::preferred_language(&request.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::default()
    }
}

/// The site's public origin, for absolute links in the document head and structured data.
pub fn public_origin() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::server::app_state().map(|state| state.public_url).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        window().location().origin().unwrap_or_default()
    }
}

/// The one address search engines should file this page under: absolute, on the public origin, with
/// the page's own canonical question and nothing else (no tracking parameters, no other host).
#[component]
pub fn Canonical(#[prop(into)] path: Signal<String>) -> impl IntoView {
    let origin = public_origin();
    move || view! { <Link rel="canonical" href=format!("{origin}{}", path.get()) /> }
}

/// The canonical link of a page that answers a question, and `noindex, follow` when the question is
/// one of the endless combinations (see [`SearchQuery::worth_indexing`]): crawlers still follow its
/// links to the profiles, but do not file every combination of filters.
#[component]
pub fn QuestionHead<Q>(question: Signal<Q>, #[prop(into)] path: Signal<String>) -> impl IntoView
where
    Q: SearchQuery + Clone + Send + Sync + 'static,
{
    let href = Signal::derive(move || question.read().href(&path.get()));
    view! {
        <Canonical path=href />
        {move || (!question.read().worth_indexing()).then(|| view! { <Meta name="robots" content="noindex, follow" /> })}
    }
}

/// `hreflang` alternates: the same page in each language, and `/` for everyone else.
#[component]
fn AlternateLanguages() -> impl IntoView {
    let location = use_location();
    let origin = public_origin();
    move || {
        let path = location.pathname.get();
        lang_of_path(&path).map(|_| {
            let links = Lang::ALL
                .iter()
                .map(|lang| {
                    let href = format!("{origin}{}", path_in_lang(&path, *lang));
                    view! { <Link rel="alternate" hreflang=lang.as_str() href=href /> }
                })
                .collect_view();
            view! {
                {links}
                <Link rel="alternate" hreflang="x-default" href=format!("{origin}{}", path_in_no_lang(&path)) />
                <Link
                    rel="alternate"
                    type_="application/atom+xml"
                    title="Qala"
                    href=format!("{origin}{}", routes::feed(lang_of_path(&path).unwrap_or_default()))
                />
            }
        })
    }
}

#[component]
fn DemoNotice() -> impl IntoView {
    let i18n = use_i18n();
    let info = Resource::new(|| (), |_| get_site_info());
    view! {
        <Suspense>
            {move || {
                info.get()
                    .and_then(Result::ok)
                    .filter(|info| info.demo_data)
                    .map(|_| {
                        view! {
                            <div class="demo-notice" role="note">
                                <Icon name=IconName::Info />
                                <span>{t!(i18n, site.demo_notice)}</span>
                            </div>
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let home = move || routes::home(Lang::from(i18n.get_locale()));
    // The home page and the searchable directories have their own, larger search boxes.
    let has_own_search = move || {
        let path = location.pathname.read();
        let mut segments = path.trim_matches('/').split('/').skip(1);
        matches!(segments.next(), None | Some("organizations" | "solutions" | "startups")) && segments.next().is_none()
    };
    view! {
        <header class="site-header">
            <div class="container site-header__top">
                <a class="brand" href=home>
                    <Logo />
                    <span class="brand__text">
                        <span class="brand__name">{t!(i18n, site.name)}</span>
                        <span class="brand__tagline">{t!(i18n, site.tagline)}</span>
                    </span>
                </a>
                <div class="site-header__tools">
                    <AccountLink />
                    <LanguageSwitcher />
                </div>
            </div>
            <div class="site-header__bar">
                <div class="container site-header__bar-inner">
                    <nav class="main-nav" aria-label=move || t_string!(i18n, site.main_navigation)>
                        <SectionLinks />
                    </nav>
                    <Show when=move || !has_own_search()>
                        <SearchBox id="header-search" />
                    </Show>
                </div>
            </div>
        </header>
    }
}

/// "Sign in", or "Account" for whoever is signed in.
#[component]
fn AccountLink() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // Asked again after each navigation, since signing in or out ends with one.
    let viewer = Resource::new(move || location.pathname.get(), |_| get_viewer());
    let lang = move || Lang::from(i18n.get_locale());
    view! {
        <Suspense>
            {move || {
                viewer.get().map(|viewer| match viewer.ok().flatten() {
                    Some(_) => view! {
                        <a class="account-link" href=move || routes::account::home(lang())>
                            <Icon name=IconName::User />
                            <span>{t!(i18n, site.nav_account)}</span>
                        </a>
                    }
                        .into_any(),
                    None => view! {
                        <a class="account-link" href=move || routes::account::sign_in(lang())>
                            <Icon name=IconName::User />
                            <span>{t!(i18n, site.nav_sign_in)}</span>
                        </a>
                    }
                        .into_any(),
                })
            }}
        </Suspense>
    }
}

/// The directory's main sections, in the current language; the current one is marked.
#[component]
fn SectionLinks() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let label = move |section: &str| {
        let locale = i18n.get_locale();
        match section {
            ORGANIZATIONS => td_string!(locale, nav.organizations),
            STARTUPS => td_string!(locale, nav.startups),
            SOLUTIONS => td_string!(locale, nav.solutions),
            FORUM => td_string!(locale, nav.forum),
            _ => td_string!(locale, nav.landscape),
        }
    };
    view! {
        <ul>
            {[ORGANIZATIONS, STARTUPS, SOLUTIONS, LANDSCAPE, FORUM]
                .into_iter()
                .map(|section| {
                    let href = move || routes::section(Lang::from(i18n.get_locale()), section);
                    let current = move || {
                        let path = location.pathname.read();
                        let mut segments = path.trim_matches('/').split('/');
                        (segments.nth(1) == Some(section)).then_some("page")
                    };
                    view! {
                        <li>
                            <a href=href aria-current=current>
                                {move || label(section)}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Links to the current page in each language; works without JavaScript.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current = move || Lang::from(i18n.get_locale());
    let here = move || {
        let search = location.search.get();
        if search.is_empty() { location.pathname.get() } else { format!("{}?{search}", location.pathname.get()) }
    };
    view! {
        <nav class="language-switcher" aria-label=move || t_string!(i18n, site.language)>
            <ul>
                {Lang::ALL
                    .iter()
                    .map(|lang| {
                        let lang = *lang;
                        view! {
                            <li>
                                <a
                                    href=move || path_in_lang(&here(), lang)
                                    hreflang=lang.as_str()
                                    lang=lang.as_str()
                                    aria-current=move || (current() == lang).then_some("true")
                                    title=lang.native_name()
                                >
                                    <span class="language-switcher__code" aria-hidden="true">
                                        {lang.as_str().to_uppercase()}
                                    </span>
                                    <span class="visually-hidden">{lang.native_name()}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || Lang::from(i18n.get_locale());
    view! {
        <footer class="site-footer">
            <div class="container site-footer__inner">
                <div class="site-footer__about">
                    <a class="brand brand--footer" href=move || routes::home(lang())>
                        <Logo />
                        <span class="brand__name">{t!(i18n, site.name)}</span>
                    </a>
                    <p>{t!(i18n, site.footer_about)}</p>
                    <p class="site-footer__forum">{t!(i18n, site.footer_forum)}</p>
                </div>
                <nav class="site-footer__links" aria-labelledby="footer-sections">
                    <h2 id="footer-sections" class="site-footer__heading">{t!(i18n, site.footer_navigation)}</h2>
                    <SectionLinks />
                </nav>
                <nav class="site-footer__links" aria-labelledby="footer-organizations">
                    <h2 id="footer-organizations" class="site-footer__heading">{t!(i18n, site.footer_for_organizations)}</h2>
                    <ul>
                        <li><a href=move || routes::editing::new_listing(lang())>{t!(i18n, site.footer_get_listed)}</a></li>
                        <li class="site-footer__hint">{t!(i18n, site.footer_claim)}</li>
                    </ul>
                </nav>
                <nav class="site-footer__links" aria-labelledby="footer-site">
                    <h2 id="footer-site" class="site-footer__heading">{t!(i18n, site.footer_site)}</h2>
                    <ul>
                        {SitePageKind::ALL.iter().map(|&kind| view! {
                            <li><a href=move || routes::section(lang(), kind.as_str())>{move || site_page_name(i18n.get_locale(), kind)}</a></li>
                        }).collect_view()}
                    </ul>
                </nav>
                <nav class="site-footer__links" aria-labelledby="footer-open-data">
                    <h2 id="footer-open-data" class="site-footer__heading">{t!(i18n, site.footer_open_data)}</h2>
                    <ul>
                        <li><a href=routes::api::OPENAPI>{t!(i18n, site.footer_api)}</a></li>
                        <li><a href=move || format!("{}?lang={}", routes::api::ORGANIZATIONS_CSV, lang())>{t!(i18n, site.footer_csv)}</a></li>
                        <li><a href=routes::api::EXPORT_JSON>{t!(i18n, site.footer_export)}</a></li>
                        <li><a href=move || routes::feed(lang())>{t!(i18n, site.footer_feed)}</a></li>
                        <li><a href=routes::SITEMAP>{t!(i18n, site.footer_sitemap)}</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// The document title, and the only way pages set one. leptos_meta reads a title's text when it
/// writes the page head, which on the server can happen after the page's reactive state is gone (a
/// panic, under load). So the title gets plain text, read while the page renders; the closure around
/// it renders a new title when the text changes (a language switch in the browser).
///
/// On the server leptos_meta (0.8.7, the newest 0.8) writes the text into `<title>` as it is, so a
/// listing named `</title><script>…` would end the title and run; the text is escaped here first.
/// In the browser it is set as `document.title`, which takes plain text.
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    move || view! { <Title text=title_text(text.get()) /> }
}

#[cfg(feature = "ssr")]
fn title_text(text: String) -> String {
    html_escape::encode_text(&text).into_owned()
}

#[cfg(not(feature = "ssr"))]
fn title_text(text: String) -> String {
    text
}
