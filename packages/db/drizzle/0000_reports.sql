CREATE TABLE "installs" (
	"install_id" text PRIMARY KEY NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"install_id" text NOT NULL,
	"schema" smallint NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"platform_os" text NOT NULL,
	"platform_arch" text NOT NULL,
	"platform_runtime" text NOT NULL,
	"platform_runtime_version" text NOT NULL,
	"server_name" text,
	"server_version" text,
	"server_transport" text,
	"phase" text NOT NULL,
	"message" text NOT NULL,
	"error_code" text,
	"exit_code" integer,
	"signal" text,
	"diagnosis" jsonb,
	"healing" jsonb
);
--> statement-breakpoint
CREATE INDEX "reports_received_idx" ON "reports" USING btree ("received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reports_install_idx" ON "reports" USING btree ("install_id");