-- Sign-in, sessions and API tokens (issue 8). Secrets are never stored: only argon2id password hashes
-- and sha-256 hashes of session ids and API tokens, so a database dump signs nobody in.

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email) AND email LIKE '%_@_%'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'ops', 'viewer', 'vendor')),
  vendor_id bigint REFERENCES vendors ON DELETE RESTRICT,
  -- Set when an admin created the password: the user is asked to choose their own.
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A vendor user always has a vendor; nobody else has one (their scope is every vendor).
  CHECK ((role = 'vendor') = (vendor_id IS NOT NULL))
);
-- Emails are stored lower-cased (CHECK above), so a plain unique index is case-insensitive.
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_vendor ON users (vendor_id) WHERE vendor_id IS NOT NULL;

CREATE TABLE sessions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- sha-256 (hex) of the cookie value; the cookie value itself is never stored.
  id_hash text NOT NULL UNIQUE CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  -- Idle expiry: pushed forward on use, never beyond absolute_expires_at.
  expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- sha-256 (hex) of the token; the token is shown once at creation.
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  -- The first characters of the token, so an admin can tell tokens apart without the secret.
  token_prefix text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'ops', 'viewer', 'vendor')),
  vendor_id bigint REFERENCES vendors ON DELETE CASCADE,
  created_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  CHECK ((role = 'vendor') = (vendor_id IS NOT NULL))
);
