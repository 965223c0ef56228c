-- The ocid prefix is now the OCDS_PREFIX setting of the environment (required in production), no
-- longer a platform setting: the default written by the reference-data migration, "ocds-amont",
-- was not a registered prefix (the rule is "ocds-" and six letters or digits).
DELETE FROM "PlatformSetting" WHERE "key" = 'ocds.ocidPrefix';
