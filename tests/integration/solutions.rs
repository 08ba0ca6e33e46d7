//! The solutions directory and side-by-side comparison, on both engines.
use axum::http::StatusCode;
use qala::server::search::Search;
use qala::{
    domain::{
        country::Country,
        directory::{SearchQuery, SolutionQuery, SolutionResults},
        lang::{Lang, Translations},
        organization::{ListingStatus, OrganizationKind},
        profile::SolutionPage,
        solution::{Deployment, SolutionDetails, SolutionKind, SolutionText},
        taxonomy::{Category, NistFunction},
    },
    server::db::Database,
};
use serde_json::json;
use time::{OffsetDateTime, macros::datetime};

use crate::{
    http::{app, post_json},
    on_both_engines,
    repository::organization,
};

const NOW: OffsetDateTime = datetime!(2026-11-28 12:00:00 UTC);

fn details(
    kind: SolutionKind,
    name_az: &str,
    deployment: Option<Deployment>,
    category_ids: Vec<i64>,
) -> SolutionDetails {
    let mut category_ids = category_ids;
    category_ids.sort_unstable();
    SolutionDetails {
        kind,
        texts: Translations::new().with(Lang::Az, SolutionText { name: name_az.to_owned(), description: None }),
        deployment,
        certifications: vec![],
        url: None,
        category_ids,
        sector_ids: vec![],
    }
}

/// Solutions of four organizations:
///
/// | solution        | organization (country)        | kind     | deployment  | categories (NIST function)                  | sector  |
/// |-----------------|-------------------------------|----------|-------------|---------------------------------------------|---------|
/// | gozetci-siem    | abseron-tehlukesizlik (AZ)    | product  | cloud       | siem (detect)                               | finance |
/// | cavab-robotu    | abseron-tehlukesizlik (AZ)    | product  | on_premises | soar (respond; its parent is detect)        |         |
/// | bulud-nezareti  | abseron-tehlukesizlik (AZ)    | product  | hybrid      | cloud-posture, code-security (both identify)|         |
/// | sizma-testi     | isik-siber (TR)               | service  |             | penetration-testing (identify)              | energy  |
/// | kiber-telim     | qala-akademiya (KZ)           | training |             | professional-training (protect)             |         |
/// | gizli-siem      | gizli-sirket, a draft (AZ)    | product  | cloud       | siem                                        | finance |
async fn seed(db: &Database) {
    let categories = db.categories().await.unwrap();
    let category = |slug: &str| categories.iter().find(|category| category.slug.as_str() == slug).unwrap().id;
    let sectors = db.sectors().await.unwrap();
    let sector = |slug: &str| sectors.iter().find(|sector| sector.slug.as_str() == slug).unwrap().id;

    let mut siem = details(SolutionKind::Product, "Gözətçi SIEM", Some(Deployment::Cloud), vec![category("siem")]);
    siem.texts.insert(
        Lang::En,
        SolutionText {
            name: "Watchman SIEM".to_owned(),
            description: Some("Log analytics for *banks*.\n\nInstalled in a day.".to_owned()),
        },
    );
    siem.sector_ids = vec![sector("finance")];
    let soar = details(SolutionKind::Product, "Cavab Robotu", Some(Deployment::OnPremises), vec![category("soar")]);
    let cloud = details(
        SolutionKind::Product,
        "Bulud Nəzarəti",
        Some(Deployment::Hybrid),
        vec![category("cloud-posture"), category("code-security")],
    );
    let mut abseron = organization("Abşeron Təhlükəsizlik", OrganizationKind::Company);
    abseron.solutions = vec![siem.clone(), soar, cloud];

    let mut pentest = details(SolutionKind::Service, "Sızma Testi", None, vec![category("penetration-testing")]);
    pentest.sector_ids = vec![sector("energy")];
    let mut isik = organization("Işık Siber", OrganizationKind::Company);
    isik.profile.facts.country = Country::Turkiye;
    isik.solutions = vec![pentest];

    let mut academy = organization("Qala Akademiya", OrganizationKind::TrainingProvider);
    academy.profile.facts.country = Country::Kazakhstan;
    academy.solutions =
        vec![details(SolutionKind::Training, "Kiber Təlim", None, vec![category("professional-training")])];

    let mut draft = organization("Gizli Şirkət", OrganizationKind::Company);
    draft.status = ListingStatus::Draft;
    let mut hidden_siem = siem;
    hidden_siem.texts =
        Translations::new().with(Lang::Az, SolutionText { name: "Gizli SIEM".to_owned(), description: None });
    draft.solutions = vec![hidden_siem];

    db.insert_organizations(&[abseron, isik, academy, draft], NOW).await.unwrap();
}

async fn search(db: &Database, pairs: &[(&str, &str)], lang: Lang) -> SolutionResults {
    let (query, ignored) = SolutionQuery::from_pairs(pairs.iter().copied());
    assert!(ignored.is_empty(), "{ignored:?}");
    Search::new(db.clone()).solutions(&query, lang).await.unwrap()
}

fn slugs(results: &SolutionResults) -> Vec<&str> {
    let mut slugs: Vec<&str> = results.results.iter().map(|card| card.slug.as_str()).collect();
    slugs.sort_unstable();
    slugs
}

async fn finds(db: &Database, pairs: &[(&str, &str)]) -> Vec<String> {
    slugs(&search(db, pairs, Lang::En).await).into_iter().map(str::to_owned).collect()
}

on_both_engines!(
    solution_facets_count_what_each_choice_would_give,
    solutions_are_found_and_read_in_the_readers_language,
    comparison_keeps_the_order_asked_and_only_public_solutions,
);

async fn solution_facets_count_what_each_choice_would_give(db: Database) {
    seed(&db).await;
    let all = search(&db, &[], Lang::En).await;
    assert_eq!(all.total, 5, "solutions of published listings only");
    assert_eq!(slugs(&all), ["bulud-nezareti", "cavab-robotu", "gozetci-siem", "kiber-telim", "sizma-testi"]);

    // Categories: two levels, a top-level choice standing for its children.
    assert_eq!(finds(&db, &[("category", "siem")]).await, ["gozetci-siem"]);
    assert_eq!(finds(&db, &[("category", "security-operations")]).await, ["cavab-robotu", "gozetci-siem"]);
    let operations = all.facets.categories.iter().find(|facet| facet.slug.as_str() == "security-operations").unwrap();
    let child = |slug: &str| operations.children.iter().find(|child| child.slug.as_str() == slug).unwrap().count;
    assert_eq!((operations.count, child("siem"), child("soar"), child("managed-soc")), (2, 1, 1, 0));
    let parent = |slug: &str| all.facets.categories.iter().find(|facet| facet.slug.as_str() == slug).unwrap().count;
    assert_eq!(
        (parent("cloud-security"), parent("application-security")),
        (1, 1),
        "a solution counts under each parent of its categories"
    );
    assert_eq!(finds(&db, &[("category", "no-such-category")]).await, Vec::<String>::new());

    // NIST functions come from each solution's own categories.
    let nist = |results: &SolutionResults, function: NistFunction| {
        results.facets.nist_functions.iter().find(|facet| facet.value == function).unwrap().count
    };
    assert_eq!(nist(&all, NistFunction::Detect), 1);
    assert_eq!(nist(&all, NistFunction::Respond), 1, "SOAR responds, though security operations detect");
    assert_eq!(nist(&all, NistFunction::Identify), 2, "two identify categories count the solution once");
    assert_eq!(nist(&all, NistFunction::Protect), 1);
    assert_eq!(nist(&all, NistFunction::Govern), 0);
    assert_eq!(finds(&db, &[("nist", "respond")]).await, ["cavab-robotu"]);
    assert_eq!(finds(&db, &[("nist", "detect")]).await, ["gozetci-siem"]);
    assert_eq!(finds(&db, &[("nist", "identify")]).await, ["bulud-nezareti", "sizma-testi"]);
    assert_eq!(
        finds(&db, &[("nist", "identify"), ("nist", "respond")]).await,
        ["bulud-nezareti", "cavab-robotu", "sizma-testi"],
        "values of one facet add up"
    );

    // Sectors are the solution's own; countries are its organization's.
    assert_eq!(finds(&db, &[("sector", "finance")]).await, ["gozetci-siem"]);
    assert_eq!(finds(&db, &[("sector", "energy")]).await, ["sizma-testi"]);
    assert_eq!(finds(&db, &[("country", "TR")]).await, ["sizma-testi"]);
    assert_eq!(finds(&db, &[("country", "kz")]).await, ["kiber-telim"]);

    let deployment = |results: &SolutionResults, value: Deployment| {
        results.facets.deployments.iter().find(|facet| facet.value == value).unwrap().count
    };
    assert_eq!(deployment(&all, Deployment::Cloud), 1, "the draft's cloud product is not counted");
    assert_eq!(finds(&db, &[("deployment", "cloud")]).await, ["gozetci-siem"]);
    assert_eq!(finds(&db, &[("deployment", "on_premises"), ("deployment", "hybrid")]).await.len(), 2);

    let products = search(&db, &[("kind", "product")], Lang::En).await;
    assert_eq!(products.total, 3);
    let kind = |results: &SolutionResults, value: SolutionKind| {
        let facet = results.facets.kinds.iter().find(|facet| facet.value == value).unwrap();
        (facet.count, facet.selected)
    };
    assert_eq!(kind(&products, SolutionKind::Service), (1, false), "a facet is counted without its own filter");
    assert_eq!(kind(&products, SolutionKind::Product), (3, true));
    assert_eq!(deployment(&products, Deployment::Hybrid), 1, "other facets follow the filter");
    assert_eq!(nist(&products, NistFunction::Protect), 0, "the training is not a product");
    let nowhere = search(&db, &[("kind", "service"), ("country", "AZ")], Lang::En).await;
    assert_eq!((nowhere.total, nowhere.results.len()), (0, 0), "facets narrow each other");
}

async fn solutions_are_found_and_read_in_the_readers_language(db: Database) {
    seed(&db).await;
    assert_eq!(finds(&db, &[("q", "ışık")]).await, ["sizma-testi"], "by its organization's name");
    assert_eq!(finds(&db, &[("q", "watchman")]).await, ["gozetci-siem"], "by its English name");
    assert_eq!(finds(&db, &[("q", "gözətçi")]).await, ["gozetci-siem"], "by its Azerbaijani name");
    assert_eq!(finds(&db, &[("q", "banks")]).await, ["gozetci-siem"], "by its description");
    assert_eq!(finds(&db, &[("q", "gizli")]).await, Vec::<String>::new(), "never a draft's solution");
    assert_eq!(finds(&db, &[("q", "soar")]).await, ["cavab-robotu"], "by its category's name");

    let categories = db.categories().await.unwrap();
    let name_of = |slug: &str, lang: Lang| {
        let category: &Category = categories.iter().find(|category| category.slug.as_str() == slug).unwrap();
        category.names.get(lang).unwrap().clone()
    };
    let card = |results: &SolutionResults, slug: &str| {
        results.results.iter().find(|card| card.slug.as_str() == slug).unwrap().clone()
    };
    let english = search(&db, &[], Lang::En).await;
    let siem = card(&english, "gozetci-siem");
    assert_eq!((siem.name.lang, siem.name.plain()), (Lang::En, "Watchman SIEM".to_owned()));
    assert_eq!(
        siem.summary.map(|summary| summary.plain()),
        Some("Log analytics for banks.".to_owned()),
        "the first paragraph, as plain text"
    );
    assert_eq!(siem.organization_slug.as_str(), "abseron-tehlukesizlik");
    assert_eq!(siem.organization_name, "Abşeron Təhlükəsizlik (en)");
    assert_eq!(siem.categories, [name_of("siem", Lang::En)]);
    assert_eq!(
        (siem.kind, siem.deployment, siem.country),
        (SolutionKind::Product, Some(Deployment::Cloud), Country::Azerbaijan)
    );
    let soar = card(&english, "cavab-robotu");
    assert_eq!((soar.name.lang, soar.name.plain()), (Lang::Az, "Cavab Robotu".to_owned()), "marked as Azerbaijani");
    assert_eq!(soar.summary, None);

    let russian = search(&db, &[], Lang::Ru).await;
    let siem = card(&russian, "gozetci-siem");
    assert_eq!(siem.name.lang, Lang::En, "Russian readers fall back to English first");
    assert_eq!(siem.categories, [name_of("siem", Lang::Ru)]);

    // Each language orders by the names its readers see.
    let in_order =
        |results: &SolutionResults| results.results.iter().map(|card| card.slug.to_string()).collect::<Vec<_>>();
    let by_name_az = search(&db, &[("sort", "name")], Lang::Az).await;
    assert_eq!(in_order(&by_name_az), ["bulud-nezareti", "cavab-robotu", "gozetci-siem", "kiber-telim", "sizma-testi"]);
    let by_name_en = search(&db, &[("sort", "name")], Lang::En).await;
    assert_eq!(in_order(&by_name_en), ["bulud-nezareti", "cavab-robotu", "kiber-telim", "sizma-testi", "gozetci-siem"]);
    assert_eq!(by_name_en.page_count, 1);
}

async fn comparison_keeps_the_order_asked_and_only_public_solutions(db: Database) {
    seed(&db).await;
    let app = app(&db);
    let compare = |slugs: &[&str], lang: &str| {
        let app = app.clone();
        let body = json!({ "slugs": slugs, "lang": lang });
        async move {
            let (status, _, body) = post_json(&app, "/api/solutions/compare", &body).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<Vec<SolutionPage>>(&body).unwrap_or_else(|error| panic!("{error}: {body}"))
        }
    };
    let compared_slugs = |pages: &[SolutionPage]| pages.iter().map(|page| page.slug.to_string()).collect::<Vec<_>>();

    let pages = compare(&["sizma-testi", "gozetci-siem", "bulud-nezareti"], "en").await;
    assert_eq!(compared_slugs(&pages), ["sizma-testi", "gozetci-siem", "bulud-nezareti"], "in the order asked");
    let siem = &pages[1];
    assert_eq!((siem.name.lang, siem.name.value.as_str()), (Lang::En, "Watchman SIEM"));
    assert_eq!(siem.url, "https://qala.example/en/solutions/gozetci-siem");
    assert_eq!(siem.organization.slug.as_str(), "abseron-tehlukesizlik");
    assert_eq!(siem.deployment, Some(Deployment::Cloud));
    assert_eq!(siem.nist_functions, [NistFunction::Detect]);
    assert_eq!(pages[2].nist_functions, [NistFunction::Identify], "each function once");
    assert_eq!(pages[2].categories.len(), 2);
    assert_eq!(pages[0].sectors.iter().map(|sector| sector.slug.as_str()).collect::<Vec<_>>(), ["energy"]);

    let five = ["kiber-telim", "cavab-robotu", "sizma-testi", "gozetci-siem", "bulud-nezareti"];
    assert_eq!(compared_slugs(&compare(&five[..4], "az").await), five[..4], "four at most");
    let (status, _, body) = post_json(&app, "/api/solutions/compare", &json!({ "slugs": five, "lang": "az" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "five are refused (the page asks for four): {body}");
    assert_eq!(
        compared_slugs(&compare(&["no-such-solution", "cavab-robotu", "gizli-siem", "kiber-telim"], "ru").await),
        ["cavab-robotu", "kiber-telim"],
        "unknown slugs and solutions of unpublished listings are left out"
    );
    assert!(compare(&[], "en").await.is_empty());
    let russian = compare(&["gozetci-siem"], "ru").await;
    assert_eq!(russian[0].url, "https://qala.example/ru/solutions/gozetci-siem");
}
