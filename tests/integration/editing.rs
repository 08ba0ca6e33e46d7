//! Organizations editing their listings over HTTP: profile changes that publish or wait for review,
//! logos, claims, new listings, and an authorization matrix showing that nobody changes what is not theirs.
use axum::http::{StatusCode, header};
use qala::server::search::Search;
use qala::{
    domain::{
        editing::RevisionStatus,
        organization::OrganizationKind,
        user::{EmailAddress, MembershipRole, StaffRole},
    },
    server::db::Database,
};
use time::OffsetDateTime;

use crate::{
    browser::{Browser, PASSWORD, Reply, emailed_token},
    http::app,
    on_both_engines,
    repository::organization,
};

/// Two published listings: A (verified) and B (not), with their ids and slugs.
pub async fn two_listings(db: &Database) -> [(i64, String); 2] {
    let mut verified = organization("Alfa Kiber", OrganizationKind::Company);
    verified.verified_at = Some(OffsetDateTime::now_utc());
    let ids = db
        .insert_organizations(
            &[verified, organization("Bravo Təhlükəsizlik", OrganizationKind::Company)],
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    let listings = db.organizations_by_ids(&ids).await.unwrap();
    [(ids[0], listings[0].slug.to_string()), (ids[1], listings[1].slug.to_string())]
}

/// A confirmed account, signed in on a browser of its own; staff also sign in with their second factor.
pub async fn person(
    app: &axum::Router,
    db: &Database,
    email: &str,
    staff: Option<StaffRole>,
    membership: Option<(i64, MembershipRole)>,
) -> Browser {
    let hash = qala::server::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
    let now = OffsetDateTime::now_utc();
    let user = db.create_user(&EmailAddress::parse(email).unwrap(), Some(&hash), staff, true, now).await.unwrap();
    if let Some((organization_id, role)) = membership {
        db.set_membership(user.id, organization_id, role, now).await.unwrap();
    }
    let secret = qala::server::auth::totp::new_secret();
    if staff.is_some() {
        db.set_totp_secret(user.id, Some(&secret), now).await.unwrap();
    }
    let mut browser = Browser::new(app, &format!("198.51.100.{}:5000", user.id % 250));
    let reply = browser.call("/api/account/sign-in", &[("lang", "en"), ("email", email), ("password", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    if staff.is_some() {
        let code = qala::server::auth::totp::current_code(&secret, OffsetDateTime::now_utc());
        let reply = browser.call("/api/account/confirm-code", &[("lang", "en"), ("code", &code)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    browser
}

/// A profile form as the editor page posts it, with the English name changed.
pub fn profile_form(name_en: &str) -> Vec<(&'static str, String)> {
    vec![
        ("az.name", "Bravo Təhlükəsizlik".to_owned()),
        ("en.name", name_en.to_owned()),
        ("en.description", "We **audit** networks.".to_owned()),
        ("kind", "company".to_owned()),
        ("country", "AZ".to_owned()),
        ("city", "Gəncə".to_owned()),
        ("website", "https://bravo.example".to_owned()),
    ]
}

pub async fn post_profile(browser: &mut Browser, slug: &str, fields: &[(&str, String)]) -> Reply {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let path = format!("/en/account/organizations/{slug}/profile");
    browser.submit(&path, &pairs, &format!("/en/account/organizations/{slug}")).await
}

pub fn location(reply: &Reply) -> String {
    reply.headers.get(header::LOCATION).map(|value| value.to_str().unwrap().to_owned()).unwrap_or_default()
}

pub async fn public_name(db: &Database, slug: &str) -> String {
    let listing = db.organization_by_slug(slug).await.unwrap().unwrap();
    listing.profile.texts.get(qala::domain::lang::Lang::En).unwrap().name.clone()
}

async fn an_unverified_listings_change_waits_for_review_while_the_public_sees_the_old_one(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let reply = post_profile(&mut owner, &b_slug, &profile_form("Bravo Security")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(location(&reply), format!("/en/account/organizations/{b_slug}?saved=pending"));
    assert_eq!(
        public_name(&db, &b_slug).await,
        "Bravo Təhlükəsizlik (en)",
        "the public still sees the approved version"
    );
    let revision = db.latest_revision(b_id).await.unwrap().unwrap();
    assert_eq!(revision.summary.status, RevisionStatus::Pending);
    assert_eq!(revision.profile.facts.city.as_deref(), Some("Gəncə"));
    // The editor shows the change waiting, not the published version.
    let page = owner.get(&format!("/en/account/organizations/{b_slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"value="Bravo Security""#), "the pending change is what the editor edits");
    assert!(page.body.contains("waiting for staff review"));
}

async fn a_verified_listings_change_is_published_at_once(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), _] = two_listings(&db).await;
    let mut editor = person(&app, &db, "editor@alfa.example", None, Some((a_id, MembershipRole::Editor))).await;
    let reply = post_profile(&mut editor, &a_slug, &profile_form("Alfa Cyber")).await;
    assert_eq!(location(&reply), format!("/en/account/organizations/{a_slug}?saved=published"));
    assert_eq!(public_name(&db, &a_slug).await, "Alfa Cyber");
    let listing = db.organization_by_slug(&a_slug).await.unwrap().unwrap();
    assert_eq!(
        listing.profile.texts.get(qala::domain::lang::Lang::En).unwrap().description.as_deref(),
        Some("We **audit** networks.")
    );
    let search = app_search(&db, "Alfa Cyber").await;
    assert!(search.contains(&a_slug), "the directory index follows the change");
}

async fn app_search(db: &Database, text: &str) -> Vec<String> {
    let query = qala::domain::directory::DirectoryQuery { text: text.to_owned(), ..Default::default() };
    let (ids, _) = Search::new(db.clone()).directory_ids(&query, qala::domain::lang::Lang::En, Some(20)).await.unwrap();
    db.organizations_by_ids(&ids).await.unwrap().into_iter().map(|listing| listing.slug.to_string()).collect()
}

async fn a_refused_profile_comes_back_with_messages_and_everything_typed(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let mut fields = profile_form("Bravo Security");
    fields.push(("website", "not a website".to_owned()));
    fields.retain(|(name, value)| *name != "website" || value == "not a website");
    fields.push(("founded_year", "3000".to_owned()));
    let before = db.latest_revision(b_id).await.unwrap().map(|revision| revision.summary.id);
    let reply = post_profile(&mut owner, &b_slug, &fields).await;
    assert_eq!(location(&reply), format!("/en/account/organizations/{b_slug}"));
    assert_eq!(db.latest_revision(b_id).await.unwrap().map(|revision| revision.summary.id), before, "nothing saved");
    let page = owner.get(&format!("/en/account/organizations/{b_slug}")).await;
    assert!(page.body.contains("Enter a web address starting with https://."), "the website's message");
    assert!(page.body.contains(r#"value="not a website""#), "what was typed is kept");
    assert!(page.body.contains(r#"value="Bravo Security""#));
    assert!(page.body.contains(r#"aria-invalid="true""#));
    // Shown once: a reload shows the saved profile again.
    let again = owner.get(&format!("/en/account/organizations/{b_slug}")).await;
    assert!(!again.body.contains("not a website"));
}

pub async fn upload_logo(browser: &mut Browser, slug: &str, bytes: &[u8]) -> Reply {
    browser.upload(&format!("/en/account/organizations/{slug}/logo"), &[], ("logo", "logo.png", bytes)).await
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(width, height, image::Rgba([20, 90, 160, 255]));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

async fn logos_are_checked_resized_and_published_or_held_for_review(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (b_id, b_slug)] = two_listings(&db).await;
    let mut alfa = person(&app, &db, "owner@alfa.example", None, Some((a_id, MembershipRole::Owner))).await;
    let reply = upload_logo(&mut alfa, &a_slug, &png(400, 200)).await;
    assert_eq!(location(&reply), format!("/en/account/organizations/{a_slug}?logo=published"));
    let listing = db.organization_by_slug(&a_slug).await.unwrap().unwrap();
    let version = listing.logo_version.expect("a verified listing's logo is live at once");
    let served = alfa.get(&format!("/logos/{a_slug}/64?v={version}")).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers.get(header::CONTENT_TYPE).unwrap(), "image/png");

    let mut bravo = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let reply = upload_logo(&mut bravo, &b_slug, &png(128, 128)).await;
    assert_eq!(location(&reply), format!("/en/account/organizations/{b_slug}?logo=pending"));
    assert!(db.organization_by_slug(&b_slug).await.unwrap().unwrap().logo_version.is_none(), "held for review");
    let revision = db.latest_revision(b_id).await.unwrap().unwrap();
    assert!(revision.logo.as_ref().is_some_and(|logo| logo.starts_with(b"\x89PNG")));
    // Its editors see the logo they sent beside the one shown now, before staff approve it.
    let editor = bravo.get(&format!("/en/account/organizations/{b_slug}")).await.body;
    let pending = format!("/account/organizations/{b_slug}/pending-logo?revision={}", revision.summary.id);
    assert!(editor.contains(&format!(r#"src="{pending}""#)), "the editor previews the pending logo");
    assert!(editor.contains("Awaiting review"));
    let served = bravo.get(&pending).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(served.headers[header::CACHE_CONTROL], "private, no-store", "no shared cache keeps it");
    let public = Browser::new(&app, "203.0.113.77:5000").get(&format!("/en/organizations/{b_slug}")).await.body;
    assert!(!public.contains("pending-logo"), "the public does not see it");

    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    let reply = upload_logo(&mut bravo, &b_slug, svg).await;
    assert_eq!(location(&reply), format!("/en/account/organizations/{b_slug}#logo"));
    let page = bravo.get(&format!("/en/account/organizations/{b_slug}")).await;
    assert!(page.body.contains("Upload a PNG, JPEG or WebP image (SVG is not accepted)."));
}

/// A visitor on the profile of a listing without an owner is asked whether it is theirs, and the
/// sign-in it leads to returns them to the profile, where they can claim it; never to another site.
async fn anonymous_visitors_are_asked_to_sign_in_and_come_back_to_claim(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (_, b_slug)] = two_listings(&db).await;
    let profile = format!("/en/organizations/{b_slug}");
    let mut visitor = Browser::new(&app, "203.0.113.40:5000");
    let page = visitor.get(&profile).await.body;
    assert!(page.contains("Is this your organization?"), "asked on the profile");
    let sign_in = format!("/en/account/sign-in?next=%2Fen%2Forganizations%2F{b_slug}");
    assert!(page.contains(&format!(r#"href="{}""#, sign_in.replace('&', "&amp;"))), "and led to sign in");
    let form = visitor.get(&sign_in).await.body;
    assert!(form.contains(&format!(r#"name="next" value="/en/organizations/{b_slug}""#)), "the form carries it");

    let hash = qala::server::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
    let email = EmailAddress::parse("leyla@elsewhere.example").unwrap();
    db.create_user(&email, Some(&hash), None, true, OffsetDateTime::now_utc()).await.unwrap();
    let mut fields = vec![("lang", "en"), ("email", "leyla@elsewhere.example"), ("password", PASSWORD)];
    for elsewhere in ["//evil.example/en", "https://evil.example/en/organizations"] {
        let mut other = Browser::new(&app, "203.0.113.41:5000");
        let reply = other
            .submit(
                "/api/account/sign-in",
                &[fields.clone(), vec![("next", elsewhere)]].concat(),
                "/en/account/sign-in",
            )
            .await;
        assert!(location(&reply).ends_with("/en/account"), "{elsewhere}: {}", location(&reply));
    }
    fields.push(("next", &profile));
    let reply = visitor.submit("/api/account/sign-in", &fields, &sign_in).await;
    assert!(location(&reply).ends_with(&profile), "back on the profile: {}", location(&reply));
    let page = visitor.get(&profile).await.body;
    assert!(page.contains("Claim this listing"), "now signed in, the claim button");

    // A listing with an owner asks nobody.
    let owner = db
        .create_user(&EmailAddress::parse("boss@alfa.example").unwrap(), None, None, true, OffsetDateTime::now_utc())
        .await
        .unwrap();
    db.set_membership(owner.id, a_id, MembershipRole::Owner, OffsetDateTime::now_utc()).await.unwrap();
    let page = Browser::new(&app, "203.0.113.42:5000").get(&format!("/en/organizations/{a_slug}")).await.body;
    assert!(!page.contains("Is this your organization?"));
}

async fn claims_are_approved_by_website_domain_or_wait_for_staff(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), (_, b_slug)] = two_listings(&db).await;
    // Both test listings' website is https://example.example.
    let mut insider = person(&app, &db, "aysel@example.example", None, None).await;
    let reply = insider.call("/api/editing/claim", &[("lang", "en"), ("slug", &a_slug)]).await;
    assert_eq!(reply.body, "\"approved\"");
    assert_eq!(
        db.membership_role(insider_id(&db, "aysel@example.example").await, a_id).await.unwrap(),
        Some(MembershipRole::Owner)
    );

    let mut outsider = person(&app, &db, "farid@elsewhere.example", None, None).await;
    let reply = outsider.call("/api/editing/claim", &[("lang", "en"), ("slug", &b_slug)]).await;
    assert_eq!(reply.body, "\"pending\"");
    let reply = outsider.call("/api/editing/claim", &[("lang", "en"), ("slug", &a_slug)]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("AlreadyOwned"));
}

async fn insider_id(db: &Database, email: &str) -> i64 {
    db.credentials_by_email(email).await.unwrap().unwrap().user.id
}

async fn a_new_listing_waits_unpublished_and_belongs_to_who_asked(db: Database) {
    let app = app(&db);
    let mut founder = person(&app, &db, "founder@new.example", None, None).await;
    let fields = [("az.name", "Yeni Qalxan"), ("kind", "startup"), ("country", "AZ"), ("city", "Bakı")];
    let reply = founder.submit("/en/account/organizations/new", &fields, "/en/account/organizations/new").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(location(&reply).starts_with("/en/account/organizations/yeni-qalxan"), "{}", location(&reply));
    let listing = db.organization_by_slug("yeni-qalxan").await.unwrap().unwrap();
    assert!(!listing.status.is_public());
    let public = founder.get("/en/organizations/yeni-qalxan").await;
    assert_eq!(public.status, StatusCode::NOT_FOUND);
    assert_eq!(
        db.membership_role(insider_id(&db, "founder@new.example").await, listing.id).await.unwrap(),
        Some(MembershipRole::Owner)
    );
}

/// What a listing looks like in the database, to compare before and after a refused write.
async fn snapshot(db: &Database, id: i64, slug: &str) -> String {
    let listing = db.organization_by_slug(slug).await.unwrap();
    let revision = db.latest_revision(id).await.unwrap().map(|revision| (revision.summary.id, revision.summary.status));
    let owned = db.has_owner(id).await.unwrap();
    format!("{listing:?} {revision:?} {owned}")
}

async fn nobody_changes_a_listing_that_is_not_theirs(db: Database) {
    let app = app(&db);
    let [(a_id, _), (b_id, b_slug)] = two_listings(&db).await;
    let mut anonymous = Browser::new(&app, "203.0.113.1:6000");
    let mut editor_of_a = person(&app, &db, "editor@a.example", None, Some((a_id, MembershipRole::Editor))).await;
    let mut owner_of_a = person(&app, &db, "owner@a.example", None, Some((a_id, MembershipRole::Owner))).await;
    let mut editor_of_b = person(&app, &db, "editor@b.example", None, Some((b_id, MembershipRole::Editor))).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    // Staff without a second factor have no staff powers.
    let mut bare_curator = {
        let hash = qala::server::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
        let email = EmailAddress::parse("bare@forum.example").unwrap();
        db.create_user(&email, Some(&hash), Some(StaffRole::Curator), true, OffsetDateTime::now_utc()).await.unwrap();
        let mut browser = Browser::new(&app, "203.0.113.9:6000");
        browser
            .call("/api/account/sign-in", &[("lang", "en"), ("email", "bare@forum.example"), ("password", PASSWORD)])
            .await;
        browser
    };
    // B has a logo waiting for review, which only its editors and staff may see.
    let pending = upload_logo(&mut editor_of_b, &b_slug, &png(32, 32)).await;
    assert!(location(&pending).ends_with("logo=pending"), "{}", pending.body);
    let actors: [(&str, &mut Browser, bool); 7] = [
        ("anonymous", &mut anonymous, false),
        ("editor of A", &mut editor_of_a, false),
        ("owner of A", &mut owner_of_a, false),
        ("curator without a second factor", &mut bare_curator, false),
        ("editor of B", &mut editor_of_b, true),
        ("curator", &mut curator, true),
        ("admin", &mut admin, true),
    ];
    for (who, browser, allowed) in actors {
        for write in ["profile", "logo", "solution"] {
            let before = snapshot(&db, b_id, &b_slug).await;
            let reply = match write {
                "profile" => post_profile(browser, &b_slug, &profile_form(&format!("Changed by {who}"))).await,
                "logo" => upload_logo(browser, &b_slug, &png(64, 64)).await,
                _ => {
                    let name = format!("Solution by {who}");
                    let fields = [("en.name", name.as_str()), ("kind", "product")];
                    crate::solution_editing::post_solution(browser, &b_slug, "new", &fields).await
                }
            };
            let after = snapshot(&db, b_id, &b_slug).await;
            if allowed {
                assert_eq!(reply.status, StatusCode::SEE_OTHER, "{who} may change B's {write}: {}", reply.body);
                assert!(
                    location(&reply).contains("=published") || location(&reply).contains("=pending"),
                    "{who} {write}"
                );
                assert_ne!(before, after, "{who}'s {write} change is recorded");
            } else {
                assert!(
                    [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&reply.status),
                    "{who} must not change B's {write}: {} {}",
                    reply.status,
                    reply.body
                );
                assert_eq!(before, after, "{who}'s refused {write} changed nothing");
            }
        }
        // Reading B's editor, its solution form and its pending logo follows the same rule.
        let expected =
            if allowed { vec![StatusCode::OK] } else { vec![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN] };
        if !allowed {
            let logo = browser.get(&format!("/account/organizations/{b_slug}/pending-logo")).await;
            assert!(expected.contains(&logo.status), "{who} reading B's pending logo: {}", logo.status);
        }
        let page = browser.call("/api/editing/editor", &[("slug", &b_slug), ("lang", "en")]).await;
        assert!(expected.contains(&page.status), "{who} reading B's editor: {}", page.status);
        let form = browser.call("/api/editing/solution", &[("slug", &b_slug), ("key", "new"), ("lang", "en")]).await;
        assert!(expected.contains(&form.status), "{who} reading B's solution form: {}", form.status);
    }
    // A cross-site post is refused before any of this, even from B's own editor.
    let before = snapshot(&db, b_id, &b_slug).await;
    let pairs: Vec<(&str, String)> = profile_form("Cross-site");
    let fields: Vec<(&str, &str)> = pairs.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let reply = editor_of_b
        .post(
            &format!("/en/account/organizations/{b_slug}/profile"),
            &fields,
            "text/html",
            Some("https://evil.example"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(before, snapshot(&db, b_id, &b_slug).await);
}

async fn signed_in_on_one_instance_an_edit_goes_through_another(db: Database) {
    let first = app(&db);
    let second_db = db.reopen().await.unwrap();
    let second = app(&second_db);
    let [(a_id, a_slug), _] = two_listings(&db).await;
    let mut browser = person(&first, &db, "owner@alfa.example", None, Some((a_id, MembershipRole::Owner))).await;
    browser.app = second;
    let reply = post_profile(&mut browser, &a_slug, &profile_form("Alfa via the second instance")).await;
    assert_eq!(location(&reply), format!("/en/account/organizations/{a_slug}?saved=published"));
    assert_eq!(public_name(&db, &a_slug).await, "Alfa via the second instance");
    second_db.close().await;
}

async fn an_owner_invites_removes_and_hands_over_ownership(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let invite = |email: &'static str| [("lang", "en"), ("slug", b_slug.as_str()), ("email", email)];

    // A confirmed account joins at once and is told by mail.
    let mut colleague = person(&app, &db, "colleague@bravo.example", None, None).await;
    let colleague_id = insider_id(&db, "colleague@bravo.example").await;
    let reply = owner.call("/api/editing/invite", &invite("Colleague@Bravo.example")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(db.membership_role(colleague_id, b_id).await.unwrap(), Some(MembershipRole::Editor));
    let told = db.recent_mail(Some("colleague@bravo.example"), 1).await.unwrap().remove(0);
    assert!(told.subject.contains("You can now edit"), "{}", told.subject);
    let again = owner.call("/api/editing/invite", &invite("colleague@bravo.example")).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "already a member");

    // An address without an account is invited, and joins once it confirms an account.
    owner.call("/api/editing/invite", &invite("newcomer@bravo.example")).await;
    assert_eq!(db.open_invitations(b_id).await.unwrap(), ["newcomer@bravo.example"]);
    let mut newcomer = Browser::new(&app, "192.0.2.90:7000");
    newcomer
        .call("/api/account/sign-up", &[("lang", "en"), ("email", "newcomer@bravo.example"), ("password", PASSWORD)])
        .await;
    let newcomer_id = insider_id(&db, "newcomer@bravo.example").await;
    assert_eq!(db.membership_role(newcomer_id, b_id).await.unwrap(), None, "not before the address is confirmed");
    let token = emailed_token(&db, "newcomer@bravo.example").await;
    newcomer.call("/api/account/confirm-email", &[("lang", "en"), ("token", &token)]).await;
    assert_eq!(db.membership_role(newcomer_id, b_id).await.unwrap(), Some(MembershipRole::Editor));
    assert!(db.open_invitations(b_id).await.unwrap().is_empty());

    // Editors manage nobody.
    let refused = colleague.call("/api/editing/invite", &invite("stranger@elsewhere.example")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(db.open_invitations(b_id).await.unwrap().is_empty());
    let newcomer_text = newcomer_id.to_string();
    let refused = colleague
        .call("/api/editing/remove-member", &[("lang", "en"), ("slug", &b_slug), ("user_id", &newcomer_text)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(db.membership_role(newcomer_id, b_id).await.unwrap(), Some(MembershipRole::Editor));

    // The owner hands over and stays on as an editor; the new owner can then remove them.
    let colleague_text = colleague_id.to_string();
    let reply =
        owner.call("/api/editing/hand-over", &[("lang", "en"), ("slug", &b_slug), ("user_id", &colleague_text)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let owner_id = insider_id(&db, "owner@bravo.example").await;
    assert_eq!(db.membership_role(colleague_id, b_id).await.unwrap(), Some(MembershipRole::Owner));
    assert_eq!(db.membership_role(owner_id, b_id).await.unwrap(), Some(MembershipRole::Editor));
    let owner_text = owner_id.to_string();
    let reply = colleague
        .call("/api/editing/remove-member", &[("lang", "en"), ("slug", &b_slug), ("user_id", &owner_text)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(db.membership_role(owner_id, b_id).await.unwrap(), None);
    let locked_out = post_profile(&mut owner, &b_slug, &profile_form("No longer mine")).await;
    assert_eq!(locked_out.status, StatusCode::FORBIDDEN);
    // The owner is never removed, only replaced.
    let reply = colleague
        .call("/api/editing/remove-member", &[("lang", "en"), ("slug", &b_slug), ("user_id", &colleague_text)])
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

async fn only_admins_read_the_outbox(db: Database) {
    let app = app(&db);
    let mut newcomer = Browser::new(&app, "192.0.2.95:7000");
    newcomer
        .call("/api/account/sign-up", &[("lang", "en"), ("email", "newcomer@qala.example"), ("password", PASSWORD)])
        .await;
    assert_eq!(
        Browser::new(&app, "192.0.2.96:7000").call("/api/account/outbox", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(newcomer.call("/api/account/outbox", &[]).await.status, StatusCode::FORBIDDEN);
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    assert_eq!(curator.call("/api/account/outbox", &[]).await.status, StatusCode::FORBIDDEN);
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    let reply = admin.call("/api/account/outbox", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    let mails: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert!(
        mails.as_array().unwrap().iter().any(|mail| mail["recipient"] == "newcomer@qala.example"),
        "the confirmation mail is listed: {}",
        reply.body
    );
}

on_both_engines!(
    anonymous_visitors_are_asked_to_sign_in_and_come_back_to_claim,
    only_admins_read_the_outbox,
    an_owner_invites_removes_and_hands_over_ownership,
    an_unverified_listings_change_waits_for_review_while_the_public_sees_the_old_one,
    a_verified_listings_change_is_published_at_once,
    a_refused_profile_comes_back_with_messages_and_everything_typed,
    logos_are_checked_resized_and_published_or_held_for_review,
    claims_are_approved_by_website_domain_or_wait_for_staff,
    a_new_listing_waits_unpublished_and_belongs_to_who_asked,
    nobody_changes_a_listing_that_is_not_theirs,
    signed_in_on_one_instance_an_edit_goes_through_another,
    a_cert_says_where_incidents_go_and_whom_it_serves_first_on_its_profile,
);

/// A CERT's editors give where incidents are reported and whom it serves; its profile says how to
/// reach it (report, mail, call) at the top, before what it offers. A company keeps its phone among
/// the facts.
async fn a_cert_says_where_incidents_go_and_whom_it_serves_first_on_its_profile(db: Database) {
    let app = app(&db);
    let [(a_id, a_slug), _] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@alfa.example", None, Some((a_id, MembershipRole::Owner))).await;
    let cert = |kind: &str, contact: &str| {
        let mut fields = profile_form("Alfa CERT");
        fields.retain(|(name, _)| *name != "kind");
        fields.extend([
            ("kind", kind.to_owned()),
            ("incident_contact", contact.to_owned()),
            ("constituency", "Banks and insurers of Azerbaijan".to_owned()),
            ("phone", "+994 12 555 01 99".to_owned()),
            ("email", "info@alfa.example".to_owned()),
        ]);
        fields
    };

    // Something that is neither a mail nor a web address is refused next to its field, kept as typed.
    let refused = post_profile(&mut owner, &a_slug, &cert("cert", "call us")).await;
    assert_eq!(location(&refused), format!("/en/account/organizations/{a_slug}"));
    let editor = owner.get(&format!("/en/account/organizations/{a_slug}")).await.body;
    assert!(editor.contains(r#"id="field-incident_contact-error""#), "the message sits by the field");
    assert!(editor.contains(r#"value="call us""#));

    let saved = post_profile(&mut owner, &a_slug, &cert("cert", "Report@Alfa.example")).await;
    assert!(location(&saved).ends_with("saved=published"), "{}", location(&saved));
    let listing = db.organization_by_slug(&a_slug).await.unwrap().unwrap();
    assert_eq!(listing.profile.facts.incident_contact.as_deref(), Some("report@alfa.example"));
    assert_eq!(listing.profile.facts.constituency.as_deref(), Some("Banks and insurers of Azerbaijan"));

    let page = owner.get(&format!("/en/organizations/{a_slug}")).await.body.replace("<!>", "");
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("{needle} missing from the profile"));
    let report = at(r#"href="mailto:report@alfa.example""#);
    let call = at(r#"href="tel:+994125550199""#);
    let solutions = at(r#"id="solutions-heading""#);
    assert!(report < solutions && call < solutions, "how to reach it comes before what it offers");
    assert!(page.contains("Serves: Banks and insurers of Azerbaijan"));
    let export = owner.get(&format!("/api/v1/organizations/{a_slug}")).await.body;
    assert!(export.contains(r#""incident_contact":"report@alfa.example""#), "{export}");

    // A company's phone stays among its facts.
    post_profile(&mut owner, &a_slug, &cert("company", "https://alfa.example/report")).await;
    let page = owner.get(&format!("/en/organizations/{a_slug}")).await.body.replace("<!>", "");
    let call_button = page.find(r#"href="tel:+994125550199""#).unwrap();
    assert!(call_button > page.find(r#"id="facts-heading""#).unwrap(), "no call button at the top");
    assert!(page.contains(r#"href="https://alfa.example/report""#));
}
