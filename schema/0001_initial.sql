-- veldtoets inspection file, schema version 1.
--
-- Every mutable record is a chain of immutable revisions: each row is one revision (`rev`, a
-- UUIDv7) of one record (`id`), written by one inspecteur at one time, never updated or deleted.
-- Which revisions a revision replaces is in `vervangt`; a delete is a revision with
-- `verwijderd = 1`. This makes merging two copies of the file a plain union of rows.

-- The onderzoek itself: one row, identical in every copy handed out.
CREATE TABLE onderzoek (
    id            TEXT PRIMARY KEY,
    kader_id      TEXT NOT NULL,
    kader_bron    TEXT NOT NULL,  -- the kader file text at creation: the file stays readable
    aangemaakt_op TEXT NOT NULL
) STRICT;

-- Inspecteurs: id derived from the onderzoek and the name, so copies agree.
CREATE TABLE inspecteur (
    id   TEXT PRIMARY KEY,
    naam TEXT NOT NULL
) STRICT;

-- The oordelen of an earlier round, for a hertoets (copied in when the onderzoek is prepared).
CREATE TABLE eerdere_ronde (
    onderzoek    TEXT PRIMARY KEY,
    omschrijving TEXT NOT NULL,
    datum        TEXT,
    oordelen     TEXT NOT NULL CHECK (json_valid(oordelen))
) STRICT;

-- Which revisions a revision replaces (one row per replaced revision).
CREATE TABLE vervangt (
    rev   TEXT NOT NULL,
    vorig TEXT NOT NULL,
    PRIMARY KEY (rev, vorig)
) STRICT, WITHOUT ROWID;
CREATE INDEX vervangt_vorig ON vervangt (vorig);

CREATE TABLE onderzoek_gegevens (
    rev         TEXT PRIMARY KEY,
    id          TEXT NOT NULL,
    inspecteur  TEXT NOT NULL REFERENCES inspecteur (id),
    tijd        TEXT NOT NULL,
    verwijderd  INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    organisatie TEXT NOT NULL,
    bezoek_van  TEXT,
    bezoek_tot  TEXT,
    notitie     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE interview (
    rev        TEXT PRIMARY KEY,
    id         TEXT NOT NULL,
    inspecteur TEXT NOT NULL REFERENCES inspecteur (id),
    tijd       TEXT NOT NULL,
    verwijderd INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    rol        TEXT NOT NULL,
    datum      TEXT,
    deelnemers TEXT NOT NULL DEFAULT '',  -- by function only, never names
    notitie    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX interview_id ON interview (id);

CREATE TABLE antwoord (
    rev        TEXT PRIMARY KEY,
    id         TEXT NOT NULL,
    inspecteur TEXT NOT NULL REFERENCES inspecteur (id),
    tijd       TEXT NOT NULL,
    verwijderd INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    interview  TEXT NOT NULL,
    vraag      TEXT NOT NULL,
    notitie    TEXT NOT NULL DEFAULT '',
    tags       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tags))  -- verwachting → tag
) STRICT;
CREATE INDEX antwoord_id ON antwoord (id);

CREATE TABLE flitsinterview (
    rev        TEXT PRIMARY KEY,
    id         TEXT NOT NULL,
    inspecteur TEXT NOT NULL REFERENCES inspecteur (id),
    tijd       TEXT NOT NULL,
    verwijderd INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    functie    TEXT NOT NULL,
    tijdstip   TEXT,
    antwoorden TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(antwoorden)),  -- vraag → antwoord
    tags       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tags)),
    notitie    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX flitsinterview_id ON flitsinterview (id);

CREATE TABLE dossier (
    rev                    TEXT PRIMARY KEY,
    id                     TEXT NOT NULL,
    inspecteur             TEXT NOT NULL REFERENCES inspecteur (id),
    tijd                   TEXT NOT NULL,
    verwijderd             INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    nummer                 TEXT NOT NULL,  -- pseudonymous number only
    selectie               TEXT NOT NULL CHECK (selectie IN ('willekeurig', 'gericht')),
    melding_ontvangen      TEXT,
    triagebesluit          TEXT,
    start_onderzoek        TEXT,
    afronding_onderzoek    TEXT,
    vervolgtraject_ingezet TEXT,
    notitie                TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX dossier_id ON dossier (id);

CREATE TABLE dossiercheck (
    rev        TEXT PRIMARY KEY,
    id         TEXT NOT NULL,
    inspecteur TEXT NOT NULL REFERENCES inspecteur (id),
    tijd       TEXT NOT NULL,
    verwijderd INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    dossier    TEXT NOT NULL,
    vraag      TEXT NOT NULL,
    antwoord   TEXT NOT NULL CHECK (antwoord IN ('ja', 'nee', 'nvt', 'open')),
    notitie    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX dossiercheck_id ON dossiercheck (id);

CREATE TABLE document (
    rev        TEXT PRIMARY KEY,
    id         TEXT NOT NULL,
    inspecteur TEXT NOT NULL REFERENCES inspecteur (id),
    tijd       TEXT NOT NULL,
    verwijderd INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    item       TEXT,
    naam       TEXT NOT NULL,
    ontvangen  INTEGER NOT NULL DEFAULT 0 CHECK (ontvangen IN (0, 1)),
    notitie    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX document_id ON document (id);

CREATE TABLE wachtlijst (
    rev        TEXT PRIMARY KEY,
    id         TEXT NOT NULL,
    inspecteur TEXT NOT NULL REFERENCES inspecteur (id),
    tijd       TEXT NOT NULL,
    verwijderd INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    aantal     INTEGER CHECK (aantal IS NULL OR aantal >= 0),
    oudste     TEXT,
    peildatum  TEXT,
    notitie    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX wachtlijst_id ON wachtlijst (id);

-- The oordeel per verwachting: `id` is the verwachting id, so every copy's versions of the same
-- oordeel belong to one record and concurrent changes show up as two heads.
CREATE TABLE oordeel (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    waarde       TEXT NOT NULL CHECK (waarde IN ('voldoende', 'onvoldoende', 'niet_beoordeeld')),
    variant      TEXT,
    onderbouwing TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX oordeel_id ON oordeel (id);
