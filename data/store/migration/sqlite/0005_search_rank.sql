-- enterprises.words now ends each field's words with " ;", so that a search can tell the words
-- typed standing together in one field (ranked first) from words spread over several fields.
-- enterprise_words is the store's own function (fieldWords, registered in Go); the fields and
-- the labels of the ward and district (kind and name) are those searchText passes. The search
-- index holds the same words: its tokenizer skips the semicolons, so it needs no rebuilding.
UPDATE enterprises SET words = enterprise_words(
	name, tax_code, rep_family || ' ' || rep_middle || ' ' || rep_given, phone,
	(SELECT kind || ' ' || name FROM divisions WHERE code = ward_code),
	(SELECT kind || ' ' || name FROM divisions WHERE code = district_code),
	trade, craft_village, address);
