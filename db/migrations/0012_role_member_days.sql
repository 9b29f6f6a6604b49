CREATE TABLE "role_member_days" (
	"tenant_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	"day" date NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "role_member_days_tenant_id_day_role_id_pk" PRIMARY KEY("tenant_id","day","role_id")
);
--> statement-breakpoint
ALTER TABLE "role_member_days" ADD CONSTRAINT "role_member_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_member_days" ADD CONSTRAINT "role_member_days_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;