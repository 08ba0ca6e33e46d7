//! The repository's behaviour, identical on both engines.
use qala::{
    domain::{
        country::Country,
        lang::{Lang, Translations},
        organization::{
            EmployeeRange, ListingStatus, NewOrganization, OrganizationFacts, OrganizationKind, OrganizationProfile,
            OrganizationText, SocialLink, SocialNetwork,
        },
        solution::{Deployment, NewSolution, SolutionDetails, SolutionKind, SolutionText},
        startup::{Currency, Money, ReadinessLevel, StartupFacts, StartupNeed, StartupStage},
        taxonomy::NistFunction,
        user::{EmailAddress, MembershipRole, StaffRole},
        validation::{FieldError, Problem},
    },
    error::AppError,
    server::db::Database,
};
use time::{OffsetDateTime, macros::datetime};

use crate::on_both_engines;

const NOW: OffsetDateTime = datetime!(2026-11-28 12:00:00 UTC);

pub fn text(name: &str) -> OrganizationText {
    OrganizationText {
        name: name.to_owned(),
        short_description: Some(format!("{name}: short")),
        description: Some(format!("**{name}** in Markdown")),
    }
}

/// A published listing with texts in Azerbaijani and English and nothing else.
pub fn organization(name_az: &str, kind: OrganizationKind) -> NewOrganization {
    let profile = OrganizationProfile {
        kind,
        texts: Translations::new().with(Lang::Az, text(name_az)).with(Lang::En, text(&format!("{name_az} (en)"))),
        facts: OrganizationFacts {
            website: Some("https://example.example".to_owned()),
            email: Some("info@example.example".to_owned()),
            phone: None,
            address: None,
            city: Some("Bakı".to_owned()),
            country: Country::Azerbaijan,
            incident_contact: None,
            constituency: None,
            founded_year: Some(2015),
            employee_range: None,
            certifications: vec![],
            social_links: vec![],
        },
        category_ids: vec![],
        sector_ids: vec![],
        tag_ids: vec![],
        startup: None,
    };
    NewOrganization {
        slug: None,
        profile,
        status: ListingStatus::Published,
        verified_at: None,
        featured_position: None,
        solutions: vec![],
    }
}

/// A service with an Azerbaijani name and nothing else.
pub fn solution(organization_id: i64, name: &str) -> NewSolution {
    let details = SolutionDetails {
        kind: SolutionKind::Service,
        texts: Translations::new().with(Lang::Az, SolutionText { name: name.to_owned(), description: None }),
        deployment: None,
        certifications: vec![],
        url: None,
        category_ids: vec![],
        sector_ids: vec![],
    };
    NewSolution { organization_id, slug: None, details }
}

on_both_engines!(
    reference_taxonomy_is_complete_and_loaded_once,
    organization_round_trips_with_everything_it_carries,
    slugs_are_transliterated_and_unique,
    missing_translations_fall_back_in_order,
    solutions_round_trip,
    accounts_and_memberships_keep_their_rules,
    stats_count_published_listings_by_kind,
);

async fn reference_taxonomy_is_complete_and_loaded_once(db: Database) {
    let categories = db.categories().await.unwrap();
    let top: Vec<_> = categories.iter().filter(|category| category.parent_id.is_none()).collect();
    assert!(top.len() >= 10, "a two-level market taxonomy: {} top-level categories", top.len());
    assert!(categories.len() >= top.len() * 3, "top-level categories have children");
    for category in &categories {
        for lang in Lang::ALL {
            assert!(category.names.get(*lang).is_some(), "{} lacks a {lang} name", category.slug);
        }
        if let Some(parent) = category.parent_id {
            let parent = categories.iter().find(|candidate| candidate.id == parent).expect("parent exists");
            assert!(parent.parent_id.is_none(), "only two levels");
        }
    }
    for function in NistFunction::ALL {
        assert!(categories.iter().any(|category| category.nist_function == *function), "{function} is used");
    }
    let sectors = db.sectors().await.unwrap();
    assert!(sectors.iter().any(|sector| sector.slug.as_str() == "energy" && sector.critical_infrastructure));
    assert!(sectors.iter().any(|sector| !sector.critical_infrastructure));
    assert!(!db.tags().await.unwrap().is_empty());
    // Loading again changes nothing.
    assert!(!qala::server::taxonomy::ensure_reference_taxonomy(&db).await.unwrap());
    assert_eq!(db.categories().await.unwrap().len(), categories.len());
}

async fn organization_round_trips_with_everything_it_carries(db: Database) {
    let categories = db.categories().await.unwrap();
    let mut category_ids: Vec<i64> =
        categories.iter().filter(|category| category.parent_id.is_some()).take(2).map(|category| category.id).collect();
    category_ids.sort_unstable();
    let facts = StartupFacts {
        stage: StartupStage::Mvp,
        funding_raised: Some(Money { amount: 250_000, currency: Currency::parse("AZN").unwrap() }),
        looking_for: vec![StartupNeed::Investment, StartupNeed::PilotCustomers],
        pitch: Translations::new()
            .with(Lang::Az, "Fişinqi süni intellektlə tuturuq".to_owned())
            .with(Lang::En, "We catch phishing with AI".to_owned()),
        demo_video_url: Some("https://video.example/q".to_owned()),
        technology_readiness: Some(ReadinessLevel::new(6).unwrap()),
    };
    let mut startup = organization("Kiber Qalxan", OrganizationKind::Startup);
    let profile = &mut startup.profile;
    profile.texts.insert(Lang::Ru, text("Кибер Щит"));
    profile.facts.certifications = vec!["ISO/IEC 27001".to_owned()];
    profile.facts.social_links =
        vec![SocialLink { network: SocialNetwork::LinkedIn, url: "https://linkedin.example/q".into() }];
    profile.category_ids = category_ids;
    profile.sector_ids = vec![db.sectors().await.unwrap()[0].id];
    profile.tag_ids = vec![db.tags().await.unwrap()[0].id];
    profile.facts.employee_range = Some(EmployeeRange::Small);
    profile.startup = Some(facts.clone());
    startup.verified_at = Some(datetime!(2026-10-01 09:30:00 UTC));
    startup.featured_position = Some(2);

    let ids = db.insert_organizations(std::slice::from_ref(&startup), NOW).await.unwrap();
    let stored = db.organization_by_slug("kiber-qalxan").await.unwrap().expect("found by its slug");
    assert_eq!(stored.id, ids[0]);
    assert_eq!(stored.profile, startup.profile, "the whole profile comes back as it went in");
    assert_eq!(stored.profile.startup, Some(facts));
    assert_eq!(stored.verified_at, startup.verified_at);
    assert!(stored.is_verified() && stored.is_featured());
    assert_eq!((stored.created_at, stored.updated_at), (NOW, NOW));
    assert!(db.organization_by_slug("no-such-slug").await.unwrap().is_none());
}

async fn slugs_are_transliterated_and_unique(db: Database) {
    let names = ["Şirkət Kiber Qalxan", "Şirkət Kiber Qalxan", "Işık Siber Güvenlik A.Ş.", "Кибер Щит"];
    let organizations: Vec<_> = names.iter().map(|name| organization(name, OrganizationKind::Company)).collect();
    let ids = db.insert_organizations(&organizations, NOW).await.unwrap();
    assert_eq!(ids.len(), 4);
    for slug in ["sirket-kiber-qalxan", "sirket-kiber-qalxan-2", "isik-siber-guvenlik-a-s", "kiber-sit"] {
        assert!(db.organization_by_slug(slug).await.unwrap().is_some(), "{slug}");
    }
    // A later listing with the same name gets the next free suffix.
    db.insert_organizations(&organizations[..1], NOW).await.unwrap();
    assert!(db.organization_by_slug("sirket-kiber-qalxan-3").await.unwrap().is_some());
}

async fn missing_translations_fall_back_in_order(db: Database) {
    let mut listing = organization("Qafqaz Təhlükəsizlik", OrganizationKind::Company);
    listing.profile.texts =
        Translations::new().with(Lang::Az, text("Qafqaz Təhlükəsizlik")).with(Lang::Ru, text("Кавказ"));
    db.insert_organizations(&[listing], NOW).await.unwrap();
    let stored = db.organization_by_slug("qafqaz-tehlukesizlik").await.unwrap().unwrap();
    let english = stored.profile.texts.pick(Lang::En).unwrap();
    assert_eq!((english.lang, english.value.name.as_str()), (Lang::Az, "Qafqaz Təhlükəsizlik"));
    assert_eq!(stored.profile.texts.pick(Lang::Ru).unwrap().value.name, "Кавказ");
}

async fn solutions_round_trip(db: Database) {
    let owner =
        db.insert_organizations(&[organization("Data Sipər", OrganizationKind::Company)], NOW).await.unwrap()[0];
    let category = db.categories().await.unwrap().into_iter().find(|c| c.slug.as_str() == "siem").unwrap();
    let mut product = solution(owner, "Gözətçi SIEM");
    product.details = SolutionDetails {
        kind: SolutionKind::Product,
        texts: Translations::new()
            .with(Lang::Az, SolutionText { name: "Gözətçi SIEM".to_owned(), description: Some("Loqlar".to_owned()) })
            .with(Lang::En, SolutionText { name: "Gozetchi SIEM".to_owned(), description: None }),
        deployment: Some(Deployment::Hybrid),
        certifications: vec!["Common Criteria EAL2".to_owned()],
        url: Some("https://data-siper.example/siem".to_owned()),
        category_ids: vec![category.id],
        sector_ids: vec![db.sectors().await.unwrap()[1].id],
    };
    let ids = db.insert_solutions(&[product.clone(), product.clone()], NOW).await.unwrap();
    let stored = db.solutions_of(owner).await.unwrap();
    assert_eq!(stored.iter().map(|s| s.id).collect::<Vec<_>>(), ids);
    assert_eq!(stored[0].slug.as_str(), "gozetci-siem");
    assert_eq!(stored[1].slug.as_str(), "gozetci-siem-2");
    assert_eq!(stored[0].details, product.details);
    assert!(db.solutions_of(owner + 1_000).await.unwrap().is_empty());
}

async fn accounts_and_memberships_keep_their_rules(db: Database) {
    let email = EmailAddress::parse("Aysel@Kiber.example").unwrap();
    let user = db.create_user(&email, Some("hash"), Some(StaffRole::Curator), true, NOW).await.unwrap();
    assert_eq!(user.email.as_str(), "aysel@kiber.example");
    assert_eq!(user.staff_role, Some(StaffRole::Curator));
    assert_eq!(user.email_verified_at, Some(NOW));
    let same_mailbox = EmailAddress::parse("aysel@kiber.example").unwrap();
    assert_eq!(
        db.create_user(&same_mailbox, None, None, false, NOW).await.unwrap_err(),
        AppError::Invalid(vec![FieldError::new("email", Problem::Taken)])
    );
    assert_eq!(db.user_by_email(&same_mailbox).await.unwrap().map(|u| u.id), Some(user.id));

    let organization =
        db.insert_organizations(&[organization("Odlar Kiber", OrganizationKind::Company)], NOW).await.unwrap()[0];
    db.set_membership(user.id, organization, MembershipRole::Owner, NOW).await.unwrap();
    let other_email = EmailAddress::parse("elvin@kiber.example").unwrap();
    let other = db.create_user(&other_email, None, None, false, NOW).await.unwrap();
    assert_eq!(other.email_verified_at, None);
    db.set_membership(other.id, organization, MembershipRole::Editor, NOW).await.unwrap();
    // One owner per organization: the database refuses a second.
    assert!(matches!(
        db.set_membership(other.id, organization, MembershipRole::Owner, NOW).await,
        Err(AppError::Invalid(_))
    ));
    let memberships = db.memberships_of(other.id).await.unwrap();
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0].role, MembershipRole::Editor);
}

async fn stats_count_published_listings_by_kind(db: Database) {
    let mut draft = organization("Gizli Layihə", OrganizationKind::Cert);
    draft.status = ListingStatus::Draft;
    let mut turkish = organization("Anadolu Siber", OrganizationKind::Cert);
    turkish.profile.facts.country = Country::Turkiye;
    let listings = [
        organization("Milli CERT", OrganizationKind::Cert),
        turkish,
        organization("Bakı Startap", OrganizationKind::Startup),
        draft,
    ];
    let ids = db.insert_organizations(&listings, NOW).await.unwrap();
    db.insert_solutions(&[solution(ids[0], "İnsident"), solution(ids[3], "Gizli xidmət")], NOW).await.unwrap();
    let stats = db.ecosystem_stats().await.unwrap();
    assert_eq!(stats.count_of(OrganizationKind::Cert), 2, "the draft is not counted");
    assert_eq!(stats.count_of(OrganizationKind::Startup), 1);
    assert_eq!(stats.count_of(OrganizationKind::Investor), 0);
    assert_eq!(stats.by_kind.len(), OrganizationKind::ALL.len());
    assert_eq!((stats.organizations, stats.solutions, stats.countries), (3, 1, 2));
}
