//! Directory search, facets, order and pages: every rule on both engines.
use qala::server::search::Search;
use qala::{
    domain::{
        country::Country,
        directory::{DirectoryPage, DirectoryQuery, PAGE_SIZE, SearchQuery},
        lang::{Lang, Translations},
        organization::{ListingStatus, NewOrganization, OrganizationKind, OrganizationText},
        solution::{SolutionDetails, SolutionKind, SolutionText},
        startup::{StartupFacts, StartupNeed, StartupStage},
    },
    server::db::Database,
};
use time::{Duration, OffsetDateTime, macros::datetime};

use crate::{on_both_engines, repository::organization};

const NOW: OffsetDateTime = datetime!(2026-11-28 12:00:00 UTC);

fn described(name_az: &str, kind: OrganizationKind, summary: &str, description: &str) -> NewOrganization {
    let mut listing = organization(name_az, kind);
    let text = OrganizationText {
        name: name_az.to_owned(),
        short_description: Some(summary.to_owned()),
        description: Some(description.to_owned()),
    };
    listing.profile.texts = Translations::new().with(Lang::Az, text.clone()).with(Lang::En, text);
    listing
}

/// A small ecosystem that exercises every search rule; created oldest first.
async fn seed(db: &Database) {
    let categories = db.categories().await.unwrap();
    let category = |slug: &str| categories.iter().find(|category| category.slug.as_str() == slug).unwrap().id;
    let siem = category("siem");
    let cyber_ranges = category("cyber-ranges");
    let finance = db.sectors().await.unwrap().into_iter().find(|sector| sector.slug.as_str() == "finance").unwrap().id;
    let ai = db.tags().await.unwrap().into_iter().find(|tag| tag.slug.as_str() == "ai").unwrap().id;

    let mut abseron = described(
        "Abşeron Kiber Mühafizə Şirkəti",
        OrganizationKind::Company,
        "Bankalar üçün kibertəhlükəsizlik xidmətləri",
        "Managed detection for banks.",
    );
    abseron.profile.category_ids = vec![siem];
    abseron.profile.sector_ids = vec![finance];
    abseron.verified_at = Some(NOW);

    let mut isik =
        described("Işık Siber Güvenlik A.Ş.", OrganizationKind::Company, "Sızma testleri", "Red team and pentest.");
    isik.profile.facts.country = Country::Turkiye;
    isik.profile.facts.city = Some("İstanbul".to_owned());
    isik.profile.tag_ids = vec![ai];

    let mut shield = described("Kiber Shield", OrganizationKind::Startup, "Phishing detection", "Email protection.");
    shield.profile.texts.insert(
        Lang::Ru,
        OrganizationText { name: "Кибер Щит".to_owned(), short_description: None, description: None },
    );
    shield.profile.facts.country = Country::Kazakhstan;
    shield.profile.facts.city = Some("Almaty".to_owned());
    shield.profile.startup = Some(StartupFacts {
        stage: StartupStage::Mvp,
        funding_raised: None,
        looking_for: vec![StartupNeed::Investment],
        pitch: Translations::new().with(Lang::En, "Stops phishing".to_owned()),
        demo_video_url: None,
        technology_readiness: None,
    });

    let mut ranges = described(
        "Qala Akademiya",
        OrganizationKind::TrainingProvider,
        "Kiber poliqon təlimləri",
        "A network security research and training centre.",
    );
    ranges.profile.category_ids = vec![cyber_ranges];

    let mut siper = described("Data Sipər", OrganizationKind::Company, "Məlumatların qorunması", "Backups.");
    siper.solutions = vec![SolutionDetails {
        kind: SolutionKind::Product,
        texts: Translations::new()
            .with(Lang::Az, SolutionText { name: "Sentinel Gözətçi".to_owned(), description: None })
            .with(
                Lang::En,
                SolutionText { name: "Sentinel Watch".to_owned(), description: Some("Log monitoring".to_owned()) },
            ),
        deployment: None,
        certifications: vec![],
        url: None,
        category_ids: vec![siem],
        sector_ids: vec![],
    }];

    let mut hidden = described("Gizli Kiber", OrganizationKind::Company, "Kiber", "Kiber");
    hidden.status = ListingStatus::Draft;

    let listings = [abseron, isik, shield, ranges, siper, hidden];
    for (age, listing) in listings.iter().enumerate() {
        let created = NOW - Duration::days(100 - i64::try_from(age).unwrap());
        db.insert_organizations(std::slice::from_ref(listing), created).await.unwrap();
    }
    let filler: Vec<NewOrganization> = (1..=25)
        .map(|number| described(&format!("Bulud Firma {number:02}"), OrganizationKind::Company, "Bulud", "Cloud"))
        .collect();
    db.insert_organizations(&filler, NOW - Duration::days(200)).await.unwrap();
}

async fn search(db: &Database, pairs: &[(&str, &str)]) -> DirectoryPage {
    let (query, ignored) = DirectoryQuery::from_pairs(pairs.iter().copied());
    assert!(ignored.is_empty(), "{ignored:?}");
    Search::new(db.clone()).directory(&query, Lang::En).await.unwrap()
}

fn slugs(page: &DirectoryPage) -> Vec<&str> {
    page.results.iter().map(|card| card.slug.as_str()).collect()
}

async fn finds(db: &Database, text: &str) -> Vec<String> {
    slugs(&search(db, &[("q", text)]).await).into_iter().map(str::to_owned).collect()
}

on_both_engines!(
    turkic_letters_fold_both_ways,
    cyrillic_and_latin_meet,
    prefixes_match_as_the_user_types,
    one_typo_is_forgiven_in_long_words,
    every_word_must_match_and_names_rank_first,
    solutions_categories_and_tags_are_searched,
    facets_count_what_each_choice_would_give,
    pages_and_orders,
    drafts_and_nonsense_stay_out,
    a_city_is_one_place_in_every_spelling,
    every_instance_sees_a_change_on_its_next_search,
);

/// Two app instances (two search handles, each with its own index, on two connections) both answer
/// from indexes built before a change, and both find the new listing on their next question.
async fn every_instance_sees_a_change_on_its_next_search(db: Database) {
    seed(&db).await;
    let other = db.reopen().await.unwrap();
    let instances = [Search::new(db.clone()), Search::new(other.clone())];
    let (query, _) = DirectoryQuery::from_pairs([("q", "sirket")]);
    for search in &instances {
        assert_eq!(search.directory(&query, Lang::En).await.unwrap().total, 1);
    }
    let newcomer = described("Şirvan Kiber Şirkəti", OrganizationKind::Company, "Şirkət", "Yeni şirkət");
    other.insert_organizations(&[newcomer], NOW).await.unwrap();
    for search in &instances {
        let found = search.directory(&query, Lang::En).await.unwrap();
        assert_eq!(slugs(&found), ["abseron-kiber-muhafize-sirketi", "sirvan-kiber-sirketi"]);
    }
    other.close().await;
}

async fn turkic_letters_fold_both_ways(db: Database) {
    seed(&db).await;
    assert_eq!(finds(&db, "sirket").await, ["abseron-kiber-muhafize-sirketi"]);
    for spelling in ["ISIK", "ışık", "Işık", "isik"] {
        assert_eq!(finds(&db, spelling).await, ["isik-siber-guvenlik-a-s"], "{spelling}");
    }
    assert_eq!(finds(&db, "istanbul").await, ["isik-siber-guvenlik-a-s"], "a city is searched too");
}

async fn cyrillic_and_latin_meet(db: Database) {
    seed(&db).await;
    let latin = finds(&db, "kiber").await;
    let cyrillic = finds(&db, "кибер").await;
    assert_eq!(latin, cyrillic, "кибер and kiber are the same word");
    assert!(latin.contains(&"kiber-shield".to_owned()) && latin.contains(&"abseron-kiber-muhafize-sirketi".to_owned()));
    assert_eq!(finds(&db, "щит").await, ["kiber-shield"], "a Cyrillic name is found from its Latin twin's listing");
}

async fn prefixes_match_as_the_user_types(db: Database) {
    seed(&db).await;
    // kibert is also one letter from kiber, but the listing it is a prefix for comes first.
    assert_eq!(finds(&db, "kibert").await[0], "abseron-kiber-muhafize-sirketi", "kibertəhlükəsizlik");
    assert_eq!(finds(&db, "kibertəh").await, ["abseron-kiber-muhafize-sirketi"]);
    assert_eq!(finds(&db, "Işı").await, ["isik-siber-guvenlik-a-s"]);
    let page = search(&db, &[("q", "kibert")]).await;
    let marked: Vec<String> = page.results[0]
        .short_description
        .as_ref()
        .unwrap()
        .fragments
        .iter()
        .filter(|fragment| fragment.matched)
        .map(|fragment| fragment.text.clone())
        .collect();
    assert_eq!(marked, ["kibertəhlükəsizlik"], "the matched word is highlighted as written");
}

async fn one_typo_is_forgiven_in_long_words(db: Database) {
    seed(&db).await;
    let security = finds(&db, "security").await;
    assert!(security.contains(&"qala-akademiya".to_owned()), "{security:?}");
    for typo in ["secruity", "securty", "securityy", "sekurity"] {
        assert_eq!(finds(&db, typo).await, security, "{typo}");
    }
    assert!(finds(&db, "secrity qqq").await.is_empty(), "every word must still match");
    assert!(finds(&db, "sekurty").await.is_empty(), "two typos are too many");
    assert!(finds(&db, "qula").await.is_empty(), "four-letter words get no typo allowance (qala)");
    assert_eq!(search(&db, &[("q", "bulut")]).await.total, 25, "five letters do (bulud)");
    let page = search(&db, &[("q", "secruity")]).await;
    let academy = page.results.iter().find(|card| card.slug.as_str() == "qala-akademiya").unwrap();
    assert!(academy.short_description.as_ref().unwrap().fragments.iter().all(|fragment| !fragment.matched));
}

async fn every_word_must_match_and_names_rank_first(db: Database) {
    seed(&db).await;
    let results = finds(&db, "kiber").await;
    // Names with "kiber" first, then listings that only mention it.
    let position = |slug: &str| results.iter().position(|found| found == slug).unwrap();
    assert!(position("kiber-shield") < position("qala-akademiya"));
    assert!(position("abseron-kiber-muhafize-sirketi") < position("qala-akademiya"));
    assert_eq!(finds(&db, "kiber shield").await, ["kiber-shield"]);
    assert!(finds(&db, "kiber qwertyuiop").await.is_empty());
    let page = search(&db, &[("q", "kiber shield")]).await;
    let name: Vec<(String, bool)> =
        page.results[0].name.fragments.iter().map(|fragment| (fragment.text.clone(), fragment.matched)).collect();
    assert_eq!(name, [("Kiber".to_owned(), true), (" ".to_owned(), false), ("Shield".to_owned(), true)]);
}

async fn solutions_categories_and_tags_are_searched(db: Database) {
    seed(&db).await;
    assert_eq!(finds(&db, "sentinel").await, ["data-siper"], "a solution's name");
    assert_eq!(finds(&db, "monitoring").await, ["data-siper"], "a solution's description, in English");
    let siem = finds(&db, "siem").await;
    assert_eq!(siem, ["abseron-kiber-muhafize-sirketi", "data-siper"], "a category's name, its own or its solution's");
    assert_eq!(finds(&db, "intellekt").await, ["isik-siber-guvenlik-a-s"], "a tag's Azerbaijani name");
    assert_eq!(finds(&db, "poliqonlar").await, ["qala-akademiya"], "a category's Azerbaijani name");
    assert!(finds(&db, "banking").await.contains(&"abseron-kiber-muhafize-sirketi".to_owned()), "a sector's name");
}

async fn facets_count_what_each_choice_would_give(db: Database) {
    seed(&db).await;
    let all = search(&db, &[]).await;
    assert_eq!(all.total, 30, "published listings only");
    let count = |page: &DirectoryPage, kind: OrganizationKind| {
        page.facets.kinds.iter().find(|f| f.value == kind).unwrap().count
    };
    assert_eq!(count(&all, OrganizationKind::Company), 28);
    assert_eq!(count(&all, OrganizationKind::Startup), 1);

    let companies = search(&db, &[("kind", "company")]).await;
    assert_eq!(companies.total, 28);
    assert_eq!(count(&companies, OrganizationKind::Startup), 1, "a facet is counted without its own filter");
    let turkey = companies.facets.countries.iter().find(|f| f.value == Country::Turkiye).unwrap();
    assert_eq!((turkey.count, turkey.selected), (1, false), "other facets follow the filter");
    assert!(companies.facets.kinds.iter().find(|f| f.value == OrganizationKind::Company).unwrap().selected);

    let both = search(&db, &[("kind", "company"), ("kind", "startup")]).await;
    assert_eq!(both.total, 29, "values of one facet add up");
    let in_kazakhstan = search(&db, &[("kind", "company"), ("country", "KZ")]).await;
    assert_eq!(in_kazakhstan.total, 0, "facets narrow each other");
    assert!(in_kazakhstan.results.is_empty());

    let siem = search(&db, &[("category", "siem")]).await;
    assert_eq!(slugs(&siem), ["abseron-kiber-muhafize-sirketi"], "the listing's own categories");
    let operations = search(&db, &[("category", "security-operations")]).await;
    assert_eq!(operations.total, 1, "a top-level category brings its children");
    let parent = all.facets.categories.iter().find(|facet| facet.slug.as_str() == "security-operations").unwrap();
    assert_eq!(parent.count, 1);
    assert_eq!(parent.children.iter().find(|child| child.slug.as_str() == "siem").unwrap().count, 1);

    assert_eq!(all.facets.verified.count, 1);
    assert_eq!(slugs(&search(&db, &[("verified", "1")]).await), ["abseron-kiber-muhafize-sirketi"]);
    assert_eq!(search(&db, &[("sector", "finance")]).await.total, 1);
    let mvp = all.facets.stages.iter().find(|facet| facet.value == StartupStage::Mvp).unwrap();
    assert_eq!(mvp.count, 1);
    assert_eq!(slugs(&search(&db, &[("need", "investment")]).await), ["kiber-shield"]);
    let istanbul = all.facets.cities.iter().find(|facet| facet.value == "istanbul").unwrap();
    assert_eq!(istanbul.count, 1);
    assert_eq!(slugs(&search(&db, &[("city", "istanbul")]).await), ["isik-siber-guvenlik-a-s"]);

    let with_text = search(&db, &[("q", "kiber")]).await;
    // Abşeron by name, and Işık, whose "Siber" is one letter from "kiber".
    assert_eq!(count(&with_text, OrganizationKind::Company), 2, "counts follow the search words too");
}

async fn pages_and_orders(db: Database) {
    seed(&db).await;
    let first = search(&db, &[("sort", "name")]).await;
    assert_eq!((first.total, first.page_count), (30, 2));
    assert_eq!(first.results.len(), PAGE_SIZE as usize);
    assert_eq!(first.results[0].slug.as_str(), "abseron-kiber-muhafize-sirketi", "folded: Abşeron sorts as abseron");
    let second = search(&db, &[("sort", "name"), ("page", "2")]).await;
    assert_eq!(second.results.len(), 10);
    assert_eq!(second.page, 2);
    let mut all: Vec<&str> = slugs(&first);
    all.extend(slugs(&second));
    let mut sorted = all.clone();
    sorted.sort_by_key(|slug| slug.to_string());
    assert_eq!(all.len(), 30);
    sorted.dedup();
    assert_eq!(sorted.len(), 30, "no listing on two pages");

    let newest = search(&db, &[("sort", "newest")]).await;
    assert_eq!(newest.results[0].slug.as_str(), "data-siper", "the newest published listing first");
    let beyond = search(&db, &[("page", "9")]).await;
    assert!(beyond.results.is_empty() && beyond.total == 30);
}

async fn drafts_and_nonsense_stay_out(db: Database) {
    seed(&db).await;
    assert!(!finds(&db, "gizli").await.iter().any(|slug| slug.starts_with("gizli")), "a draft is never public");
    let unknown = search(&db, &[("category", "no-such-category")]).await;
    assert_eq!(unknown.total, 0, "an unknown category matches nothing");
    for odd in ["%", "'; DROP TABLE organizations; --", "    ", "a", "ə", "\u{0}"] {
        let (query, _) = DirectoryQuery::from_pairs([("q", odd)]);
        Search::new(db.clone()).directory(&query, Lang::Az).await.unwrap_or_else(|error| panic!("{odd:?}: {error}"));
    }
    assert_eq!(db.count_organizations().await.unwrap(), 31);
}

/// Bakı, Baku and Баку are one city: found by any name, counted once, filtered by any spelling.
async fn a_city_is_one_place_in_every_spelling(db: Database) {
    let spellings = ["Bakı", "Baku", "Баку"];
    let listings: Vec<NewOrganization> = spellings
        .iter()
        .enumerate()
        .map(|(number, city)| {
            let mut listing =
                described(&format!("Şəhər Firma {number}"), OrganizationKind::Company, "Xidmət", "Services");
            listing.profile.facts.city = Some((*city).to_owned());
            listing
        })
        .chain(std::iter::once({
            let mut elsewhere = described("Qəbələ Firma", OrganizationKind::Company, "Xidmət", "Services");
            elsewhere.profile.facts.city = Some("Qəbələ".to_owned());
            elsewhere
        }))
        .collect();
    db.insert_organizations(&listings, NOW).await.unwrap();

    for typed in spellings.iter().chain(&["baki", "BAKU"]) {
        let found = search(&db, &[("q", typed)]).await;
        assert_eq!(found.total, 3, "«{typed}» finds the three listings in Baku");
    }
    let all = search(&db, &[]).await;
    let cities: Vec<(&str, u64)> = all.facets.cities.iter().map(|city| (city.value.as_str(), city.count)).collect();
    assert_eq!(cities, [("baku", 3), ("Qəbələ", 1)], "one facet value per place; an unknown city as typed");
    for chosen in ["baku", "Bakı", "Baku", "Баку"] {
        let filtered = search(&db, &[("city", chosen)]).await;
        assert_eq!(filtered.total, 3, "city={chosen}");
        assert!(filtered.facets.cities.iter().find(|city| city.value == "baku").unwrap().selected, "city={chosen}");
    }
    assert_eq!(search(&db, &[("city", "Qəbələ")]).await.total, 1);
}
