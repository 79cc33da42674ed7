import { closeHarnessRun } from "./shared-user-project";

/** jest globalTeardown: removes the run folder and the user project made in it. */
export default async function globalTeardown(): Promise<void> {
  await closeHarnessRun();
}
