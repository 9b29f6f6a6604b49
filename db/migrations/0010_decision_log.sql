CREATE TABLE "decision_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"user_id" uuid NOT NULL,
	"code" text NOT NULL,
	"granted" boolean NOT NULL,
	"reason" text NOT NULL,
	"via" jsonb,
	"context" jsonb,
	"source" text NOT NULL,
	"api_key_id" uuid,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "decision_log_source_ck" CHECK ("decision_log"."source" in ('check', 'page', 'action'))
);
--> statement-breakpoint
CREATE TABLE "user_check_stats" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"allowed" bigint DEFAULT 0 NOT NULL,
	"denied" bigint DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "user_check_stats_tenant_id_day_user_id_pk" PRIMARY KEY("tenant_id","day","user_id")
);
--> statement-breakpoint
ALTER TABLE "decision_log" ADD CONSTRAINT "decision_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_check_stats" ADD CONSTRAINT "user_check_stats_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_log_tenant_at_idx" ON "decision_log" USING btree ("tenant_id","at","id");--> statement-breakpoint
CREATE INDEX "decision_log_tenant_user_at_idx" ON "decision_log" USING btree ("tenant_id","user_id","at");--> statement-breakpoint
CREATE INDEX "decision_log_tenant_code_at_idx" ON "decision_log" USING btree ("tenant_id","code","at");--> statement-breakpoint
CREATE INDEX "decision_log_at_idx" ON "decision_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "user_check_stats_user_idx" ON "user_check_stats" USING btree ("tenant_id","user_id");