CREATE TABLE "trainer_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"stats" jsonb
);
--> statement-breakpoint
CREATE TABLE "cluster_labels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"category" text,
	"fix" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "cluster_memberships" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" text PRIMARY KEY NOT NULL,
	"template" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"category" text,
	"fix" text,
	"note" text,
	"reports" integer DEFAULT 0 NOT NULL,
	"installs" integer DEFAULT 0 NOT NULL,
	"growth" integer DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "packs" (
	"version" integer PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"etag" text NOT NULL,
	"keyid" text NOT NULL,
	"source" text NOT NULL,
	"rules" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"yanked_at" timestamp with time zone,
	"yank_reason" text,
	"evaluation" jsonb
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"keyid" text PRIMARY KEY NOT NULL,
	"pem" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cluster_labels" ADD CONSTRAINT "cluster_labels_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_memberships" ADD CONSTRAINT "cluster_memberships_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_memberships" ADD CONSTRAINT "cluster_memberships_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_last_run_id_trainer_runs_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."trainer_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trainer_runs_one_running" ON "trainer_runs" USING btree ("status") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "cluster_labels_cluster_idx" ON "cluster_labels" USING btree ("cluster_id","id");--> statement-breakpoint
CREATE INDEX "cluster_memberships_cluster_idx" ON "cluster_memberships" USING btree ("cluster_id","report_id");--> statement-breakpoint
CREATE INDEX "clusters_status_reports_idx" ON "clusters" USING btree ("status","reports" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "clusters_reports_idx" ON "clusters" USING btree ("reports" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "packs_servable_idx" ON "packs" USING btree ("yanked_at","version" DESC NULLS LAST);