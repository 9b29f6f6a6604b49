import { z } from "zod";
import { hasNul, NUL_MESSAGE } from "./safe-input";

/** A string a form may pass on to the database: no NUL (see safe-input.ts). */
export const formText = () => z.string().refine((s) => !hasNul(s), NUL_MESSAGE);

/** The sign-in form's fields (the server action and the Auth.js credentials provider). */
export const signInFields = {
  email: z
    .email("Enter a valid email address")
    .max(254)
    .refine((s) => !hasNul(s), NUL_MESSAGE)
    .transform((e) => e.toLowerCase()),
  password: formText().min(1, "Enter your password").max(200),
};
