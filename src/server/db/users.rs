//! People who sign in, and their roles in organizations.
use sqlx::{Row, any::AnyRow};
use time::OffsetDateTime;

use super::{Database, decode_optional_time, decode_time, decode_word, encode_time};
use crate::{
    domain::{
        user::{EmailAddress, Membership, MembershipRole, StaffRole, User},
        validation::{FieldError, Problem},
    },
    error::AppError,
};

const USER_COLUMNS: &str = "id, email, staff_role, email_verified_at, disabled_at, created_at";

impl Database {
    /// Creates an account. `email_verified` marks addresses vouched for by whoever creates the account
    /// (the command line); a taken address is a field error.
    pub async fn create_user(
        &self,
        email: &EmailAddress,
        password_hash: Option<&str>,
        staff_role: Option<StaffRole>,
        email_verified: bool,
        now: OffsetDateTime,
    ) -> Result<User, AppError> {
        let now = encode_time(now);
        let row = sqlx::query(&format!(
            "INSERT INTO users (email, password_hash, staff_role, email_verified_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING {USER_COLUMNS}"
        ))
        .bind(email.as_str())
        .bind(password_hash)
        .bind(staff_role.map(StaffRole::as_str))
        .bind(email_verified.then_some(now.as_str()))
        .bind(now.as_str())
        .fetch_one(self.pool())
        .await
        .map_err(|error| match error {
            sqlx::Error::Database(database) if database.is_unique_violation() => {
                AppError::from(FieldError::new("email", Problem::Taken))
            }
            error => AppError::from(error),
        })?;
        Ok(user_from_row(&row)?)
    }

    pub async fn user_by_email(&self, email: &EmailAddress) -> Result<Option<User>, AppError> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1"))
            .bind(email.as_str())
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(user_from_row).transpose()?)
    }

    /// Gives a user a role in an organization, replacing any role they had there.
    pub async fn set_membership(
        &self,
        user_id: i64,
        organization_id: i64,
        role: MembershipRole,
        now: OffsetDateTime,
    ) -> Result<Membership, AppError> {
        let mut connection = self.pool().acquire().await?;
        upsert_membership(&mut connection, user_id, organization_id, role, now).await.map_err(|error| match error {
            sqlx::Error::Database(database) if database.is_unique_violation() => {
                AppError::from(FieldError::new("org_role", Problem::Taken))
            }
            error => AppError::from(error),
        })?;
        Ok(Membership { user_id, organization_id, role })
    }

    pub async fn memberships_of(&self, user_id: i64) -> Result<Vec<Membership>, AppError> {
        let rows = sqlx::query(
            "SELECT user_id, organization_id, role FROM memberships WHERE user_id = $1 ORDER BY organization_id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Membership {
                    user_id: row.try_get("user_id")?,
                    organization_id: row.try_get("organization_id")?,
                    role: decode_word(&row.try_get::<String, _>("role")?)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }
}

pub(super) fn user_from_row(row: &AnyRow) -> Result<User, sqlx::Error> {
    Ok(User {
        id: row.try_get("id")?,
        email: EmailAddress::parse(&row.try_get::<String, _>("email")?)
            .map_err(|error| sqlx::Error::Decode(error.field.into()))?,
        staff_role: row.try_get::<Option<String>, _>("staff_role")?.as_deref().map(decode_word).transpose()?,
        email_verified_at: decode_optional_time(row.try_get("email_verified_at")?)?,
        disabled_at: decode_optional_time(row.try_get("disabled_at")?)?,
        created_at: decode_time(&row.try_get::<String, _>("created_at")?)?,
    })
}

/// Gives a user a role in an organization on a connection, replacing any role they had there.
pub(super) async fn upsert_membership(
    connection: &mut sqlx::AnyConnection,
    user_id: i64,
    organization_id: i64,
    role: MembershipRole,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (user_id, organization_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, organization_id) DO UPDATE SET role = excluded.role",
    )
    .bind(user_id)
    .bind(organization_id)
    .bind(role.as_str())
    .bind(encode_time(now))
    .execute(connection)
    .await?;
    Ok(())
}
