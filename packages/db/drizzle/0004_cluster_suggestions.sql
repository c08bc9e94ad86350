ALTER TABLE "clusters" ADD COLUMN "suggested_category" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "suggested_confidence" double precision;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "looks_new" boolean;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "pack_category" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "pack_confidence" double precision;