-- Training: classes, trainees (persons), enrolments, sessions and attendance. Dates are
-- YYYY-MM-DD text, instants RFC 3339 text, scores tenths of a point. *_key columns hold vn sort
-- keys. Nothing cascades: a record others point to cannot be deleted. The foreign keys keep
-- SQLite's default action (NO ACTION, checked at the end of each statement), which refuses such
-- a delete just as RESTRICT would but reports it as SQLITE_CONSTRAINT_FOREIGNKEY, the code the
-- store turns into a clerk's message (RESTRICT reports SQLITE_CONSTRAINT_TRIGGER).

CREATE TABLE classes (
	id                 INTEGER PRIMARY KEY,
	code               TEXT NOT NULL,
	name               TEXT NOT NULL,
	name_key           BLOB NOT NULL,
	kind               TEXT NOT NULL,
	trade              TEXT NOT NULL DEFAULT '',
	trade_key          BLOB NOT NULL,
	host_enterprise_id INTEGER REFERENCES enterprises (id),
	venue              TEXT NOT NULL DEFAULT '',
	ward_code          TEXT REFERENCES divisions (code),
	start_date         TEXT NOT NULL,
	end_date           TEXT NOT NULL CHECK (end_date >= start_date),
	hours              INTEGER NOT NULL DEFAULT 0 CHECK (hours >= 0),
	trainers           TEXT NOT NULL DEFAULT '',
	capacity           INTEGER NOT NULL CHECK (capacity > 0),
	budget             INTEGER NOT NULL DEFAULT 0 CHECK (budget >= 0),
	min_attendance     INTEGER NOT NULL DEFAULT 80 CHECK (min_attendance BETWEEN 0 AND 100),
	pass_mark          INTEGER NOT NULL DEFAULT 50 CHECK (pass_mark BETWEEN 0 AND 100),
	status             TEXT NOT NULL DEFAULT 'ke_hoach'
		CHECK (status IN ('ke_hoach', 'tuyen_sinh', 'dang_hoc', 'ket_thuc', 'da_cap_chung_chi', 'da_huy')),
	cancel_reason      TEXT NOT NULL DEFAULT '',
	version            INTEGER NOT NULL DEFAULT 1,
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX classes_code_unique ON classes (code);
CREATE INDEX classes_start ON classes (start_date);
CREATE INDEX classes_name ON classes (name_key);
CREATE INDEX classes_trade ON classes (trade_key);
CREATE INDEX classes_host ON classes (host_enterprise_id);
CREATE INDEX classes_ward ON classes (ward_code);
CREATE INDEX classes_status ON classes (status);

-- Folded search over classes: rowid is classes.id, text is vn.Fold of code, name, trade, host,
-- venue, ward and trainers, written by the store in Go.
CREATE VIRTUAL TABLE class_search USING fts5 (
	text,
	content = '',
	contentless_delete = 1,
	detail = column,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- The register of trainees as persons. dup_key is vn.Fold of the full name and the birth date,
-- to find a person entered twice without a CCCD.
CREATE TABLE trainees (
	id           INTEGER PRIMARY KEY,
	family       TEXT NOT NULL DEFAULT '',
	middle       TEXT NOT NULL DEFAULT '',
	given        TEXT NOT NULL,
	name_key     BLOB NOT NULL,
	female       INTEGER NOT NULL DEFAULT 0 CHECK (female IN (0, 1)),
	birth_date   TEXT NOT NULL,
	birth_place  TEXT NOT NULL DEFAULT '',
	ethnicity    TEXT NOT NULL DEFAULT 'Kinh',
	cccd         TEXT NOT NULL DEFAULT '',
	phone        TEXT NOT NULL DEFAULT '',
	ward_code    TEXT REFERENCES divisions (code),
	address      TEXT NOT NULL DEFAULT '',
	workplace_id INTEGER REFERENCES enterprises (id),
	workplace    TEXT NOT NULL DEFAULT '',
	policy_group TEXT NOT NULL DEFAULT '',
	dup_key      TEXT NOT NULL,
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX trainees_cccd_unique ON trainees (cccd) WHERE cccd <> '';
CREATE INDEX trainees_name ON trainees (name_key);
CREATE INDEX trainees_birth_date ON trainees (birth_date);
CREATE INDEX trainees_cccd ON trainees (cccd);
CREATE INDEX trainees_phone ON trainees (phone);
CREATE INDEX trainees_dup ON trainees (dup_key);
CREATE INDEX trainees_ward ON trainees (ward_code);
CREATE INDEX trainees_workplace ON trainees (workplace_id);

-- Folded search over trainees: rowid is trainees.id, text is vn.Fold of the name, CCCD, phone
-- (bare and in groups) and birth date.
CREATE VIRTUAL TABLE trainee_search USING fts5 (
	text,
	content = '',
	contentless_delete = 1,
	detail = column,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- A trainee's place in a class. score is tenths of a point, NULL until entered.
CREATE TABLE enrollments (
	id              INTEGER PRIMARY KEY,
	class_id        INTEGER NOT NULL REFERENCES classes (id),
	trainee_id      INTEGER NOT NULL REFERENCES trainees (id),
	status          TEXT NOT NULL DEFAULT 'hoc' CHECK (status IN ('hoc', 'thoi_hoc')),
	withdrawn_on    TEXT NOT NULL DEFAULT '',
	withdraw_reason TEXT NOT NULL DEFAULT '',
	score           INTEGER CHECK (score BETWEEN 0 AND 100),
	employed        INTEGER NOT NULL DEFAULT 0 CHECK (employed IN (0, 1)),
	employer_id     INTEGER REFERENCES enterprises (id),
	employer        TEXT NOT NULL DEFAULT '',
	employed_on     TEXT NOT NULL DEFAULT '',
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	UNIQUE (class_id, trainee_id)
);
CREATE INDEX enrollments_class_status ON enrollments (class_id, status); -- counts a class's trainees
CREATE INDEX enrollments_trainee ON enrollments (trainee_id);
CREATE INDEX enrollments_employer ON enrollments (employer_id);

-- The lessons of a class.
CREATE TABLE sessions (
	id         INTEGER PRIMARY KEY,
	class_id   INTEGER NOT NULL REFERENCES classes (id),
	date       TEXT NOT NULL,
	hours      INTEGER NOT NULL DEFAULT 0 CHECK (hours BETWEEN 0 AND 24),
	topic      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX sessions_class ON sessions (class_id, date);

-- Attendance: one mark per session and enrolment. Keyed by session, so a session's marks and,
-- through sessions_class, a class's are read in key order.
CREATE TABLE attendance (
	session_id    INTEGER NOT NULL REFERENCES sessions (id),
	enrollment_id INTEGER NOT NULL REFERENCES enrollments (id),
	mark          TEXT NOT NULL CHECK (mark IN ('co_mat', 'vang', 'muon', 'co_phep')),
	PRIMARY KEY (session_id, enrollment_id)
) WITHOUT ROWID;
