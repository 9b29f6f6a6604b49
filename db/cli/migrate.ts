import { migrateDatabase, openFromEnv } from "../client";

const database = await openFromEnv();
await migrateDatabase(database);
console.log(`Migrations applied (${database.driver}).`);
await database.close();
