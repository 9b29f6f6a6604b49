-- UNLOGGED by hand (drizzle-kit cannot say it): rate-limit counters are disposable, and a check
-- must not wait for a WAL flush. A crash empties the table, which only resets the windows.
CREATE UNLOGGED TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "rate_limits_expire_index" ON "rate_limits" USING btree ("expire");