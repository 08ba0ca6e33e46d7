//! Generated listings in bulk, for measuring search and pages at scale.
//!
//! The generator is seeded, so the same N always produces the same data.
use time::{Duration, OffsetDateTime};

use crate::{
    domain::{
        country::Country,
        lang::{Lang, Translations},
        organization::{
            EmployeeRange, ListingStatus, NewOrganization, OrganizationFacts, OrganizationKind, OrganizationProfile,
            OrganizationText,
        },
        solution::{Deployment, SolutionDetails, SolutionKind, SolutionText},
        startup::{Currency, Money, StartupFacts, StartupNeed, StartupStage},
        taxonomy::Category,
    },
    error::AppError,
    server::db::Database,
};

/// Organizations written per transaction: large enough to be fast, small enough to keep memory flat.
const CHUNK: usize = 5_000;

const NAME_STARTS: &[&str] = &[
    "Kiber",
    "Qala",
    "Qalxan",
    "Şəbəkə",
    "Gözətçi",
    "Sipər",
    "Məşəl",
    "Data",
    "Bulud",
    "Ulduz",
    "Körpü",
    "Açar",
    "Zirvə",
    "Dalğa",
    "Xəzər",
    "Odlar",
    "Alov",
    "Günəş",
    "Şimşək",
    "Nöqtə",
    "Kod",
    "Vektor",
    "Orbit",
    "Təhlil",
    "Mühafiz",
    "Ağ Şəhər",
    "Ipək Yolu",
    "Tumar",
    "Dəmir",
    "Sərhəd",
];
const NAME_MIDDLES: &[&str] = &[
    "Texnologiya",
    "Həllər",
    "Sistemlər",
    "Laboratoriya",
    "Mərkəz",
    "Şəbəkə",
    "Müdafiə",
    "İnnovasiya",
    "Analitika",
    "Təhlükəsizlik",
    "Rəqəmsal",
    "Security",
];
const CURRENCIES: &[&str] = &["AZN", "USD", "EUR"];
const NAME_ENDS: &[&str] = &["MMC", "ASC", "Group", "Lab", "Tech", "Partners"];
const CITIES: &[(Country, &str)] = &[
    (Country::Azerbaijan, "Bakı"),
    (Country::Azerbaijan, "Gəncə"),
    (Country::Azerbaijan, "Sumqayıt"),
    (Country::Azerbaijan, "Şəki"),
    (Country::Azerbaijan, "Lənkəran"),
    (Country::Kazakhstan, "Astana"),
    (Country::Kazakhstan, "Almaty"),
    (Country::Kyrgyzstan, "Bishkek"),
    (Country::Turkiye, "İstanbul"),
    (Country::Turkiye, "Ankara"),
    (Country::Uzbekistan, "Tashkent"),
    (Country::Hungary, "Budapest"),
    (Country::Turkmenistan, "Ashgabat"),
];
/// Kinds with weights that look like a real ecosystem: mostly companies and startups.
const KINDS: &[(OrganizationKind, u32)] = &[
    (OrganizationKind::Company, 40),
    (OrganizationKind::Startup, 22),
    (OrganizationKind::TrainingProvider, 8),
    (OrganizationKind::University, 5),
    (OrganizationKind::Association, 5),
    (OrganizationKind::ResearchLab, 4),
    (OrganizationKind::Investor, 4),
    (OrganizationKind::GovernmentAgency, 4),
    (OrganizationKind::Cert, 3),
    (OrganizationKind::Regulator, 2),
    (OrganizationKind::InternationalOrganization, 3),
];

/// Adds `count` generated organizations with one to three solutions each; returns what it added.
pub async fn load(db: &Database, count: u32, now: OffsetDateTime) -> Result<(usize, usize), AppError> {
    let categories: Vec<Category> = db.categories().await?.into_iter().filter(|c| c.parent_id.is_some()).collect();
    let sector_ids: Vec<i64> = db.sectors().await?.iter().map(|sector| sector.id).collect();
    let tag_ids: Vec<i64> = db.tags().await?.iter().map(|tag| tag.id).collect();
    let mut rng = fastrand::Rng::with_seed(u64::from(count));
    let mut added = (0, 0);
    let total = usize::try_from(count).unwrap_or(usize::MAX);
    while added.0 < total {
        let size = CHUNK.min(total - added.0);
        let created = now - Duration::minutes(i64::try_from(total - added.0).unwrap_or(0));
        let organizations: Vec<NewOrganization> =
            (0..size).map(|_| generate(&mut rng, &categories, &sector_ids, &tag_ids)).collect();
        db.insert_organizations(&organizations, created).await?;
        let solutions: usize = organizations.iter().map(|organization| organization.solutions.len()).sum();
        added = (added.0 + size, added.1 + solutions);
        tracing::info!(organizations = added.0, solutions = added.1, "synthetic data");
    }
    db.mark_demo_data_loaded(now).await?;
    Ok(added)
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn some_of(rng: &mut fastrand::Rng, items: &[i64], most: usize) -> Vec<i64> {
    let wanted = rng.usize(..=most.min(items.len()));
    let mut chosen: Vec<i64> = (0..wanted).map(|_| *pick(rng, items)).collect();
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

fn generate(rng: &mut fastrand::Rng, categories: &[Category], sector_ids: &[i64], tag_ids: &[i64]) -> NewOrganization {
    let mut weight = rng.u32(..KINDS.iter().map(|(_, weight)| weight).sum::<u32>());
    let kind = KINDS
        .iter()
        .find(|(_, kind_weight)| {
            let found = weight < *kind_weight;
            weight = weight.saturating_sub(*kind_weight);
            found
        })
        .map_or(OrganizationKind::Company, |(kind, _)| *kind);
    let (country, city) = *pick(rng, CITIES);
    let name = format!(
        "{} {} {} {}",
        pick(rng, NAME_STARTS),
        pick(rng, NAME_MIDDLES),
        pick(rng, NAME_ENDS),
        rng.u32(100..10_000)
    );
    let first = pick(rng, categories);
    let second = pick(rng, categories);
    let category_name =
        |category: &Category, lang: Lang| category.names.pick(lang).map(|name| name.value.clone()).unwrap_or_default();
    let texts: Translations<OrganizationText> = [
        (
            Lang::Az,
            format!(
                "{name} {city} şəhərində fəaliyyət göstərir: {}, {}.",
                category_name(first, Lang::Az).to_lowercase(),
                category_name(second, Lang::Az).to_lowercase()
            ),
        ),
        (
            Lang::En,
            format!(
                "{name} works from {city} on {} and {}.",
                category_name(first, Lang::En).to_lowercase(),
                category_name(second, Lang::En).to_lowercase()
            ),
        ),
    ]
    .into_iter()
    .map(|(lang, short)| {
        let description = format!("{short}\n\n{}", synthetic_notice(lang));
        (lang, OrganizationText { name: name.clone(), short_description: Some(short), description: Some(description) })
    })
    .collect();
    let mut category_ids = vec![first.id, second.id];
    category_ids.sort_unstable();
    category_ids.dedup();
    let startup = (kind == OrganizationKind::Startup).then(|| StartupFacts {
        stage: *pick(rng, StartupStage::ALL),
        funding_raised: rng.bool().then(|| Money {
            amount: i64::from(rng.u32(10..500)) * 10_000,
            currency: Currency::parse(pick::<&str>(rng, CURRENCIES)).expect("valid literal currency"),
        }),
        looking_for: vec![*pick(rng, StartupNeed::ALL)],
        pitch: Translations::new()
            .with(Lang::Az, format!("{}: yeni nəsil həll", category_name(first, Lang::Az)))
            .with(Lang::En, format!("{}, done right", category_name(first, Lang::En))),
        demo_video_url: None,
        technology_readiness: None,
    });
    let solution_count = if matches!(kind, OrganizationKind::Company | OrganizationKind::Startup) {
        1 + rng.usize(..3)
    } else {
        rng.usize(..2)
    };
    let solutions = (0..solution_count)
        .map(|index| {
            let category = pick(rng, categories);
            let kind = *pick(rng, SolutionKind::ALL);
            let solution_name =
                format!("{} {} {}", pick(rng, NAME_STARTS), category_name(category, Lang::En), rng.u32(2..100));
            SolutionDetails {
                kind,
                texts: Translations::new()
                    .with(
                        Lang::Az,
                        SolutionText {
                            name: solution_name.clone(),
                            description: Some(format!("{}: {name} tərəfindən.", category_name(category, Lang::Az))),
                        },
                    )
                    .with(
                        Lang::En,
                        SolutionText {
                            name: solution_name,
                            description: Some(format!(
                                "{} by {name}, offering #{}.",
                                category_name(category, Lang::En),
                                index + 1
                            )),
                        },
                    ),
                deployment: (kind == SolutionKind::Product).then(|| *pick(rng, Deployment::ALL)),
                certifications: Vec::new(),
                url: None,
                category_ids: vec![category.id],
                sector_ids: some_of(rng, sector_ids, 2),
            }
        })
        .collect();
    let profile = OrganizationProfile {
        kind,
        texts,
        facts: OrganizationFacts {
            website: None,
            email: None,
            phone: None,
            address: None,
            city: Some(city.to_owned()),
            country,
            incident_contact: None,
            constituency: None,
            founded_year: Some(1995 + i32::try_from(rng.u32(..30)).unwrap_or(0)),
            employee_range: Some(*pick(rng, EmployeeRange::ALL)),
            certifications: Vec::new(),
            social_links: Vec::new(),
        },
        category_ids,
        sector_ids: some_of(rng, sector_ids, 3),
        tag_ids: some_of(rng, tag_ids, 2),
        startup,
    };
    let status = if rng.u8(..100) < 96 { ListingStatus::Published } else { ListingStatus::Pending };
    NewOrganization { slug: None, profile, status, verified_at: None, featured_position: None, solutions }
}

fn synthetic_notice(lang: Lang) -> &'static str {
    match lang {
        Lang::Az => "_Bu, sınaq üçün yaradılmış uydurma qeyddir._",
        Lang::En => "_This is a generated, fictional listing for testing._",
        Lang::Ru => "_Это сгенерированная вымышленная запись для тестирования._",
    }
}
