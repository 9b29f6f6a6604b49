import { jobAction } from "@/lib/demo/actions";

/** Move a job to the next column of the board (drag & drop). */
export const POST = jobAction("jobs.board.drag_drop", (j) => `${j.id} moved on the board.`);
