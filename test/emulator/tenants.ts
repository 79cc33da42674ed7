/**
 * The emulator's other projects and accounts: more projects of its own account (`projects`) and
 * other accounts (`accounts`), each project with its own ports, EIPs and quota.
 */
import { CloudState } from "./cloud-state";
import type { Clock } from "./clock";
import type { Random } from "./random";
import type { IamIdentity } from "./routes/iam-routes";
import type { EmulatorOptions, EmulatorProject } from "./types";

/** One more project and its cloud. */
export interface Tenant {
  id: string;
  name: string;
  domainName: string;
  state: CloudState;
}

/** Another account: its IAM identity and key pair. */
export interface OtherAccount {
  identity: IamIdentity;
  accessKey: string;
  secretKey: string;
}

/** The projects and accounts beyond the emulator's own. */
export interface Tenants {
  projects: Tenant[];
  accounts: OtherAccount[];
  /** The ids of an account's projects that calls may be scoped to. */
  projectIdsOf(identity: IamIdentity): string[];
}

/**
 * Makes the extra projects and accounts of `options`, drawing their ids after everything else, so
 * that the emulator's own ids stay as they were.
 *
 * @param own the emulator's own account
 * @param ownState its project's cloud (the external network is shared: it is the region's)
 */
export function makeTenants(
  options: EmulatorOptions,
  own: IamIdentity,
  ownState: CloudState,
  random: Random,
  clock: Clock,
): Tenants {
  const projects: Tenant[] = [];
  const addProject = (name: string, domainName: string): { id: string; name: string } => {
    const id = random.hex(32);
    const state = new CloudState({
      random,
      clock,
      projectId: id,
      externalNetworkId: ownState.externalNetworkId,
      quota: options.quota ?? 50,
      bindDelayMs: options.bindDelayMs ?? 0,
      addressPoolSize: options.addressPoolSize ?? 65536,
    });
    for (let i = 0; i < (options.ecsPorts ?? 4); i++) state.addPort("ecs");
    state.addPort("elb");
    projects.push({ id, name, domainName, state });
    return { id, name };
  };
  own.extraProjects = (options.projects ?? []).map((name) => addProject(name, own.domainName));
  const accounts = (options.accounts ?? []).map((account): OtherAccount => {
    const [first, ...rest] = account.projects;
    if (first === undefined) throw new Error(`Account ${account.domainName} needs a project.`);
    const identity: IamIdentity = {
      domainId: random.hex(32),
      domainName: account.domainName,
      userId: random.hex(32),
      userName: account.userName,
      password: account.password,
      projectId: "",
      projectName: first,
      regionProjectId: random.hex(32),
      region: own.region,
    };
    identity.projectId = addProject(first, account.domainName).id;
    identity.extraProjects = rest.map((name) => addProject(name, account.domainName));
    return { identity, accessKey: account.accessKey, secretKey: account.secretKey };
  });
  return {
    projects,
    accounts,
    projectIdsOf: (identity) => [
      identity.projectId,
      ...(identity.extraProjects ?? []).map((p) => p.id),
    ],
  };
}

/** The view of one project that tests get. */
export function tenantView(
  tenant: { id: string; name: string; state: CloudState },
  domainName: string,
): EmulatorProject {
  const { state } = tenant;
  return {
    id: tenant.id,
    name: tenant.name,
    domainName,
    get ports() {
      return state.listPorts();
    },
    state: () => ({ ipv6: state.list("ipv6"), ipv4: state.list("ipv4"), ports: state.listPorts() }),
    createIpv4Eip(portId) {
      const result = state.create("ipv4", portId ?? null);
      if ("error" in result) throw new Error(`${result.error}: ${result.message}`);
      return { id: result.eip.id, address: result.eip.floating_ip_address };
    },
  };
}
