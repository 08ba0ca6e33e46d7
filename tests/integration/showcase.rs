//! The startup showcase, the landscape, the home page's overview and logos, on both engines.
use axum::http::{StatusCode, header};
use qala::server::search::Search;
use qala::{
    domain::{
        country::Country,
        directory::{DirectoryPage, DirectoryQuery, SearchQuery},
        lang::{Lang, Translations},
        organization::{ListingStatus, NewOrganization, OrganizationKind},
        showcase::{Landscape, StartupShowcase},
        startup::{StartupFacts, StartupNeed, StartupStage},
        taxonomy::Category,
    },
    server::{
        db::Database,
        logos::{Logo, demo_emblem},
    },
};
use time::{Duration, OffsetDateTime, macros::datetime};

use crate::{
    http::{app, get, get_bytes},
    on_both_engines,
    repository::organization,
};

const NOW: OffsetDateTime = datetime!(2026-11-28 12:00:00 UTC);

fn startup(name_az: &str, stage: StartupStage, featured_position: Option<i64>) -> NewOrganization {
    let mut listing = organization(name_az, OrganizationKind::Startup);
    listing.featured_position = featured_position;
    listing.profile.startup = Some(StartupFacts {
        stage,
        funding_raised: None,
        looking_for: vec![StartupNeed::Investment],
        pitch: Translations::new().with(Lang::Az, format!("{name_az} sizə lazımdır")),
        demo_video_url: None,
        technology_readiness: None,
    });
    listing
}

fn category_id(categories: &[Category], slug: &str) -> i64 {
    categories.iter().find(|category| category.slug.as_str() == slug).unwrap_or_else(|| panic!("{slug}")).id
}

/// A small ecosystem, each listing published a day after the one before it, in this order:
///
/// | slug            | kind       | country | categories (top level)                            | featured |
/// |-----------------|------------|---------|---------------------------------------------------|----------|
/// | alov            | startup    | AZ      | cyber-ranges (training-awareness)                 |          |
/// | bulaq           | startup    | AZ      | siem (security-operations)                        | 2        |
/// | cinar           | startup    | KZ      | firewalls (network-security)                      | 1        |
/// | dalga           | startup    | AZ      | none; no startup facts                            |          |
/// | ana-holdinq     | company    | AZ      | siem, managed-soc, penetration-testing            | 0 (!)    |
/// | elm-merkezi     | university | AZ      | threat-intelligence (security-operations)         |          |
/// | fener-guvenlik  | company    | TR      | firewalls                                         |          |
/// | gizli-startap   | startup    | AZ      | siem; a draft                                     | 0        |
/// | xezer-cert      | cert       | AZ      | none                                              |          |
///
/// Sectors: finance for bulaq and ana-holdinq, energy for ana-holdinq and fener-guvenlik,
/// education for alov (and finance for the draft).
async fn ecosystem(db: &Database) -> Vec<i64> {
    let categories = db.categories().await.unwrap();
    let category = |slug: &str| category_id(&categories, slug);
    let sectors = db.sectors().await.unwrap();
    let sector = |slug: &str| sectors.iter().find(|sector| sector.slug.as_str() == slug).unwrap().id;

    let mut alov = startup("Alov", StartupStage::Idea, None);
    alov.profile.category_ids = vec![category("cyber-ranges")];
    alov.profile.sector_ids = vec![sector("education")];
    let facts = alov.profile.startup.as_mut().unwrap();
    facts.looking_for = vec![StartupNeed::PilotCustomers, StartupNeed::Partners];
    facts.pitch = Translations::new()
        .with(Lang::Az, "Pilot müştərilər axtarırıq".to_owned())
        .with(Lang::En, "Looking for pilot customers".to_owned());

    let mut bulaq = startup("Bulaq", StartupStage::Mvp, Some(2));
    bulaq.profile.category_ids = vec![category("siem")];
    bulaq.profile.sector_ids = vec![sector("finance")];

    let mut cinar = startup("Çinar", StartupStage::Mvp, Some(1));
    cinar.profile.facts.country = Country::Kazakhstan;
    cinar.profile.category_ids = vec![category("firewalls")];

    let dalga = organization("Dalğa", OrganizationKind::Startup);

    let mut holding = organization("Ana Holdinq", OrganizationKind::Company);
    holding.featured_position = Some(0);
    let mut holding_categories = vec![category("siem"), category("managed-soc"), category("penetration-testing")];
    holding_categories.sort_unstable();
    holding.profile.category_ids = holding_categories;
    let mut holding_sectors = vec![sector("finance"), sector("energy")];
    holding_sectors.sort_unstable();
    holding.profile.sector_ids = holding_sectors;

    let mut university = organization("Elm Mərkəzi", OrganizationKind::University);
    university.profile.category_ids = vec![category("threat-intelligence")];

    let mut turkish = organization("Fənər Güvenlik", OrganizationKind::Company);
    turkish.profile.facts.country = Country::Turkiye;
    turkish.profile.category_ids = vec![category("firewalls")];
    turkish.profile.sector_ids = vec![sector("energy")];

    let mut draft = startup("Gizli Startap", StartupStage::Growth, Some(0));
    draft.status = ListingStatus::Draft;
    draft.profile.category_ids = vec![category("siem")];
    draft.profile.sector_ids = vec![sector("finance")];

    let cert = organization("Xəzər CERT", OrganizationKind::Cert);

    let listings = [alov, bulaq, cinar, dalga, holding, university, turkish, draft, cert];
    let mut ids = Vec::new();
    for (day, listing) in listings.iter().enumerate() {
        let published = NOW - Duration::days(20 - i64::try_from(day).unwrap());
        ids.extend(db.insert_organizations(std::slice::from_ref(listing), published).await.unwrap());
    }
    ids
}

async fn startups(db: &Database, pairs: &[(&str, &str)], lang: Lang) -> StartupShowcase {
    let (query, ignored) = DirectoryQuery::from_pairs(pairs.iter().copied());
    assert!(ignored.is_empty(), "{ignored:?}");
    Search::new(db.clone()).startups(&query, lang).await.unwrap()
}

fn showcase_slugs(showcase: &StartupShowcase) -> Vec<&str> {
    showcase.results.iter().map(|startup| startup.card.slug.as_str()).collect()
}

async fn landscape(db: &Database, pairs: &[(&str, &str)], lang: Lang, per_group: usize) -> Landscape {
    let (query, ignored) = DirectoryQuery::from_pairs(pairs.iter().copied());
    assert!(ignored.is_empty(), "{ignored:?}");
    Search::new(db.clone()).landscape(&query, lang, per_group).await.unwrap()
}

/// Each group's slug with its count and the slugs of its tiles.
fn groups(landscape: &Landscape) -> Vec<(&str, u64, Vec<&str>)> {
    landscape
        .groups
        .iter()
        .map(|group| (group.slug.as_str(), group.count, group.tiles.iter().map(|tile| tile.slug.as_str()).collect()))
        .collect()
}

async fn directory(db: &Database, query: &DirectoryQuery) -> DirectoryPage {
    Search::new(db.clone()).directory(query, Lang::En).await.unwrap()
}

on_both_engines!(
    the_showcase_shows_startups_with_featured_ones_first,
    the_showcase_reads_pitches_in_the_readers_language,
    the_landscape_groups_listings_by_top_level_category,
    the_overview_summarises_the_ecosystem_with_working_links,
    cards_link_a_logo_only_when_there_is_one,
    logos_are_served_in_three_sizes_with_validators,
);

async fn the_showcase_shows_startups_with_featured_ones_first(db: Database) {
    ecosystem(&db).await;
    let showcase = startups(&db, &[], Lang::En).await;
    assert_eq!(
        showcase_slugs(&showcase),
        ["cinar", "bulaq", "alov", "dalga"],
        "featured startups first in the order staff set, then the rest by name; no company, no draft"
    );
    assert_eq!((showcase.total, showcase.page, showcase.page_count), (4, 1, 1));
    assert!(showcase.results.iter().all(|startup| startup.card.kind == OrganizationKind::Startup));
    let featured: Vec<bool> = showcase.results.iter().map(|startup| startup.card.featured).collect();
    assert_eq!(featured, [true, true, false, false], "cards say which startups are featured");

    let asked_for_companies = startups(&db, &[("kind", "company")], Lang::En).await;
    assert_eq!(showcase_slugs(&asked_for_companies), showcase_slugs(&showcase), "the showcase is startups only");

    let by_name = startups(&db, &[("sort", "name")], Lang::En).await;
    assert_eq!(showcase_slugs(&by_name), ["alov", "bulaq", "cinar", "dalga"], "a chosen order wins");
    let newest = startups(&db, &[("sort", "newest")], Lang::En).await;
    assert_eq!(showcase_slugs(&newest), ["dalga", "cinar", "bulaq", "alov"]);
    // Every startup's description says "Markdown" with the same weight, so relevance ties and
    // names decide: with search words, being featured gives no head start.
    let searched = startups(&db, &[("q", "markdown")], Lang::En).await;
    assert_eq!(showcase_slugs(&searched), ["alov", "bulaq", "cinar", "dalga"]);
    assert_eq!(showcase_slugs(&startups(&db, &[("q", "dalğa")], Lang::En).await), ["dalga"]);

    let mvp = startups(&db, &[("stage", "mvp")], Lang::En).await;
    assert_eq!(showcase_slugs(&mvp), ["cinar", "bulaq"], "filters keep the featured order");
    let stage_count = |showcase: &StartupShowcase, stage: StartupStage| {
        showcase.facets.stages.iter().find(|facet| facet.value == stage).unwrap().count
    };
    assert_eq!(stage_count(&mvp, StartupStage::Idea), 1, "a facet is counted without its own filter");
    assert_eq!(stage_count(&showcase, StartupStage::Growth), 0, "the draft's stage is not counted");
    let in_kazakhstan = startups(&db, &[("country", "KZ")], Lang::En).await;
    assert_eq!(showcase_slugs(&in_kazakhstan), ["cinar"]);
    let kinds = &showcase.facets.kinds;
    let startup_facet = kinds.iter().find(|facet| facet.value == OrganizationKind::Startup).unwrap();
    assert!(startup_facet.selected && startup_facet.count == 4, "{startup_facet:?}");
}

async fn the_showcase_reads_pitches_in_the_readers_language(db: Database) {
    ecosystem(&db).await;
    let pitch_of = |showcase: &StartupShowcase, slug: &str| {
        let startup = showcase.results.iter().find(|startup| startup.card.slug.as_str() == slug).unwrap();
        startup.pitch.as_ref().map(|pitch| (pitch.lang, pitch.value.clone()))
    };
    let azerbaijani = startups(&db, &[], Lang::Az).await;
    assert_eq!(pitch_of(&azerbaijani, "alov"), Some((Lang::Az, "Pilot müştərilər axtarırıq".to_owned())));
    let russian = startups(&db, &[], Lang::Ru).await;
    assert_eq!(
        pitch_of(&russian, "alov"),
        Some((Lang::En, "Looking for pilot customers".to_owned())),
        "Russian readers fall back to English first, and the page can mark the language"
    );
    assert_eq!(pitch_of(&russian, "bulaq"), Some((Lang::Az, "Bulaq sizə lazımdır".to_owned())));
    assert_eq!(pitch_of(&russian, "dalga"), None, "a startup without facts has no pitch");
    let alov = russian.results.iter().find(|startup| startup.card.slug.as_str() == "alov").unwrap();
    assert_eq!(alov.needs, [StartupNeed::PilotCustomers, StartupNeed::Partners]);
    assert_eq!(alov.card.stage, Some(StartupStage::Idea));
    let dalga = russian.results.iter().find(|startup| startup.card.slug.as_str() == "dalga").unwrap();
    assert!(dalga.needs.is_empty() && dalga.card.stage.is_none());
    assert_eq!(dalga.card.name.plain(), "Dalğa (en)", "names fall back too");
}

async fn the_landscape_groups_listings_by_top_level_category(db: Database) {
    ecosystem(&db).await;
    let categories = db.categories().await.unwrap();
    let top_level: Vec<&Category> = categories.iter().filter(|category| category.parent_id.is_none()).collect();
    // Groups come in the taxonomy's order of top-level categories.
    let in_taxonomy_order = |mut expected: Vec<(&'static str, u64, Vec<&'static str>)>| {
        expected.sort_by_key(|(slug, ..)| top_level.iter().position(|top| top.slug.as_str() == *slug).unwrap());
        expected
    };

    let everything = landscape(&db, &[], Lang::En, 2).await;
    assert_eq!(
        groups(&everything),
        in_taxonomy_order(vec![
            // Ana Holdinq has two categories here but is one listing; the draft is not counted; the
            // group shows its first two listings by name of three.
            ("security-operations", 3, vec!["ana-holdinq", "bulaq"]),
            ("network-security", 2, vec!["cinar", "fener-guvenlik"]),
            // A listing appears in every group its categories belong to.
            ("consulting-audit", 1, vec!["ana-holdinq"]),
            ("training-awareness", 1, vec!["alov"]),
        ]),
        "top-level categories without listings are left out"
    );
    assert_eq!(everything.uncategorized, 2, "dalga and xezer-cert have no category");
    assert_eq!(everything.total, 8, "every published listing, grouped or not");

    let roomy = landscape(&db, &[], Lang::En, 10).await;
    assert!(roomy.groups.iter().all(|group| group.tiles.len() as u64 == group.count), "tiles up to the limit");

    let russian = landscape(&db, &[], Lang::Ru, 2).await;
    for group in &russian.groups {
        let category = top_level.iter().find(|top| top.slug == group.slug).unwrap();
        assert_eq!(&group.name, category.names.get(Lang::Ru).unwrap(), "group names in the reader's language");
    }
    let training = russian.groups.iter().find(|group| group.slug.as_str() == "training-awareness").unwrap();
    let alov = &training.tiles[0];
    assert_eq!((alov.name.lang, alov.name.value.as_str()), (Lang::En, "Alov (en)"), "tile names fall back");
    assert_eq!(alov.kind, OrganizationKind::Startup);

    let only_startups = landscape(&db, &[("kind", "startup")], Lang::En, 2).await;
    assert_eq!(
        groups(&only_startups),
        in_taxonomy_order(vec![
            ("security-operations", 1, vec!["bulaq"]),
            ("network-security", 1, vec!["cinar"]),
            ("training-awareness", 1, vec!["alov"]),
        ])
    );
    assert_eq!((only_startups.uncategorized, only_startups.total), (1, 4));
    let in_turkiye = landscape(&db, &[("country", "TR")], Lang::En, 2).await;
    assert_eq!(groups(&in_turkiye), [("network-security", 1, vec!["fener-guvenlik"])]);
    assert_eq!((in_turkiye.uncategorized, in_turkiye.total), (0, 1));

    let other_filters = [
        ("q", "zzzz"),
        ("category", "siem"),
        ("sector", "finance"),
        ("verified", "1"),
        ("stage", "mvp"),
        ("page", "3"),
    ];
    assert_eq!(
        landscape(&db, &other_filters, Lang::En, 2).await,
        everything,
        "only kind and country narrow the landscape"
    );

    // Each group names the subcategories its listings are in, with how many of them each holds.
    let categories = db.categories().await.unwrap();
    for group in &everything.groups {
        let parent = categories.iter().find(|category| category.slug == group.slug).unwrap();
        assert!(!group.subcategories.is_empty(), "{} names its subcategories", group.slug);
        for subcategory in &group.subcategories {
            let child = categories.iter().find(|category| category.slug == subcategory.slug).unwrap();
            assert_eq!(child.parent_id, Some(parent.id), "{} is under {}", subcategory.slug, group.slug);
            assert!(subcategory.count >= 1 && subcategory.count <= group.count);
        }
    }

    // The page counts what is left out in words that agree with the number.
    let app = app(&db);
    let (_, _, one) = get(&app, "/en/landscape?kind=startup", &[]).await;
    assert!(one.replace("<!>", "").contains("1 organization has no category yet and appears only in the directory."));
    let (_, _, two) = get(&app, "/en/landscape", &[]).await;
    assert!(two.replace("<!>", "").contains("2 organizations have no category yet and appear only in the directory."));
}

async fn the_overview_summarises_the_ecosystem_with_working_links(db: Database) {
    ecosystem(&db).await;
    let overview = Search::new(db.clone()).overview(Lang::En, 6, 3).await.unwrap();
    let kind_count =
        |kind: OrganizationKind| overview.by_kind.iter().find(|(value, _)| *value == kind).map(|(_, count)| *count);
    assert_eq!(overview.by_kind.len(), OrganizationKind::ALL.len(), "every kind, even without listings");
    assert_eq!(kind_count(OrganizationKind::Startup), Some(4), "the draft is not counted");
    assert_eq!(kind_count(OrganizationKind::Company), Some(2));
    assert_eq!(kind_count(OrganizationKind::University), Some(1));
    assert_eq!(kind_count(OrganizationKind::Investor), Some(0));

    for bars in [&overview.by_category, &overview.by_sector] {
        assert!(bars.windows(2).all(|pair| pair[0].count >= pair[1].count), "largest first: {bars:?}");
        for bar in bars {
            let (path, query) = bar.href.split_once('?').expect("a filtered directory address");
            assert_eq!(path, "/en/organizations");
            let (query, ignored) = DirectoryQuery::from_query_string(query);
            assert!(ignored.is_empty() && query.has_filters(), "{}", bar.href);
            let found = directory(&db, &query).await;
            assert_eq!(found.total, bar.count, "{}: the bar leads to as many listings as it shows", bar.label);
            assert!(bar.count > 0, "no empty bars");
        }
    }
    let labels = |bars: &[qala::domain::showcase::Bar]| bars.iter().map(|bar| bar.label.clone()).collect::<Vec<_>>();
    assert_eq!(
        labels(&overview.by_category),
        ["Security operations", "Network security", "Consulting and audit", "Training and awareness"],
        "top-level categories with listings; equal counts by label"
    );
    assert_eq!(labels(&overview.by_sector), ["Energy", "Finance and banking", "Education"]);

    assert_eq!(overview.by_country[0], (Country::Azerbaijan, 6), "the largest country first");
    let mut others = overview.by_country[1..].to_vec();
    others.sort_by_key(|(country, _)| country.to_string());
    assert_eq!(others, [(Country::Kazakhstan, 1), (Country::Turkiye, 1)], "countries without listings are left out");

    let featured: Vec<&str> = overview.featured.iter().map(|startup| startup.card.slug.as_str()).collect();
    assert_eq!(featured, ["cinar", "bulaq"], "featured startups only, in their order; not a featured company");
    assert!(overview.featured.iter().all(|startup| startup.pitch.is_some()));
    let just_one = Search::new(db.clone()).overview(Lang::En, 1, 3).await.unwrap();
    assert_eq!(just_one.featured.len(), 1);
    assert_eq!(just_one.featured[0].card.slug.as_str(), "cinar");

    let recent: Vec<&str> = overview.recent.iter().map(|card| card.slug.as_str()).collect();
    assert_eq!(recent, ["xezer-cert", "fener-guvenlik", "elm-merkezi"], "newest published first; not the draft");

    let russian = Search::new(db.clone()).overview(Lang::Ru, 6, 3).await.unwrap();
    let operations = categories_named(&db, "security-operations", Lang::Ru).await;
    assert_eq!(russian.by_category[0].label, operations, "labels in the reader's language");
    assert_eq!(russian.by_category[0].href, "/ru/organizations?category=security-operations");
}

async fn categories_named(db: &Database, slug: &str, lang: Lang) -> String {
    let categories = db.categories().await.unwrap();
    let category = categories.iter().find(|category| category.slug.as_str() == slug).unwrap();
    category.names.get(lang).unwrap().clone()
}

async fn cards_link_a_logo_only_when_there_is_one(db: Database) {
    let ids = ecosystem(&db).await;
    let logo = Logo::from_square(&demo_emblem("bulaq")).unwrap();
    db.set_logo(ids[1], &logo, NOW).await.unwrap();
    // A draft's logo is never served, nor linked.
    db.set_logo(ids[7], &Logo::from_square(&demo_emblem("gizli")).unwrap(), NOW).await.unwrap();
    let expected = format!("/logos/bulaq/128?v={}", logo.version);
    let wanted = |slug: &str| (slug == "bulaq").then(|| expected.clone());

    let (everything, _) = DirectoryQuery::from_pairs([]);
    let page = directory(&db, &everything).await;
    assert_eq!(page.total, 8);
    for card in &page.results {
        assert_eq!(card.logo_url, wanted(card.slug.as_str()), "directory card of {}", card.slug);
    }
    for startup in &startups(&db, &[], Lang::En).await.results {
        assert_eq!(startup.card.logo_url, wanted(startup.card.slug.as_str()), "showcase card of {}", startup.card.slug);
    }
    for tile in landscape(&db, &[], Lang::En, 10).await.groups.iter().flat_map(|group| &group.tiles) {
        assert_eq!(tile.logo_url, wanted(tile.slug.as_str()), "landscape tile of {}", tile.slug);
    }
    let overview = Search::new(db.clone()).overview(Lang::En, 6, 10).await.unwrap();
    for card in overview.featured.iter().map(|startup| &startup.card).chain(&overview.recent) {
        assert_eq!(card.logo_url, wanted(card.slug.as_str()), "home page card of {}", card.slug);
    }

    let app = app(&db);
    let (status, headers, _) = get(&app, &expected, &[]).await;
    assert_eq!(status, StatusCode::OK, "the linked logo is served");
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"), "a versioned link is cached");
    let (status, _, _) = get(&app, "/logos/gizli-startap/128", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a draft's logo stays private");

    // A new logo gets a new link, so browsers never show the old one from their cache.
    let replacement = Logo::from_square(&demo_emblem("bulaq-2")).unwrap();
    assert_ne!(replacement.version, logo.version);
    db.set_logo(ids[1], &replacement, NOW).await.unwrap();
    let page = directory(&db, &everything).await;
    let bulaq = page.results.iter().find(|card| card.slug.as_str() == "bulaq").unwrap();
    assert_eq!(bulaq.logo_url, Some(format!("/logos/bulaq/128?v={}", replacement.version)));
}

/// The `max-age` of a `cache-control` header, in seconds.
fn max_age(headers: &axum::http::HeaderMap) -> u64 {
    let value = headers[header::CACHE_CONTROL].to_str().unwrap();
    value
        .split(',')
        .find_map(|directive| directive.trim().strip_prefix("max-age="))
        .unwrap_or_else(|| panic!("no max-age in {value}"))
        .parse()
        .unwrap()
}

async fn logos_are_served_in_three_sizes_with_validators(db: Database) {
    let ids = ecosystem(&db).await;
    let logo = Logo::from_square(&demo_emblem("xezer-cert")).unwrap();
    db.set_logo(ids[8], &logo, NOW).await.unwrap();
    let app = app(&db);

    let mut etags = Vec::new();
    for size in [64u32, 128, 256] {
        let path = format!("/logos/xezer-cert/{size}");
        let (status, headers, bytes) = get_bytes(&app, &path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers[header::CONTENT_TYPE], "image/png");
        let decoded = image::load_from_memory(&bytes).expect("a PNG");
        assert_eq!((decoded.width(), decoded.height()), (size, size), "{path}");
        let unversioned = headers[header::CACHE_CONTROL].to_str().unwrap().to_owned();
        assert!(!unversioned.contains("immutable") && max_age(&headers) <= 3600, "{path}: {unversioned}");
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();

        let (status, headers, body) = get(&app, &path, &[(header::IF_NONE_MATCH, &etag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}: the browser's copy is still good");
        assert!(body.is_empty());
        assert_eq!(headers[header::ETAG].to_str().unwrap(), etag);
        let (status, _, _) = get(&app, &path, &[(header::IF_NONE_MATCH, "\"something-else\"")]).await;
        assert_eq!(status, StatusCode::OK);

        let (status, headers, _) = get(&app, &format!("{path}?v={}", logo.version), &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
        assert!(max_age(&headers) >= 365 * 24 * 3600, "a year");
        let (_, headers, _) = get(&app, &format!("{path}?v=0123456789ab"), &[]).await;
        assert!(
            !headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"),
            "a stale version's address must not pin the current image for a year"
        );
        etags.push(etag);
    }
    etags.dedup();
    assert_eq!(etags.len(), 3, "each size has its own ETag");

    for path in [
        "/logos/xezer-cert/100",
        "/logos/xezer-cert/512",
        "/logos/xezer-cert/0",
        "/logos/xezer-cert/large",
        "/logos/xezer-cert/-1",
        "/logos/no-such-listing/128",
        "/logos/alov/128",
    ] {
        let (status, _, _) = get(&app, path, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }

    // Pages offer every size and let the browser fetch the one that fits: a card's 48 px logo is 64 px
    // at density 1 and 128 px on a phone's screen, not 256 px everywhere.
    let (_, _, page) = get(&app, "/en/organizations?kind=cert", &[]).await;
    let img = page.split("<img").skip(1).find(|tag| tag.contains("/logos/xezer-cert/")).expect("the logo on its card");
    let img = img.split('>').next().unwrap();
    let versioned = |size: u32| format!("/logos/xezer-cert/{size}?v={}", logo.version);
    assert!(img.contains(&format!(r#"src="{}""#, versioned(64))), "{img}");
    let srcset = format!(r#"srcset="{} 64w, {} 128w, {} 256w""#, versioned(64), versioned(128), versioned(256));
    assert!(img.contains(&srcset), "{img}");
    assert!(img.contains(r#"sizes="48px""#) && img.contains(r#"width="48""#), "{img}");

    // After a new logo, the old ETag no longer matches.
    db.set_logo(ids[8], &Logo::from_square(&demo_emblem("xezer-cert-2")).unwrap(), NOW).await.unwrap();
    let (status, headers, _) = get(&app, "/logos/xezer-cert/64", &[(header::IF_NONE_MATCH, &etags[0])]).await;
    assert_eq!(status, StatusCode::OK, "a changed logo is sent again");
    assert_ne!(headers[header::ETAG].to_str().unwrap(), etags[0]);
}
