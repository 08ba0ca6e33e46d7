//! Organizations editing their listings: memberships, new listings, claims, and revisions.
use sqlx::Row;
use time::OffsetDateTime;

use super::{
    Database,
    accounts::{OutgoingMail, enqueue},
    audit::{Actor, AuditRecord, append},
    decode_json, decode_optional_time, decode_time, decode_word, encode_json, encode_time,
    organizations::apply_profile,
    solutions::apply_solution_edits,
    users::upsert_membership,
};
use crate::{
    domain::{
        audit::AuditAction,
        curation::ReviewField,
        editing::solutions::SolutionEdit,
        editing::{ClaimStatus, RevisionStatus, RevisionSummary},
        organization::{ListingStatus, NewOrganization, OrganizationProfile},
        user::MembershipRole,
    },
    error::AppError,
};

/// A saved change with what it proposes.
#[derive(Clone, Debug)]
pub struct Revision {
    pub summary: RevisionSummary,
    pub organization_id: i64,
    pub author_id: Option<i64>,
    pub profile: OrganizationProfile,
    /// A new logo (square PNG), when the change brings one.
    pub logo: Option<Vec<u8>>,
    pub solution_edits: Vec<SolutionEdit>,
    /// Who decided it and when, once staff have.
    pub decided_by: Option<i64>,
    pub decided_at: Option<OffsetDateTime>,
    /// The fields staff approved, when they chose some rather than all.
    pub approved_fields: Vec<ReviewField>,
}

/// What a change proposes: the whole profile, a new logo, and what it does to the solutions.
#[derive(Clone, Copy, Debug)]
pub struct Proposal<'a> {
    pub profile: &'a OrganizationProfile,
    pub logo: Option<&'a [u8]>,
    pub solution_edits: &'a [SolutionEdit],
}

impl<'a> Proposal<'a> {
    /// A change that proposes only this profile.
    pub fn of_profile(profile: &'a OrganizationProfile) -> Proposal<'a> {
        Proposal { profile, logo: None, solution_edits: &[] }
    }
}

impl Database {
    /// A person's organizations, by id, with their role in each.
    pub async fn memberships_with_roles(&self, user_id: i64) -> Result<Vec<(i64, MembershipRole)>, AppError> {
        let rows =
            sqlx::query("SELECT organization_id, role FROM memberships WHERE user_id = $1 ORDER BY organization_id")
                .bind(user_id)
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("organization_id")?, decode_word(&row.try_get::<String, _>("role")?)?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// A person's role in one organization, if any.
    pub async fn membership_role(
        &self,
        user_id: i64,
        organization_id: i64,
    ) -> Result<Option<MembershipRole>, AppError> {
        let row = sqlx::query("SELECT role FROM memberships WHERE user_id = $1 AND organization_id = $2")
            .bind(user_id)
            .bind(organization_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|row| decode_word(&row.try_get::<String, _>("role")?)).transpose()?)
    }

    pub async fn has_owner(&self, organization_id: i64) -> Result<bool, AppError> {
        let row =
            sqlx::query("SELECT COUNT(*) AS owners FROM memberships WHERE organization_id = $1 AND role = 'owner'")
                .bind(organization_id)
                .fetch_one(self.pool())
                .await?;
        Ok(row.try_get::<i64, _>("owners")? > 0)
    }

    /// Creates a draft listing owned by the person who asked for it; staff publish it after review.
    pub async fn create_draft_listing(
        &self,
        owner: &Actor,
        profile: OrganizationProfile,
        now: OffsetDateTime,
    ) -> Result<i64, AppError> {
        let owner_id = owner.user_id.ok_or(AppError::Unauthorized)?;
        let listing = NewOrganization {
            slug: None,
            profile: profile.clone(),
            status: ListingStatus::Pending,
            verified_at: None,
            featured_position: None,
            solutions: Vec::new(),
        };
        let id = self.insert_organizations(&[listing], now).await?.remove(0);
        self.set_membership(owner_id, id, MembershipRole::Owner, now).await?;
        let name = profile.slug_source().unwrap_or_default().to_owned();
        let record =
            AuditRecord::new(owner, AuditAction::ListingRequest, &name).of_listing(id).change(None, Some(&profile));
        self.save_revision(Proposal::of_profile(&profile), RevisionStatus::Pending, &record, now).await?;
        Ok(id)
    }

    /// Records a change to the listing the audit record names, by its actor. A published one becomes
    /// the public profile and solutions in the same transaction; any change still pending before it is
    /// superseded.
    pub async fn save_revision(
        &self,
        proposal: Proposal<'_>,
        status: RevisionStatus,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<i64, AppError> {
        let organization_id = record.organization_id.ok_or(AppError::NotFound)?;
        let author_id = record.actor.user_id;
        let mut transaction = self.begin_write().await?;
        sqlx::query("UPDATE revisions SET status = 'superseded' WHERE organization_id = $1 AND status = 'pending'")
            .bind(organization_id)
            .execute(&mut *transaction)
            .await?;
        let row = sqlx::query(
            "INSERT INTO revisions (organization_id, author_id, profile, logo, solution_edits, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(organization_id)
        .bind(author_id)
        .bind(encode_json(proposal.profile))
        .bind(proposal.logo.map(<[u8]>::to_vec))
        .bind(encode_json(&proposal.solution_edits))
        .bind(status.as_str())
        .bind(encode_time(now))
        .fetch_one(&mut *transaction)
        .await?;
        if status == RevisionStatus::Published {
            apply_profile(&mut transaction, organization_id, proposal.profile, now).await?;
            apply_solution_edits(&mut transaction, organization_id, proposal.solution_edits, now).await?;
        }
        append(&mut transaction, record, now).await?;
        transaction.commit().await?;
        Ok(row.try_get("id")?)
    }

    /// The newest change to a listing, whatever its status.
    pub async fn latest_revision(&self, organization_id: i64) -> Result<Option<Revision>, AppError> {
        self.revision_where("organization_id = $1 ORDER BY id DESC LIMIT 1", organization_id).await
    }

    /// A change by its id.
    pub async fn revision_by_id(&self, revision_id: i64) -> Result<Option<Revision>, AppError> {
        self.revision_where("id = $1", revision_id).await
    }

    async fn revision_where(&self, condition: &str, parameter: i64) -> Result<Option<Revision>, AppError> {
        let row = sqlx::query(&format!(
            "SELECT id, organization_id, author_id, profile, logo, solution_edits, status, staff_comment, created_at, \
             decided_by, decided_at, approved_fields FROM revisions \
             WHERE {condition}"
        ))
        .bind(parameter)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let revision = Revision {
            summary: RevisionSummary {
                id: row.try_get("id")?,
                status: decode_word(&row.try_get::<String, _>("status")?)?,
                staff_comment: row.try_get("staff_comment")?,
                created_at: decode_time(&row.try_get::<String, _>("created_at")?)?,
            },
            organization_id: row.try_get("organization_id")?,
            author_id: row.try_get("author_id")?,
            profile: decode_json(&row.try_get::<String, _>("profile")?)?,
            logo: row.try_get("logo")?,
            solution_edits: decode_json(&row.try_get::<String, _>("solution_edits")?)?,
            decided_by: row.try_get("decided_by")?,
            decided_at: decode_optional_time(row.try_get("decided_at")?)?,
            // A name no part of a change has (an older version's, say) is no reason not to show the
            // decision: it is left out.
            approved_fields: match row.try_get::<Option<String>, _>("approved_fields")? {
                Some(fields) => {
                    decode_json::<Vec<String>>(&fields)?.iter().filter_map(|field| field.parse().ok()).collect()
                }
                None => Vec::new(),
            },
        };
        Ok(Some(revision))
    }

    /// Asks to own a listing. An approved claim makes the claimant its owner at once.
    pub async fn create_claim(
        &self,
        organization_id: i64,
        user_id: i64,
        status: ClaimStatus,
        now: OffsetDateTime,
    ) -> Result<ClaimStatus, AppError> {
        let existing =
            sqlx::query("SELECT status FROM claims WHERE organization_id = $1 AND user_id = $2 AND status = 'pending'")
                .bind(organization_id)
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?;
        if existing.is_some() {
            return Ok(ClaimStatus::Pending);
        }
        let now_text = encode_time(now);
        sqlx::query(
            "INSERT INTO claims (organization_id, user_id, status, decided_at, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(organization_id)
        .bind(user_id)
        .bind(status.as_str())
        .bind((status != ClaimStatus::Pending).then_some(now_text.as_str()))
        .bind(&now_text)
        .execute(self.pool())
        .await?;
        if status == ClaimStatus::Approved {
            self.set_membership(user_id, organization_id, MembershipRole::Owner, now).await?;
        }
        Ok(status)
    }

    /// The state of a person's latest claim on a listing.
    pub async fn claim_status(&self, organization_id: i64, user_id: i64) -> Result<Option<ClaimStatus>, AppError> {
        let row = sqlx::query(
            "SELECT status FROM claims WHERE organization_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT 1",
        )
        .bind(organization_id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| decode_word(&row.try_get::<String, _>("status")?)).transpose()?)
    }
}

/// Who is brought into a listing: an account that joins at once, or an address that is invited.
#[derive(Clone, Copy, Debug)]
pub enum Invitee<'a> {
    Account(i64),
    Address(&'a str),
}

/// A member of an organization, as its owner manages them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub user_id: i64,
    pub email: String,
    pub role: MembershipRole,
}

impl Database {
    /// An organization's members, the owner first.
    pub async fn members_of(&self, organization_id: i64) -> Result<Vec<Member>, AppError> {
        let rows = sqlx::query(
            "SELECT m.user_id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organization_id = $1 ORDER BY CASE m.role WHEN 'owner' THEN 0 ELSE 1 END, u.email",
        )
        .bind(organization_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Member {
                    user_id: row.try_get("user_id")?,
                    email: row.try_get("email")?,
                    role: decode_word(&row.try_get::<String, _>("role")?)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// Brings someone into a listing in a role, with the mail that tells them and the audit row, all
    /// in one transaction: a confirmed account joins at once; any other address is invited (inviting it
    /// again while the first is open changes only the role) and joins once it confirms an account.
    pub async fn add_or_invite(
        &self,
        invitee: Invitee<'_>,
        role: MembershipRole,
        record: &AuditRecord<'_>,
        mail: &OutgoingMail,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let organization_id = record.organization_id.ok_or(AppError::NotFound)?;
        let mut transaction = self.begin_write().await?;
        match invitee {
            Invitee::Account(user_id) => {
                upsert_membership(&mut transaction, user_id, organization_id, role, now).await?;
            }
            Invitee::Address(email) => {
                sqlx::query(
                    "INSERT INTO invitations (organization_id, email, invited_by, created_at, role) \
                     VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (organization_id, email) WHERE accepted_at IS NULL DO UPDATE SET role = excluded.role",
                )
                .bind(organization_id)
                .bind(email)
                .bind(record.actor.user_id)
                .bind(encode_time(now))
                .bind(role.as_str())
                .execute(&mut *transaction)
                .await?;
            }
        }
        append(&mut transaction, record, now).await?;
        enqueue(&mut transaction, std::slice::from_ref(mail), now).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// The addresses invited to a listing that have not joined yet.
    pub async fn open_invitations(&self, organization_id: i64) -> Result<Vec<String>, AppError> {
        let rows = sqlx::query(
            "SELECT email FROM invitations WHERE organization_id = $1 AND accepted_at IS NULL ORDER BY email",
        )
        .bind(organization_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(|row| row.try_get("email")).collect::<Result<_, _>>()?)
    }

    /// Makes a person with a confirmed address a member of every listing that invited the address, in
    /// the role invited (an owner only while the listing still has none), all in one transaction.
    pub async fn accept_invitations(&self, user_id: i64, email: &str, now: OffsetDateTime) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let rows =
            sqlx::query("SELECT id, organization_id, role FROM invitations WHERE email = $1 AND accepted_at IS NULL")
                .bind(email)
                .fetch_all(&mut *transaction)
                .await?;
        for row in rows {
            let organization_id: i64 = row.try_get("organization_id")?;
            let invited: MembershipRole = decode_word(&row.try_get::<String, _>("role")?)?;
            let roles: Vec<(i64, String)> =
                sqlx::query("SELECT user_id, role FROM memberships WHERE organization_id = $1")
                    .bind(organization_id)
                    .fetch_all(&mut *transaction)
                    .await?
                    .iter()
                    .map(|member| Ok((member.try_get("user_id")?, member.try_get("role")?)))
                    .collect::<Result<_, sqlx::Error>>()?;
            let owned = roles.iter().any(|(_, role)| role == MembershipRole::Owner.as_str());
            let member = roles.iter().any(|(member, _)| *member == user_id);
            let role = if invited == MembershipRole::Owner && !owned { invited } else { MembershipRole::Editor };
            if role == MembershipRole::Owner || !member {
                upsert_membership(&mut transaction, user_id, organization_id, role, now).await?;
            }
            sqlx::query("UPDATE invitations SET accepted_at = $1 WHERE id = $2")
                .bind(encode_time(now))
                .bind(row.try_get::<i64, _>("id")?)
                .execute(&mut *transaction)
                .await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    pub async fn remove_member(&self, organization_id: i64, user_id: i64) -> Result<(), AppError> {
        sqlx::query("DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2")
            .bind(organization_id)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Hands a listing's ownership to one of its editors; the old owner stays on as an editor.
    pub async fn transfer_ownership(&self, organization_id: i64, to_user_id: i64) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query("UPDATE memberships SET role = 'editor' WHERE organization_id = $1 AND role = 'owner'")
            .bind(organization_id)
            .execute(&mut *transaction)
            .await?;
        let promoted = sqlx::query("UPDATE memberships SET role = 'owner' WHERE organization_id = $1 AND user_id = $2")
            .bind(organization_id)
            .bind(to_user_id)
            .execute(&mut *transaction)
            .await?;
        if promoted.rows_affected() != 1 {
            return Err(AppError::NotFound);
        }
        transaction.commit().await?;
        Ok(())
    }
}
