-- The history becomes a hash chain that records each change's fields before and after.
-- changes is the JSON list of the fields the change set ([{"f": column, "b": before, "a": after}],
-- "" when none were recorded); hash is SHA-256 over prev_hash and the entry's fields (the store's
-- chainHash, registered as audit_hash), prev_hash the hash of the entry before it ("" for the first).
ALTER TABLE audit ADD COLUMN changes TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';

-- The entries made before the upgrade are chained now, in the order they were made.
CREATE TEMP TABLE audit_chain AS
WITH RECURSIVE chain (id, prev_hash, hash) AS (
	SELECT id, '', audit_hash('', id, at, user, action, entity, COALESCE(entity_id, 0), detail, changes)
	FROM audit WHERE id = (SELECT min(id) FROM audit)
	UNION ALL
	SELECT a.id, chain.hash, audit_hash(chain.hash, a.id, a.at, a.user, a.action, a.entity, COALESCE(a.entity_id, 0), a.detail, a.changes)
	FROM chain JOIN audit a ON a.id = (SELECT min(id) FROM audit WHERE id > chain.id)
)
SELECT id, prev_hash, hash FROM chain;
UPDATE audit SET prev_hash = c.prev_hash, hash = c.hash FROM temp.audit_chain c WHERE audit.id = c.id;
DROP TABLE temp.audit_chain;

-- The head of the chain: the last entry written, which every new entry follows; the store moves it
-- with each entry it writes. Rows removed at the end of the history leave the head beyond them, so
-- the check finds them missing.
CREATE TABLE audit_head (
	one  INTEGER PRIMARY KEY CHECK (one = 1),
	id   INTEGER NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (one, id, hash)
SELECT 1, COALESCE(max(id), 0), COALESCE((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '') FROM audit;

-- Nothing edits or removes the history: the store only appends to it.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
	SELECT RAISE(ABORT, 'Nhật ký thay đổi chỉ được ghi thêm, không được sửa.');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
	SELECT RAISE(ABORT, 'Nhật ký thay đổi chỉ được ghi thêm, không được xoá.');
END;
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head WHEN NEW.id <= OLD.id BEGIN
	SELECT RAISE(ABORT, 'Đầu chuỗi nhật ký thay đổi chỉ được tiến lên.');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN
	SELECT RAISE(ABORT, 'Đầu chuỗi nhật ký thay đổi không được xoá.');
END;

-- A record's history, a user's and a period's are read by these.
CREATE INDEX audit_record ON audit (entity, entity_id, id);
CREATE INDEX audit_user ON audit (user, id);
CREATE INDEX audit_at ON audit (at);
