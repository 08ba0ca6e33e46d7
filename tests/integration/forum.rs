//! The forum: the public page of an edition's panels and participants, the showcase filtered by a
//! panel, and staff managing editions, panels and participants (every change recorded).
use axum::http::StatusCode;
use qala::server::search::Search;
use qala::{
    domain::{
        curation::AuditFilter,
        directory::{DirectoryQuery, SearchQuery},
        lang::Lang,
        slug::Slug,
        user::StaffRole,
    },
    server::{db::Database, seed},
};
use time::OffsetDateTime;

use crate::{
    browser::Browser,
    editing::{location, person, two_listings},
    http::{app, get},
    on_both_engines,
};

async fn the_forum_page_shows_panels_and_the_showcase_filters_by_panel(db: Database) {
    seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    let app = app(&db);

    let (status, _, page) = get(&app, "/en/forum", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("National Cybersecurity Forum 2026"), "the newest edition opens the page");
    let panels = ["National cyber security ecosystem", "Critical information infrastructure security issues"];
    let first = page.find(panels[0]).expect("the first panel");
    assert!(page.find(panels[1]).expect("the second panel") > first, "panels in programme order");
    assert!(page.contains("Cyber security cooperation in the Organization of Turkic States"));
    assert!(page.contains("Tazy ID") && page.contains("Alov CERT"), "participants are listed");
    assert!(page.contains("/en/startups?panel=solutions-and-startups-2026"), "each panel links to its startups");

    let (_, _, older) = get(&app, "/en/forum?edition=baku-2025", &[]).await;
    assert!(older.contains("The first startup showcase.") && !older.contains("Critical information infrastructure"));
    let (missing, _, _) = get(&app, "/en/forum?edition=atlantis-1999", &[]).await;
    assert_eq!(missing, StatusCode::NOT_FOUND);
    let (_, _, russian) = get(&app, "/ru/forum", &[]).await;
    assert!(russian.contains("Вопросы безопасности критической информационной инфраструктуры"));

    // The showcase filtered by the startups panel: its startups, no other.
    let query = DirectoryQuery {
        panels: vec![Slug::parse("solutions-and-startups-2026").unwrap()],
        ..DirectoryQuery::default()
    };
    assert_eq!(query.to_query_string(), "panel=solutions-and-startups-2026");
    let showcase = Search::new(db.clone()).startups(&DirectoryQuery { page: 1, ..query }, Lang::En).await.unwrap();
    let names: Vec<String> = showcase.results.iter().map(|startup| startup.card.name.plain()).collect();
    let mut expected =
        vec!["Acharliq", "Band Networks", "Imzala", "Qarmaq AI", "Sarab Deception", "Sezgi Fraud Analytics"];
    let mut shown = names.clone();
    shown.sort();
    expected.sort();
    assert_eq!(shown, expected, "only the panel's startups (investors are not startups)");
    let facet =
        showcase.facets.panels.iter().find(|panel| panel.slug.as_str() == "solutions-and-startups-2026").unwrap();
    assert_eq!(
        (facet.count, facet.selected, facet.name.as_str()),
        (6, true, "Cyber security solutions and startups (2026)")
    );
    let (_, _, filtered) = get(&app, "/en/startups?panel=turkic-states-2026", &[]).await;
    assert!(filtered.contains("Tazy ID") && !filtered.contains("Qarmaq AI"), "the page filters too");
}

async fn post(staff: &mut Browser, fields: &[(&str, &str)]) -> String {
    let reply = staff.submit("/en/staff/forum", fields, "/en/staff/forum").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    location(&reply)
}

const EDITION: [(&str, &str); 6] = [
    ("slug", "baku-2027"),
    ("starts_on", "2027-10-07"),
    ("city", "Bakı"),
    ("az.name", "Forum 2027"),
    ("en.name", "Forum 2027"),
    ("ru.name", "Форум 2027"),
];

fn panel_fields(slug: &'static str, title: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![("slug", slug), ("az.title", title), ("en.title", title), ("ru.title", title), ("en.summary", "Who and why.")]
}

async fn staff_manage_editions_panels_and_participants(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (_, b_slug)] = two_listings(&db).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;

    // A date that is no date: refused with the reason, nothing added, what was typed kept.
    let mut bad = EDITION.to_vec();
    bad[1] = ("starts_on", "7 October");
    bad.push(("form", "edition-add"));
    bad.push(("op", "add_edition"));
    post(&mut curator, &bad).await;
    let page = curator.call("/api/staff/forum", &[("lang", "en")]).await;
    assert!(page.body.contains("InvalidDate") && page.body.contains("7 October"), "{}", page.body);
    assert!(db.forum_editions().await.unwrap().is_empty());

    let mut good = EDITION.to_vec();
    good.push(("op", "add_edition"));
    assert_eq!(post(&mut curator, &good).await, "/en/staff/forum?edition=baku-2027&changed=1");
    let edition = db.forum_editions().await.unwrap().remove(0);
    let edition_id = edition.id.to_string();
    // Staff read its first day as every page writes dates, in their language.
    let staff_page = curator.get("/ru/staff/forum?edition=baku-2027").await.body.replace("<!>", "");
    assert!(staff_page.contains("<code>baku-2027</code> · 7 октября 2027"), "{staff_page}");
    for (slug, title) in [("first-2027", "First panel"), ("second-2027", "Second panel")] {
        let mut fields = panel_fields(slug, title);
        fields.extend([("op", "add_panel"), ("edition_id", edition_id.as_str()), ("edition", "baku-2027")]);
        post(&mut curator, &fields).await;
    }
    let panels = db.forum_panels(Some(edition.id)).await.unwrap();
    assert_eq!(panels.iter().map(|panel| panel.slug.as_str()).collect::<Vec<_>>(), ["first-2027", "second-2027"]);
    let (first, second) = (panels[0].id.to_string(), panels[1].id.to_string());

    // A participant is found by part of its name and chosen; only the panel that searched lists what
    // was found.
    let chooser = format!("/en/staff/forum?edition=baku-2027&for=panel-{first}-find&find=bravo");
    let found = curator.get(&chooser).await.body.replace("<!>", "");
    assert!(
        found.contains(&format!(r#"<input type="radio" name="participant" value="{b_slug}" required>"#)),
        "{found}"
    );
    assert_eq!(found.matches(r#"name="participant""#).count(), 1, "one panel's choices");
    assert!(found.contains(&format!(r#"id="panel-{second}-find""#)), "every panel has its own search");

    // Participants are added by slug; an unknown one is refused.
    post(&mut curator, &[("op", "add_participant"), ("panel_id", &first), ("participant", "no-such-listing")]).await;
    assert!(db.forum_panels(Some(edition.id)).await.unwrap()[0].participant_ids.is_empty());
    for slug in [&a_slug, &b_slug] {
        post(&mut curator, &[("op", "add_participant"), ("panel_id", &first), ("participant", slug)]).await;
    }
    post(&mut curator, &[("op", "later"), ("id", &first)]).await;
    let (_, _, public) = get(&app, "/en/forum", &[]).await;
    let (at_first, at_second) = (public.find("First panel").unwrap(), public.find("Second panel").unwrap());
    assert!(at_second < at_first, "the first panel moved later");
    for slug in [&a_slug, &b_slug] {
        assert!(public.contains(&format!("/en/organizations/{slug}")), "both participants are listed");
    }

    post(&mut curator, &[("op", "remove_participant"), ("panel_id", &first), ("organization_id", &a_id.to_string())])
        .await;
    assert_eq!(db.forum_panels(Some(edition.id)).await.unwrap()[1].participant_ids.len(), 1);
    post(&mut curator, &[("op", "delete_panel"), ("id", &second)]).await;
    assert_eq!(db.forum_panels(Some(edition.id)).await.unwrap().len(), 1);

    let rows =
        db.audit_entries(&AuditFilter { action: "forum.".to_owned(), ..Default::default() }, 50, 0).await.unwrap();
    let actions: Vec<&str> = rows.iter().rev().map(|row| row.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "forum.edition.add",
            "forum.panel.add",
            "forum.panel.add",
            "forum.participant.add",
            "forum.participant.add",
            "forum.panel.reorder",
            "forum.participant.remove",
            "forum.panel.delete",
        ]
    );
    assert!(rows.iter().all(|row| row.actor == "curator@forum.example"));
}

on_both_engines!(
    the_forum_page_shows_panels_and_the_showcase_filters_by_panel,
    staff_manage_editions_panels_and_participants
);
