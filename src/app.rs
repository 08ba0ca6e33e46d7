//! The document shell and the route table.
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Outlet, ParentRoute, Route, Router, Routes},
    hooks::use_params_map,
};

use crate::{
    components::layout::SiteFrame,
    domain::{lang::Lang, site_page::SitePageKind},
    pages::{
        account::{
            AccountPage, ForgotPasswordPage, OutboxPage, ResetPasswordPage, SignInPage, SignUpPage, VerifyEmailPage,
        },
        curation::{
            ImportPage, StaffListingPage, StaffPage, audit::AuditPage, forum::ForumAdminPage, people::PeoplePage,
            quality::QualityPage, review::ReviewPage, site_pages::SitePagesPage, taxonomy::TaxonomyPage,
        },
        directory::DirectoryPage,
        editing::{EditorPage, NewListingPage, SolutionEditorPage},
        forum::ForumPage,
        home::HomePage,
        landscape::LandscapePage,
        not_found::NotFound,
        organization::OrganizationProfilePage,
        site_page::site_page_route,
        solutions::{ComparePage, SolutionDetailPage, SolutionsPage},
        startups::StartupsPage,
    },
    routes::segment::*,
};

/// The HTML document the server wraps every page in.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <meta name="theme-color" content="#0b2545" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="icon" href="/favicon.ico" sizes="32x32" />
                <AutoReload options=options.clone() />
                <IslandScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// What `HydrationScripts` writes for islands (preload the bundle, then a module script that loads it
/// and wakes each island), with the request's CSP nonce where it belongs: Leptos 0.8.23 writes the
/// nonce as the preload links' `crossorigin` value, which is invalid HTML and asks for a CORS fetch.
/// The bundle is imported by the nonced script, so it runs under the policy without a nonce of its own.
#[component]
fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // As `HydrationScripts` does for islands: the page outside the islands is never hydrated.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let nonce = leptos::nonce::use_nonce();
    let (pkg, name) = (options.site_pkg_dir.to_string(), options.output_name.to_string());
    let loader = format!("{}({:?}, {pkg:?}, {name:?}, {name:?});", include_str!("island_script.js"), "");
    view! {
        <link rel="modulepreload" href=format!("/{pkg}/{name}.js") nonce=nonce.clone() />
        <link rel="preload" href=format!("/{pkg}/{name}.wasm") r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" nonce=nonce>
            {loader}
        </script>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/qala.css" />
        <Router>
            <SiteFrame>
                <Routes fallback=|| view! { <NotFound /> }>
                    <ParentRoute path=ParamSegment("lang") view=LanguageGate>
                        <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                        <Route path=StaticSegment(ORGANIZATIONS) view=DirectoryPage ssr=SsrMode::Async />
                        <Route path=StaticSegment(STARTUPS) view=StartupsPage ssr=SsrMode::Async />
                        <Route path=StaticSegment(LANDSCAPE) view=LandscapePage ssr=SsrMode::Async />
                        <Route path=StaticSegment(FORUM) view=ForumPage ssr=SsrMode::Async />
                        <Route path=StaticSegment(SitePageKind::About.as_str()) view=site_page_route(SitePageKind::About) ssr=SsrMode::Async />
                        <Route path=StaticSegment(SitePageKind::Contact.as_str()) view=site_page_route(SitePageKind::Contact) ssr=SsrMode::Async />
                        <Route path=StaticSegment(SitePageKind::Privacy.as_str()) view=site_page_route(SitePageKind::Privacy) ssr=SsrMode::Async />
                        <Route path=StaticSegment(SitePageKind::Terms.as_str()) view=site_page_route(SitePageKind::Terms) ssr=SsrMode::Async />
                        <Route path=StaticSegment(SOLUTIONS) view=SolutionsPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment(SOLUTIONS), StaticSegment(COMPARE))
                            view=ComparePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(SOLUTIONS), ParamSegment("slug"))
                            view=SolutionDetailPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(ORGANIZATIONS), ParamSegment("slug"))
                            view=OrganizationProfilePage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment(ACCOUNT) view=AccountPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment(ACCOUNT), StaticSegment(SIGN_UP))
                            view=SignUpPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(ACCOUNT), StaticSegment(SIGN_IN))
                            view=SignInPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(ACCOUNT), StaticSegment(FORGOT_PASSWORD))
                            view=ForgotPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(ACCOUNT), StaticSegment(RESET))
                            view=ResetPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(ACCOUNT), StaticSegment(ORGANIZATIONS), StaticSegment(NEW))
                            view=NewListingPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(ACCOUNT), StaticSegment(ORGANIZATIONS), ParamSegment("slug"))
                            view=EditorPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment(ACCOUNT),
                                StaticSegment(ORGANIZATIONS),
                                ParamSegment("slug"),
                                StaticSegment(SOLUTIONS),
                                ParamSegment("key"),
                            )
                            view=SolutionEditorPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(ACCOUNT), StaticSegment(OUTBOX))
                            view=OutboxPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment(STAFF) view=StaffPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(REVISIONS), ParamSegment("id"))
                            view=ReviewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(LISTINGS), ParamSegment("slug"))
                            view=StaffListingPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(PEOPLE))
                            view=PeoplePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(TAXONOMY))
                            view=TaxonomyPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(QUALITY))
                            view=QualityPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(FORUM))
                            view=ForumAdminPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(AUDIT))
                            view=AuditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(PAGES))
                            view=SitePagesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(STAFF), StaticSegment(IMPORT))
                            view=ImportPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment(ACCOUNT), StaticSegment(VERIFY))
                            view=VerifyEmailPage
                            ssr=SsrMode::Async
                        />
                    </ParentRoute>
                </Routes>
            </SiteFrame>
        </Router>
    }
}

/// Pages live under `/{lang}/`; any other first segment is not a page.
#[component]
fn LanguageGate() -> impl IntoView {
    let params = use_params_map();
    let known = move || params.read().get("lang").is_some_and(|lang| lang.parse::<Lang>().is_ok());
    view! {
        <Show when=known fallback=|| view! { <NotFound /> }>
            <Outlet />
        </Show>
    }
}
