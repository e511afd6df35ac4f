-- Every change to who a platform account is (its member's name, roles, time zone or status, or the
-- account's link to a member) tells every replica, on commit, to drop its cached identities
-- (core/identity-cache.ts). A trigger rather than the writers: erasure, merging, linking, the admin
-- command line and any later writer are covered alike.
CREATE FUNCTION "msb_members_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('msb_members', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Member_identity_changed" AFTER UPDATE ON "Member" FOR EACH ROW
  WHEN (OLD."displayName" IS DISTINCT FROM NEW."displayName" OR OLD."roles" IS DISTINCT FROM NEW."roles"
    OR OLD."timeZone" IS DISTINCT FROM NEW."timeZone" OR OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "msb_members_changed"();

CREATE TRIGGER "Member_deleted" AFTER DELETE OR TRUNCATE ON "Member" FOR EACH STATEMENT
  EXECUTE FUNCTION "msb_members_changed"();

CREATE TRIGGER "MemberIdentity_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MemberIdentity" FOR EACH STATEMENT
  EXECUTE FUNCTION "msb_members_changed"();
