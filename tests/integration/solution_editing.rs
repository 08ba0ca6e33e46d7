//! Organizations editing their solutions over HTTP: added, changed and removed at once for a verified
//! listing, waiting for staff otherwise (who may approve some of it), refused forms that keep what was
//! typed, and nobody reaching another listing's solutions.
use axum::http::StatusCode;
use qala::{
    domain::{
        editing::RevisionStatus,
        lang::Lang,
        solution::{Solution, SolutionKind},
        user::{MembershipRole, StaffRole},
    },
    server::db::Database,
};
use time::OffsetDateTime;

use crate::{
    browser::{Browser, Reply},
    editing::{location, person, post_profile, profile_form, public_name, two_listings},
    http::{app, get},
    on_both_engines,
    repository::solution,
};

/// Posts a solution's form (`key` is `new`, a solution's id or `draft-N`) as the page without
/// JavaScript does.
pub async fn post_solution(browser: &mut Browser, slug: &str, key: &str, fields: &[(&str, &str)]) -> Reply {
    let path = format!("/en/account/organizations/{slug}/solutions/{key}");
    browser.submit(&path, fields, &path).await
}

/// A subcategory and a sector from the reference taxonomy.
async fn terms(db: &Database) -> (String, String) {
    let category = db.categories().await.unwrap().into_iter().find(|category| category.parent_id.is_some()).unwrap();
    let sector = db.sectors().await.unwrap().remove(0);
    (category.id.to_string(), sector.id.to_string())
}

/// The English name, or the name in another language where it has none.
fn english_name(solution: &Solution) -> String {
    solution.details.texts.pick(Lang::En).map(|text| text.value.name.clone()).unwrap_or_default()
}

async fn names(db: &Database, organization_id: i64) -> Vec<String> {
    db.solutions_of(organization_id).await.unwrap().iter().map(english_name).collect()
}

async fn a_verified_listings_solutions_change_at_once(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), _] = two_listings(&db).await;
    let (category, sector) = terms(&db).await;
    let mut editor = person(&app, &db, "editor@alfa.example", None, Some((a_id, MembershipRole::Editor))).await;

    let added = post_solution(
        &mut editor,
        &a_slug,
        "new",
        &[
            ("en.name", "Alfa Gatekeeper"),
            ("az.name", "Alfa Qapıçı"),
            ("en.description", "Stops **intruders** at the edge."),
            ("kind", "product"),
            ("deployment", "cloud"),
            ("url", "https://alfa.example/gatekeeper"),
            ("certifications", "ISO 27001"),
            ("category", &category),
            ("sector", &sector),
        ],
    )
    .await;
    assert_eq!(location(&added), format!("/en/account/organizations/{a_slug}?solution=published#solutions"));
    let solutions = db.solutions_of(a_id).await.unwrap();
    assert_eq!(solutions.len(), 1);
    let gatekeeper = &solutions[0];
    assert_eq!(english_name(gatekeeper), "Alfa Gatekeeper");
    assert_eq!(
        (gatekeeper.details.kind, gatekeeper.details.category_ids.clone()),
        (SolutionKind::Product, vec![category.parse().unwrap()])
    );
    let (status, _, page) = get(&app, &format!("/en/solutions/{}", gatekeeper.slug), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Alfa Gatekeeper") && page.contains("<strong>intruders</strong>"));
    let (_, _, directory) = get(&app, "/en/organizations?q=gatekeeper", &[]).await;
    assert!(directory.contains(&a_slug), "the directory finds the listing by its new solution");

    let id = gatekeeper.id.to_string();
    let changed =
        post_solution(&mut editor, &a_slug, &id, &[("en.name", "Alfa Gatekeeper 2"), ("kind", "service")]).await;
    assert_eq!(location(&changed), format!("/en/account/organizations/{a_slug}?solution=published#solutions"));
    let solutions = db.solutions_of(a_id).await.unwrap();
    assert_eq!(english_name(&solutions[0]), "Alfa Gatekeeper 2");
    assert_eq!(solutions[0].slug, gatekeeper.slug, "its address stays");
    assert!(solutions[0].details.category_ids.is_empty(), "a category left unticked is dropped");

    post_solution(&mut editor, &a_slug, &id, &[("intent", "remove")]).await;
    assert!(db.solutions_of(a_id).await.unwrap().is_empty());
    let (status, _, _) = get(&app, &format!("/en/solutions/{}", gatekeeper.slug), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let audit = db.latest_revision(a_id).await.unwrap().unwrap();
    assert_eq!(audit.summary.status, RevisionStatus::Published);
}

async fn an_unverified_listings_solution_changes_wait_for_staff(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let existing_id =
        db.insert_solutions(&[solution(b_id, "Bravo Audit")], OffsetDateTime::now_utc()).await.unwrap()[0];
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;

    let added = post_solution(&mut owner, &b_slug, "new", &[("en.name", "Bravo Scan"), ("kind", "product")]).await;
    assert_eq!(location(&added), format!("/en/account/organizations/{b_slug}?solution=pending#solutions"));
    let draft = db.latest_revision(b_id).await.unwrap().unwrap().solution_edits[0].key().to_string();
    assert!(draft.starts_with("draft-"), "{draft}");
    let existing = existing_id.to_string();
    post_solution(&mut owner, &b_slug, &existing, &[("en.name", "Bravo Audit Plus"), ("kind", "service")]).await;
    // A profile change made meanwhile keeps the solution changes that wait with it.
    post_profile(&mut owner, &b_slug, &profile_form("Bravo Security")).await;
    assert_eq!(names(&db, b_id).await, ["Bravo Audit"], "the public still sees the solution as it was");
    let editor = owner.get(&format!("/en/account/organizations/{b_slug}")).await;
    assert!(editor.body.contains("Bravo Scan") && editor.body.contains("Bravo Audit Plus"), "{}", editor.body);
    assert!(editor.body.contains("New, waiting for review") && editor.body.contains("Changed, waiting for review"));
    let form = owner.get(&format!("/en/account/organizations/{b_slug}/solutions/{draft}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"value="Bravo Scan""#), "the waiting addition opens in its form");

    // Staff see each solution as a row of the change and approve the addition alone.
    let revision = db.latest_revision(b_id).await.unwrap().unwrap();
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let revision_id = revision.summary.id.to_string();
    let review = curator.call("/api/staff/review", &[("revision_id", &revision_id), ("lang", "en")]).await.body;
    assert!(
        review.contains(&format!("solution:{draft}")) && review.contains(&format!("solution:{existing}")),
        "{review}"
    );
    let review: serde_json::Value = serde_json::from_str(&review).unwrap();
    let added =
        review["data"]["solutions"].as_array().unwrap().iter().find(|row| row["field"] == format!("solution:{draft}"));
    let added = added.expect("the addition is a solution of the review");
    assert_eq!((added["name"].as_str(), added["state"].as_str()), (Some("Bravo Scan"), Some("added")));
    let name = added["changes"].as_array().unwrap().iter().find(|change| change["field"] == "en.name").unwrap();
    assert_eq!(name["after"][0]["text"], "Bravo Scan", "shown as a named field, not a `field: value` dump");
    let shown = curator.get(&format!("/en/staff/revisions/{revision_id}")).await.body.replace("<!>", "");
    assert!(shown.contains("Solution: Bravo Scan (new solution)") && shown.contains("Name (EN)"), "{shown}");
    let page = format!("/en/staff/revisions/{}", revision.summary.id);
    let chosen = format!("solution:{draft}");
    let decided = curator.submit(&page, &[("decision", "approve_fields"), ("field", &chosen)], &page).await;
    assert_eq!(location(&decided), format!("{page}?decided=1"));
    let mut public = names(&db, b_id).await;
    public.sort();
    assert_eq!(public, ["Bravo Audit", "Bravo Scan"], "only the chosen addition is public");
    assert_ne!(public_name(&db, &b_slug).await, "Bravo Security", "the profile change was not chosen");

    // A removal staff reject leaves the solution where it is.
    post_solution(&mut owner, &b_slug, &existing, &[("intent", "remove")]).await;
    let editor = owner.get(&format!("/en/account/organizations/{b_slug}")).await;
    assert!(editor.body.contains("Removal waiting for review"));
    let revision = db.latest_revision(b_id).await.unwrap().unwrap();
    let page = format!("/en/staff/revisions/{}", revision.summary.id);
    curator.submit(&page, &[("decision", "reject"), ("reason", "Still sold, per its website.")], &page).await;
    assert_eq!(db.solutions_of(b_id).await.unwrap().len(), 2);
    let editor = owner.get(&format!("/en/account/organizations/{b_slug}")).await;
    assert!(editor.body.contains("Still sold, per its website."), "the editor sees why");

    // Withdrawing a waiting change takes it back without staff.
    post_solution(&mut owner, &b_slug, &existing, &[("en.name", "Bravo Audit Max"), ("kind", "service")]).await;
    post_solution(&mut owner, &b_slug, &existing, &[("intent", "withdraw")]).await;
    let latest = db.latest_revision(b_id).await.unwrap().unwrap();
    assert!(latest.solution_edits.is_empty(), "{:?}", latest.solution_edits);
}

async fn a_refused_solution_keeps_what_was_typed(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), _] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@alfa.example", None, Some((a_id, MembershipRole::Owner))).await;
    let form = format!("/en/account/organizations/{a_slug}/solutions/new");
    let refused = post_solution(
        &mut owner,
        &a_slug,
        "new",
        &[
            ("ru.description", "Описание без названия"),
            ("kind", "product"),
            ("url", "alfa dot example"),
            ("category", "999999"),
        ],
    )
    .await;
    assert_eq!((refused.status, location(&refused)), (StatusCode::SEE_OTHER, form.clone()));
    let data = owner.call("/api/editing/solution", &[("slug", &a_slug), ("key", "new"), ("lang", "en")]).await;
    for field in [r#""field":"ru.name""#, r#""field":"url""#, "Описание без названия", "alfa dot example"]
    {
        assert!(data.body.contains(field), "{field} in {}", data.body);
    }
    // A description without its name is explained by its language, and the alert names the panel.
    post_solution(&mut owner, &a_slug, "new", &[("ru.description", "Описание без названия"), ("kind", "product")])
        .await;
    let page = owner.get(&form).await.body;
    let explained = "A Russian description needs a Russian name.";
    assert_eq!(page.matches(explained).count(), 2, "next to the field and in the alert");
    assert!(page.contains("Open “Русский” to give it."), "the alert names the panel to open");
    let unknown = post_solution(
        &mut owner,
        &a_slug,
        "new",
        &[("en.name", "Alfa Lens"), ("kind", "product"), ("category", "999999")],
    )
    .await;
    assert_eq!(location(&unknown), form);
    let page = owner.get(&form).await;
    assert!(page.body.contains("Alfa Lens"), "the typed name is back in the form");
    assert!(db.solutions_of(a_id).await.unwrap().is_empty() && db.latest_revision(a_id).await.unwrap().is_none());
}

async fn nobody_reaches_another_listings_solutions(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (b_id, b_slug)] = two_listings(&db).await;
    let b_solution = db.insert_solutions(&[solution(b_id, "Bravo Audit")], OffsetDateTime::now_utc()).await.unwrap()[0];
    let mut owner_of_a = person(&app, &db, "owner@alfa.example", None, Some((a_id, MembershipRole::Owner))).await;
    let key = b_solution.to_string();
    // Through A's own listing, B's solution is not there to change.
    for fields in [vec![("en.name", "Taken over"), ("kind", "product")], vec![("intent", "remove")]] {
        let reply = post_solution(&mut owner_of_a, &a_slug, &key, &fields).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
        let reply = post_solution(&mut owner_of_a, &b_slug, &key, &fields).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    }
    // Nor does a form that would be refused tell them anything about B: the right comes first.
    let invalid = post_solution(&mut owner_of_a, &b_slug, "new", &[("kind", "gadget")]).await;
    assert_eq!(invalid.status, StatusCode::FORBIDDEN, "{}", invalid.body);
    let form = owner_of_a.call("/api/editing/solution", &[("slug", &a_slug), ("key", &key), ("lang", "en")]).await;
    assert_eq!(form.status, StatusCode::NOT_FOUND);
    assert_eq!(names(&db, b_id).await, ["Bravo Audit"]);
    assert!(db.latest_revision(a_id).await.unwrap().is_none() && db.latest_revision(b_id).await.unwrap().is_none());
}

on_both_engines!(
    a_verified_listings_solutions_change_at_once,
    an_unverified_listings_solution_changes_wait_for_staff,
    a_refused_solution_keeps_what_was_typed,
    nobody_reaches_another_listings_solutions,
);
