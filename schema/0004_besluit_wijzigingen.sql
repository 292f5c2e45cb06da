-- veldtoets inspection file, schema version 4: a besluit names what it changed.
--
-- Per besluit on a reactie, the oordeel versions that changed because of it: a JSON object of
-- verwachting id → the revision (`oordeel.rev`) written for it, e.g. {"1.3.1": "0f9a…"}. A
-- besluit recorded before this version changed nothing on record: '{}'.
ALTER TABLE besluit ADD COLUMN wijzigingen TEXT NOT NULL DEFAULT '{}';
