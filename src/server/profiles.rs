//! Public pages of listings and solutions, assembled from the repository for one reader's language.
use super::{AppState, markdown};
use crate::{
    domain::{
        directory::COMPARED_SOLUTIONS,
        lang::{Lang, Localized, Translations},
        profile::{OrganizationPage, SolutionPage, SolutionSummary, StartupView, TaxonomyLink},
        slug::Slug,
        solution::{Solution, SolutionText},
        taxonomy::NistFunction,
    },
    error::AppError,
    routes,
};

/// How many related organizations a profile shows.
const RELATED: usize = 4;

/// A published listing's profile; `None` when there is no such slug or the listing is not public.
pub async fn organization_page(state: &AppState, slug: &str, lang: Lang) -> Result<Option<OrganizationPage>, AppError> {
    let db = &state.db;
    let Some(organization) = db.organization_by_slug(slug).await? else { return Ok(None) };
    if !organization.status.is_public() {
        return Ok(None);
    }
    let directory = state.search.current().await?;
    let tags = db.tags().await?;
    let profile = organization.profile;
    let text = profile.texts.pick(lang);
    let name = text.as_ref().map_or_else(
        || Localized { lang, value: organization.slug.to_string() },
        |text| Localized { lang: text.lang, value: text.value.name.clone() },
    );
    let short_description = text
        .as_ref()
        .and_then(|text| text.value.short_description.clone().map(|value| Localized { lang: text.lang, value }));
    let description_html = text.as_ref().and_then(|text| {
        text.value
            .description
            .as_deref()
            .map(|markdown| Localized { lang: text.lang, value: markdown::to_safe_html(markdown) })
    });
    let categories = profile
        .category_ids
        .iter()
        .filter_map(|id| directory.categories.iter().find(|category| category.id == *id))
        .map(|category| link(&category.slug, &category.names, lang))
        .collect();
    let sectors = profile
        .sector_ids
        .iter()
        .filter_map(|id| directory.sectors.iter().find(|sector| sector.id == *id))
        .map(|sector| link(&sector.slug, &sector.names, lang))
        .collect();
    let tags = profile
        .tag_ids
        .iter()
        .filter_map(|id| tags.iter().find(|tag| tag.id == *id))
        .map(|tag| link(&tag.slug, &tag.names, lang))
        .collect();
    let solutions = db
        .solutions_of(organization.id)
        .await?
        .into_iter()
        .map(|solution| solution_summary(solution, &directory.categories, lang))
        .collect();
    let startup = profile.startup.map(|facts| StartupView {
        stage: facts.stage,
        funding_raised: facts.funding_raised,
        looking_for: facts.looking_for,
        pitch: facts.pitch.pick(lang).map(|pitch| pitch.map(String::clone)),
        demo_video_url: facts.demo_video_url,
        technology_readiness: facts.technology_readiness,
    });
    let related = state.search.related_organizations(organization.id, lang, RELATED).await?;
    let public = &state.public_url;
    Ok(Some(OrganizationPage {
        url: format!("{public}{}", routes::profile(lang, &organization.slug)),
        logo_url: organization
            .logo_version
            .map(|version| format!("{public}{}", routes::logo(&organization.slug, 256, version))),
        slug: organization.slug,
        kind: profile.kind,
        name,
        short_description,
        description_html,
        facts: profile.facts,
        verified_at: organization.verified_at,
        categories,
        sectors,
        tags,
        solutions,
        startup,
        related,
        updated_at: organization.updated_at,
    }))
}

fn link(slug: &Slug, names: &Translations<String>, lang: Lang) -> TaxonomyLink {
    TaxonomyLink {
        slug: slug.clone(),
        name: names.pick(lang).map_or_else(|| slug.to_string(), |name| name.value.clone()),
    }
}

/// A solution's name in the reader's language (or the one it has), else its slug.
fn solution_name(text: Option<&Localized<&SolutionText>>, slug: &Slug, lang: Lang) -> Localized<String> {
    text.map_or_else(
        || Localized { lang, value: slug.to_string() },
        |text| Localized { lang: text.lang, value: text.value.name.clone() },
    )
}

/// The first paragraph of a solution's description as plain text, for lists, meta and JSON-LD.
fn solution_abstract(text: &Localized<&SolutionText>) -> Option<Localized<String>> {
    let markdown = text.value.description.as_deref()?;
    Some(Localized { lang: text.lang, value: markdown::first_paragraph(markdown) })
}

fn solution_summary(
    solution: Solution,
    categories: &[crate::domain::taxonomy::Category],
    lang: Lang,
) -> SolutionSummary {
    let details = solution.details;
    let text = details.texts.pick(lang);
    SolutionSummary {
        name: solution_name(text.as_ref(), &solution.slug, lang),
        summary: text.as_ref().and_then(solution_abstract),
        slug: solution.slug,
        kind: details.kind,
        deployment: details.deployment,
        categories: details
            .category_ids
            .iter()
            .filter_map(|id| categories.iter().find(|category| category.id == *id))
            .map(|category| link(&category.slug, &category.names, lang))
            .collect(),
    }
}

/// A solution of a published listing; `None` when there is no such slug or its listing is not public.
pub async fn solution_page(state: &AppState, slug: &str, lang: Lang) -> Result<Option<SolutionPage>, AppError> {
    let db = &state.db;
    let Some(solution) = db.solution_by_slug(slug).await? else { return Ok(None) };
    let Some(organization) = state.search.organization_cards(&[solution.organization_id], lang).await?.pop() else {
        return Ok(None);
    };
    let directory = state.search.current().await?;
    let details = solution.details;
    let text = details.texts.pick(lang);
    let mut nist_functions: Vec<NistFunction> = details
        .category_ids
        .iter()
        .filter_map(|id| directory.categories.iter().find(|category| category.id == *id))
        .map(|category| category.nist_function)
        .collect();
    nist_functions.sort();
    nist_functions.dedup();
    Ok(Some(SolutionPage {
        url: format!("{}{}", state.public_url, routes::solution(lang, &solution.slug)),
        name: solution_name(text.as_ref(), &solution.slug, lang),
        description_html: text.as_ref().and_then(|text| {
            text.value
                .description
                .as_deref()
                .map(|markdown| Localized { lang: text.lang, value: markdown::to_safe_html(markdown) })
        }),
        summary: text.as_ref().and_then(solution_abstract),
        slug: solution.slug,
        kind: details.kind,
        deployment: details.deployment,
        certifications: details.certifications,
        website: details.url,
        categories: details
            .category_ids
            .iter()
            .filter_map(|id| directory.categories.iter().find(|category| category.id == *id))
            .map(|category| link(&category.slug, &category.names, lang))
            .collect(),
        nist_functions,
        sectors: details
            .sector_ids
            .iter()
            .filter_map(|id| directory.sectors.iter().find(|sector| sector.id == *id))
            .map(|sector| link(&sector.slug, &sector.names, lang))
            .collect(),
        organization,
        updated_at: solution.updated_at,
    }))
}

/// Up to four public solutions side by side, in the order asked; unknown slugs are left out.
pub async fn compare_solutions(state: &AppState, slugs: &[String], lang: Lang) -> Result<Vec<SolutionPage>, AppError> {
    let mut pages = Vec::new();
    for slug in slugs.iter().take(COMPARED_SOLUTIONS) {
        if let Some(page) = solution_page(state, slug, lang).await? {
            pages.push(page);
        }
    }
    Ok(pages)
}
