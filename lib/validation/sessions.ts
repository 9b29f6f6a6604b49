import { z } from "zod";
import { uuid } from "./common";

export const sessionParams = z.strictObject({ id: uuid });
