"""Read replica for the catalogue, switched on by DATABASE_REPLICA_URL (see settings.py).

The staff catalogue is the read that grows with the country: every query it runs starts from
`plans.CatalogueEntry` (page, capped count, export) or `plans.CatalogueTally` (exact count), so sending
those models' reads to the `replica` alias moves the catalogue off the primary, while every write, and
every read that decides a permission or feeds a write, stays on `default`. The replica may lag the
primary by its replication delay: a new adoption reaches the catalogue a moment later, never half
(streaming replication applies whole transactions). Migrations run on `default` only.
"""

REPLICA = "replica"
# The generation is read where the tally is, so a cached scope is filed under what the replica has applied.
REPLICA_MODELS = frozenset({"plans.catalogueentry", "plans.cataloguetally", "plans.cataloguegeneration"})


class CatalogueReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if model._meta.label_lower in REPLICA_MODELS else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
