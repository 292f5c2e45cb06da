-- veldtoets inspection file, schema version 2: drafts.
--
-- Text an inspector is typing, written a few times a second while typing so that a crash loses
-- at most the last fraction of a second. A draft is not a revision: it lives outside the revision
-- history (merge ignores it) and is removed in the same transaction that writes the revision it
-- became. A draft left behind by a crash is restored when the file is opened again.
CREATE TABLE concept (
    sleutel       TEXT PRIMARY KEY,  -- which field, e.g. 'onderbouwing/1.1.1'
    tekst         TEXT NOT NULL,
    inspecteur    TEXT NOT NULL,     -- who typed it (inspecteur id)
    bijgewerkt_op TEXT NOT NULL      -- when this text reached the disk
) STRICT;
