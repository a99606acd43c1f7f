/** `?enhet=<HSA-id>` on the worklist pages: which of the user's units is shown. */
export interface WorklistSearch {
  enhet?: string;
}

const HSA_ID = /^[A-Za-z0-9-]{1,64}$/;

export function validateWorklistSearch(search: Record<string, unknown>): WorklistSearch {
  return typeof search.enhet === "string" && HSA_ID.test(search.enhet) ? { enhet: search.enhet } : {};
}
