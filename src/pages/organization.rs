//! `/{lang}/organizations/{slug}`: a listing's profile, laid out for people and described for machines
//! (meta description, OpenGraph, schema.org JSON-LD).
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::{
    api::organizations::get_organization_page,
    components::layout::{Canonical, PageTitle},
    components::structured_data::StructuredData,
    components::{
        icons::{Icon, IconName},
        in_language::{InLanguage, LanguageMark},
        organization_card::{Logo, OrganizationCardView, VerifiedBadge},
    },
    domain::{
        city::city_name,
        lang::Lang,
        organization::{OrganizationFacts, SocialNetwork},
        profile::{OrganizationPage, SolutionSummary, StartupView, TaxonomyLink},
    },
    i18n::*,
    labels::{deployment_name, format_date, kind_label, need_name, place_name, solution_kind_name, stage_name},
    pages::editing::ClaimPanel,
    pages::not_found::NotFound,
    routes,
};

#[component]
pub fn OrganizationProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let lang = move || Lang::from(i18n.get_locale());
    let page = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), lang()),
        |(slug, lang)| get_organization_page(slug, lang),
    );
    view! {
        <Suspense fallback=|| view! { <div class="container page page--loading" aria-hidden="true"></div> }>
            {move || {
                page.get().map(|result| match result {
                    Ok(Some(page)) => view! { <Profile page /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(_) => view! {
                        <div class="container page">
                            <p class="notice notice--error" role="alert">{t!(i18n, profile.unavailable)}</p>
                        </div>
                    }
                    .into_any(),
                })
            }}
        </Suspense>
    }
}

/// A phone number as a link a phone dials.
fn tel_href(number: &str) -> String {
    format!("tel:{}", number.replace(' ', ""))
}

#[component]
fn Profile(page: OrganizationPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = Lang::from(locale);
    let directory = routes::directory(lang);
    let filter_link = {
        let directory = directory.clone();
        move |name: &str, link: &TaxonomyLink| format!("{directory}?{name}={}", link.slug)
    };
    let structured = structured_data(&page, Lang::from(locale));
    let description = page.short_description.as_ref().map(|text| text.value.clone()).unwrap_or_default();
    let title = td_display!(locale, profile.title, name = page.name.value.clone()).to_string();
    let place = place_name(locale, page.facts.city.as_deref(), page.facts.country);
    let incident_contact = page.facts.incident_href().zip(page.facts.incident_contact.clone());
    let OrganizationPage {
        slug,
        url,
        kind,
        name,
        short_description,
        description_html,
        facts:
            OrganizationFacts {
                website,
                email,
                phone,
                address,
                constituency,
                founded_year,
                employee_range,
                certifications,
                social_links,
                ..
            },
        verified_at,
        logo_url,
        categories,
        sectors,
        tags,
        solutions,
        startup,
        related,
        updated_at,
        ..
    } = page;

    let fact = |label: String, value: AnyView| {
        view! {
            <div class="facts__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let links = |name: &'static str, items: Vec<TaxonomyLink>| {
        let filter_link = filter_link.clone();
        view! {
            <ul class="chips">
                {items
                    .into_iter()
                    .map(|item| {
                        let href = filter_link(name, &item);
                        view! { <li><a class="chip chip--link" href=href>{item.name}</a></li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <PageTitle text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:type" content="profile" />
        <Meta property="og:title" content=name.value.clone() />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=url.clone() />
        <Meta property="og:site_name" content="Qala" />
        {logo_url.clone().map(|logo| view! { <Meta property="og:image" content=logo /> })}
        <Canonical path=routes::profile(lang, &slug) />
        <StructuredData value=structured />
        <article class="container page profile">
            <nav class="breadcrumbs" aria-label="breadcrumb">
                <a href=directory.clone()>{t!(i18n, profile.back)}</a>
            </nav>
            <header class="profile__header">
                <Logo name=name.value.clone() slug=slug.to_string() url=logo_url large=true />
                <div class="profile__heading">
                    <p class="profile__kind">
                        <span>{kind_label(locale, kind)}</span>
                        {verified_at.map(|date| view! {
                            <span class="profile__verified" title=td_display!(locale, card.verified_on, date = format_date(locale, date.date())).to_string()>
                                <VerifiedBadge />
                                <span class="profile__verified-date">{format_date(locale, date.date())}</span>
                            </span>
                        })}
                    </p>
                    <h1 class="profile__name"><InLanguage text=name /></h1>
                    {short_description.map(|text| view! { <p class="profile__summary"><InLanguage text mark=true /></p> })}
                    <p class="profile__place">{place}</p>
                    {constituency.clone().map(|served| view! {
                        <p class="profile__constituency">{t!(i18n, profile.constituency)} ": " {served}</p>
                    })}
                    // How to reach it comes first, on a phone before anything else the profile holds.
                    <p class="profile__actions">
                        {incident_contact.clone().map(|(href, _)| view! {
                            <a class="button button--primary button--urgent" href=href rel="noopener">
                                {t!(i18n, profile.report_incident)}
                            </a>
                        })}
                        {website.clone().map(|site| view! {
                            <a class="button button--primary" href=site rel="noopener" target="_blank">
                                {t!(i18n, profile.visit_website)}
                                <Icon name=IconName::ArrowRight />
                            </a>
                        })}
                        {email.clone().map(|address| view! {
                            <a class="button" href=format!("mailto:{address}")>{t!(i18n, profile.send_email)}</a>
                        })}
                        {phone.clone().filter(|_| kind.answers_the_public()).map(|number| {
                            let href = tel_href(&number);
                            view! {
                                <a class="button profile__call" href=href>
                                    {t!(i18n, profile.call)} " " <span class="profile__phone">{number}</span>
                                </a>
                            }
                        })}
                    </p>
                    <ClaimPanel slug=slug.to_string() />
                </div>
            </header>
            <div class="profile__layout">
                <div class="profile__main">
                    {startup.map(|startup| view! { <StartupBlock startup /> })}
                    {description_html.map(|html| {
                        let foreign = (html.lang != lang).then_some(html.lang);
                        view! {
                            <section class="profile__section" aria-labelledby="about-heading">
                                <h2 id="about-heading">{t!(i18n, profile.about)}</h2>
                                {foreign.map(|lang| view! { <p class="profile__lang-note"><LanguageMark lang /></p> })}
                                <div class="prose" lang=foreign.map(Lang::as_str) inner_html=html.value></div>
                            </section>
                        }
                    })}
                    <section class="profile__section" aria-labelledby="solutions-heading">
                        <h2 id="solutions-heading">{t!(i18n, profile.solutions)}</h2>
                        {if solutions.is_empty() {
                            view! { <p class="muted">{t!(i18n, profile.no_solutions)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="solution-list">
                                    {solutions.into_iter().map(|solution| view! { <SolutionItem solution /> }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                    </section>
                    {(!related.is_empty()).then(|| view! {
                        <section class="profile__section" aria-labelledby="related-heading">
                            <h2 id="related-heading">{t!(i18n, profile.related)}</h2>
                            <ul class="org-list">
                                {related.into_iter().map(|card| view! { <OrganizationCardView card /> }).collect_view()}
                            </ul>
                        </section>
                    })}
                </div>
                <aside class="profile__facts" aria-labelledby="facts-heading">
                    <h2 id="facts-heading">{t!(i18n, profile.facts)}</h2>
                    <dl class="facts">
                        {fact(td_string!(locale, profile.kind).to_owned(), kind_label(locale, kind).into_any())}
                        {address.map(|address| fact(td_string!(locale, profile.address).to_owned(), address.into_any()))}
                        {founded_year.map(|year| fact(td_string!(locale, profile.founded).to_owned(), year.to_string().into_any()))}
                        {employee_range.map(|range| fact(
                            td_string!(locale, profile.size).to_owned(),
                            td_display!(locale, profile.size_value, range = range.as_str()).to_string().into_any(),
                        ))}
                        {website.map(|site| fact(
                            td_string!(locale, profile.website).to_owned(),
                            view! { <a href=site.clone() rel="noopener">{site.trim_start_matches("https://").trim_start_matches("http://").to_owned()}</a> }.into_any(),
                        ))}
                        {email.map(|address| {
                            let href = format!("mailto:{address}");
                            fact(td_string!(locale, profile.email).to_owned(), view! { <a href=href>{address}</a> }.into_any())
                        })}
                        {incident_contact.map(|(href, shown)| {
                            fact(td_string!(locale, profile.report_incident).to_owned(), view! { <a href=href rel="noopener">{shown}</a> }.into_any())
                        })}
                        {constituency.map(|served| fact(td_string!(locale, profile.constituency).to_owned(), served.into_any()))}
                        {phone.map(|number| {
                            let href = tel_href(&number);
                            fact(td_string!(locale, profile.phone).to_owned(), view! { <a href=href>{number}</a> }.into_any())
                        })}
                        {(!social_links.is_empty()).then(|| fact(
                            td_string!(locale, profile.social).to_owned(),
                            view! {
                                <ul class="plain-list">
                                    {social_links.into_iter().map(|link| view! {
                                        <li><a href=link.url rel="noopener me">{network_name(link.network)}</a></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                        ))}
                        {(!certifications.is_empty()).then(|| fact(
                            td_string!(locale, profile.certifications).to_owned(),
                            view! {
                                <ul class="chips">
                                    {certifications.into_iter().map(|name| view! { <li class="chip">{name}</li> }).collect_view()}
                                </ul>
                            }.into_any(),
                        ))}
                        {(!categories.is_empty()).then(|| fact(td_string!(locale, profile.categories).to_owned(), links("category", categories)))}
                        {(!sectors.is_empty()).then(|| fact(td_string!(locale, profile.sectors).to_owned(), links("sector", sectors)))}
                        {(!tags.is_empty()).then(|| fact(
                            td_string!(locale, profile.tags).to_owned(),
                            view! {
                                <ul class="chips">
                                    {tags.into_iter().map(|tag| view! { <li class="chip">{tag.name}</li> }).collect_view()}
                                </ul>
                            }.into_any(),
                        ))}
                    </dl>
                    <p class="profile__updated">
                        {td_display!(locale, profile.updated, date = format_date(locale, updated_at.date())).to_string()}
                    </p>
                </aside>
            </div>
        </article>
    }
}

#[component]
fn StartupBlock(startup: StartupView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let StartupView { stage, funding_raised, looking_for, pitch, demo_video_url, technology_readiness } = startup;
    view! {
        <section class="startup-block" aria-labelledby="startup-heading">
            <h2 id="startup-heading" class="startup-block__heading">
                <Icon name=IconName::Rocket />
                {t!(i18n, profile.startup_heading)}
            </h2>
            {pitch.map(|pitch| view! { <p class="startup-block__pitch"><InLanguage text=pitch mark=true /></p> })}
            <dl class="startup-block__facts">
                <div>
                    <dt>{t!(i18n, profile.stage)}</dt>
                    <dd>{stage_name(locale, stage)}</dd>
                </div>
                {funding_raised.map(|money| view! {
                    <div>
                        <dt>{t!(i18n, profile.funding)}</dt>
                        <dd>{format_amount(money.amount)} " " {money.currency.as_str().to_owned()}</dd>
                    </div>
                })}
                {technology_readiness.map(|level| view! {
                    <div>
                        <dt>{t!(i18n, profile.readiness)}</dt>
                        <dd>{td_display!(locale, profile.readiness_value, level = level.get()).to_string()}</dd>
                    </div>
                })}
                <div class="startup-block__needs">
                    <dt>{t!(i18n, profile.looking_for)}</dt>
                    <dd>
                        <ul class="chips">
                            {looking_for.into_iter().map(|need| view! { <li class="chip chip--accent">{need_name(locale, need)}</li> }).collect_view()}
                        </ul>
                    </dd>
                </div>
            </dl>
            {demo_video_url.map(|demo| view! {
                <p><a class="button" href=demo rel="noopener" target="_blank">{t!(i18n, profile.demo)}</a></p>
            })}
        </section>
    }
}

#[component]
fn SolutionItem(solution: SolutionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let href = routes::solution(Lang::from(locale), &solution.slug);
    view! {
        <li class="solution-item">
            <h3 class="solution-item__name">
                <a href=href><InLanguage text=solution.name /></a>
            </h3>
            <p class="solution-item__meta">
                <span class="badge">{solution_kind_name(locale, solution.kind)}</span>
                {solution.deployment.map(|deployment| view! { <span class="badge">{deployment_name(locale, deployment)}</span> })}
                {solution.categories.into_iter().map(|category| view! { <span class="chip">{category.name}</span> }).collect_view()}
            </p>
            {solution.summary.map(|summary| view! { <p class="solution-item__summary"><InLanguage text=summary mark=true /></p> })}
        </li>
    }
}

fn network_name(network: SocialNetwork) -> &'static str {
    match network {
        SocialNetwork::LinkedIn => "LinkedIn",
        SocialNetwork::X => "X",
        SocialNetwork::Facebook => "Facebook",
        SocialNetwork::Instagram => "Instagram",
        SocialNetwork::YouTube => "YouTube",
        SocialNetwork::Telegram => "Telegram",
        SocialNetwork::GitHub => "GitHub",
    }
}

/// Whole units with thin spaces between thousands: "250 000".
pub fn format_amount(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    if amount < 0 { format!("-{grouped}") } else { grouped }
}

/// The listing as a schema.org `Organization`.
fn structured_data(page: &OrganizationPage, lang: Lang) -> serde_json::Value {
    let mut same_as: Vec<&str> = page.facts.social_links.iter().map(|link| link.url.as_str()).collect();
    same_as.extend(page.facts.website.as_deref());
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.name.value,
        "url": page.url,
        "description": page.short_description.as_ref().map(|text| &text.value),
        "logo": page.logo_url,
        "email": page.facts.email,
        "telephone": page.facts.phone,
        "foundingDate": page.facts.founded_year.map(|year| year.to_string()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.facts.address,
            "addressLocality": page.facts.city.as_deref().map(|city| city_name(city, lang)),
            "addressCountry": page.facts.country.as_str(),
        },
        "sameAs": same_as,
    })
}

#[cfg(test)]
mod tests {
    use super::format_amount;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(format_amount(250_000), "250\u{202f}000");
        assert_eq!(format_amount(3_000_000_000), "3\u{202f}000\u{202f}000\u{202f}000");
        assert_eq!(format_amount(999), "999");
    }
}
