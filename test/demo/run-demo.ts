/**
 * `npm run demo`: plays the root program's whole story against the embedded OTC emulator through
 * Pulumi's own provider helper, as `pulumi preview` / `pulumi up` / `pulumi destroy` would, and
 * prints what a user would see at each step. Exits non-zero if any step does not behave as
 * described.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { passwordStackConfig, startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { call, getToken } from "../emulator/helpers/emulator-client";
import { IPV6_EIP_TYPE, repoRoot, runProgram, startProviderHelper, urnFor } from "../harness";
import type { JsonObject, ProviderHelper, RegisteredResource } from "../harness";
import { DemoReport } from "./demo-report";

const PROGRAM = "program/index.ts";
const projectName = readProjectName();

/** The project name from the root Pulumi.yaml: the namespace of the program's own config keys. */
function readProjectName(): string {
  const yaml = readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8");
  const name = /^name:\s*(\S+)/m.exec(yaml)?.[1];
  if (!name) throw new Error("Pulumi.yaml has no project name");
  return name;
}

/** The stack config a user would set with `pulumi config set` (the emulator's fake credentials). */
function stackConfig(emulator: Emulator, portId: string, extra: Record<string, string> = {}) {
  return {
    ...passwordStackConfig(emulator),
    [`${projectName}:portId`]: portId,
    ...extra,
  };
}

/** Runs the program as a preview would and returns the Ipv6Eip resources it registered. */
async function planProgram(config: Record<string, string>) {
  const run = await runProgram({
    projectDir: repoRoot,
    programFile: PROGRAM,
    config,
    preview: true,
    project: projectName,
    stack: "dev",
  });
  const eips = run.resources.filter((r) => r.type === IPV6_EIP_TYPE);
  return { run, eips };
}

function only(eips: RegisteredResource[]): RegisteredResource {
  const [first] = eips;
  if (eips.length !== 1 || !first) throw new Error(`expected one Ipv6Eip, got ${eips.length}`);
  return first;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

async function main(): Promise<number> {
  const report = new DemoReport(process.stdout);
  const emulator = await startEmulator({ bindDelayMs: 150 });
  let helper: ProviderHelper | undefined;
  try {
    const [nicA, nicB, nicC] = emulator.ports.filter((p) => p.kind === "ecs");
    if (!nicA || !nicB || !nicC) throw new Error("the emulator has fewer than three ECS NICs");
    report.intro(emulator, projectName, [nicA, nicB, nicC]);

    const config = stackConfig(emulator, nicA.id);
    helper = await startProviderHelper({ cwd: repoRoot, config });
    const urn = urnFor(IPV6_EIP_TYPE, "web-ipv6", projectName, "dev");

    // 1. The plan.
    report.step("pulumi preview", "the plan for a new stack");
    const plan = await planProgram(config);
    const planned = only(plan.eips);
    const checked = await helper.check(urn, {}, planned.inputs);
    report.expect(checked.failures.length === 0, "the guard finds the NIC free", () =>
      checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; "),
    );
    report.planLine("+", planned.name, "create", `portId ${nicA.id} (${nicA.fixedIp})`);
    for (const line of plan.run.logs.filter((l) => l.startsWith("warning"))) report.note(line);

    // 2. Up.
    report.step("pulumi up", "create the IPv6 EIP and bind it to the NIC");
    const started = Date.now();
    const created = await helper.create(urn, checked.inputs);
    const outs: JsonObject = created.properties;
    report.planLine(
      "+",
      planned.name,
      "created",
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    report.outputs({
      ipv6Address: str(outs.floatingIpAddress),
      ipv4Address: `${str(outs.ipv4Address)}   (NAT64: the IPv6 address's last 32 bits)`,
      boundPort: str(outs.portId),
      status: str(outs.status),
    });
    const live = emulator.state().ipv6;
    report.expect(
      live.length === 1 && live[0]?.port_id === nicA.id && live[0]?.status === "ACTIVE",
      `the emulator holds one ACTIVE IPv6 EIP on NIC ${nicA.id}`,
      () => JSON.stringify(live),
    );

    // 3a. A second Ipv6Eip for the same NIC in the same program.
    report.step("pulumi preview", "a second Ipv6Eip on the same NIC, in the same program");
    const twice = await planProgram({
      ...config,
      [`${projectName}:addSecondEipOnSameNic`]: "true",
    });
    report.expect(
      twice.run.error !== undefined &&
        twice.run.error.includes("web-ipv6") &&
        twice.run.error.includes("web-ipv6-second") &&
        twice.run.error.includes(nicA.id),
      "the program fails at preview, naming both resources and the NIC",
      () => twice.run.error ?? "the program did not fail",
    );
    report.refusal(twice.run.error ?? "");

    // 3b. Moving the EIP to a NIC that already holds an IPv4 EIP.
    const ipv4OnB = emulator.createIpv4Eip(nicB.id);
    report.step(
      "pulumi preview",
      `move web-ipv6 to NIC ${nicB.id}, which already holds IPv4 EIP ${ipv4OnB.address}`,
    );
    const toB = only((await planProgram(stackConfig(emulator, nicB.id))).eips);
    const refused = await helper.check(urn, planned.inputs, toB.inputs);
    const portFailure = refused.failures.find((f) => f.property === "portId");
    report.expect(
      portFailure !== undefined && portFailure.reason.includes(ipv4OnB.address),
      "check refuses portId, naming the IPv4 EIP already on the NIC",
      () => JSON.stringify(refused.failures),
    );
    if (portFailure) {
      report.refusal(
        `${IPV6_EIP_TYPE} resource 'web-ipv6': property portId value ${JSON.stringify(nicB.id)} has a problem: ${portFailure.reason}`,
      );
    }

    // 4. Rebind to a free NIC: an update in place.
    report.step("pulumi up", `rebind web-ipv6 to the free NIC ${nicC.id}`);
    const toC = only((await planProgram(stackConfig(emulator, nicC.id))).eips);
    const checkedC = await helper.check(urn, planned.inputs, toC.inputs);
    report.expect(checkedC.failures.length === 0, "the guard finds NIC C free", () =>
      JSON.stringify(checkedC.failures),
    );
    const diff = await helper.diff(urn, created.id, outs, checkedC.inputs);
    report.expect(
      diff.changes && diff.replaces.length === 0,
      "the preview shows an update in place, not a replacement",
      () => JSON.stringify(diff),
    );
    report.planLine("~", "web-ipv6", "update", `[diff: ~portId] ${nicA.id} => ${nicC.id}`);
    const updated = await helper.update(urn, created.id, outs, checkedC.inputs);
    report.outputs({
      ipv6Address: `${str(updated.properties.floatingIpAddress)}   (unchanged)`,
      boundPort: str(updated.properties.portId),
    });
    const afterRebind = emulator.state().ipv6;
    report.expect(
      afterRebind.length === 1 &&
        afterRebind[0]?.port_id === nicC.id &&
        afterRebind[0]?.floating_ip_address === outs.floatingIpAddress,
      "the same IPv6 EIP now sits on NIC C",
      () => JSON.stringify(afterRebind),
    );

    // 5. Destroy.
    report.step("pulumi destroy", "delete the IPv6 EIP");
    await helper.delete(urn, created.id, updated.properties);
    report.planLine("-", "web-ipv6", "deleted", "");
    await deleteIpv4Eip(emulator, ipv4OnB.id);
    const end = emulator.state();
    report.expect(
      end.ipv6.length === 0 && end.ipv4.length === 0,
      "nothing is left in the emulator (the demo's own IPv4 EIP removed too)",
      () => JSON.stringify(end),
    );
    report.summary(emulator.counts());
    return report.failed ? 1 : 0;
  } finally {
    await helper?.close();
    await emulator.close();
  }
}

/** Removes the IPv4 EIP the demo put on NIC B, through the emulator's Neutron API, as a user would. */
async function deleteIpv4Eip(emulator: Emulator, id: string): Promise<void> {
  const token = await getToken(emulator);
  const path = `/v2.0/floatingips/${id}`;
  // A bound EIP cannot be deleted (VPC.0517): unbind it, wait until OTC shows it unbound, delete.
  const unbind = await call(emulator, {
    method: "PUT",
    path,
    token,
    body: { floatingip: { port_id: null } },
  });
  if (unbind.status !== 200)
    throw new Error(`unbinding the demo's IPv4 EIP answered ${unbind.status}`);
  for (let i = 0; i < 50; i++) {
    const shown = await call(emulator, { path, token });
    if (shown.json?.floatingip?.status === "DOWN" && shown.json.floatingip.port_id === null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const deleted = await call(emulator, { method: "DELETE", path, token });
  if (deleted.status !== 204)
    throw new Error(`deleting the demo's IPv4 EIP answered ${deleted.status}`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
