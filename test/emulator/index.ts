/**
 * The OTC API emulator: one HTTP(S) server on 127.0.0.1 that serves IAM (`/v3`), the IPv6 EIP API,
 * the Neutron IPv4 EIP and network APIs, and a control endpoint, following
 * `shared/reference/otc-floating-ip-api.md` and `otc-auth-and-config.md`. It is an independent
 * implementation of the documented contract and imports nothing from `provider/`.
 */
import { rm } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import type { Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Authenticator } from "./authenticator";
import { CloudState } from "./cloud-state";
import { createClock } from "./clock";
import { FaultEngine } from "./fault-engine";
import { createRandom } from "./random";
import { RateLimits } from "./rate-limit";
import { createRequestHandler } from "./request-handler";
import { RequestLog } from "./request-log";
import { handleControl } from "./routes/control-routes";
import { ipv4FloatingIpRoutes, ipv6FloatingIpRoutes } from "./routes/floating-ip-routes";
import { iamRoutes } from "./routes/iam-routes";
import { networkRoutes } from "./routes/network-routes";
import { quotaRoutes } from "./routes/quota-routes";
import { portRoutes } from "./routes/port-routes";
import { createTlsMaterial } from "./tls-certificates";
import type { Route, RouteContext } from "./route";
import { makeTenants, tenantView } from "./tenants";
import { resolveAnswerStyle } from "./answer-style";
import type {
  Emulator,
  EmulatorInfo,
  EmulatorOptions,
  FaultOptions,
  HiddenPath,
  Port,
} from "./types";

export type * from "./types";
export { akskStackConfig, configSetLines, passwordStackConfig } from "./stack-config";
export { ANSWER_STYLE_NAMES } from "./answer-style";

/** The emulated region. */
export const EMULATOR_REGION = "eu-de";

/** The fixed, fake credentials the emulator accepts (printed on purpose by the CLI). */
export const DEFAULT_CREDENTIALS = {
  domainName: "OTC-EU-DE-emulator",
  userName: "emulator-user",
  password: "emulator-password-not-a-secret",
  accessKey: "EMULATORAK0000000001",
  secretKey: "emulatorSecretKey0000000000000000000000x",
} as const;

/** A fixed, fake temporary AK/SK with its security token (sent and signed as `X-Security-Token`). */
export const DEFAULT_TEMPORARY_CREDENTIALS = {
  accessKey: "EMULATORTEMPAK000001",
  secretKey: "emulatorTemporarySecretKey00000000000000",
  securityToken: "emulator-security-token-gQEMULATOR0000000000000000000000000000000000000000",
} as const;

/**
 * Starts an emulator on 127.0.0.1 (an ephemeral port unless `options.port` is set). Plain HTTP by
 * default; with `https: true` a CA and a server certificate are made with `openssl` and the CA
 * comes back as `caPem`. Always `close()` it.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? 1;
  // Separate streams, so that enabling faults does not change ids and addresses, and vice versa.
  const ids = createRandom(seed);
  const faultRandom = createRandom((seed ^ 0x5bd1e995) >>> 0);
  const tokenRandom = createRandom((seed + 0x9e3779b9) >>> 0);
  const clock = createClock();
  const credentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const temporaryCredentials = {
    ...DEFAULT_TEMPORARY_CREDENTIALS,
    ...options.temporaryCredentials,
  };

  const generatedProjectId = ids.hex(32);
  const projectId = options.projectId ?? generatedProjectId;
  const identity = {
    ...credentials,
    domainId: ids.hex(32),
    userId: ids.hex(32),
    projectId,
    projectName: `${EMULATOR_REGION}_emulator`,
    regionProjectId: ids.hex(32),
    region: EMULATOR_REGION,
  };
  const adminProjectId = ids.hex(32);
  const state = new CloudState({
    random: ids,
    clock,
    projectId,
    externalNetworkId: options.externalNetworkId,
    quota: options.quota ?? 50,
    bindDelayMs: options.bindDelayMs ?? 0,
    addressPoolSize: options.addressPoolSize ?? 65536,
  });
  const subnetIds: [string, string] = [ids.uuid(), ids.uuid()];
  for (let i = 0; i < (options.ecsPorts ?? 4); i++) state.addPort("ecs");
  state.addPort("elb");
  const tenants = makeTenants(options, identity, state, ids, clock);

  const authenticator = new Authenticator({
    clock,
    random: tokenRandom,
    keys: [
      ...[
        { accessKey: credentials.accessKey, secretKey: credentials.secretKey },
        temporaryCredentials,
      ].map((key) => ({
        ...key,
        domainId: identity.domainId,
        projectIds: tenants.projectIdsOf(identity),
      })),
      ...tenants.accounts.map((account) => ({
        accessKey: account.accessKey,
        secretKey: account.secretKey,
        domainId: account.identity.domainId,
        projectIds: tenants.projectIdsOf(account.identity),
      })),
    ],
    projectId,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86400,
    skewWindowSeconds: options.skewWindowSeconds ?? 900,
    lockoutThreshold: options.lockoutThreshold ?? 5,
    lockoutSeconds: options.lockoutSeconds ?? 300,
  });
  const faults = new FaultEngine(faultRandom, {
    latencyMs: options.latencyMs,
    latencyJitterMs: options.latencyJitterMs,
    ...options.faults,
  });
  const log = new RequestLog();
  const rateLimits = new RateLimits(clock, options.rateLimit);
  let style = resolveAnswerStyle(options.answerStyle);
  let hidden: HiddenPath[] = structuredClone(options.hiddenPaths ?? []);

  let url = "";
  const baseUrl = (): string => url;
  const projectRoutes = (tenantState: CloudState, tenantId: string): Route[] => [
    ...ipv6FloatingIpRoutes(tenantState, baseUrl, () => style),
    ...ipv4FloatingIpRoutes(tenantState, baseUrl),
    ...networkRoutes({
      state: tenantState,
      projectId: tenantId,
      adminProjectId,
      createdAt: clock.now(),
      subnetIds,
    }),
    ...portRoutes({
      state: tenantState,
      projectId: tenantId,
      subnetId: subnetIds[1],
      createdAt: clock.now(),
    }),
    ...quotaRoutes(tenantState),
  ];
  const own = projectRoutes(state, projectId);
  const byProject = new Map<string, Route[]>([[projectId, own]]);
  for (const tenant of tenants.projects) {
    byProject.set(tenant.id, projectRoutes(tenant.state, tenant.id));
  }
  // Each call is served by the project it is scoped to (the token's, or the signed X-Project-Id):
  // one project's EIPs and ports are invisible from another.
  const routes = [
    ...iamRoutes([identity, ...tenants.accounts.map((a) => a.identity)], authenticator, baseUrl),
    ...own.map((route, i) => ({
      ...route,
      handle: (ctx: RouteContext) => (byProject.get(ctx.projectId ?? "") ?? own)[i]!.handle(ctx),
    })),
  ];

  const tls = options.https ? await createTlsMaterial() : undefined;
  let server: Server | undefined;
  try {
    const emulator: Emulator = {
      url: "",
      authUrl: "",
      vpcEndpoint: "",
      region: EMULATOR_REGION,
      projectId,
      projectName: identity.projectName,
      domainName: credentials.domainName,
      userName: credentials.userName,
      password: credentials.password,
      accessKey: credentials.accessKey,
      secretKey: credentials.secretKey,
      externalNetworkId: state.externalNetworkId,
      privateNetworkId: state.privateNetworkId,
      temporaryCredentials: { ...temporaryCredentials },
      ...(tls ? { caPem: tls.caPem, caCertFile: join(tls.dir, "ca.pem") } : {}),
      get ports(): Port[] {
        return state.listPorts();
      },
      addPort: (kind) => state.addPort(kind),
      projects: [
        tenantView({ id: projectId, name: identity.projectName, state }, identity.domainName),
        ...tenants.projects.map((t) => tenantView(t, t.domainName)),
      ],
      project(nameOrId) {
        const found = emulator.projects.find((p) => p.id === nameOrId || p.name === nameOrId);
        if (!found) throw new Error(`No emulated project ${JSON.stringify(nameOrId)}.`);
        return found;
      },
      createIpv4Eip(portId) {
        const result = state.create("ipv4", portId ?? null);
        if ("error" in result) throw new Error(`${result.error}: ${result.message}`);
        return { id: result.eip.id, address: result.eip.floating_ip_address };
      },
      createIpv6Eip(portId, ageSeconds = 0) {
        const result = state.create("ipv6", portId ?? null);
        if ("error" in result) throw new Error(`${result.error}: ${result.message}`);
        const id = result.eip.id;
        if (portId) state.forceStatus(id, "ACTIVE");
        if (ageSeconds > 0) state.backdate(id, ageSeconds);
        return { id, address: result.eip.floating_ip_address };
      },
      setEipStatus(id, status) {
        if (!state.forceStatus(id, status)) throw new Error(`No EIP with id ${id}.`);
      },
      setFaults: (f: FaultOptions) => faults.set(f),
      setRateLimit: (limits) => rateLimits.set(limits),
      setAnswerStyle: (choice) => {
        style = resolveAnswerStyle(choice);
      },
      answerStyle: () => ({ ...style }),
      hidePaths: (paths) => {
        hidden = structuredClone(paths);
      },
      requestLog: () => log.list(),
      counts: () => log.counts(),
      resetLog: () => log.reset(),
      state: () => ({
        ipv6: state.list("ipv6"),
        ipv4: state.list("ipv4"),
        ports: state.listPorts(),
      }),
      advanceClock: (seconds) => clock.advance(seconds * 1000),
      close: async () => {
        await closeServer(server);
        if (tls) await rm(tls.dir, { recursive: true, force: true });
      },
    };
    const info = (): EmulatorInfo & { externalNetworkId: string; caPem?: string } => ({
      ...connectionInfo(emulator),
      externalNetworkId: emulator.externalNetworkId,
      ...(tls ? { caPem: tls.caPem } : {}),
    });
    const handler = createRequestHandler({
      routes,
      authenticator,
      faults,
      log,
      clock,
      rateLimits,
      hidden: () => hidden,
      control: (method, path, body) =>
        handleControl(
          {
            ...emulator,
            info,
            faults: () => faults.get(),
            rateLimit: () => rateLimits.get(),
            hiddenPaths: () => structuredClone(hidden),
          },
          method,
          path,
          body,
        ),
    });
    server = tls
      ? createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, handler)
      : createHttpServer(handler);
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(options.port ?? 0, "127.0.0.1", () => {
        listening.off("error", reject);
        resolve();
      });
    });
    const port = (listening.address() as AddressInfo).port;
    url = `${tls ? "https" : "http"}://127.0.0.1:${port}`;
    emulator.url = url;
    emulator.authUrl = `${url}/v3`;
    emulator.vpcEndpoint = url;
    return emulator;
  } catch (error) {
    await closeServer(server);
    if (tls) await rm(tls.dir, { recursive: true, force: true });
    throw error;
  }
}

/** The connection details of a running emulator, in the order the CLI prints them. */
export function connectionInfo(emulator: Emulator): EmulatorInfo {
  return {
    url: emulator.url,
    authUrl: emulator.authUrl,
    vpcEndpoint: emulator.vpcEndpoint,
    region: emulator.region,
    projectId: emulator.projectId,
    projectName: emulator.projectName,
    domainName: emulator.domainName,
    userName: emulator.userName,
    password: emulator.password,
    accessKey: emulator.accessKey,
    secretKey: emulator.secretKey,
    ports: emulator.ports,
  };
}

async function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
