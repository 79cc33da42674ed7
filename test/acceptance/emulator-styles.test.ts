/**
 * The declared assumptions track the emulator: for each of the emulator's answer styles, the
 * run's own observed calls (the same helpers the steps use) against an emulator in that style
 * give no difference from what `emulator-assumptions.ts` declares for it — and differences from
 * the other styles, so the description is specific enough to tell them apart.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import type { AnswerStyleName, Emulator } from "../emulator";
import { ANSWER_STYLE_NAMES } from "../emulator/answer-style";
import { readAcceptanceOptions } from "./acceptance-options";
import { AcceptanceReport } from "./acceptance-report";
import { compareObservations } from "./compare-observations";
import { DEFAULT_EMULATOR_STYLE, EMULATOR_ANSWER_STYLES } from "./emulator-assumptions";
import { Ledger } from "./ledger";
import { observeError, observeOne } from "./observation";
import type { Observation } from "./observation";
import { ProbeSession } from "./probe-session";
import { rawCreate, rawDelete, rawListOnPort, rawSetPort, rawShow, settle } from "./raw-eip-calls";
import type { PreflightContext } from "./run-context";

/** The run's own calls of one lifecycle, observed as the steps observe them. */
async function observeLifecycle(
  ctx: PreflightContext,
  portA: string,
  portB: string,
): Promise<Observation[]> {
  const v4 = await rawCreate(ctx, "ipv4", portB, "ipv4", "ipv4.create-bound.answer");
  await settle(ctx, "ipv4", v4.id!, { status: "ACTIVE", portId: portB }, "v4 bind", Date.now());
  await rawSetPort(ctx, "ipv4", v4.id!, null, "ipv4.unbind.answer");
  await settle(ctx, "ipv4", v4.id!, { status: "DOWN", portId: null }, "v4 unbind", Date.now());
  await rawDelete(ctx, "ipv4", v4.id!, "ipv4.delete.answer");

  const v6 = await rawCreate(ctx, "ipv6", portA, "ipv6", "ipv6.create-bound.answer");
  const id = v6.id!;
  await settle(
    ctx,
    "ipv6",
    id,
    { status: "ACTIVE", portId: portA },
    "create",
    Date.now(),
    "ipv6.create-bound.settled",
  );
  ctx.report.observe(observeOne("ipv6.show", await rawShow(ctx, "ipv6", id)));
  await rawListOnPort(ctx, "ipv6", portA, "ipv6.list.by-port");
  await rawListOnPort(ctx, "ipv6", portA, "ipv6.list.by-port-limit-1", [["limit", "1"]]);
  await rawCreate(ctx, "ipv6", portA, "second", "ipv6.error.second-eip-on-nic");
  ctx.report.observe(
    observeError("ipv6.error.unknown-id", await rawShow(ctx, "ipv6", randomUUID())),
  );
  await rawSetPort(ctx, "ipv6", id, null, "ipv6.unbind.answer");
  await settle(
    ctx,
    "ipv6",
    id,
    { status: "DOWN", portId: null },
    "unbind",
    Date.now(),
    "ipv6.unbind.settled",
  );
  await rawSetPort(ctx, "ipv6", id, portA, "ipv6.bind.answer");
  await settle(
    ctx,
    "ipv6",
    id,
    { status: "ACTIVE", portId: portA },
    "bind",
    Date.now(),
    "ipv6.bind.settled",
  );
  await rawSetPort(ctx, "ipv6", id, null, "ipv6.unbind.answer");
  await settle(ctx, "ipv6", id, { status: "DOWN", portId: null }, "unbind", Date.now());
  await rawDelete(ctx, "ipv6", id, "ipv6.delete.answer");
  ctx.report.observe(observeError("ipv6.error.after-delete", await rawShow(ctx, "ipv6", id)));
  return ctx.report.data.observations;
}

describe("the declared emulator assumptions", () => {
  it("name exactly the emulator's answer styles, and its default", async () => {
    expect(Object.keys(EMULATOR_ANSWER_STYLES).sort()).toEqual([...ANSWER_STYLE_NAMES].sort());
    const emulator = await startEmulator();
    try {
      const classic = await startEmulator({
        answerStyle: DEFAULT_EMULATOR_STYLE as AnswerStyleName,
      });
      expect(emulator.answerStyle()).toEqual(classic.answerStyle());
      await classic.close();
    } finally {
      await emulator.close();
    }
  });

  describe.each(ANSWER_STYLE_NAMES)("in the %s style", (style) => {
    let emulator: Emulator;
    let session: ProbeSession;
    let dir: string;
    let observations: Observation[];

    beforeAll(async () => {
      emulator = await startEmulator({ answerStyle: style, bindDelayMs: 20 });
      dir = mkdtempSync(path.join(os.tmpdir(), "otc-acceptance-styles-"));
      const [portA, portB] = emulator.ports.filter((p) => p.kind === "ecs").map((p) => p.id);
      const env = {
        OS_AUTH_URL: emulator.authUrl,
        OTC_VPC_ENDPOINT: emulator.vpcEndpoint,
        OS_REGION_NAME: emulator.region,
        OS_PROJECT_ID: emulator.projectId,
        OS_ACCESS_KEY: emulator.accessKey,
        OS_SECRET_KEY: emulator.secretKey,
        OTC_ACCEPTANCE_PORTS: `${portA},${portB}`,
      };
      const options = readAcceptanceOptions(env, dir, true);
      session = await ProbeSession.open(env, 500);
      const ctx: PreflightContext = {
        options,
        session,
        ledger: Ledger.open(path.join(dir, "ledger.jsonl")),
        report: new AcceptanceReport(() => undefined, options.ports, undefined),
        env,
        deadline: Date.now() + 60_000,
        portA: portA!,
        portB,
        facts: {},
      };
      observations = await observeLifecycle(ctx, portA!, portB!);
    });

    afterAll(async () => {
      await session?.close();
      await emulator?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("observes no difference from what is declared for it", () => {
      const result = compareObservations(observations, style);
      expect(result.differences).toEqual([]);
      expect(result.notObserved).toEqual([]);
    });

    it("differs from every other style, and matches only its own when all are compared", () => {
      for (const other of ANSWER_STYLE_NAMES.filter((s) => s !== style)) {
        expect(compareObservations(observations, other).differences.length).toBeGreaterThan(0);
      }
      expect(compareObservations(observations).matchingStyles).toEqual([style]);
    });
  });
});
