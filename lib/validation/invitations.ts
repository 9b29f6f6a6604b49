import { z } from "zod";
import { uuid } from "./common";
import { page } from "./lists";

/** An email as accounts store it: lowercase. */
const email = z
  .email("Must be an email address")
  .max(254)
  .transform((e) => e.toLowerCase());

/** The token of an invitation link: 32 random bytes, base64url (43 characters). */
export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Not an invitation token");

/** `POST /invitations`: who, with which roles (none: the tenant's default roles), for how long. */
export const createInvitationRequest = z.strictObject({
  email,
  role_ids: z.array(uuid).max(20).optional().default([]),
  expires_in_days: z.int("A whole number of days").min(1).max(30).optional().default(7),
});
export const invitationListQuery = z.strictObject({ ...page });
export const invitationParams = z.strictObject({ id: uuid });

/** The name and password of the account an invitation link creates (like `POST /users`). */
export const newAccountName = z.string().trim().min(1, "Your name, please").max(200);
export const newAccountPassword = z.string().min(12, "At least 12 characters").max(200);

/**
 * `POST /invitations/accept`, in one of two forms: `{invitation_id}` accepts an invitation
 * addressed to the signed-in caller's account; `{token, name?, password?}` accepts a link — with
 * the name and password of the account it creates, or, when the invited email has an account
 * already, signed in as that account (no name or password then).
 */
export const acceptInvitationRequest = z
  .strictObject({
    invitation_id: uuid.optional(),
    token: invitationToken.optional(),
    name: newAccountName.optional(),
    password: newAccountPassword.optional(),
  })
  .superRefine((body, issue) => {
    if ((body.invitation_id === undefined) === (body.token === undefined))
      issue.addIssue({ code: "custom", path: ["token"], message: "Send either token or invitation_id" });
    if (body.invitation_id !== undefined)
      for (const key of ["name", "password"] as const)
        if (body[key] !== undefined)
          issue.addIssue({ code: "custom", path: [key], message: "Only with a token (a new account)" });
  });

export type CreateInvitationRequest = z.infer<typeof createInvitationRequest>;
export type InvitationListQuery = z.infer<typeof invitationListQuery>;
export type AcceptInvitationRequest = z.infer<typeof acceptInvitationRequest>;
