/**
 * `getIpv6Eip`'s look-up against the emulator: the real settings resolver and shared client, each
 * selector, project scoping, and the errors for none, bad arguments (no call made) and bad config.
 */
import { closeSharedClients } from "../../provider/client/otc-client";
import { ConfigurationError, EipLookupError, InvalidInputError } from "../../provider/core/errors";
import { ipv4FromIpv6Eip, parseIpv6Eip } from "../../provider/core/nat64";
import type { ConfigReader } from "../../provider/lookup/load-connection-settings";
import { lookUpInProgram } from "../../provider/lookup/program-lookup";
import { akskStackConfig, passwordStackConfig, startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { PROD, createEip, prodConnectionConfig } from "./other-account";

function readerOf(config: Record<string, string>): ConfigReader {
  return (namespace, key) => config[`${namespace}:${key}`];
}

/** The address spelled out in full, upper case: the same EIP in another spelling. */
function longForm(address: string): string {
  const canonical = parseIpv6Eip(address).canonical;
  const [head = "", tail = ""] = canonical.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const zeros = canonical.includes("::") ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(zeros).fill("0"), ...right]
    .map((p) => p.padStart(4, "0"))
    .join(":")
    .toUpperCase();
}

describe("getIpv6Eip's look-up against the emulator", () => {
  let emulator: Emulator;
  let read: ConfigReader;

  beforeAll(async () => {
    emulator = await startEmulator();
    read = readerOf(passwordStackConfig(emulator));
  });
  afterAll(async () => {
    await closeSharedClients();
    await emulator?.close();
  });

  it("finds a bound EIP by id, address, NAT64 IPv4 and port, with the resource's fields", async () => {
    const nic = emulator.addPort("ecs");
    const eip = emulator.createIpv6Eip(nic.id);
    const expected = {
      id: eip.id,
      floatingIpAddress: parseIpv6Eip(eip.address).canonical,
      ipv4Address: ipv4FromIpv6Eip(eip.address),
      portId: nic.id,
      portKind: "ecs",
      status: "ACTIVE",
      floatingNetworkId: emulator.externalNetworkId,
      projectId: emulator.projectId,
      projectName: emulator.projectName,
      region: emulator.region,
      vpcEndpoint: emulator.vpcEndpoint,
    };
    for (const args of [
      { id: eip.id },
      { address: longForm(eip.address) },
      { ipv4Address: ipv4FromIpv6Eip(eip.address) },
      { portId: nic.id.toUpperCase() },
    ]) {
      const found = await lookUpInProgram(args, read);
      expect({ args, found }).toEqual({ args, found: expect.objectContaining(expected) });
      expect(Object.keys(found).sort()).toEqual(
        [
          "createdAt",
          "fixedIpAddress",
          "floatingIpAddress",
          "floatingNetworkId",
          "id",
          "ipv4Address",
          "portId",
          "portKind",
          "projectId",
          "projectName",
          "region",
          "routerId",
          "status",
          "updatedAt",
          "vpcEndpoint",
        ].sort(),
      );
    }
  });

  it("finds an unbound EIP with no port and no port kind", async () => {
    const eip = emulator.createIpv6Eip();
    const found = await lookUpInProgram({ address: eip.address }, read);
    expect(found).toMatchObject({ id: eip.id, portId: null, portKind: null, status: "DOWN" });
  });

  it("says when nothing matches, naming the selector, the project and the region", async () => {
    const nic = emulator.addPort("ecs");
    const missing = "9b3c1b2e-5a6f-4c1d-8e7f-0a1b2c3d4e5f";
    for (const [args, text] of [
      [{ id: missing }, `id ${missing}`],
      [{ portId: nic.id }, `portId ${nic.id}`],
      [{ ipv4Address: "198.19.22.227" }, "may be an IPv4 EIP"],
      [{ address: "cdcd:910a:2222:5498:8475:1111:c613:16e3" }, "address cdcd:910a:"],
    ] as const) {
      const error = await lookUpInProgram(args, read).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EipLookupError);
      expect(error).toMatchObject({ code: "EIP_LOOKUP_NONE", matches: [] });
      expect((error as Error).message).toContain(text);
      expect((error as Error).message).toContain(`project ${emulator.projectName}`);
      expect((error as Error).message).toContain(`region ${emulator.region}`);
    }
  });

  it("checks the arguments before any call", async () => {
    emulator.resetLog();
    const noSelector = await lookUpInProgram({ project: "eu-de_emulator" }, read).catch(
      (e: unknown) => e,
    );
    expect(noSelector).toBeInstanceOf(InvalidInputError);
    const twoSelectors = await lookUpInProgram({ id: "x", portId: "y" }, read).catch(
      (e: unknown) => e,
    );
    expect((twoSelectors as Error).message).toContain("id and portId are given");
    const badAddress = await lookUpInProgram({ address: "not-an-address" }, read).catch(
      (e: unknown) => e,
    );
    expect(badAddress).toMatchObject({ property: "address" });
    expect(emulator.requestLog()).toEqual([]);
  });

  it("refuses another region through the emulator's explicit endpoints, before any call", async () => {
    emulator.resetLog();
    const error = await lookUpInProgram(
      { id: emulator.createIpv6Eip().id, region: "eu-nl" },
      read,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ property: "region" });
    expect((error as Error).message).toContain(
      "otc:vpcEndpoint and otc:authUrl are set explicitly",
    );
    expect(emulator.requestLog()).toEqual([]);
    const same = await lookUpInProgram(
      { id: emulator.createIpv6Eip().id, region: emulator.region },
      read,
    );
    expect(same.region).toBe(emulator.region);
  });

  it("scopes an AK/SK look-up to a project given by name (one IAM look-up) or by id", async () => {
    const eip = emulator.createIpv6Eip();
    const aksk = readerOf(akskStackConfig(emulator));
    emulator.resetLog();
    const byName = await lookUpInProgram({ id: eip.id, project: emulator.projectName }, aksk);
    expect(byName).toMatchObject({ id: eip.id, projectId: emulator.projectId });
    await lookUpInProgram({ address: eip.address, project: emulator.projectName }, aksk);
    expect(emulator.counts()["GET /v3/projects"]).toBe(1);
    expect(byName.projectName).toBe(emulator.projectName);
    const byId = await lookUpInProgram({ id: eip.id, project: emulator.projectId }, aksk);
    expect(byId).toMatchObject({ id: eip.id, projectName: null });
    const unknown = await lookUpInProgram({ id: eip.id, project: "eu-de_nobody" }, aksk).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(ConfigurationError);
    expect((unknown as Error).message).toContain('no project named "eu-de_nobody"');
  });

  it("reports incomplete settings with the keys to set, before any call", async () => {
    emulator.resetLog();
    const config = passwordStackConfig(emulator);
    delete config["otc:password"];
    const error = await lookUpInProgram(
      { id: emulator.createIpv6Eip().id },
      readerOf(config),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain("otc:password");
    expect(emulator.requestLog()).toEqual([]);
  });
});

describe("getIpv6Eip's look-up in another project of the emulator", () => {
  let emulator: Emulator;
  let read: ConfigReader;
  let eip: { id: string; address: string };
  let prodEip: { id: string; address: string };
  let prodConfig: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulator({ projects: ["eu-de_team-b"], accounts: [PROD] });
    const config = passwordStackConfig(emulator);
    eip = await createEip(emulator, { ...config, "otc:projectName": "eu-de_team-b" });
    prodEip = await createEip(emulator, prodConnectionConfig(emulator, "otc"));
    prodConfig = prodConnectionConfig(emulator, "otc-prod");
    read = readerOf({ ...config, ...prodConfig });
  });
  afterAll(async () => {
    await closeSharedClients();
    await emulator?.close();
  });

  it("finds the EIP in the project named, with one token for that project", async () => {
    const teamB = emulator.project("eu-de_team-b");
    emulator.resetLog();
    const byName = await lookUpInProgram({ id: eip.id, project: "eu-de_team-b" }, read);
    expect(byName).toMatchObject({ id: eip.id, projectId: teamB.id, projectName: "eu-de_team-b" });
    const again = await lookUpInProgram({ address: eip.address, project: "eu-de_team-b" }, read);
    expect(again.id).toBe(eip.id);
    expect(emulator.counts()["POST /v3/auth/tokens"]).toBe(1);
    const byId = await lookUpInProgram(
      { ipv4Address: byName.ipv4Address!, project: teamB.id },
      read,
    );
    expect(byId.id).toBe(eip.id);
    const calls = emulator.requestLog().filter((e) => e.path.startsWith("/v2.0/eip"));
    expect(new Set(calls.map((e) => e.projectId))).toEqual(new Set([teamB.id]));
  });

  it("does not see it from the connection's own project", async () => {
    const error = await lookUpInProgram({ id: eip.id }, read).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "EIP_LOOKUP_NONE" });
    expect((error as Error).message).toContain(`project ${emulator.projectName}`);
  });

  it("finds an EIP of another account through a named connection, with that account's keys", async () => {
    const prod = emulator.project("eu-de_prod");
    emulator.resetLog();
    const found = await lookUpInProgram({ address: prodEip.address, connection: "otc-prod" }, read);
    expect(found).toMatchObject({ id: prodEip.id, projectId: prod.id });
    const calls = emulator.requestLog().filter((e) => e.path.startsWith("/v2.0/eip"));
    expect(new Set(calls.map((e) => e.projectId))).toEqual(new Set([prod.id]));
    const fromDefault = await lookUpInProgram({ id: prodEip.id }, read).catch((e: unknown) => e);
    expect(fromDefault).toMatchObject({ code: "EIP_LOOKUP_NONE" });
    expect((fromDefault as Error).message).toContain("(connection otc)");
  });

  it("names the connection's keys when its settings are incomplete, before any call", async () => {
    emulator.resetLog();
    const { "otc-prod:secretKey": _secretKey, ...half } = prodConfig;
    const error = await lookUpInProgram(
      { id: prodEip.id, connection: "otc-prod" },
      readerOf({ ...passwordStackConfig(emulator), ...half }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain("otc-prod:secretKey");
    expect(emulator.requestLog()).toEqual([]);
    const unset = await lookUpInProgram({ id: prodEip.id, connection: "otc-dev" }, read).catch(
      (e: unknown) => e,
    );
    expect((unset as Error).message).toContain("otc-dev:");
  });
});
