-- People who sign in, and the classes assigned to trainers (issue 12). The store checks the acting
-- user's role on every write; see data.Role.Can.
CREATE TABLE users (
	id              INTEGER PRIMARY KEY,
	login           TEXT NOT NULL UNIQUE,
	full_name       TEXT NOT NULL,
	role            TEXT NOT NULL CHECK (role IN ('quan_tri', 'van_thu', 'giang_vien', 'lanh_dao', 'chi_xem')),
	-- password_hash is an Argon2id hash in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash):
	-- the parameters travel with each hash, so a later version may raise them.
	password_hash   TEXT NOT NULL,
	disabled        INTEGER NOT NULL DEFAULT 0,
	-- failed_attempts counts wrong passwords since the last good one; the fifth locks the account
	-- until locked_until (RFC 3339, '' when not locked).
	failed_attempts INTEGER NOT NULL DEFAULT 0,
	locked_until    TEXT NOT NULL DEFAULT '',
	last_sign_in    TEXT NOT NULL DEFAULT '',
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);

-- The trainers of each class: a giảng viên records attendance, results and receipts of
-- certificates only for these classes.
CREATE TABLE class_trainers (
	class_id INTEGER NOT NULL REFERENCES classes (id),
	user_id  INTEGER NOT NULL REFERENCES users (id),
	PRIMARY KEY (class_id, user_id)
) WITHOUT ROWID;
CREATE INDEX class_trainers_user ON class_trainers (user_id);
