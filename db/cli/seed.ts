import { migrateDatabase, openFromEnv } from "../client";
import { seed } from "../seed";

const database = await openFromEnv();
await migrateDatabase(database);
await seed(database.db);
console.log(`Demo world seeded (${database.driver}).`);
await database.close();
