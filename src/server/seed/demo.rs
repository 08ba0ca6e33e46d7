//! The fictional demo ecosystem in `demo.json`: invented organizations on `.example` addresses.
use std::collections::HashMap;

use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use crate::{
    domain::{
        country::Country,
        forum::{EditionDraft, PanelDraft, PanelText},
        lang::{Lang, Translations},
        organization::{
            EmployeeRange, ListingStatus, NewOrganization, OrganizationFacts, OrganizationKind, OrganizationProfile,
            OrganizationText, SocialLink,
        },
        slug::Slug,
        solution::{Deployment, SolutionDetails, SolutionKind, SolutionText},
        startup::{Money, ReadinessLevel, StartupFacts, StartupNeed},
    },
    error::AppError,
    server::{
        db::Database,
        logos::{Logo, demo_emblem},
    },
};

const DEMO_DATA: &str = include_str!("demo.json");

#[derive(Deserialize)]
struct DemoFile {
    organizations: Vec<DemoOrganization>,
    forum: Vec<DemoEdition>,
}

/// A forum edition; participants are named by their English name.
#[derive(Deserialize)]
struct DemoEdition {
    slug: Slug,
    starts_on: String,
    city: Option<String>,
    names: Translations<String>,
    panels: Vec<DemoPanel>,
}

#[derive(Deserialize)]
struct DemoPanel {
    slug: Slug,
    titles: Translations<String>,
    summaries: Translations<String>,
    participants: Vec<String>,
}

#[derive(Deserialize)]
struct DemoOrganization {
    kind: OrganizationKind,
    country: Country,
    city: Option<String>,
    address: Option<String>,
    #[serde(default)]
    incident_contact: Option<String>,
    #[serde(default)]
    constituency: Option<String>,
    founded_year: Option<i32>,
    employee_range: Option<EmployeeRange>,
    website: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    status: ListingStatus,
    verified: bool,
    featured_position: Option<i64>,
    #[serde(default)]
    certifications: Vec<String>,
    #[serde(default)]
    social: Vec<SocialLink>,
    name: Translations<String>,
    short_description: Translations<String>,
    description: Translations<String>,
    categories: Vec<Slug>,
    #[serde(default)]
    sectors: Vec<Slug>,
    #[serde(default)]
    tags: Vec<Slug>,
    startup: Option<DemoStartup>,
    #[serde(default)]
    solutions: Vec<DemoSolution>,
}

#[derive(Deserialize)]
struct DemoStartup {
    stage: crate::domain::startup::StartupStage,
    funding: Option<Money>,
    looking_for: Vec<StartupNeed>,
    pitch: Translations<String>,
    demo_video_url: Option<String>,
    technology_readiness: Option<ReadinessLevel>,
}

#[derive(Deserialize)]
struct DemoSolution {
    kind: SolutionKind,
    name: Translations<String>,
    description: Translations<String>,
    categories: Vec<Slug>,
    #[serde(default)]
    sectors: Vec<Slug>,
    deployment: Option<Deployment>,
    #[serde(default)]
    certifications: Vec<String>,
    url: Option<String>,
}

/// What a load added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub organizations: usize,
    pub solutions: usize,
}

/// Taxonomy ids by slug, to turn the file's slugs into links.
pub(super) struct TaxonomyIds {
    categories: HashMap<String, i64>,
    sectors: HashMap<String, i64>,
    tags: HashMap<String, i64>,
}

impl TaxonomyIds {
    pub(super) async fn load(db: &Database) -> Result<TaxonomyIds, AppError> {
        Ok(TaxonomyIds {
            categories: db.categories().await?.into_iter().map(|c| (c.slug.to_string(), c.id)).collect(),
            sectors: db.sectors().await?.into_iter().map(|s| (s.slug.to_string(), s.id)).collect(),
            tags: db.tags().await?.into_iter().map(|t| (t.slug.to_string(), t.id)).collect(),
        })
    }

    /// The sorted ids of the slugs, as profiles keep them.
    fn resolve(map: &HashMap<String, i64>, slugs: &[Slug]) -> Result<Vec<i64>, AppError> {
        let mut ids = slugs
            .iter()
            .map(|slug| {
                map.get(slug.as_str()).copied().ok_or_else(|| {
                    tracing::error!(%slug, "demo data names an unknown taxonomy slug");
                    AppError::Internal
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }
}

/// Loads the demo ecosystem into a database that has no organizations yet.
///
/// Listings get creation times spread over the past two years, so "recently added" means something.
pub async fn load(db: &Database, now: OffsetDateTime) -> Result<Loaded, AppError> {
    let existing = db.count_organizations().await?;
    if existing > 0 {
        tracing::warn!(existing, "the database already has organizations; demo data is only loaded into an empty one");
        return Ok(Loaded { organizations: 0, solutions: 0 });
    }
    let file: DemoFile = serde_json::from_str(DEMO_DATA).map_err(|error| {
        tracing::error!(%error, "the bundled demo data does not parse");
        AppError::Internal
    })?;
    let taxonomy = TaxonomyIds::load(db).await?;
    let count = file.organizations.len();
    let mut loaded = Loaded { organizations: 0, solutions: 0 };
    let mut ids_by_english_name = HashMap::new();
    for (index, demo) in file.organizations.into_iter().enumerate() {
        let age_in_days = i64::try_from((count - index) * 730 / count).unwrap_or(0);
        let created = now - Duration::days(age_in_days);
        let organization = demo.into_new(&taxonomy, created)?;
        let id = db.insert_organizations(std::slice::from_ref(&organization), created).await?[0];
        if let Some(text) = organization.profile.texts.get(Lang::En) {
            ids_by_english_name.insert(text.name.clone(), id);
        }
        // Two in three demo listings have a logo; the rest show their initials, as real ones may.
        if index % 3 != 2 {
            let seed = organization.profile.slug_source().unwrap_or_default();
            let logo = Logo::from_square(&demo_emblem(seed)).map_err(|error| {
                tracing::error!(%error, "drawing a demo logo failed");
                AppError::Internal
            })?;
            db.set_logo(id, &logo, created).await?;
        }
        loaded.organizations += 1;
        loaded.solutions += organization.solutions.len();
    }
    load_forum(db, file.forum, &ids_by_english_name, now).await?;
    db.mark_demo_data_loaded(now).await?;
    Ok(loaded)
}

/// The forum's demo editions and panels.
async fn load_forum(
    db: &Database,
    editions: Vec<DemoEdition>,
    ids_by_english_name: &HashMap<String, i64>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    for edition in editions {
        let draft =
            EditionDraft { slug: edition.slug, starts_on: edition.starts_on, city: edition.city, names: edition.names };
        let edition_id = db.add_edition(&draft, None, now).await?;
        for panel in edition.panels {
            let texts = panel
                .titles
                .iter()
                .map(|(lang, title)| {
                    (lang, PanelText { title: title.clone(), summary: panel.summaries.get(lang).cloned() })
                })
                .collect();
            let draft = PanelDraft { slug: panel.slug, texts };
            let panel_id = db.add_panel(edition_id, &draft, None, now).await?;
            for name in panel.participants {
                let Some(&organization_id) = ids_by_english_name.get(&name) else {
                    tracing::error!(name, "a demo forum participant is not a demo organization");
                    return Err(AppError::Internal);
                };
                db.set_participation(panel_id, organization_id, true, None, now).await?;
            }
        }
    }
    Ok(())
}

impl DemoOrganization {
    fn into_new(self, taxonomy: &TaxonomyIds, created: OffsetDateTime) -> Result<NewOrganization, AppError> {
        let texts = self
            .name
            .iter()
            .map(|(lang, name)| {
                let text = OrganizationText {
                    name: name.clone(),
                    short_description: self.short_description.get(lang).cloned(),
                    description: self.description.get(lang).cloned(),
                };
                (lang, text)
            })
            .collect();
        let solutions = self
            .solutions
            .into_iter()
            .map(|solution| {
                let details = SolutionDetails {
                    kind: solution.kind,
                    texts: solution
                        .name
                        .iter()
                        .map(|(lang, name)| {
                            let text = SolutionText {
                                name: name.clone(),
                                description: solution.description.get(lang).cloned(),
                            };
                            (lang, text)
                        })
                        .collect(),
                    deployment: solution.deployment,
                    certifications: solution.certifications,
                    url: solution.url,
                    category_ids: TaxonomyIds::resolve(&taxonomy.categories, &solution.categories)?,
                    sector_ids: TaxonomyIds::resolve(&taxonomy.sectors, &solution.sectors)?,
                };
                Ok(details)
            })
            .collect::<Result<_, AppError>>()?;
        let profile = OrganizationProfile {
            kind: self.kind,
            texts,
            facts: OrganizationFacts {
                website: self.website,
                email: self.email,
                phone: self.phone,
                address: self.address,
                city: self.city,
                country: self.country,
                incident_contact: self.incident_contact,
                constituency: self.constituency,
                founded_year: self.founded_year,
                employee_range: self.employee_range,
                certifications: self.certifications,
                social_links: self.social,
            },
            category_ids: TaxonomyIds::resolve(&taxonomy.categories, &self.categories)?,
            sector_ids: TaxonomyIds::resolve(&taxonomy.sectors, &self.sectors)?,
            tag_ids: TaxonomyIds::resolve(&taxonomy.tags, &self.tags)?,
            startup: self.startup.map(|startup| StartupFacts {
                stage: startup.stage,
                funding_raised: startup.funding,
                looking_for: startup.looking_for,
                pitch: startup.pitch,
                demo_video_url: startup.demo_video_url,
                technology_readiness: startup.technology_readiness,
            }),
        };
        let organization = NewOrganization {
            slug: None,
            profile,
            status: self.status,
            verified_at: self.verified.then_some(created),
            featured_position: self.featured_position,
            solutions,
        };
        Ok(organization)
    }
}
