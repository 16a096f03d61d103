// A person's pseudonymous id: the same email gives the same id in every wave, and the email never leaves the loader.
import { createHmac } from "node:crypto";

const DEFAULT_KEY = "outcomes-workbench-sample-key";

/** Emails differ only in case and surrounding spaces between a person's submissions. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function pseudonymousId(email: string, key: string = process.env.WORKBENCH_ID_KEY || DEFAULT_KEY): string {
  return createHmac("sha256", key).update(normaliseEmail(email)).digest("hex").slice(0, 16);
}
