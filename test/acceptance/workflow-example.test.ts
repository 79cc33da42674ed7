/**
 * The nightly workflow example: scheduled and by hand only, never for pull requests or forks,
 * secrets only in the job's environment, the sweep and the report upload even after a failure.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { repoRoot } from "../harness";

interface WorkflowStep {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { if?: string; env?: Record<string, string>; steps: WorkflowStep[] }>;
}

const file = path.join(repoRoot, "examples", "github-actions", "acceptance.yml");
const text = readFileSync(file, "utf8");
const workflow = parse(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

describe("examples/github-actions/acceptance.yml", () => {
  it("runs on a schedule and by hand, never on pull requests or pushes", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
  });

  it("runs each job only in the named repository, so never for a fork", () => {
    for (const job of Object.values(workflow.jobs))
      expect(job.if).toMatch(/^github\.repository == '[^']+'$/);
  });

  it("opts in with OTC_ACCEPTANCE=1 and keeps secrets in the job's environment, out of commands", () => {
    const job = Object.values(workflow.jobs)[0]!;
    expect(job.env?.OTC_ACCEPTANCE).toBe("1");
    expect(Object.values(job.env ?? {}).filter((v) => v.includes("secrets.")).length).toBe(2);
    for (const step of steps) expect(step.run ?? "").not.toContain("secrets.");
  });

  it("runs the suite, always sweeps after it, and always uploads the report", () => {
    const runs = steps.map((s) => s.run);
    expect(runs).toContain("npm run test:acceptance");
    const sweepStep = steps.find((s) => s.run === "npm run test:acceptance -- --sweep");
    expect(sweepStep?.if).toBe("always()");
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.if).toBe("always()");
    expect(upload?.with?.path).toBe(".acceptance/report.json");
  });
});
