//! Forum staff curating over HTTP: the review queue and its field-by-field decisions, listing actions,
//! people, the audit log (append-only in the database itself), and staff pages refused to everyone else.
use axum::http::StatusCode;
use qala::{
    domain::{
        curation::AuditFilter,
        editing::RevisionStatus,
        lang::Lang,
        organization::{ListingStatus, OrganizationKind},
        user::{EmailAddress, MembershipRole, StaffRole},
    },
    server::db::Database,
};

use crate::{
    editing::{location, person, png, post_profile, profile_form, public_name, two_listings, upload_logo},
    http::{app, get},
    on_both_engines,
};

async fn audit_rows(db: &Database, action: &str) -> Vec<qala::domain::curation::AuditEntry> {
    let filter = AuditFilter { action: action.to_owned(), ..AuditFilter::default() };
    db.audit_entries(&filter, 100, 0).await.unwrap()
}

async fn staff_approve_chosen_fields_and_the_public_sees_only_those(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let mut change = profile_form("Bravo Security");
    change.retain(|(field, _)| *field != "city");
    change.push(("city", "Sumqayıt".to_owned()));
    let reply = post_profile(&mut owner, &b_slug, &change).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(audit_rows(&db, "profile.submit").await.len(), 1, "the organization's change is in the audit log");

    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let queue = curator.call("/api/staff/dashboard", &[("lang", "en")]).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    assert!(queue.body.contains(&b_slug) && queue.body.contains("owner@bravo.example"), "{}", queue.body);
    let revision_id = db.latest_revision(b_id).await.unwrap().unwrap().summary.id;

    let review = curator.call("/api/staff/review", &[("revision_id", &revision_id.to_string()), ("lang", "en")]).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    let review: serde_json::Value = serde_json::from_str(&review.body).unwrap();
    let changed: Vec<&str> =
        review["data"]["changes"].as_array().unwrap().iter().map(|change| change["field"].as_str().unwrap()).collect();
    assert!(changed.contains(&"en.name") && changed.contains(&"city"), "{changed:?}");
    let city = review["data"]["changes"].as_array().unwrap().iter().find(|change| change["field"] == "city").unwrap();
    let marked = |side: &str| {
        city[side]
            .as_array()
            .unwrap()
            .iter()
            .map(|piece| (piece["text"].clone(), piece["changed"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(marked("before"), [("Bakı".into(), true.into())], "the city now, marked as replaced");
    assert_eq!(marked("after"), [("Sumqayıt".into(), true.into())]);

    // Nothing chosen: refused with a message for the fields, nothing published.
    let page = format!("/en/staff/revisions/{revision_id}");
    let refused = curator.submit(&page, &[("decision", "approve_fields")], &page).await;
    assert_eq!((refused.status, location(&refused)), (StatusCode::SEE_OTHER, page.clone()));
    let again = curator.call("/api/staff/review", &[("revision_id", &revision_id.to_string()), ("lang", "en")]).await;
    assert!(again.body.contains("\"field\":\"fields\""), "the page shows why: {}", again.body);

    // A tick that names no part of the change (a forged form) is refused too, and publishes nothing.
    let forged = curator.submit(&page, &[("decision", "approve_fields"), ("field", "founded")], &page).await;
    assert_eq!(location(&forged), page);
    let again = curator.call("/api/staff/review", &[("revision_id", &revision_id.to_string()), ("lang", "en")]).await;
    assert!(again.body.contains("\"problem\":\"InvalidChoice\""), "the page shows why: {}", again.body);
    assert_eq!(db.latest_revision(b_id).await.unwrap().unwrap().summary.status, RevisionStatus::Pending);
    // So is a tick for a solution edit or a logo this change does not hold, even beside a real field.
    for forged in ["solution:draft-7", "logo"] {
        let fields = [("decision", "approve_fields"), ("field", "city"), ("field", forged)];
        assert_eq!(location(&curator.submit(&page, &fields, &page).await), page, "{forged}");
        assert_eq!(db.latest_revision(b_id).await.unwrap().unwrap().summary.status, RevisionStatus::Pending);
    }

    let approved = curator.submit(&page, &[("decision", "approve_fields"), ("field", "city")], &page).await;
    assert_eq!(location(&approved), format!("{page}?decided=1"));
    let listing = db.organization_by_slug(&b_slug).await.unwrap().unwrap();
    assert_eq!(listing.profile.facts.city.as_deref(), Some("Sumqayıt"), "the chosen field is public");
    assert_ne!(public_name(&db, &b_slug).await, "Bravo Security", "the field not chosen is not");
    let revision = db.latest_revision(b_id).await.unwrap().unwrap();
    assert_eq!(revision.summary.status, RevisionStatus::Published);
    let told = db.recent_mail(Some("owner@bravo.example"), 1).await.unwrap().remove(0);
    assert!(told.subject.contains("published"), "{}", told.subject);
    let decisions = audit_rows(&db, "revision.approve_fields").await;
    assert_eq!(decisions[0].actor, "curator@forum.example");
    assert!(decisions[0].after.as_deref().unwrap().contains("Sumqayıt"), "the log keeps the state after");

    // Deciding twice is refused, naming why.
    let twice = curator.submit(&page, &[("decision", "approve")], &page).await;
    assert_eq!(location(&twice), page);
}

/// Browsers send a textarea's line breaks as `\r\n`: an untouched description is no change to review,
/// and what staff publish keeps `\n`.
async fn an_untouched_text_is_no_change_whatever_its_line_breaks(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let description = |text: &str| {
        let mut form = profile_form("Bravo Security");
        form.retain(|(field, _)| *field != "en.description");
        form.push(("en.description", text.to_owned()));
        form
    };
    let mut publish = async |form: Vec<(&str, String)>| {
        let reply = post_profile(&mut owner, &b_slug, &form).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let revision_id = db.latest_revision(b_id).await.unwrap().unwrap().summary.id;
        let review =
            curator.call("/api/staff/review", &[("revision_id", &revision_id.to_string()), ("lang", "en")]).await;
        let review: serde_json::Value = serde_json::from_str(&review.body).unwrap();
        let page = format!("/en/staff/revisions/{revision_id}");
        curator.submit(&page, &[("decision", "approve")], &page).await;
        review["data"]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|change| change["field"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    publish(description("We audit networks.\n\nAnd train people.")).await;
    let mut untouched = description("We audit networks.  \r\n\r\nAnd train people.\r\n");
    untouched.retain(|(field, _)| *field != "city");
    untouched.push(("city", "Sumqayıt".to_owned()));
    assert_eq!(publish(untouched).await, ["city"], "only the city changed");
    let listing = db.organization_by_slug(&b_slug).await.unwrap().unwrap();
    let published = listing.profile.texts.get(Lang::En).unwrap().description.clone().unwrap();
    assert_eq!(published, "We audit networks.\n\nAnd train people.", "no \\r in public text");
}

/// The review marks the words a text change deletes and inserts, so staff need not compare two
/// paragraphs by eye.
async fn the_review_marks_the_words_a_change_deletes_and_inserts(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let with_description = |text: &str| {
        let mut form = profile_form("Bravo Security");
        form.retain(|(field, _)| *field != "en.description");
        form.push(("en.description", text.to_owned()));
        form
    };
    post_profile(&mut owner, &b_slug, &with_description("We audit banks and train their staff.")).await;
    let first = db.latest_revision(b_id).await.unwrap().unwrap().summary.id;
    let page = format!("/en/staff/revisions/{first}");
    curator.submit(&page, &[("decision", "approve")], &page).await;

    post_profile(&mut owner, &b_slug, &with_description("We audit banks, telecoms and train their engineers.")).await;
    let second = db.latest_revision(b_id).await.unwrap().unwrap().summary.id;
    let review = curator.get(&format!("/en/staff/revisions/{second}")).await.body.replace("<!>", "");
    assert!(review.contains("We audit <del>banks</del> and train their <del>staff.</del>"), "{review}");
    assert!(review.contains("We audit <ins>banks, telecoms</ins> and train their <ins>engineers.</ins>"), "{review}");
}

/// A proposed logo is a field with its own tick: approving other fields leaves it unpublished, and
/// ticking it publishes it. Afterwards the review page says what was approved, by whom.
async fn a_logo_is_published_only_when_ticked_and_the_page_says_what_was_decided(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let mut change = profile_form("Bravo Security");
    change.retain(|(field, _)| *field != "city");
    change.push(("city", "Sumqayıt".to_owned()));
    let mut propose = async || {
        upload_logo(&mut owner, &b_slug, &png(128, 128)).await;
        let reply = post_profile(&mut owner, &b_slug, &change).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let revision = db.latest_revision(b_id).await.unwrap().unwrap();
        assert!(revision.logo.is_some(), "the change carries the logo");
        format!("/en/staff/revisions/{}", revision.summary.id)
    };

    let page = propose().await;
    let review = curator.get(&page).await.body.replace("<!>", "");
    assert!(review.contains(r#"id="choose-logo" name="field" value="logo""#), "the logo has its own tick: {review}");
    assert!(review.contains(r#"alt="Proposed logo""#) && review.contains("No logo"), "old beside new: {review}");
    curator.submit(&page, &[("decision", "approve_fields"), ("field", "city")], &page).await;
    let listing = db.organization_by_slug(&b_slug).await.unwrap().unwrap();
    assert_eq!(listing.profile.facts.city.as_deref(), Some("Sumqayıt"));
    assert!(listing.logo_version.is_none(), "an unticked logo is not published");
    let decided = curator.get(&page).await.body.replace("<!>", "");
    assert!(decided.contains("Approved and published") && decided.contains("curator@forum.example"), "{decided}");
    assert!(decided.contains("Only these parts were approved:</p><ul><li>City</li></ul>"), "{decided}");
    assert!(!decided.contains(r#"name="decision""#), "no decision buttons once decided");

    let page = propose().await;
    curator.submit(&page, &[("decision", "approve_fields"), ("field", "logo")], &page).await;
    let listing = db.organization_by_slug(&b_slug).await.unwrap().unwrap();
    assert!(listing.logo_version.is_some(), "a ticked logo is published");
    assert_ne!(public_name(&db, &b_slug).await, "Bravo Security", "and nothing else");
    assert!(curator.get(&page).await.body.replace("<!>", "").contains("<ul><li>Logo</li></ul>"));
}

async fn a_rejection_reaches_the_organization_with_its_reason(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    post_profile(&mut owner, &b_slug, &profile_form("Bravo Hype")).await;
    let revision_id = db.latest_revision(b_id).await.unwrap().unwrap().summary.id;
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    let page = format!("/en/staff/revisions/{revision_id}");

    let without_reason = admin.submit(&page, &[("decision", "reject"), ("reason", "  ")], &page).await;
    assert_eq!(location(&without_reason), page, "a rejection needs a reason");
    assert_eq!(db.latest_revision(b_id).await.unwrap().unwrap().summary.status, RevisionStatus::Pending);
    let essay = "word ".repeat(500);
    let too_long = admin.submit(&page, &[("decision", "reject"), ("reason", &essay)], &page).await;
    assert_eq!(location(&too_long), page, "a reason longer than a mail should carry is refused");
    assert!(admin.get(&page).await.body.contains("Use at most 2000 characters."), "said next to the field");
    assert_eq!(db.latest_revision(b_id).await.unwrap().unwrap().summary.status, RevisionStatus::Pending);

    let reason = "The name must match the company register.";
    let rejected = admin.submit(&page, &[("decision", "reject"), ("reason", reason)], &page).await;
    assert_eq!(location(&rejected), format!("{page}?decided=1"));
    let revision = db.latest_revision(b_id).await.unwrap().unwrap();
    assert_eq!(
        (revision.summary.status, revision.summary.staff_comment.as_deref()),
        (RevisionStatus::Rejected, Some(reason))
    );
    assert_ne!(public_name(&db, &b_slug).await, "Bravo Hype");
    let told = db.recent_mail(Some("owner@bravo.example"), 1).await.unwrap().remove(0);
    assert!(told.body.contains(reason), "{}", told.body);
    let dashboard = owner.call("/api/editing/mine", &[("lang", "en")]).await;
    assert!(dashboard.body.contains(reason) && dashboard.body.contains("rejected"), "{}", dashboard.body);
}

async fn staff_verify_feature_hide_and_restore_listings(db: Database) {
    let app = app(&db);
    let startups =
        ["Alfa Start", "Bravo Start"].map(|name| crate::repository::organization(name, OrganizationKind::Startup));
    let ids = db.insert_organizations(&startups, time::OffsetDateTime::now_utc()).await.unwrap();
    let listings = db.organizations_by_ids(&ids).await.unwrap();
    let (a_slug, b_slug) = (listings[0].slug.to_string(), listings[1].slug.to_string());
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let page = format!("/en/staff/listings/{b_slug}");
    let act = |action: &'static str| [("action", action)];
    // The page offers what applies to the listing as it is: a published one can be hidden, not restored.
    let offered = async |curator: &mut crate::browser::Browser| {
        let body = curator.get(&page).await.body;
        ["verify", "unverify", "feature", "unfeature", "hide", "archive", "restore"]
            .into_iter()
            .filter(|action| body.contains(&format!(r#"name="action" value="{action}""#)))
            .collect::<Vec<_>>()
    };
    assert_eq!(offered(&mut curator).await, ["verify", "feature", "hide", "archive"]);
    let stale = curator.submit(&page, &act("restore"), &page).await;
    assert_eq!(location(&stale), page, "an action that does not apply is refused");
    assert!(curator.get(&page).await.body.contains("already decided by someone else"), "and the page says why");

    let verified = curator.submit(&page, &act("verify"), &page).await;
    assert_eq!(location(&verified), format!("{page}?done=verify"));
    assert!(db.organization_by_slug(&b_slug).await.unwrap().unwrap().is_verified());
    let (_, _, profile) = get(&app, &format!("/en/organizations/{b_slug}"), &[]).await;
    assert!(profile.contains("Verified"), "the public badge shows");

    let refused = curator.submit(&page, &[("action", "feature"), ("position", "0")], &page).await;
    assert_eq!(location(&refused), page, "a place on the showcase starts at 1");
    curator.submit(&page, &[("action", "feature"), ("position", "2")], &page).await;
    assert_eq!(db.organization_by_slug(&b_slug).await.unwrap().unwrap().featured_position, Some(2));
    // Another listing put at the same place takes it; the one there moves down.
    let a_page = format!("/en/staff/listings/{a_slug}");
    curator.submit(&a_page, &[("action", "feature"), ("position", "2")], &a_page).await;
    let place = async |slug: &str| db.organization_by_slug(slug).await.unwrap().unwrap().featured_position;
    assert_eq!((place(&a_slug).await, place(&b_slug).await), (Some(2), Some(3)));
    curator.submit(&a_page, &act("unfeature"), &a_page).await;

    curator.submit(&page, &act("hide"), &page).await;
    assert_eq!(db.organization_by_slug(&b_slug).await.unwrap().unwrap().status, ListingStatus::Hidden);
    assert_eq!(offered(&mut curator).await, ["unverify", "feature", "unfeature", "archive", "restore"]);
    let (hidden, _, _) = get(&app, &format!("/en/organizations/{b_slug}"), &[]).await;
    assert_eq!(hidden, StatusCode::NOT_FOUND, "a hidden listing is not public");
    curator.submit(&page, &act("restore"), &page).await;
    assert_eq!(db.organization_by_slug(&b_slug).await.unwrap().unwrap().status, ListingStatus::Published);

    let actions: Vec<String> = audit_rows(&db, "listing.").await.into_iter().map(|entry| entry.action).collect();
    assert_eq!(
        actions,
        [
            "listing.restore",
            "listing.hide",
            "listing.unfeature",
            "listing.feature",
            "listing.feature",
            "listing.verify"
        ],
        "newest first"
    );
}

async fn admins_manage_people_and_a_disabled_account_is_signed_out(db: Database) {
    let app = app(&db);
    let [_, (b_id, _)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let owner_id = db.user_by_email(&EmailAddress::parse("owner@bravo.example").unwrap()).await.unwrap().unwrap().id;

    let listed = admin.call("/api/staff/people", &[("search", "bravo")]).await;
    assert!(listed.body.contains("owner@bravo.example") && !listed.body.contains("curator@"), "{}", listed.body);
    assert_eq!(curator.call("/api/staff/people", &[("search", "")]).await.status, StatusCode::FORBIDDEN, "admins only");

    let page = format!("/en/staff/people/{owner_id}");
    admin.submit(&page, &[("change", "role"), ("role", "curator")], "/en/staff/people").await;
    let owner_now = db.user_by_email(&EmailAddress::parse("owner@bravo.example").unwrap()).await.unwrap().unwrap();
    assert_eq!(owner_now.staff_role, Some(StaffRole::Curator));

    assert!(owner.viewer().await.is_some());
    admin.submit(&page, &[("change", "disable")], "/en/staff/people").await;
    assert!(owner.viewer().await.is_none(), "its sessions ended");
    let again = owner
        .call(
            "/api/account/sign-in",
            &[("lang", "en"), ("email", "owner@bravo.example"), ("password", crate::browser::PASSWORD)],
        )
        .await;
    assert_ne!(again.status, StatusCode::OK, "and it cannot sign in");
    let changes: Vec<String> = audit_rows(&db, "person.").await.into_iter().map(|entry| entry.action).collect();
    assert_eq!(changes, ["person.disable", "person.role"]);
}

/// Every staff page and form, for everyone who is not staff: refused, and nothing changes.
async fn staff_pages_and_forms_are_refused_to_everyone_else(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    post_profile(&mut owner, &b_slug, &profile_form("Bravo Security")).await;
    let revision_id = db.latest_revision(b_id).await.unwrap().unwrap().summary.id.to_string();
    // Staff who did not set up two-factor sign-in have no staff powers.
    let hash = qala::server::auth::hash_password(crate::browser::PASSWORD.to_owned()).await.unwrap();
    db.create_user(
        &EmailAddress::parse("lax@forum.example").unwrap(),
        Some(&hash),
        Some(StaffRole::Admin),
        true,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let mut lax_staff = crate::browser::Browser::new(&app, "198.51.100.200:5000");
    lax_staff
        .call(
            "/api/account/sign-in",
            &[("lang", "en"), ("email", "lax@forum.example"), ("password", crate::browser::PASSWORD)],
        )
        .await;
    let editor_of_a = person(&app, &db, "editor@alfa.example", None, Some((a_id, MembershipRole::Editor))).await;
    let anonymous = crate::browser::Browser::new(&app, "198.51.100.201:5000");
    let before = (db.latest_revision(b_id).await.unwrap(), db.organization_by_slug(&a_slug).await.unwrap());
    let taxonomy_before = db.managed_taxonomy().await.unwrap();
    let audit_before = db.audit_entries(&AuditFilter::default(), 1000, 0).await.unwrap().len();

    for (who, mut browser) in
        [("anonymous", anonymous), ("an editor", editor_of_a), ("the owner", owner), ("staff without 2FA", lax_staff)]
    {
        for (endpoint, fields) in [
            ("/api/staff/dashboard", vec![("lang", "en")]),
            ("/api/staff/review", vec![("revision_id", revision_id.as_str()), ("lang", "en")]),
            ("/api/staff/listing", vec![("slug", a_slug.as_str()), ("lang", "en")]),
            ("/api/staff/people", vec![("search", "")]),
            ("/api/staff/audit", vec![("filter[actor]", ""), ("page", "1")]),
            ("/api/staff/taxonomy", vec![]),
            ("/api/staff/forum", vec![("lang", "en")]),
            ("/api/staff/quality", vec![]),
            ("/api/staff/site-pages", vec![]),
        ] {
            let reply = browser.call(endpoint, &fields).await;
            assert!(
                matches!(reply.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
                "{who} read {endpoint}: {}",
                reply.status
            );
        }
        for (path, fields) in [
            (format!("/en/staff/revisions/{revision_id}"), vec![("decision", "approve")]),
            (format!("/en/staff/listings/{a_slug}"), vec![("action", "hide")]),
            ("/en/staff/claims/1".to_owned(), vec![("decision", "approve")]),
            (format!("/en/staff/people/{b_id}"), vec![("change", "disable")]),
            ("/en/staff/taxonomy/tag".to_owned(), vec![("op", "delete"), ("id", "1")]),
            ("/en/staff/forum".to_owned(), vec![("op", "add_edition"), ("slug", "x"), ("starts_on", "2027-01-01")]),
            (
                "/en/staff/pages".to_owned(),
                vec![("page", "terms"), ("text_lang", "en"), ("title", "Mine"), ("markdown", "Now.")],
            ),
        ] {
            let reply = browser.submit(&path, &fields, &path).await;
            assert!(
                matches!(reply.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
                "{who} posted {path}: {}",
                reply.status
            );
        }
        // Staff pages: no staff navigation, and a status that says why; staff without a second factor
        // on this session are told how to get one.
        let pages = ["", "/people", "/taxonomy", "/forum", "/quality", "/audit", "/import", "/pages"]
            .map(str::to_owned)
            .into_iter()
            .chain([format!("/revisions/{revision_id}"), format!("/listings/{a_slug}")]);
        for page in pages {
            let path = format!("/en/staff{page}");
            let reply = browser.get(&path).await;
            let expected = if who == "anonymous" { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
            assert_eq!(reply.status, expected, "{who} opened {path}");
            assert!(!reply.body.contains("staff__nav"), "{who} saw the staff navigation on {path}");
            let told = reply.body.contains(r#"href="/en/account#two-factor""#);
            assert_eq!(told, who == "staff without 2FA", "{who} on {path}: the way to a second factor");
        }
        for path in [format!("/staff/revisions/{revision_id}/logo"), "/staff/audit.csv".to_owned()] {
            let reply = browser.get(&path).await;
            assert!(
                matches!(reply.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
                "{who} read {path}: {}",
                reply.status
            );
        }
    }
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    let page = admin.get("/en/staff").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("staff__nav"), "staff see their navigation");
    let after = (db.latest_revision(b_id).await.unwrap(), db.organization_by_slug(&a_slug).await.unwrap());
    assert_eq!(before.0.map(|revision| revision.summary), after.0.map(|revision| revision.summary), "nothing decided");
    assert_eq!(before.1, after.1, "nothing changed on the listing");
    assert_eq!(db.managed_taxonomy().await.unwrap(), taxonomy_before, "nothing changed in the taxonomy");
    assert!(db.forum_editions().await.unwrap().is_empty(), "no forum edition added");
    assert_eq!(
        db.audit_entries(&AuditFilter::default(), 1000, 0).await.unwrap().len(),
        audit_before,
        "nothing recorded"
    );
}

/// The audit log keeps every row as written: the database refuses to change or remove one.
async fn the_audit_log_is_append_only(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let page = format!("/en/staff/listings/{b_slug}");
    curator.submit(&page, &[("action", "verify")], &page).await;
    use sqlx::Connection;
    let mut connection = sqlx::AnyConnection::connect(db.url().as_str()).await.unwrap();
    let update = sqlx::query("UPDATE audit_log SET actor = 'someone else'").execute(&mut connection).await;
    assert!(update.is_err(), "an UPDATE is refused");
    let delete = sqlx::query("DELETE FROM audit_log").execute(&mut connection).await;
    assert!(delete.is_err(), "a DELETE is refused");
    connection.close().await.unwrap();
    let rows = audit_rows(&db, "listing.verify").await;
    assert_eq!((rows.len(), rows[0].actor.as_str(), rows[0].organization_id), (1, "curator@forum.example", Some(b_id)));

    let csv = curator.get("/staff/audit.csv?action=listing.").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("id,at,actor,action") && csv.body.contains("listing.verify"), "{}", csv.body);
}

/// The audit log names each action in the reader's language, with the place a listing was featured
/// at, and its action filter offers those words.
async fn the_audit_log_reads_as_words_in_the_readers_language(db: Database) {
    let app = app(&db);
    let startup = crate::repository::organization("Bravo Start", OrganizationKind::Startup);
    let ids = db.insert_organizations(&[startup], time::OffsetDateTime::now_utc()).await.unwrap();
    let slug = db.organizations_by_ids(&ids).await.unwrap().remove(0).slug;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let page = format!("/en/staff/listings/{slug}");
    curator.submit(&page, &[("action", "verify")], &page).await;
    curator.submit(&page, &[("action", "feature"), ("position", "2")], &page).await;

    for (lang, featured, verified) in [
        ("en", "Featured at place 2", "Verified the listing"),
        ("az", "Seçilmişlərə əlavə etdi, yer: 2", "Qeydi təsdiqlənmiş kimi işarələdi"),
        ("ru", "Добавил в избранное на место 2", "Подтвердил запись"),
    ] {
        let audit = curator.get(&format!("/{lang}/staff/audit")).await.body.replace("<!>", "");
        assert!(audit.contains(&format!(">{featured}</td>")), "{lang}: {audit}");
        assert!(audit.contains(&format!(">{verified}</td>")), "{lang}");
        assert!(!audit.contains(">listing.feature<"), "{lang}: no action shows as its code");
    }
    let filtered = curator.get("/en/staff/audit?action=listing.verify").await.body.replace("<!>", "");
    assert!(
        filtered.contains(r#"<option value="listing.verify" selected>Verified the listing</option>"#),
        "{filtered}"
    );
    assert!(filtered.contains(">Verified the listing</td>") && !filtered.contains(">Featured at place 2</td>"));
    let by_start = curator.get("/en/staff/audit?action=listing.").await.body.replace("<!>", "");
    assert!(
        by_start.contains(r#"<option value="listing." selected>listing.</option>"#),
        "a shared filter stays chosen"
    );
    assert!(by_start.contains(">Featured at place 2</td>") && by_start.contains(">Verified the listing</td>"));
}

/// A duplicate merged into the listing kept: solutions, members, history and forum places move, the
/// duplicate is gone, and its old addresses (page and API) lead to the one kept.
async fn staff_merge_a_duplicate_into_the_listing_kept(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (b_id, b_slug)] = two_listings(&db).await;
    let now = time::OffsetDateTime::now_utc();
    db.insert_solutions(&[crate::repository::solution(b_id, "Bravo SIEM")], now).await.unwrap();
    let _alfa_owner = person(&app, &db, "owner@alfa.example", None, Some((a_id, MembershipRole::Owner))).await;
    let mut bravo_owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    post_profile(&mut bravo_owner, &b_slug, &profile_form("Bravo Hype")).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let page = format!("/en/staff/listings/{b_slug}");

    // The listing to keep is found by its name in any language, without its letters' marks; the
    // duplicate itself is never offered.
    let found = curator.get(&format!("{page}?for=merge&find=KIBER")).await.body.replace("<!>", "");
    assert!(found.contains(&format!(r#"<input type="radio" name="keep" value="{a_slug}" required>"#)), "{found}");
    let itself = curator.get(&format!("{page}?for=merge&find=tehlukesizlik")).await.body.replace("<!>", "");
    assert!(!itself.contains(r#"name="keep""#) && itself.contains("matches “tehlukesizlik”"), "{itself}");
    let into_itself = curator.submit(&page, &[("action", "merge"), ("keep", &b_slug)], &page).await;
    assert_eq!(location(&into_itself), page, "a listing is not merged into itself");
    let merged = curator.submit(&page, &[("action", "merge"), ("keep", &a_slug)], &page).await;
    assert_eq!(location(&merged), format!("/en/staff/listings/{a_slug}?done=merge"));

    assert!(db.organization_by_slug(&b_slug).await.unwrap().is_none(), "the duplicate is gone");
    let solutions = db.solutions_of(a_id).await.unwrap();
    assert_eq!(solutions.len(), 1, "its solution moved to the listing kept");
    let members = db.members_of(a_id).await.unwrap();
    let roles: Vec<(&str, MembershipRole)> =
        members.iter().map(|member| (member.email.as_str(), member.role)).collect();
    assert!(roles.contains(&("owner@alfa.example", MembershipRole::Owner)), "{roles:?}");
    assert!(
        roles.contains(&("owner@bravo.example", MembershipRole::Editor)),
        "a second owner joins as editor: {roles:?}"
    );
    let history = db.latest_revision(a_id).await.unwrap().unwrap();
    assert_eq!(history.summary.status, RevisionStatus::Superseded, "the duplicate's waiting change moved, superseded");
    let editor = bravo_owner.get(&format!("/en/account/organizations/{a_slug}")).await;
    assert_eq!(editor.status, StatusCode::OK, "its owner edits the listing kept");

    let (status, headers, _) = get(&app, &format!("/en/organizations/{b_slug}"), &[]).await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(headers[axum::http::header::LOCATION], format!("/en/organizations/{a_slug}").as_str());
    let (status, headers, _) = get(&app, &format!("/api/v1/organizations/{b_slug}"), &[]).await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(headers[axum::http::header::LOCATION], format!("/api/v1/organizations/{a_slug}").as_str());
    let (missing, _, _) = get(&app, "/en/organizations/never-was", &[]).await;
    assert_eq!(missing, StatusCode::NOT_FOUND, "other unknown addresses stay not found");
    // Once the listing kept is hidden, its old address does not lead on to a page that is not there.
    let kept = format!("/en/staff/listings/{a_slug}");
    curator.submit(&kept, &[("action", "hide")], &kept).await;
    let (status, _, _) = get(&app, &format!("/en/organizations/{b_slug}"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let rows = audit_rows(&db, "listing.merge").await;
    assert_eq!((rows[0].subject.as_str(), rows[0].organization_id), (b_slug.as_str(), Some(a_id)));
}

/// Staff invite the owner of a listing without one; a listing with an owner is refused.
async fn staff_invite_the_owner_of_a_listing_without_one(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (b_id, b_slug)] = two_listings(&db).await;
    let _owner = person(&app, &db, "owner@alfa.example", None, Some((a_id, MembershipRole::Owner))).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let owned = format!("/en/staff/listings/{a_slug}");
    let refused = curator.submit(&owned, &[("action", "invite_owner"), ("email", "boss@alfa.example")], &owned).await;
    assert_eq!(location(&refused), owned, "a listing has one owner");
    assert!(db.open_invitations(a_id).await.unwrap().is_empty());

    let page = format!("/en/staff/listings/{b_slug}");
    let invited = curator.submit(&page, &[("action", "invite_owner"), ("email", "boss@bravo.example")], &page).await;
    assert_eq!(location(&invited), format!("{page}?done=invite_owner"));
    let mail = db.recent_mail(Some("boss@bravo.example"), 1).await.unwrap().remove(0);
    assert!(mail.subject.contains("own") && mail.body.contains("/en/account/sign-up"), "{}", mail.body);
    // The address confirms an account: it owns the listing.
    let _boss = person(&app, &db, "boss@bravo.example", None, None).await;
    let user = db.credentials_by_email("boss@bravo.example").await.unwrap().unwrap().user;
    db.accept_invitations(user.id, "boss@bravo.example", time::OffsetDateTime::now_utc()).await.unwrap();
    assert_eq!(db.membership_role(user.id, b_id).await.unwrap(), Some(MembershipRole::Owner));
    assert_eq!(audit_rows(&db, "member.invite_owner").await.len(), 1);
}

/// The data-quality report finds listings not updated for a year, missing a language, without a logo.
async fn the_quality_report_lists_what_needs_a_look(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (_, b_slug)] = two_listings(&db).await;
    let long_ago = time::OffsetDateTime::now_utc() - time::Duration::days(400);
    let stale = crate::repository::organization("Köhnə Kiber", OrganizationKind::Company);
    let old = db.insert_organizations(&[stale], long_ago).await.unwrap();
    let old_slug = db.organizations_by_ids(&old).await.unwrap().remove(0).slug.to_string();
    let logo = qala::server::logos::Logo::from_square(&qala::server::logos::demo_emblem("alfa")).unwrap();
    db.set_logo(a_id, &logo, time::OffsetDateTime::now_utc()).await.unwrap();
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;

    let reply = curator.call("/api/staff/quality", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let report: qala::domain::curation::QualityReport = serde_json::from_str(&reply.body).unwrap();
    let slugs = |list: &qala::domain::curation::QualityList| {
        list.items.iter().map(|item| item.slug.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        (report.stale.total, slugs(&report.stale)),
        (1, vec![old_slug.clone()]),
        "only the one not updated for a year"
    );
    assert_eq!(report.untranslated.total, 3, "all three have an Azerbaijani name only");
    let missing = &report.untranslated.items.iter().find(|item| item.slug == a_slug).unwrap().missing;
    assert_eq!(missing, &vec![Lang::Ru], "the listings of the tests are written in Azerbaijani and English");
    let mut without_logo = slugs(&report.without_logo);
    without_logo.sort();
    let mut expected = vec![b_slug, old_slug];
    expected.sort();
    assert_eq!(without_logo, expected, "the listing with a logo is not listed");
    let page = curator.get("/en/staff/quality").await;
    assert!(page.body.contains("Not updated for twelve months"), "{}", page.body);
}

/// Claims staff decide: an approval makes the claimant the owner, a rejection needs a reason; both
/// are mailed, and a decided claim cannot be decided again.
async fn staff_decide_ownership_claims(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (b_id, b_slug)] = two_listings(&db).await;
    let mut farid = person(&app, &db, "farid@elsewhere.example", None, None).await;
    let mut leyla = person(&app, &db, "leyla@elsewhere.example", None, None).await;
    for (who, slug) in [(&mut farid, &a_slug), (&mut leyla, &b_slug)] {
        let reply = who.call("/api/editing/claim", &[("lang", "en"), ("slug", slug)]).await;
        assert_eq!(reply.body, "\"pending\"");
    }
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let claims = db.pending_claims().await.unwrap();
    let claim_of =
        |organization_id: i64| claims.iter().find(|claim| claim.organization_id == organization_id).unwrap().id;
    let (farids, leylas) =
        (format!("/en/staff/claims/{}", claim_of(a_id)), format!("/en/staff/claims/{}", claim_of(b_id)));

    let approved = curator.submit(&farids, &[("decision", "approve")], "/en/staff").await;
    assert_eq!(location(&approved), "/en/staff?claim=decided");
    let farid_id = db.credentials_by_email("farid@elsewhere.example").await.unwrap().unwrap().user.id;
    assert_eq!(db.membership_role(farid_id, a_id).await.unwrap(), Some(MembershipRole::Owner));
    assert!(db.recent_mail(Some("farid@elsewhere.example"), 1).await.unwrap()[0].subject.contains("Alfa"));

    let no_reason = curator.submit(&leylas, &[("decision", "reject"), ("reason", "")], "/en/staff").await;
    assert!(location(&no_reason).starts_with("/en/staff#claim-"), "refused without a reason");
    // The dashboard it goes back to says why, at the claim, and only once.
    let page = curator.get("/en/staff").await.body;
    let at_claim = &page[page.find(&format!("id=\"claim-{}\"", claim_of(b_id))).expect("Leyla's claim is listed")..];
    assert!(at_claim.contains("This field is required.") && at_claim.contains("aria-invalid=\"true\""), "{page}");
    assert!(!curator.get("/en/staff").await.body.contains("This field is required."), "shown once");
    let essay = "word ".repeat(200);
    let too_long = curator.submit(&leylas, &[("decision", "reject"), ("reason", &essay)], "/en/staff").await;
    assert!(location(&too_long).starts_with("/en/staff#claim-"), "refused with a reason over 500 characters");
    let page = curator.get("/en/staff").await.body;
    assert!(
        page.contains("Use at most 500 characters.") && page.contains(&format!("value=\"{}", &essay[..40])),
        "{page}"
    );
    assert_eq!(db.pending_claims().await.unwrap().len(), 1, "the claim is still pending");
    let reason = "Write from an address at the company's domain.";
    curator.submit(&leylas, &[("decision", "reject"), ("reason", reason)], "/en/staff").await;
    let leyla_id = db.credentials_by_email("leyla@elsewhere.example").await.unwrap().unwrap().user.id;
    assert_eq!(db.membership_role(leyla_id, b_id).await.unwrap(), None);
    assert!(db.recent_mail(Some("leyla@elsewhere.example"), 1).await.unwrap()[0].body.contains(reason));
    assert!(db.pending_claims().await.unwrap().is_empty());

    let again = curator.submit(&farids, &[("decision", "reject"), ("reason", "late")], "/en/staff").await;
    assert!(location(&again).starts_with("/en/staff#claim-"), "a decided claim stays decided");
    let page = curator.get("/en/staff").await.body;
    assert!(page.contains("This was already decided by someone else"), "said although the claim is gone: {page}");
    assert_eq!(db.membership_role(farid_id, a_id).await.unwrap(), Some(MembershipRole::Owner));
    let actions: Vec<String> = audit_rows(&db, "claim.").await.into_iter().map(|entry| entry.action).collect();
    assert!(
        actions.contains(&"claim.approve".to_owned()) && actions.contains(&"claim.reject".to_owned()),
        "{actions:?}"
    );
}

/// Staff whose addresses begin like spreadsheet formulas appear in the audit download with a `'` first.
async fn the_audit_csv_neutralises_cells_a_spreadsheet_would_run(db: Database) {
    let app = app(&db);
    let [_, (_, b_slug)] = two_listings(&db).await;
    let page = format!("/en/staff/listings/{b_slug}");
    let actors = [r#"=hyperlink("https://attacker.example")@forum.example"#, "+1@forum.example", "-2@forum.example"];
    for (actor, action) in actors.iter().zip(["verify", "unverify", "verify"]) {
        let mut curator = person(&app, &db, actor, Some(StaffRole::Curator), None).await;
        curator.submit(&page, &[("action", action)], &page).await;
    }
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    let csv = admin.get("/staff/audit.csv?action=listing.").await;
    assert_eq!(csv.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let written: Vec<String> = reader.records().map(|record| record.unwrap()[2].to_owned()).collect();
    let expected: Vec<String> = actors.iter().rev().map(|actor| format!("'{actor}")).collect();
    assert_eq!(written, expected, "the actor column, newest first");
}

/// `%` and `_` in a staff search are the characters themselves, not SQL wildcards.
async fn staff_searches_take_percent_and_underscore_literally(db: Database) {
    let app = app(&db);
    let now = time::OffsetDateTime::now_utc();
    for email in ["100%@people.example", "a_c@people.example", "abc@people.example", "axc@people.example"] {
        db.create_user(&EmailAddress::parse(email).unwrap(), None, None, true, now).await.unwrap();
    }
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    for (search, found, not_found) in [
        ("%", "100%@people.example", ["a_c@people.example", "abc@people.example", "admin@forum.example"]),
        ("a_c", "a_c@people.example", ["abc@people.example", "axc@people.example", "100%@people.example"]),
    ] {
        let listed = admin.call("/api/staff/people", &[("search", search)]).await;
        assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
        assert!(listed.body.contains(found), "a search for {search:?} finds {found}: {}", listed.body);
        for other in not_found {
            assert!(!listed.body.contains(other), "a search for {search:?} does not find {other}: {}", listed.body);
        }
    }

    let [_, (_, b_slug)] = two_listings(&db).await;
    let page = format!("/en/staff/listings/{b_slug}");
    for (actor, action) in [("a_c@forum.example", "verify"), ("abc@forum.example", "unverify")] {
        let mut curator = person(&app, &db, actor, Some(StaffRole::Curator), None).await;
        curator.submit(&page, &[("action", action)], &page).await;
    }
    let by_actor = AuditFilter { actor: "a_c".to_owned(), ..AuditFilter::default() };
    let actors: Vec<String> =
        db.audit_entries(&by_actor, 100, 0).await.unwrap().into_iter().map(|entry| entry.actor).collect();
    assert_eq!(actors, ["a_c@forum.example"]);
    assert!(audit_rows(&db, "listing_").await.is_empty(), "`_` in an action filter is not a wildcard");
    assert_eq!(audit_rows(&db, "listing.").await.len(), 2);
}

on_both_engines!(
    the_audit_csv_neutralises_cells_a_spreadsheet_would_run,
    staff_searches_take_percent_and_underscore_literally,
    staff_decide_ownership_claims,
    the_quality_report_lists_what_needs_a_look,
    staff_merge_a_duplicate_into_the_listing_kept,
    staff_invite_the_owner_of_a_listing_without_one,
    staff_approve_chosen_fields_and_the_public_sees_only_those,
    an_untouched_text_is_no_change_whatever_its_line_breaks,
    the_review_marks_the_words_a_change_deletes_and_inserts,
    a_logo_is_published_only_when_ticked_and_the_page_says_what_was_decided,
    a_rejection_reaches_the_organization_with_its_reason,
    staff_verify_feature_hide_and_restore_listings,
    admins_manage_people_and_a_disabled_account_is_signed_out,
    staff_pages_and_forms_are_refused_to_everyone_else,
    the_audit_log_is_append_only,
    the_audit_log_reads_as_words_in_the_readers_language,
);
