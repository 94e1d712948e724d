-- PostgreSQL 15 twin of migration/sqlite/0008_audit_chain.sql (types as in 0001_init.sql).

-- The history becomes a hash chain that records each change's fields before and after.
-- changes is the JSON list of the fields the change set ([{"f": column, "b": before, "a": after}],
-- "" when none were recorded); hash is SHA-256 over prev_hash and the entry's fields (the store's
-- chainHash), prev_hash the hash of the entry before it ("" for the first).
ALTER TABLE audit ADD COLUMN changes TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';

-- The SQLite twin here chains the entries made before the upgrade (with the store's Go function
-- audit_hash): a data step, with no entries to chain in a server database, always made new.

-- The head of the chain: the last entry written, which every new entry follows; the store moves it
-- with each entry it writes. Rows removed at the end of the history leave the head beyond them, so
-- the check finds them missing. one is always given, so it is a plain key, not an identity.
CREATE TABLE audit_head (
	one  BIGINT PRIMARY KEY CHECK (one = 1),
	id   BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (one, id, hash) VALUES (1, 0, ''); -- the head of an empty history

-- Nothing edits or removes the history: the store only appends to it. refuse() is in
-- 0003_certificates.sql; TRUNCATE skips row triggers, so it is refused as a DELETE is.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
	FOR EACH ROW EXECUTE FUNCTION refuse('Nhật ký thay đổi chỉ được ghi thêm, không được sửa.');
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
	FOR EACH ROW EXECUTE FUNCTION refuse('Nhật ký thay đổi chỉ được ghi thêm, không được xoá.');
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
	FOR EACH STATEMENT EXECUTE FUNCTION refuse('Nhật ký thay đổi chỉ được ghi thêm, không được xoá.');
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head FOR EACH ROW WHEN (NEW.id <= OLD.id)
	EXECUTE FUNCTION refuse('Đầu chuỗi nhật ký thay đổi chỉ được tiến lên.');
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
	FOR EACH ROW EXECUTE FUNCTION refuse('Đầu chuỗi nhật ký thay đổi không được xoá.');
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
	FOR EACH STATEMENT EXECUTE FUNCTION refuse('Đầu chuỗi nhật ký thay đổi không được xoá.');

-- A record's history, a user's and a period's are read by these.
CREATE INDEX audit_record ON audit (entity, entity_id, id);
CREATE INDEX audit_user ON audit ("user", id);
CREATE INDEX audit_at ON audit (at);
