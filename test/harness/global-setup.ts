import { openHarnessRun } from "./shared-user-project";

/**
 * jest globalSetup: opens the run folder the harness shares between workers (the packed user
 * project is made in it on first use, at most once per run).
 */
export default async function globalSetup(): Promise<void> {
  await openHarnessRun();
}
