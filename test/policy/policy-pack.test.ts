import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import type { Empty as EmptyMessage } from "google-protobuf/google/protobuf/empty_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  AnalyzeStackRequest,
  AnalyzerResource,
  AnalyzerResourceOptions,
  EnforcementLevel,
} from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzeResponse, AnalyzerInfo } from "@pulumi/pulumi/proto/analyzer_pb";
import { UNKNOWN, toStruct } from "../harness";

// The pack runs as the Pulumi CLI runs it: @pulumi/pulumi's run-policy-pack launcher, working
// directory = the pack, TypeScript through the SDK's ts-node; the test talks the Analyzer protocol.
const PACK_DIR = path.resolve(__dirname, "..", "..", "examples", "policy-pack");
const DIE_WITH_PARENT = path.resolve(__dirname, "..", "harness", "die-with-parent.js");
const START_TIMEOUT_MS = 60_000;
const CALL_DEADLINE_MS = 30_000;

// The stubs check message classes by identity: take Empty from the google-protobuf copy the
// SDK's generated code loads, not whichever copy this file would resolve.
const { Empty } = createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb"))(
  "google-protobuf/google/protobuf/empty_pb",
) as { Empty: new () => EmptyMessage };

const IPV6_EIP = "pulumi-nodejs:dynamic/otc:Ipv6Eip";
const OS_FIP = "openstack:networking/floatingIp:FloatingIp";
const OTC_EIP = "opentelekomcloud:index/vpcEipV1:VpcEipV1";
const PORT = "5e6d7a5c-0f0e-4b4e-9c43-0d2b7f7e1a01";

interface Diagnostic {
  policy: string;
  level: EnforcementLevel;
  urn: string;
  message: string;
}

function urn(type: string, name: string): string {
  return `urn:pulumi:ci::infra::${type}::${name}`;
}

function analyzerResource(type: string, name: string, props: Record<string, unknown>) {
  return new AnalyzerResource()
    .setType(type)
    .setName(name)
    .setUrn(urn(type, name))
    .setProperties(toStruct(props))
    .setOptions(new AnalyzerResourceOptions());
}

async function startPack(): Promise<{ child: ChildProcess; port: number }> {
  const launcher = createRequire(path.join(PACK_DIR, "index.ts")).resolve(
    "@pulumi/pulumi/cmd/run-policy-pack",
  );
  const child = spawn(process.execPath, ["-r", DIE_WITH_PARENT, launcher, "127.0.0.1:1", "."], {
    cwd: PACK_DIR,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr }).on("line", (l) => stderr.push(l));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no port after ${START_TIMEOUT_MS} ms: ${stderr.join("\n")}`)),
      START_TIMEOUT_MS,
    );
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the pack exited (${code}) before serving: ${stderr.join("\n")}`));
    });
    readline.createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      const value = Number(line.trim());
      if (Number.isInteger(value) && value > 0) resolve(value);
      else reject(new Error(`unexpected first line from the pack: ${line}`));
    });
  });
  return { child, port };
}

describe("the policy pack served as the CLI serves it", () => {
  let child: ChildProcess | undefined;
  let client: AnalyzerClient;

  const deadline = (): grpc.CallOptions => ({ deadline: Date.now() + CALL_DEADLINE_MS });

  async function analyzeStack(resources: AnalyzerResource[]): Promise<Diagnostic[]> {
    const request = new AnalyzeStackRequest().setResourcesList(resources);
    const response = await new Promise<AnalyzeResponse>((resolve, reject) =>
      client.analyzeStack(request, new grpc.Metadata(), deadline(), (err, res) =>
        err ? reject(err) : resolve(res),
      ),
    );
    return response.getDiagnosticsList().map((d) => ({
      policy: d.getPolicyname(),
      level: d.getEnforcementlevel(),
      urn: d.getUrn(),
      message: d.getMessage(),
    }));
  }

  beforeAll(async () => {
    const started = await startPack();
    child = started.child;
    client = new AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
  }, START_TIMEOUT_MS + 5_000);

  afterAll(async () => {
    client?.close();
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("declares a mandatory and an advisory stack policy", async () => {
    const info = await new Promise<AnalyzerInfo>((resolve, reject) =>
      client.getAnalyzerInfo(new Empty(), new grpc.Metadata(), deadline(), (err, res) =>
        err ? reject(err) : resolve(res),
      ),
    );
    expect(info.getName()).toBe("otc-one-eip-per-nic");
    expect(info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()])).toEqual([
      ["one-eip-per-nic", EnforcementLevel.MANDATORY],
      ["eip-binding-not-judgeable-at-preview", EnforcementLevel.ADVISORY],
    ]);
  });

  it("refuses two providers' EIPs on one NIC even when another port is unknown", async () => {
    const diagnostics = await analyzeStack([
      analyzerResource(IPV6_EIP, "web", { portId: PORT, __provider: "exports.handler = ..." }),
      analyzerResource(OS_FIP, "outbound", { pool: "admin_external_net", portId: PORT }),
      analyzerResource(OTC_EIP, "later", { publicip: { type: "5_bgp", portId: UNKNOWN } }),
    ]);
    const mandatory = diagnostics.filter((d) => d.level === EnforcementLevel.MANDATORY);
    expect(mandatory.map((d) => d.urn).sort()).toEqual(
      [urn(IPV6_EIP, "web"), urn(OS_FIP, "outbound")].sort(),
    );
    for (const d of mandatory) {
      expect(d.policy).toBe("one-eip-per-nic");
      expect(d.message).toContain(PORT);
    }
    const advisory = diagnostics.filter((d) => d.level === EnforcementLevel.ADVISORY);
    expect(advisory).toEqual([
      expect.objectContaining({
        policy: "eip-binding-not-judgeable-at-preview",
        urn: urn(OTC_EIP, "later"),
        message: expect.stringContaining("not known until apply"),
      }),
    ]);
  });

  it("keys NICs by project: the same port id in two projects passes, in one project it does not", async () => {
    const apart = await analyzeStack([
      analyzerResource(IPV6_EIP, "a", { portId: PORT, project: "eu-de_team-a" }),
      analyzerResource(IPV6_EIP, "b", { portId: PORT, project: "eu-de_team-b" }),
    ]);
    expect(apart).toEqual([]);
    const together = await analyzeStack([
      analyzerResource(IPV6_EIP, "a", { portId: PORT, project: "eu-de_team-a" }),
      analyzerResource(IPV6_EIP, "b", { portId: PORT.toUpperCase(), project: "eu-de_team-a" }),
    ]);
    expect(together.map((d) => [d.policy, d.level, d.urn]).sort()).toEqual(
      [
        ["one-eip-per-nic", EnforcementLevel.MANDATORY, urn(IPV6_EIP, "a")],
        ["one-eip-per-nic", EnforcementLevel.MANDATORY, urn(IPV6_EIP, "b")],
      ].sort(),
    );
  });

  it("passes a stack with one EIP per NIC", async () => {
    const diagnostics = await analyzeStack([
      analyzerResource(IPV6_EIP, "web", { portId: PORT }),
      analyzerResource(OS_FIP, "outbound", {
        pool: "admin_external_net",
        portId: "5e6d7a5c-0f0e-4b4e-9c43-0d2b7f7e1a02",
      }),
    ]);
    expect(diagnostics).toEqual([]);
  });
});
