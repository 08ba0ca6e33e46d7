//! Accounts over HTTP, as a browser uses them: signing up, confirming the address from the emailed
//! link, signing in and out, throttling, password resets, two-factor codes, and the same-origin rule.
use std::net::SocketAddr;

use axum::{
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use qala::{
    domain::user::{EmailAddress, StaffRole},
    server::db::Database,
};
use time::OffsetDateTime;
use tower::ServiceExt;

use crate::{
    browser::{Browser, PASSWORD, Reply, body, emailed_token, field_problem},
    http::app,
    on_both_engines,
};

async fn sign_up(browser: &mut Browser, email: &str) -> Reply {
    browser.call("/api/account/sign-up", &[("lang", "en"), ("email", email), ("password", PASSWORD)]).await
}

async fn an_account_is_created_confirmed_and_signed_in_and_out(db: Database) {
    let app = app(&db);
    let mut browser = Browser::new(&app, "192.0.2.10:4000");
    assert_eq!(browser.viewer().await, None);
    let reply = sign_up(&mut browser, "Aysel@Qarmaq.Example").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let cookie = reply.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-qala_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing from {cookie}");
    }
    assert_eq!(browser.viewer().await.as_deref(), Some("aysel@qarmaq.example"));
    let user = db.credentials_by_email("aysel@qarmaq.example").await.unwrap().unwrap();
    assert!(user.user.email_verified_at.is_none());
    assert_ne!(user.password_hash.as_deref(), Some(PASSWORD), "only a hash is stored");

    // The emailed link opens a page with a button; the page alone changes nothing.
    let token = emailed_token(&db, "aysel@qarmaq.example").await;
    let page = browser.get(&format!("/en/account/verify?token={token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(db.credentials_by_email("aysel@qarmaq.example").await.unwrap().unwrap().user.email_verified_at.is_none());
    let confirmed = browser.call("/api/account/confirm-email", &[("lang", "en"), ("token", &token)]).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert!(db.credentials_by_email("aysel@qarmaq.example").await.unwrap().unwrap().user.email_verified_at.is_some());
    let again = browser.call("/api/account/confirm-email", &[("lang", "en"), ("token", &token)]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_problem(&again, "token").contains("LinkExpired"));

    let signed_in_cookie = browser.cookie.clone();
    browser.call("/api/account/sign-out", &[("lang", "en")]).await;
    assert_eq!(browser.viewer().await, None);
    // The old cookie is worthless once signed out: the session is gone from the database.
    let mut replay = Browser { cookie: signed_in_cookie, ..Browser::new(&app, "192.0.2.10:4001") };
    assert_eq!(replay.viewer().await, None);

    let wrong = browser
        .call(
            "/api/account/sign-in",
            &[("lang", "en"), ("email", "aysel@qarmaq.example"), ("password", "not it at all")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_problem(&wrong, "password").contains("WrongCredentials"));
    let before = browser.cookie.clone();
    let right = browser
        .call("/api/account/sign-in", &[("lang", "en"), ("email", " AYSEL@qarmaq.example "), ("password", PASSWORD)])
        .await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    assert_ne!(browser.cookie, before, "signing in starts a new session id");
    assert_eq!(browser.viewer().await.as_deref(), Some("aysel@qarmaq.example"));

    // The account's own writes are in the audit log, with the person as actor.
    let filter = qala::domain::curation::AuditFilter { actor: "aysel@".to_owned(), ..Default::default() };
    let entries = db.audit_entries(&filter, 10, 0).await.unwrap();
    let actions: Vec<&str> = entries.iter().rev().map(|entry| entry.action.as_str()).collect();
    assert_eq!(actions, ["account.sign_up", "account.confirm_email"]);
}

async fn sign_up_refuses_bad_input_field_by_field(db: Database) {
    let app = app(&db);
    let mut browser = Browser::new(&app, "192.0.2.11:4000");
    let reply =
        browser.call("/api/account/sign-up", &[("lang", "en"), ("email", "aysel"), ("password", "short")]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_problem(&reply, "email").contains("InvalidEmail"));
    assert!(field_problem(&reply, "password").contains("TooShort"));
    let common = browser
        .call("/api/account/sign-up", &[("lang", "en"), ("email", "a@b.example"), ("password", "password123")])
        .await;
    assert!(field_problem(&common, "password").contains("CommonPassword"), "{}", common.body);
    assert!(sign_up(&mut browser, "taken@b.example").await.status.is_success());
    let mut other = Browser::new(&app, "192.0.2.12:4000");
    let taken = sign_up(&mut other, "taken@b.example").await;
    assert_eq!(taken.status, StatusCode::OK, "answered as a new sign-up: {}", taken.body);
    assert_eq!(taken.body, sign_up(&mut other, "new@b.example").await.body);
    let mails = db.recent_mail(Some("taken@b.example"), 1).await.unwrap();
    assert_eq!(mails[0].subject, "Someone tried to sign up with your Qala address", "its owner hears of it");
    assert!(mails[0].body.contains("/en/account/forgot-password"), "{}", mails[0].body);
    let owner = db.credentials_by_email("taken@b.example").await.unwrap().unwrap();
    assert!(qala::server::auth::password_matches(PASSWORD.to_owned(), owner.password_hash).await);
}

async fn a_plain_form_post_comes_back_with_its_errors_and_what_was_typed(db: Database) {
    let app = app(&db);
    let mut browser = Browser::new(&app, "192.0.2.13:4000");
    let fields = [("lang", "en"), ("email", "nobody@qala.example"), ("password", "wrong password here")];
    let reply = browser.submit("/api/account/sign-in", &fields, "/en/account/sign-in").await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let location = reply.headers.get(header::LOCATION).unwrap().to_str().unwrap().to_owned();
    assert!(
        location.starts_with("https://qala.example/en/account/sign-in?") && location.contains("__err="),
        "{location}"
    );
    let path = location.trim_start_matches("https://qala.example");
    let page = browser.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("That email address and password do not match an account."), "the error is on the page");
    assert!(page.body.contains(r#"value="nobody@qala.example""#), "the email typed is filled in again");
    assert!(!page.body.contains("wrong password here"), "a password is never kept");
}

async fn guessing_a_password_is_throttled_per_account_and_per_address(db: Database) {
    let app = app(&db);
    let mut owner = Browser::new(&app, "192.0.2.20:4000");
    sign_up(&mut owner, "target@qala.example").await;
    let mut attacker = Browser::new(&app, "198.51.100.7:4000");
    for _ in 0..5 {
        let reply = attacker
            .call(
                "/api/account/sign-in",
                &[("lang", "en"), ("email", "target@qala.example"), ("password", "guess guess guess")],
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let throttled = attacker
        .call("/api/account/sign-in", &[("lang", "en"), ("email", "target@qala.example"), ("password", PASSWORD)])
        .await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    let retry: u64 = throttled.headers.get(header::RETRY_AFTER).unwrap().to_str().unwrap().parse().unwrap();
    assert!((1..=15 * 60).contains(&retry), "{retry}");
    assert!(throttled.body.contains("RateLimited"));
    assert_eq!(attacker.viewer().await, None);

    // Other accounts from the same address are still open until the address's own limit.
    let mut colleague = Browser::new(&app, "198.51.100.7:4001");
    sign_up(&mut colleague, "colleague@qala.example").await;
    for attempt in 0..30 {
        let reply = attacker
            .call(
                "/api/account/sign-in",
                &[("lang", "en"), ("email", &format!("someone{attempt}@qala.example")), ("password", "guess guess")],
            )
            .await;
        assert_ne!(reply.status, StatusCode::OK);
    }
    let from_same_address = colleague
        .call("/api/account/sign-in", &[("lang", "en"), ("email", "colleague@qala.example"), ("password", PASSWORD)])
        .await;
    assert_eq!(from_same_address.status, StatusCode::TOO_MANY_REQUESTS);
    let mut elsewhere = Browser::new(&app, "203.0.113.5:4000");
    let reply = elsewhere
        .call("/api/account/sign-in", &[("lang", "en"), ("email", "colleague@qala.example"), ("password", PASSWORD)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

async fn a_forgotten_password_is_reset_by_an_emailed_link_that_works_once(db: Database) {
    let app = app(&db);
    let mut laptop = Browser::new(&app, "192.0.2.30:4000");
    sign_up(&mut laptop, "leyla@qala.example").await;
    let mut phone = Browser::new(&app, "192.0.2.31:4000");
    let unknown = phone.call("/api/account/forgot-password", &[("lang", "az"), ("email", "nobody@qala.example")]).await;
    assert_eq!(unknown.status, StatusCode::OK, "the answer does not say whether the address has an account");
    assert!(db.recent_mail(Some("nobody@qala.example"), 1).await.unwrap().is_empty());
    let reply = phone.call("/api/account/forgot-password", &[("lang", "az"), ("email", "leyla@qala.example")]).await;
    assert_eq!(reply.status, StatusCode::OK);
    let mail = db.recent_mail(Some("leyla@qala.example"), 1).await.unwrap().remove(0);
    assert!(mail.subject.contains("şifrə"), "the mail is in the language asked in: {}", mail.subject);
    let token = emailed_token(&db, "leyla@qala.example").await;

    let weak =
        phone.call("/api/account/reset-password", &[("lang", "az"), ("token", &token), ("password", "123")]).await;
    assert!(field_problem(&weak, "password").contains("TooShort"));
    let new_password = "copper meadow violin 7";
    let reset = phone
        .call("/api/account/reset-password", &[("lang", "az"), ("token", &token), ("password", new_password)])
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert_eq!(phone.viewer().await.as_deref(), Some("leyla@qala.example"));
    assert_eq!(laptop.viewer().await, None, "a new password ends every other session");
    let reused = phone
        .call("/api/account/reset-password", &[("lang", "az"), ("token", &token), ("password", "another one 12345")])
        .await;
    assert!(field_problem(&reused, "token").contains("LinkExpired"));

    let old = laptop
        .call("/api/account/sign-in", &[("lang", "az"), ("email", "leyla@qala.example"), ("password", PASSWORD)])
        .await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
    let new = laptop
        .call("/api/account/sign-in", &[("lang", "az"), ("email", "leyla@qala.example"), ("password", new_password)])
        .await;
    assert_eq!(new.status, StatusCode::OK);
}

async fn requests_in_flight_do_not_bring_a_signed_out_session_back(db: Database) {
    let app = app(&db);
    let mut browser = Browser::new(&app, "192.0.2.45:4000");
    sign_up(&mut browser, "racing@qala.example").await;
    let cookie = browser.cookie.clone();
    let tab = |peer: &str| Browser { cookie: cookie.clone(), ..Browser::new(&app, peer) };
    // Pages of the same browser keep asking who is signed in while it signs out.
    let readers: Vec<Browser> = (0..12).map(|at| tab(&format!("192.0.2.45:{}", 5000 + at))).collect();
    let reads =
        futures_util::future::join_all(readers.into_iter().map(|mut reader| async move { reader.viewer().await }));
    let mut signer = tab("192.0.2.45:4999");
    let sign_out = async move { signer.call("/api/account/sign-out", &[("lang", "en")]).await };
    let (_, signed_out) = tokio::join!(reads, sign_out);
    assert_eq!(signed_out.status, StatusCode::OK);
    assert_eq!(tab("192.0.2.45:6000").viewer().await, None, "the session stays gone");
}

async fn signing_out_everywhere_ends_every_session_of_the_account(db: Database) {
    let app = app(&db);
    let mut laptop = Browser::new(&app, "192.0.2.40:4000");
    sign_up(&mut laptop, "farid@qala.example").await;
    let mut phone = Browser::new(&app, "192.0.2.41:4000");
    phone
        .call("/api/account/sign-in", &[("lang", "en"), ("email", "farid@qala.example"), ("password", PASSWORD)])
        .await;
    assert!(phone.viewer().await.is_some());
    laptop.call("/api/account/sign-out", &[("lang", "en"), ("everywhere", "1")]).await;
    assert_eq!(laptop.viewer().await, None);
    assert_eq!(phone.viewer().await, None);
}

async fn an_account_with_two_factor_needs_its_current_code_once(db: Database) {
    let app = app(&db);
    let mut browser = Browser::new(&app, "192.0.2.50:4000");
    sign_up(&mut browser, "staff@qala.example").await;
    browser.call("/api/account/sign-out", &[("lang", "en")]).await;
    let user = db.credentials_by_email("staff@qala.example").await.unwrap().unwrap().user;
    let secret = qala::server::auth::totp::new_secret();
    db.set_totp_secret(user.id, Some(&secret), OffsetDateTime::now_utc()).await.unwrap();

    let reply = browser
        .call("/api/account/sign-in", &[("lang", "en"), ("email", "staff@qala.example"), ("password", PASSWORD)])
        .await;
    assert_eq!(reply.body, "\"CodeNeeded\"");
    assert_eq!(browser.viewer().await, None, "a password alone does not sign in");
    let wrong = browser.call("/api/account/confirm-code", &[("lang", "en"), ("code", "000000")]).await;
    let code = qala::server::auth::totp::current_code(&secret, OffsetDateTime::now_utc());
    if code != "000000" {
        assert!(field_problem(&wrong, "code").contains("WrongCode"));
    }
    let right = browser.call("/api/account/confirm-code", &[("lang", "en"), ("code", &code)]).await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    assert_eq!(browser.viewer().await.as_deref(), Some("staff@qala.example"));

    let mut replay = Browser::new(&app, "192.0.2.51:4000");
    replay
        .call("/api/account/sign-in", &[("lang", "en"), ("email", "staff@qala.example"), ("password", PASSWORD)])
        .await;
    let reused = replay.call("/api/account/confirm-code", &[("lang", "en"), ("code", &code)]).await;
    assert!(field_problem(&reused, "code").contains("WrongCode"), "a code works once: {}", reused.body);
}

async fn writes_from_other_sites_are_refused_and_change_nothing(db: Database) {
    let app = app(&db);
    let mut browser = Browser::new(&app, "192.0.2.60:4000");
    let fields = [("lang", "en"), ("email", "csrf@qala.example"), ("password", PASSWORD)];
    for origin in [Some("https://evil.example"), Some("null"), None] {
        let reply = browser.post("/api/account/sign-up", &fields, "application/json", origin).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{origin:?}");
    }
    assert!(db.credentials_by_email("csrf@qala.example").await.unwrap().is_none());
    let mut same_site = Request::post("/api/account/sign-up")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body(&fields))
        .unwrap();
    same_site.extensions_mut().insert(ConnectInfo("192.0.2.60:4000".parse::<SocketAddr>().unwrap()));
    let response = app.clone().oneshot(same_site).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(db.credentials_by_email("csrf@qala.example").await.unwrap().is_some());
}

async fn a_session_started_on_one_instance_holds_on_another(db: Database) {
    let first = app(&db);
    // A second instance: its own router, state and connection pools, on the same database.
    let second_db = db.reopen().await.unwrap();
    let second = app(&second_db);
    let mut browser = Browser::new(&first, "192.0.2.70:4000");
    sign_up(&mut browser, "twice@qala.example").await;
    browser.app = second;
    assert_eq!(browser.viewer().await.as_deref(), Some("twice@qala.example"));
    browser.call("/api/account/sign-out", &[("lang", "en")]).await;
    browser.app = first;
    assert_eq!(browser.viewer().await, None);
    second_db.close().await;
}

/// A confirmed admin account, with an authenticator secret when `second_factor` (returned).
async fn admin(db: &Database, email: &str, second_factor: bool) -> (i64, String) {
    let hash = qala::server::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
    let now = OffsetDateTime::now_utc();
    let address = EmailAddress::parse(email).unwrap();
    let user = db.create_user(&address, Some(&hash), Some(StaffRole::Admin), true, now).await.unwrap();
    let secret = qala::server::auth::totp::new_secret();
    if second_factor {
        db.set_totp_secret(user.id, Some(&secret), now).await.unwrap();
    }
    (user.id, secret)
}

/// The code an authenticator shows `steps` 30-second steps from now (each step is accepted once).
fn code_at(secret: &str, steps: i64) -> String {
    qala::server::auth::totp::current_code(secret, OffsetDateTime::now_utc() + time::Duration::seconds(30 * steps))
}

async fn staff_status(browser: &mut Browser) -> StatusCode {
    browser.call("/api/staff/dashboard", &[("lang", "en")]).await.status
}

async fn viewer_json(browser: &mut Browser) -> serde_json::Value {
    serde_json::from_str(&browser.call("/api/account/viewer", &[]).await.body).unwrap()
}

async fn sign_in(browser: &mut Browser, email: &str) -> Reply {
    browser.call("/api/account/sign-in", &[("lang", "en"), ("email", email), ("password", PASSWORD)]).await
}

async fn a_session_signed_in_with_the_password_alone_never_holds_staff_powers(db: Database) {
    let app = app(&db);
    let (id, secret) = admin(&db, "admin@qala.example", false).await;
    let mut browser = Browser::new(&app, "192.0.2.80:4000");
    assert_eq!(sign_in(&mut browser, "admin@qala.example").await.body, "\"SignedIn\"");
    assert_eq!(staff_status(&mut browser).await, StatusCode::FORBIDDEN);
    let viewer = viewer_json(&mut browser).await;
    assert_eq!(viewer["staff_role"], serde_json::Value::Null, "no staff powers on this session");
    assert_eq!(viewer["staff_awaiting_second_factor"], true);
    // The account gains a second factor without this session passing it: still no staff powers.
    db.set_totp_secret(id, Some(&secret), OffsetDateTime::now_utc()).await.unwrap();
    assert_eq!(staff_status(&mut browser).await, StatusCode::FORBIDDEN);
    let outbox = browser.call("/api/account/outbox", &[]).await;
    assert_eq!(outbox.status, StatusCode::FORBIDDEN, "{}", outbox.body);
}

async fn a_password_reset_leaves_an_account_with_a_second_factor_awaiting_its_code(db: Database) {
    let app = app(&db);
    let (_, secret) = admin(&db, "reset-admin@qala.example", true).await;
    let mut browser = Browser::new(&app, "192.0.2.81:4000");
    browser.call("/api/account/forgot-password", &[("lang", "en"), ("email", "reset-admin@qala.example")]).await;
    let token = emailed_token(&db, "reset-admin@qala.example").await;
    let fields = [("lang", "en"), ("token", token.as_str()), ("password", "a brand new passphrase 77")];
    let reset = browser.submit("/api/account/reset-password", &fields, "/en/account/reset").await;
    assert!(reset.status.is_redirection(), "{}", reset.body);
    assert_eq!(reset.headers[header::LOCATION], "/en/account/sign-in", "the sign-in page asks for the code");
    assert_eq!(browser.viewer().await, None, "the mailed link alone does not sign a second-factor account in");
    assert_eq!(staff_status(&mut browser).await, StatusCode::UNAUTHORIZED);
    let awaiting = browser.call("/api/account/awaiting-code", &[]).await;
    assert_eq!(awaiting.body, "true");
    let code = code_at(&secret, 0);
    let confirmed = browser.call("/api/account/confirm-code", &[("lang", "en"), ("code", &code)]).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(staff_status(&mut browser).await, StatusCode::OK);
}

async fn turning_the_second_factor_on_or_off_restarts_the_session_and_ends_the_others(db: Database) {
    let app = app(&db);
    admin(&db, "toggle@qala.example", false).await;
    let mut laptop = Browser::new(&app, "192.0.2.82:4000");
    let mut phone = Browser::new(&app, "192.0.2.83:4000");
    sign_in(&mut laptop, "toggle@qala.example").await;
    sign_in(&mut phone, "toggle@qala.example").await;

    laptop.call("/api/account/two-factor/begin", &[("lang", "en")]).await;
    let setup: serde_json::Value =
        serde_json::from_str(&laptop.call("/api/account/two-factor/setup", &[]).await.body).unwrap();
    let secret = setup["secret"].as_str().unwrap().to_owned();
    let before = laptop.cookie.clone();
    let code = code_at(&secret, -1);
    let on = laptop.call("/api/account/two-factor/confirm", &[("lang", "en"), ("code", &code)]).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    assert_ne!(laptop.cookie, before, "a new session id");
    assert_eq!(laptop.viewer().await.as_deref(), Some("toggle@qala.example"), "this session goes on");
    assert_eq!(staff_status(&mut laptop).await, StatusCode::OK, "the code just typed is this session's second factor");
    assert_eq!(phone.viewer().await, None, "the other session ended");

    sign_in(&mut phone, "toggle@qala.example").await;
    let code = code_at(&secret, 0);
    phone.call("/api/account/confirm-code", &[("lang", "en"), ("code", &code)]).await;
    assert_eq!(staff_status(&mut phone).await, StatusCode::OK);
    let before = laptop.cookie.clone();
    let code = code_at(&secret, 1);
    let off = laptop.call("/api/account/two-factor/off", &[("lang", "en"), ("code", &code)]).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert_ne!(laptop.cookie, before, "a new session id");
    assert_eq!(laptop.viewer().await.as_deref(), Some("toggle@qala.example"));
    assert_eq!(staff_status(&mut laptop).await, StatusCode::FORBIDDEN, "no second factor, no staff powers");
    assert_eq!(phone.viewer().await, None, "the other session ended");
}

async fn wrong_password(browser: &mut Browser, email: &str) -> Reply {
    browser.call("/api/account/sign-in", &[("lang", "en"), ("email", email), ("password", "guess guess guess")]).await
}

async fn concurrent_wrong_passwords_check_no_more_passwords_than_the_limit(db: Database) {
    let app = app(&db);
    let mut owner = Browser::new(&app, "192.0.2.90:4000");
    sign_up(&mut owner, "raced@qala.example").await;
    let mut guesses = tokio::task::JoinSet::new();
    for attacker in 0..15 {
        let mut browser = Browser::new(&app, &format!("198.51.100.{}:4000", 100 + attacker));
        guesses.spawn(async move { wrong_password(&mut browser, "raced@qala.example").await.status });
    }
    let statuses: Vec<StatusCode> = guesses.join_all().await;
    let checked = statuses.iter().filter(|status| **status == StatusCode::UNPROCESSABLE_ENTITY).count();
    let refused = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (5, 10), "at most five passwords are checked: {statuses:?}");
}

async fn one_accounts_success_leaves_its_addresses_failures_counted(db: Database) {
    let app = app(&db);
    let mut office = Browser::new(&app, "198.51.100.60:4000");
    sign_up(&mut office, "office@qala.example").await;
    office.call("/api/account/sign-out", &[("lang", "en")]).await;
    for attempt in 0..29 {
        let reply = wrong_password(&mut office, &format!("guess{}@qala.example", attempt / 5)).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{attempt}: {}", reply.body);
    }
    assert_eq!(sign_in(&mut office, "office@qala.example").await.status, StatusCode::OK);
    let thirtieth = wrong_password(&mut office, "other@qala.example").await;
    assert_eq!(thirtieth.status, StatusCode::UNPROCESSABLE_ENTITY);
    let refused = wrong_password(&mut office, "another@qala.example").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "the address's 30 failures still count");
}

async fn failures_in_the_same_second_as_a_success_count(db: Database) {
    use qala::server::auth::throttle::{self, LOGIN_PER_ACCOUNT};
    let now = OffsetDateTime::now_utc();
    let scope = throttle::account_scope(&EmailAddress::parse("second@qala.example").unwrap());
    let checks = [(LOGIN_PER_ACCOUNT, scope.as_str())];
    let attempt = || throttle::admit(&db, &checks, now);
    attempt().await.unwrap().settle(&db, false).await.unwrap();
    attempt().await.unwrap().settle(&db, true).await.unwrap();
    for _ in 0..5 {
        attempt().await.unwrap().settle(&db, false).await.unwrap();
    }
    assert!(
        matches!(attempt().await, Err(qala::error::AppError::RateLimited { .. })),
        "five failures after a success in the same second reach the limit"
    );
}

async fn an_over_long_address_is_refused_before_anything_is_counted(db: Database) {
    let app = app(&db);
    let mut browser = Browser::new(&app, "198.51.100.61:4000");
    sign_up(&mut browser, "long@qala.example").await;
    browser.call("/api/account/sign-out", &[("lang", "en")]).await;
    let long = format!("{}@qala.example", "a".repeat(10_000));
    for _ in 0..31 {
        let reply = wrong_password(&mut browser, &long).await;
        assert!(field_problem(&reply, "email").contains("InvalidEmail"), "{}", reply.status);
    }
    let reply = sign_in(&mut browser, "long@qala.example").await;
    assert_eq!(reply.status, StatusCode::OK, "no attempt was recorded for the refused addresses: {}", reply.body);
}

async fn confirmation_mails_are_throttled_per_account(db: Database) {
    let app = app(&db);
    let mut browser = Browser::new(&app, "192.0.2.91:4000");
    sign_up(&mut browser, "resend@qala.example").await;
    for _ in 0..3 {
        let reply = browser.call("/api/account/resend-confirmation", &[("lang", "en")]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let refused = browser.call("/api/account/resend-confirmation", &[("lang", "en")]).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{}", refused.body);
    assert_eq!(db.recent_mail(Some("resend@qala.example"), 10).await.unwrap().len(), 4, "the sign-up's and three more");
}

on_both_engines!(
    an_account_is_created_confirmed_and_signed_in_and_out,
    sign_up_refuses_bad_input_field_by_field,
    a_plain_form_post_comes_back_with_its_errors_and_what_was_typed,
    guessing_a_password_is_throttled_per_account_and_per_address,
    a_forgotten_password_is_reset_by_an_emailed_link_that_works_once,
    signing_out_everywhere_ends_every_session_of_the_account,
    requests_in_flight_do_not_bring_a_signed_out_session_back,
    an_account_with_two_factor_needs_its_current_code_once,
    writes_from_other_sites_are_refused_and_change_nothing,
    a_session_started_on_one_instance_holds_on_another,
    a_session_signed_in_with_the_password_alone_never_holds_staff_powers,
    a_password_reset_leaves_an_account_with_a_second_factor_awaiting_its_code,
    turning_the_second_factor_on_or_off_restarts_the_session_and_ends_the_others,
    concurrent_wrong_passwords_check_no_more_passwords_than_the_limit,
    one_accounts_success_leaves_its_addresses_failures_counted,
    failures_in_the_same_second_as_a_success_count,
    an_over_long_address_is_refused_before_anything_is_counted,
    confirmation_mails_are_throttled_per_account,
);
