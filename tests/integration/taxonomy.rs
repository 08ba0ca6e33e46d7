//! Forum staff curating the taxonomy over HTTP: adding, renaming, reordering, moving uses and deleting
//! categories, sectors and tags, with the public vocabulary following and every change recorded.
use axum::http::StatusCode;
use qala::{
    domain::{
        curation::AuditFilter,
        editing::solutions::SolutionEdit,
        lang::{Lang, Translations},
        slug::Slug,
        taxonomy::{ManagedTerm, TermDraft, TermKind},
        user::{MembershipRole, StaffRole},
    },
    server::db::{Actor, AuditRecord, Database},
};

use crate::{
    browser::Browser,
    editing::{location, person, post_profile, profile_form, two_listings},
    http::{app, get},
    on_both_engines,
};

const PAGE: &str = "/en/staff/taxonomy";

async fn change(staff: &mut Browser, kind: &str, fields: &[(&str, &str)]) -> String {
    let reply = staff.submit(&format!("{PAGE}/{kind}"), fields, PAGE).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    location(&reply)
}

fn by_slug<'a>(terms: &'a [ManagedTerm], slug: &str) -> Option<&'a ManagedTerm> {
    terms.iter().find(|term| term.slug == slug)
}

fn quantum(parent: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form", "category-add".to_owned()),
        ("op", "add".to_owned()),
        ("slug", "quantum-safe".to_owned()),
        ("az.name", "Kvant təhlükəsizliyi".to_owned()),
        ("en.name", "Quantum-safe cryptography".to_owned()),
        ("ru.name", "Постквантовая криптография".to_owned()),
        ("parent", parent.to_owned()),
        ("nist", "protect".to_owned()),
    ]
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(name, value)| (*name, value.as_str())).collect()
}

async fn staff_add_rename_reorder_and_delete_terms(db: Database) {
    let app = app(&db);
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let before = db.managed_taxonomy().await.unwrap();
    let parent = before.categories.iter().find(|term| term.parent_id.is_none()).unwrap().clone();

    // A name missing in one language and a slug already taken: refused, with both reasons kept for the form.
    let mut bad = quantum(&parent.id.to_string());
    bad.retain(|(name, _)| *name != "ru.name" && *name != "slug");
    bad.push(("slug", parent.slug.clone()));
    assert_eq!(change(&mut curator, "category", &pairs(&bad)).await, format!("{PAGE}#category"));
    let page = curator.call("/api/staff/taxonomy", &[]).await;
    assert!(page.body.contains("\"field\":\"ru.name\""), "{}", page.body);
    assert!(page.body.contains("category-add"), "what was typed comes back: {}", page.body);
    assert_eq!(db.managed_taxonomy().await.unwrap(), before, "nothing added");
    let bad = pairs(&bad);
    let mut with_name = bad.clone();
    with_name.push(("ru.name", "Криптография"));
    change(&mut curator, "category", &with_name).await;
    let page = curator.call("/api/staff/taxonomy", &[]).await;
    assert!(page.body.contains("\"problem\":\"Taken\""), "{}", page.body);

    // Added under its parent, visible in the public vocabulary at once.
    change(&mut curator, "category", &pairs(&quantum(&parent.id.to_string()))).await;
    let taxonomy = db.managed_taxonomy().await.unwrap();
    let added = by_slug(&taxonomy.categories, "quantum-safe").expect("the category was added").clone();
    assert_eq!(added.parent_id, Some(parent.id));
    let (_, _, public) = get(&app, "/api/v1/categories", &[]).await;
    assert!(public.contains("Quantum-safe cryptography"), "{public}");

    // Renamed: the public name follows.
    let mut renamed = quantum(&parent.id.to_string());
    renamed.retain(|(name, _)| *name != "en.name" && *name != "op");
    renamed.extend([("en.name", "Post-quantum cryptography".to_owned()), ("op", "update".to_owned())]);
    renamed.push(("id", added.id.to_string()));
    change(&mut curator, "category", &pairs(&renamed)).await;
    let (_, _, public) = get(&app, "/api/v1/categories", &[]).await;
    assert!(public.contains("Post-quantum cryptography") && !public.contains("Quantum-safe cryptography"), "{public}");

    // A subcategory cannot become the parent of another: categories have two levels.
    let mut nested = quantum(&added.id.to_string());
    nested.retain(|(name, _)| *name != "slug");
    nested.push(("slug", "nested".to_owned()));
    change(&mut curator, "category", &pairs(&nested)).await;
    assert!(by_slug(&db.managed_taxonomy().await.unwrap().categories, "nested").is_none());

    // The second sector moves first; so does the second tag (tags start in slug order).
    let second = before.sectors[1].clone();
    change(&mut curator, "sector", &[("op", "earlier"), ("id", &second.id.to_string())]).await;
    assert_eq!(db.managed_taxonomy().await.unwrap().sectors[0].id, second.id);
    let (first_tag, second_tag) = (before.tags[0].id, before.tags[1].id);
    change(&mut curator, "tag", &[("op", "later"), ("id", &first_tag.to_string())]).await;
    let tags = db.managed_taxonomy().await.unwrap().tags;
    assert_eq!((tags[0].id, tags[1].id), (second_tag, first_tag));
    let (_, _, public) = get(&app, "/api/v1/categories", &[]).await;
    assert!(public.contains("Post-quantum"), "{public}");

    // A top-level category with subcategories cannot be deleted.
    change(&mut curator, "category", &[("form", "x"), ("op", "delete"), ("id", &parent.id.to_string())]).await;
    assert!(by_slug(&db.managed_taxonomy().await.unwrap().categories, &parent.slug).is_some());
    let page = curator.call("/api/staff/taxonomy", &[]).await;
    assert!(page.body.contains("\"problem\":\"HasChildren\""), "{}", page.body);

    let rows =
        db.audit_entries(&AuditFilter { action: "taxonomy.".to_owned(), ..Default::default() }, 50, 0).await.unwrap();
    let actions: Vec<&str> = rows.iter().map(|row| row.action.as_str()).collect();
    assert_eq!(
        actions,
        ["taxonomy.tag.reorder", "taxonomy.sector.reorder", "taxonomy.category.update", "taxonomy.category.add"]
    );
    assert!(
        rows[2].before.as_deref().unwrap().contains("Quantum-safe")
            && rows[2].after.as_deref().unwrap().contains("Post-quantum")
    );
}

/// A term in use is refused deletion until staff move its uses, which carries listings and waiting
/// changes over to the other term.
async fn a_term_in_use_is_deleted_only_after_its_uses_move(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (b_id, b_slug)] = two_listings(&db).await;
    let taxonomy = db.managed_taxonomy().await.unwrap();
    let children: Vec<&ManagedTerm> = taxonomy.categories.iter().filter(|term| term.parent_id.is_some()).collect();
    let (old, new) = (children[0].clone(), children[1].clone());
    // Alfa is verified: its change is public at once. Bravo's waits for review.
    let mut alfa = person(&app, &db, "owner@alfa.example", None, Some((a_id, MembershipRole::Owner))).await;
    let mut bravo = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    for (browser, slug) in [(&mut alfa, &a_slug), (&mut bravo, &b_slug)] {
        let mut form = profile_form("Tagged");
        form.push(("category", old.id.to_string()));
        assert_eq!(post_profile(browser, slug, &form).await.status, StatusCode::SEE_OTHER);
    }
    let solution = [("en.name", "Bravo Scan"), ("kind", "product"), ("category", &old.id.to_string())];
    crate::solution_editing::post_solution(&mut bravo, &b_slug, "new", &solution).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let uses = by_slug(&db.managed_taxonomy().await.unwrap().categories, &old.slug).unwrap().uses;
    assert_eq!(uses, 3, "a listing, a waiting change and a solution it adds use it");

    let old_id = old.id.to_string();
    change(&mut curator, "category", &[("form", "c"), ("op", "delete"), ("id", &old_id)]).await;
    assert!(by_slug(&db.managed_taxonomy().await.unwrap().categories, &old.slug).is_some(), "still there");
    let page = curator.call("/api/staff/taxonomy", &[]).await;
    assert!(page.body.contains("\"InUse\":{\"count\":3}"), "{}", page.body);

    // Listings take subcategories only: a used one stays one, and uses move to a subcategory.
    let names = [("az.name", "Köhnə"), ("en.name", "Old"), ("ru.name", "Старая"), ("nist", "protect")];
    let mut to_top_level = vec![("form", "c"), ("op", "update"), ("id", old_id.as_str()), ("slug", old.slug.as_str())];
    to_top_level.extend(names);
    to_top_level.push(("parent", ""));
    change(&mut curator, "category", &to_top_level).await;
    let top_level = taxonomy.categories.iter().find(|term| term.parent_id.is_none()).unwrap().slug.clone();
    change(&mut curator, "category", &[("form", "c"), ("op", "move_uses"), ("id", &old_id), ("to", &top_level)]).await;
    let still = by_slug(&db.managed_taxonomy().await.unwrap().categories, &old.slug).unwrap().clone();
    assert_eq!((still.parent_id, still.uses), (old.parent_id, 3), "neither change was made");

    change(&mut curator, "category", &[("form", "c"), ("op", "move_uses"), ("id", &old_id), ("to", &new.slug)]).await;
    let alfa_now = db.organization_by_slug(&a_slug).await.unwrap().unwrap();
    assert_eq!(alfa_now.profile.category_ids, vec![new.id], "the listing moved to the other category");
    let waiting = db.latest_revision(b_id).await.unwrap().unwrap();
    assert_eq!(waiting.profile.category_ids, vec![new.id], "so did the change waiting for review");
    let SolutionEdit::Add { details, .. } = &waiting.solution_edits[0] else { panic!("{:?}", waiting.solution_edits) };
    assert_eq!(details.category_ids, vec![new.id], "and the solution it adds");

    change(&mut curator, "category", &[("form", "c"), ("op", "delete"), ("id", &old_id)]).await;
    let taxonomy = db.managed_taxonomy().await.unwrap();
    assert!(by_slug(&taxonomy.categories, &old.slug).is_none(), "deleted once unused");
    assert_eq!(by_slug(&taxonomy.categories, &new.slug).unwrap().uses, 3);
    let (_, _, public) = get(&app, &format!("/en/organizations?category={}", new.slug), &[]).await;
    assert!(public.contains(&a_slug), "the public directory finds the listing under the other category");
}

on_both_engines!(
    staff_add_rename_reorder_and_delete_terms,
    a_term_in_use_is_deleted_only_after_its_uses_move,
    terms_added_at_once_all_land
);

/// Staff adding terms at the same moment (or any writer beside them) never see a refusal from the
/// database: a write that reads first waits for the other writers instead of failing half-way.
async fn terms_added_at_once_all_land(db: Database) {
    let drafts: Vec<TermDraft> = (0..16)
        .map(|n| TermDraft {
            slug: Slug::parse(&format!("sector-at-once-{n}")).unwrap(),
            parent_id: None,
            nist_function: None,
            critical_infrastructure: false,
            names: Translations::new().with(Lang::Az, format!("Sektor {n}")).with(Lang::En, format!("Sector {n}")),
        })
        .collect();
    let now = time::OffsetDateTime::now_utc();
    let mut writers = tokio::task::JoinSet::new();
    for draft in drafts {
        let db = db.clone();
        writers.spawn(async move {
            let actor = Actor::command_line();
            let record = AuditRecord::new(&actor, qala::domain::audit::AuditAction::SectorAdd, draft.slug.as_str());
            db.add_term(TermKind::Sector, &draft, &record, now).await
        });
    }
    let added = writers.join_all().await;
    let refused: Vec<String> =
        added.iter().filter_map(|result| result.as_ref().err()).map(|error| format!("{error:?}")).collect();
    assert!(refused.is_empty(), "{refused:?}");
    let sectors = db.managed_taxonomy().await.unwrap().sectors;
    let landed = sectors.iter().filter(|term| term.slug.starts_with("sector-at-once-")).count();
    assert_eq!(landed, 16, "every one is there, once");
}
