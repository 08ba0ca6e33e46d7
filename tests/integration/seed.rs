//! The demo ecosystem and the synthetic generator.
use qala::server::search::Search;
use std::collections::HashSet;

use qala::{
    domain::{
        city::KnownCity,
        directory::{DirectoryQuery, SearchQuery},
        lang::Lang,
        organization::{ListingStatus, OrganizationKind},
    },
    server::{db::Database, seed},
};
use time::OffsetDateTime;

use crate::on_both_engines;

on_both_engines!(demo_data_is_a_complete_fictional_ecosystem, synthetic_listings_load_in_bulk);

async fn demo_data_is_a_complete_fictional_ecosystem(db: Database) {
    assert!(!db.demo_data_loaded().await.unwrap());
    let loaded = seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    assert!(loaded.organizations >= 80, "{loaded:?}");
    assert!(loaded.solutions >= 120, "{loaded:?}");
    assert!(db.demo_data_loaded().await.unwrap(), "pages must say the data is fictional");

    let organizations = db.all_organizations().await.unwrap();
    assert_eq!(organizations.len(), loaded.organizations);
    let kinds: HashSet<_> = organizations.iter().map(|o| o.profile.kind).collect();
    assert_eq!(kinds.len(), OrganizationKind::ALL.len(), "every kind is represented");
    let countries: HashSet<_> = organizations.iter().map(|o| o.profile.facts.country).collect();
    assert!(countries.len() >= 3, "{countries:?}");
    let startups_with_facts = organizations
        .iter()
        .filter(|o| o.profile.kind == OrganizationKind::Startup && o.profile.startup.is_some())
        .count();
    assert!(startups_with_facts >= 25, "{startups_with_facts} startups with facts");

    let mut with_russian = 0;
    for organization in &organizations {
        for lang in [Lang::Az, Lang::En] {
            let text =
                organization.profile.texts.get(lang).unwrap_or_else(|| panic!("{} lacks {lang}", organization.slug));
            assert!(text.short_description.is_some() && text.description.is_some(), "{} {lang}", organization.slug);
        }
        with_russian += usize::from(organization.profile.texts.get(Lang::Ru).is_some());
        for address in [&organization.profile.facts.website, &organization.profile.facts.email].into_iter().flatten() {
            assert!(address.ends_with(".example") || address.contains(".example/"), "fictional address {address}");
        }
    }
    assert!(with_russian > 0 && with_russian < organizations.len(), "part of it in Russian: {with_russian}");
    let names: String =
        organizations.iter().flat_map(|o| o.profile.texts.iter().map(|(_, t)| t.name.clone())).collect();
    for letter in ['ə', 'ş', 'ç', 'ğ', 'ı', 'ö', 'ü', 'İ'] {
        assert!(names.contains(letter), "names use {letter}");
    }
    assert!(names.chars().any(|c| ('а'..='я').contains(&c)), "some names are Cyrillic");

    // Every demo city is one the vocabulary names in three languages, and a search in any of its names
    // finds the same listings as the facet.
    for organization in &organizations {
        let city = organization.profile.facts.city.as_deref().unwrap_or("Bakı");
        assert!(KnownCity::find(city).is_some(), "{} is in {city}, which the vocabulary lacks", organization.slug);
    }
    let in_baku = organizations
        .iter()
        .filter(|o| o.status == ListingStatus::Published && o.profile.facts.city.as_deref() == Some("Bakı"))
        .count();
    assert!(in_baku >= 40, "{in_baku}");
    let everything = Search::new(db.clone()).directory(&DirectoryQuery::default(), Lang::En).await.unwrap();
    let baku = everything.facets.cities.iter().find(|city| city.value == "baku").expect("Baku in the city facet");
    assert_eq!(baku.count, u64::try_from(in_baku).unwrap(), "the facet counts Baku once");
    for typed in ["Baku", "Bakı", "Баку", "baki"] {
        let query = DirectoryQuery::from_query_string(&format!("q={typed}")).0;
        let found = Search::new(db.clone()).directory(&query, Lang::Ru).await.unwrap();
        assert!(found.total >= baku.count, "«{typed}» found {} of Baku's {}", found.total, baku.count);
    }

    // Demo data is only loaded into an empty directory.
    let again = seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    assert_eq!(again.organizations, 0);
    assert_eq!(db.count_organizations().await.unwrap(), i64::try_from(loaded.organizations).unwrap());
}

async fn synthetic_listings_load_in_bulk(db: Database) {
    let (organizations, solutions) = seed::synthetic::load(&db, 1_200, OffsetDateTime::now_utc()).await.unwrap();
    assert_eq!(organizations, 1_200);
    assert!(solutions >= 600, "{solutions}");
    let stored = db.all_organizations().await.unwrap();
    assert_eq!(stored.len(), 1_200);
    let slugs: HashSet<_> = stored.iter().map(|o| o.slug.clone()).collect();
    assert_eq!(slugs.len(), stored.len(), "slugs are unique");
    assert!(stored.iter().all(|o| o.profile.texts.get(Lang::Az).is_some() && o.profile.texts.get(Lang::En).is_some()));
}
