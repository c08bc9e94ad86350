CREATE TABLE "pack_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"base_version" integer NOT NULL,
	"status" text NOT NULL,
	"pack" jsonb NOT NULL,
	"passed" boolean NOT NULL,
	"reasons" jsonb NOT NULL,
	"evaluation" jsonb,
	"comparison" jsonb NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"published_version" integer
);
--> statement-breakpoint
CREATE TABLE "trainer_run_changes" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"diff" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trainer_runs" ADD COLUMN "started_by" text;--> statement-breakpoint
ALTER TABLE "cluster_labels" ADD COLUMN "actor" text;--> statement-breakpoint
ALTER TABLE "cluster_labels" ADD COLUMN "action" text;--> statement-breakpoint
ALTER TABLE "cluster_labels" ADD COLUMN "detail" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "merged_into" text;--> statement-breakpoint
ALTER TABLE "packs" ADD COLUMN "published_by" text;--> statement-breakpoint
ALTER TABLE "packs" ADD COLUMN "yanked_by" text;--> statement-breakpoint
ALTER TABLE "trainer_run_changes" ADD CONSTRAINT "trainer_run_changes_run_id_trainer_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."trainer_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pack_candidates_created_idx" ON "pack_candidates" USING btree ("created_at" DESC NULLS LAST,"id");--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_merged_into_clusters_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."clusters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Written by hand: a report the trainer assigns to a cluster that maintainers merged into another joins that
-- other cluster instead, whichever process assigns it (the collector's in-process run or the trainer CLI).
CREATE FUNCTION "cluster_memberships_follow_merges"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.cluster_id := coalesce((SELECT c.merged_into FROM clusters c WHERE c.id = NEW.cluster_id), NEW.cluster_id);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "cluster_memberships_follow_merges" BEFORE INSERT ON "cluster_memberships"
  FOR EACH ROW EXECUTE FUNCTION "cluster_memberships_follow_merges"();
