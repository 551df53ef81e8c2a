//! Sessions (cookie token + CSRF token) and bearer API tokens. Only SHA-256 hashes of the
//! tokens are stored, so a copy of the database cannot be used to sign in.

use crate::users::User;
use crate::{Result, Store, now_ms, random_hex, token_hash};

/// How long a session lives (12 hours).
pub const SESSION_MS: i64 = 12 * 3600 * 1000;

/// A new session: the cookie token (shown once) and its CSRF token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

impl Store {
    /// Open a session for `user_id`.
    pub async fn create_session(&self, user_id: i64) -> Result<NewSession> {
        let token = random_hex(32);
        let csrf_token = random_hex(32);
        let now = now_ms();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(&csrf_token)
        .bind(now)
        .bind(now + SESSION_MS)
        .execute(&self.pool)
        .await?;
        Ok(NewSession { token, csrf_token })
    }

    /// The user and CSRF token of a live session.
    pub async fn session_user(&self, token: &str) -> Result<Option<(User, String)>> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT user_id, csrf_token FROM sessions WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash(token))
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some((uid, csrf)) => match self.get_user(uid).await {
                Ok(u) => Ok(Some((u, csrf))),
                Err(crate::StoreError::NotFound(_)) => Ok(None),
                Err(e) => Err(e),
            },
            None => Ok(None),
        }
    }

    /// End a session.
    pub async fn delete_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Issue a bearer API token for `user_id` (returned once, `jx_…`).
    pub async fn create_api_token(&self, user_id: i64, name: &str) -> Result<String> {
        let token = format!("jx_{}", random_hex(32));
        sqlx::query(
            "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, NULL)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(name)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(token)
    }

    /// The user a bearer token belongs to.
    pub async fn token_user(&self, token: &str) -> Result<Option<User>> {
        let uid: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM api_tokens WHERE token_hash = $1 AND (expires_at IS NULL OR expires_at > $2)",
        )
        .bind(token_hash(token))
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        match uid {
            Some(uid) => match self.get_user(uid).await {
                Ok(u) => Ok(Some(u)),
                Err(crate::StoreError::NotFound(_)) => Ok(None),
                Err(e) => Err(e),
            },
            None => Ok(None),
        }
    }
}
