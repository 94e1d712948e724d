-- The sealed signing key and the signed register (issue 12).
--
-- signing_keys keeps every Ed25519 key the centre ever signed with, oldest first. Only the key in
-- use (valid_until = '') keeps its private half, and only sealed: sealed is the XChaCha20-Poly1305
-- encryption (24-byte nonce, then the ciphertext and tag) of the 32-byte seed under a key derived
-- with Argon2id from the signing passphrase, salt and the parameters kdf names
-- ("argon2id$v=19$m=KIB,t=PASSES,p=LANES"). A key replaced by another keeps only its public half,
-- so that what it signed stays verifiable. endorsement is the signature, by the key before it, of
-- the key's id, public half and valid_from (see signing_key.go); the first key has none.
-- A database of an earlier version keeps its key in the clear in settings until a signing
-- passphrase is set, which moves it here sealed.
CREATE TABLE signing_keys (
	id          INTEGER PRIMARY KEY,
	public      BLOB NOT NULL UNIQUE CHECK (length(public) = 32),
	sealed      BLOB,
	salt        BLOB,
	kdf         TEXT NOT NULL DEFAULT '',
	valid_from  TEXT NOT NULL,
	valid_until TEXT NOT NULL DEFAULT '',
	endorsement BLOB,
	created_at  TEXT NOT NULL
);

-- A key's public half, dates and endorsement never change; only the key in use is re-sealed
-- (a new passphrase) or retired (valid_until set, private half dropped).
CREATE TRIGGER signing_keys_frozen BEFORE UPDATE OF id, public, valid_from, endorsement, created_at ON signing_keys
BEGIN
	SELECT RAISE(ABORT, 'signing_keys: a key is frozen');
END;
CREATE TRIGGER signing_keys_kept BEFORE DELETE ON signing_keys
BEGIN
	SELECT RAISE(ABORT, 'signing_keys: the register keeps every key');
END;

-- Each register row is signed by the key in use (key_id) over its year, number, serial, content
-- hash, the previous row's hash (prev_hash, '' for the first row of a year) and the key's id;
-- signature is that Ed25519 signature in unpadded base64url. Rows of an earlier version have
-- none until the passphrase is first set, which signs them in register order.
ALTER TABLE certificates ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN signature TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN key_id INTEGER REFERENCES signing_keys (id);

-- A row's status changes (revoked, re-issued) after it is signed: the key in use signs them too,
-- in status_signature (unpadded base64url) by the key status_key_id, over its serial, status,
-- revocation day, reason and successor's serial, so that a revoked certificate edited back to
-- "in force" with an SQLite tool is no longer the centre's word.
ALTER TABLE certificates ADD COLUMN status_signature TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN status_key_id INTEGER REFERENCES signing_keys (id);

-- A row is signed once: its seal never changes afterwards.
CREATE TRIGGER certificates_sealed BEFORE UPDATE OF prev_hash, signature, key_id ON certificates
	WHEN OLD.signature <> ''
BEGIN
	SELECT RAISE(ABORT, 'certificates: a signed register row is frozen');
END;
