-- Certificates: the issuing register (sổ cấp chứng chỉ). A row is never deleted: a mistake is
-- revoked (thu_hoi) or re-issued (cap_lai) under a new serial and register number, the old row
-- pointing to its successor (replaced_by) and the new one to its predecessor (replaces).
-- content is the JSON of data.CertificateContent, frozen at issue; hash its SHA-256 in hex.
-- Dates are YYYY-MM-DD text ('' when not set), instants RFC 3339 text.
CREATE TABLE certificates (
	id            INTEGER PRIMARY KEY,
	enrollment_id INTEGER NOT NULL REFERENCES enrollments (id),
	class_id      INTEGER NOT NULL REFERENCES classes (id),
	trainee_id    INTEGER NOT NULL REFERENCES trainees (id),
	serial        TEXT NOT NULL,
	register_year INTEGER NOT NULL,
	register_no   INTEGER NOT NULL CHECK (register_no > 0),
	issued_on     TEXT NOT NULL,
	content       TEXT NOT NULL,
	hash          TEXT NOT NULL,
	status        TEXT NOT NULL DEFAULT 'da_cap' CHECK (status IN ('da_cap', 'thu_hoi', 'cap_lai')),
	revoked_on    TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT '',
	replaced_by   INTEGER REFERENCES certificates (id),
	replaces      INTEGER REFERENCES certificates (id),
	received_on   TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	UNIQUE (register_year, register_no)
);
CREATE UNIQUE INDEX certificates_serial_unique ON certificates (serial);
-- An enrolment has at most one certificate that is not superseded: the one in force, or the
-- revoked one (which only a re-issue may follow).
CREATE UNIQUE INDEX certificates_enrollment_current ON certificates (enrollment_id) WHERE status <> 'cap_lai';
CREATE INDEX certificates_enrollment ON certificates (enrollment_id);
CREATE INDEX certificates_class ON certificates (class_id, register_year, register_no);
CREATE INDEX certificates_trainee ON certificates (trainee_id);
CREATE INDEX certificates_status ON certificates (status);

-- The register is never edited nor emptied: what was issued stays as issued. A change of
-- status, reason, successor or date received is all the program ever writes to a row. (Anyone
-- may drop these triggers with an SQLite tool; the hash then shows the edit to Verify.)
CREATE TRIGGER certificates_frozen BEFORE UPDATE OF enrollment_id, class_id, trainee_id, serial, register_year,
	register_no, issued_on, content, hash, replaces ON certificates
BEGIN
	SELECT RAISE(ABORT, 'certificates: an issued certificate is frozen');
END;
CREATE TRIGGER certificates_kept BEFORE DELETE ON certificates
BEGIN
	SELECT RAISE(ABORT, 'certificates: the register keeps every certificate');
END;

-- Folded search over certificates: rowid is certificates.id, text is vn.Fold of the serial,
-- trainee name, class code and class name, written by the store in Go.
CREATE VIRTUAL TABLE certificate_search USING fts5 (
	text,
	content = '',
	contentless_delete = 1,
	detail = column,
	tokenize = 'unicode61 remove_diacritics 2'
);
