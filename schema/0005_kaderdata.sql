-- veldtoets inspection file, schema version 5: what the kader declares is stored as data. The
-- dates of a dossier are the kader's own (`[[datum]]`), and an eindoordeel is any label of the
-- kader's (`[[eindoordeel]]`), not only voldoende / matig / onvoldoende.

-- The dates of a dossier: a JSON object of date id → jjjj-mm-dd, e.g.
-- {"melding_ontvangen": "2026-02-03", "triagebesluit": "2026-02-05"}; a date not filled in is
-- absent. The five columns of versions 1-4 move into it.
ALTER TABLE dossier ADD COLUMN datums TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(datums));
UPDATE dossier SET datums = (
    SELECT json_group_object(k, v) FROM (
        SELECT 'melding_ontvangen' AS k, dossier.melding_ontvangen AS v
         WHERE dossier.melding_ontvangen IS NOT NULL
        UNION ALL
        SELECT 'triagebesluit', dossier.triagebesluit WHERE dossier.triagebesluit IS NOT NULL
        UNION ALL
        SELECT 'start_onderzoek', dossier.start_onderzoek WHERE dossier.start_onderzoek IS NOT NULL
        UNION ALL
        SELECT 'afronding_onderzoek', dossier.afronding_onderzoek
         WHERE dossier.afronding_onderzoek IS NOT NULL
        UNION ALL
        SELECT 'vervolgtraject_ingezet', dossier.vervolgtraject_ingezet
         WHERE dossier.vervolgtraject_ingezet IS NOT NULL
    )
);
ALTER TABLE dossier DROP COLUMN melding_ontvangen;
ALTER TABLE dossier DROP COLUMN triagebesluit;
ALTER TABLE dossier DROP COLUMN start_onderzoek;
ALTER TABLE dossier DROP COLUMN afronding_onderzoek;
ALTER TABLE dossier DROP COLUMN vervolgtraject_ingezet;

-- The eindoordeel of an earlier round is a label id of its kader (checked when read, against
-- the kader): the table is rebuilt without the fixed list of version 4.
CREATE TABLE ronde_v5 (
    onderzoek    TEXT PRIMARY KEY,
    volgorde     INTEGER NOT NULL,
    naam         TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    datum        TEXT,
    eindoordeel  TEXT,
    oordelen     TEXT NOT NULL CHECK (json_valid(oordelen)),
    criteria     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(criteria))
) STRICT;
INSERT INTO ronde_v5 (onderzoek, volgorde, naam, omschrijving, datum, eindoordeel, oordelen, criteria)
SELECT onderzoek, volgorde, naam, omschrijving, datum, eindoordeel, oordelen, criteria FROM ronde;
DROP TABLE ronde;
ALTER TABLE ronde_v5 RENAME TO ronde;
