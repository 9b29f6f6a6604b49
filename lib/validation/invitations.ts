import { z } from "zod";
import { uuid } from "./common";

/** Accepting an invitation addressed to your account, signed in (the link form comes with POST /invitations). */
export const acceptInvitationRequest = z.strictObject({ invitation_id: uuid });
