import { openFromEnv } from "../client";
import { setUpDatabase } from "../setup";

const database = await openFromEnv();
await setUpDatabase(database, { seed: "always", onWait: () => console.log("Waiting for another instance's set-up…") });
console.log(`Demo world seeded (${database.driver}).`);
await database.close();
