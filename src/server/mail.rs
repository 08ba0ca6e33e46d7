//! Outgoing mail. Whatever needs a mail puts it in the outbox table; a loop on every app instance
//! sends what is due, over SMTP when `QALA_SMTP_URL` is set, and otherwise writes it to the log (admins
//! also see the outbox in the app). A mail server that is down delays mail; it never loses an edit.
use lettre::{AsyncSmtpTransport, AsyncTransport, Message as Email, Tokio1Executor, message::Mailbox};
use time::{Duration, OffsetDateTime};

use super::db::{Database, OutgoingMail, QueuedMail};
use crate::{
    domain::lang::Lang,
    error::AppError,
    i18n::{Locale, td_string},
};

/// The mails Qala sends, each in the reader's language.
#[derive(Clone, Copy, Debug)]
pub enum Message<'a> {
    VerifyEmail {
        link: &'a str,
    },
    ResetPassword {
        link: &'a str,
    },
    /// Someone signed up with an address that already has an account: its owner hears of it, and the
    /// visitor is answered as for a new account, so sign-up does not tell who has one.
    SignUpWithExistingAddress {
        sign_in: &'a str,
        reset: &'a str,
    },
    /// An existing account was made an editor of a listing.
    AddedAsEditor {
        organization: &'a str,
        link: &'a str,
    },
    /// An address without an account was invited to edit a listing.
    Invitation {
        organization: &'a str,
        link: &'a str,
    },
    /// Forum staff invited an address to own a listing that had no owner.
    OwnerInvitation {
        organization: &'a str,
        link: &'a str,
    },
    /// Staff published a listing's change (all of it, or part).
    ChangeApproved {
        organization: &'a str,
        link: &'a str,
    },
    ChangeRejected {
        organization: &'a str,
        reason: &'a str,
        link: &'a str,
    },
    ClaimApproved {
        organization: &'a str,
        link: &'a str,
    },
    ClaimRejected {
        organization: &'a str,
        reason: &'a str,
        link: &'a str,
    },
}

impl Message<'_> {
    /// The mail to `recipient`, in a language.
    pub fn to(self, recipient: &str, lang: Lang) -> OutgoingMail {
        let (subject, body) = self.compose(lang);
        OutgoingMail { to: recipient.to_owned(), subject, body }
    }

    /// The subject and body in a language.
    fn compose(self, lang: Lang) -> (String, String) {
        let locale = Locale::from(lang);
        let (subject, body) = match self {
            Message::VerifyEmail { link } => (
                td_string!(locale, mail.verify_subject).to_string(),
                td_string!(locale, mail.verify_body, link = link).to_string(),
            ),
            Message::ResetPassword { link } => (
                td_string!(locale, mail.reset_subject).to_string(),
                td_string!(locale, mail.reset_body, link = link).to_string(),
            ),
            Message::SignUpWithExistingAddress { sign_in, reset } => (
                td_string!(locale, mail.existing_account_subject).to_string(),
                td_string!(locale, mail.existing_account_body, sign_in = sign_in, reset = reset).to_string(),
            ),
            Message::AddedAsEditor { organization, link } => (
                td_string!(locale, mail.added_subject, organization = organization).to_string(),
                td_string!(locale, mail.added_body, organization = organization, link = link).to_string(),
            ),
            Message::Invitation { organization, link } => (
                td_string!(locale, mail.invitation_subject, organization = organization).to_string(),
                td_string!(locale, mail.invitation_body, organization = organization, link = link).to_string(),
            ),
            Message::OwnerInvitation { organization, link } => (
                td_string!(locale, mail.owner_invitation_subject, organization = organization).to_string(),
                td_string!(locale, mail.owner_invitation_body, organization = organization, link = link).to_string(),
            ),
            Message::ChangeApproved { organization, link } => (
                td_string!(locale, mail.approved_subject, organization = organization).to_string(),
                td_string!(locale, mail.approved_body, organization = organization, link = link).to_string(),
            ),
            Message::ChangeRejected { organization, reason, link } => (
                td_string!(locale, mail.rejected_subject, organization = organization).to_string(),
                td_string!(locale, mail.rejected_body, organization = organization, reason = reason, link = link)
                    .to_string(),
            ),
            Message::ClaimApproved { organization, link } => (
                td_string!(locale, mail.claim_approved_subject, organization = organization).to_string(),
                td_string!(locale, mail.claim_approved_body, organization = organization, link = link).to_string(),
            ),
            Message::ClaimRejected { organization, reason, link } => (
                td_string!(locale, mail.claim_rejected_subject, organization = organization).to_string(),
                td_string!(locale, mail.claim_rejected_body, organization = organization, reason = reason, link = link)
                    .to_string(),
            ),
        };
        (header_line(&subject), body)
    }
}

/// A text for a mail header: one line, whatever it holds. A subject carries an organization's name,
/// which its members write; a line break in it would start a header of their choosing.
fn header_line(text: &str) -> String {
    text.split(char::is_control).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The name of the file a mail is written to: the recipient's address with anything but letters,
/// digits and `@.+-_` replaced, so an address such as `../../x@a.example` stays in the directory.
fn mail_file_name(id: i64, recipient: &str) -> String {
    let address: String =
        recipient.chars().map(|c| if c.is_alphanumeric() || "@.+-_".contains(c) { c } else { '_' }).collect();
    format!("{id:06}-{}.txt", address.replace("..", "__"))
}

/// Puts a mail in the outbox.
pub async fn queue(
    db: &Database,
    recipient: &str,
    message: Message<'_>,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    db.enqueue_mail(&message.to(recipient, lang), now).await
}

/// Where mail goes: an SMTP server, a directory of text files (for development and browser tests,
/// which read the links in them), or the log.
#[derive(Clone)]
pub enum Delivery {
    Smtp { transport: Box<AsyncSmtpTransport<Tokio1Executor>>, from: Mailbox },
    Directory(std::path::PathBuf),
    Log,
}

impl Delivery {
    /// SMTP from a URL such as `smtps://user:password@mail.example:465` (lettre's format), sending as `from`.
    pub fn smtp(url: &str, from: &str) -> Result<Delivery, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|error| format!("QALA_SMTP_URL is not a usable SMTP address: {error}"))?
            .build();
        let from = from.parse().map_err(|error| format!("QALA_MAIL_FROM is not a mail address: {error}"))?;
        Ok(Delivery::Smtp { transport: Box::new(transport), from })
    }

    async fn deliver(&self, mail: &QueuedMail) -> Result<(), String> {
        match self {
            Delivery::Log => {
                tracing::info!(to = %mail.recipient, subject = %mail.subject, body = %mail.body, "mail (no SMTP server configured)");
                Ok(())
            }
            Delivery::Directory(directory) => {
                let file = directory.join(mail_file_name(mail.id, &mail.recipient));
                let text = format!("To: {}\nSubject: {}\n\n{}\n", mail.recipient, mail.subject, mail.body);
                tokio::fs::write(&file, text).await.map_err(|error| format!("cannot write {}: {error}", file.display()))
            }
            Delivery::Smtp { transport, from } => {
                let to: Mailbox = mail.recipient.parse().map_err(|error| format!("bad recipient: {error}"))?;
                let email = Email::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&mail.subject)
                    .body(mail.body.clone())
                    .map_err(|error| error.to_string())?;
                transport.send(email).await.map(|_| ()).map_err(|error| error.to_string())
            }
        }
    }
}

/// How long a claimed mail is reserved for the instance sending it.
const LEASE: Duration = Duration::minutes(2);

/// Sends what is due in the outbox, retrying failures with a growing delay (up to six hours).
pub async fn send_due(db: &Database, delivery: &Delivery, now: OffsetDateTime) -> Result<usize, AppError> {
    let due = db.claim_due_mail(now, LEASE, 20).await?;
    for mail in &due {
        match delivery.deliver(mail).await {
            Ok(()) => db.mark_mail_sent(mail.id, OffsetDateTime::now_utc()).await?,
            Err(error) => {
                let delay = Duration::minutes(1 << mail.attempts.clamp(0, 8)).min(Duration::hours(6));
                tracing::warn!(id = mail.id, attempts = mail.attempts, %error, "mail not sent; will retry");
                db.mark_mail_failed(mail.id, &error, now + delay).await?;
            }
        }
    }
    Ok(due.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_is_one_line_whatever_the_name_holds() {
        let organization = "Probe\r\nBcc: everyone@attacker.example\n\nHello";
        for lang in Lang::ALL {
            let OutgoingMail { subject, body, .. } =
                Message::Invitation { organization, link: "https://qala.example/x" }.to("someone@qala.example", *lang);
            assert!(!subject.contains(['\r', '\n']), "{subject:?}");
            assert!(subject.contains("Probe Bcc: everyone@attacker.example Hello"), "{subject:?}");
            assert!(body.contains(organization), "the body is plain text and keeps the name as written");
        }
    }

    #[test]
    fn a_mail_file_stays_in_its_directory() {
        assert_eq!(mail_file_name(7, "aysel@cert.example"), "000007-aysel@cert.example.txt");
        for recipient in ["../../etc/x@a.example", "a/b@a.example", "..\\x@a.example"] {
            let name = mail_file_name(7, recipient);
            assert!(!name.contains(['/', '\\']) && !name.contains(".."), "{recipient}: {name}");
        }
    }
}
