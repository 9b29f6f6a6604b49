ALTER TABLE "modules" DROP CONSTRAINT "modules_code_unique";--> statement-breakpoint
ALTER TABLE "menu_items" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "modules_global_code_uq" ON "modules" USING btree ("code") WHERE "modules"."tenant_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "modules_tenant_code_uq" ON "modules" USING btree ("tenant_id","code") WHERE "modules"."tenant_id" is not null;