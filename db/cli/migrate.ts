import { openFromEnv } from "../client";
import { setUpDatabase } from "../setup";

const database = await openFromEnv();
await setUpDatabase(database, { seed: "off", onWait: () => console.log("Waiting for another instance's set-up…") });
console.log(`Migrations applied (${database.driver}).`);
await database.close();
