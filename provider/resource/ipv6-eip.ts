/**
 * `Ipv6Eip`: an Open Telekom Cloud IPv6 EIP, bound to a NIC (or unbound), as a Pulumi dynamic
 * resource. Thin wiring: the lifecycle lives in `pulumi-otc-ipv6-eip/lifecycle`.
 */
import * as pulumi from "@pulumi/pulumi";
import { SECRET_INPUTS_KEY } from "../core/secret-inputs";
import { claimPortInput } from "./nic-claims";
import { ipv6EipProvider } from "./provider-shim";
import { secretInputNames } from "./secret-input-names";
import { warnOnce } from "./warn-once";

/** How long each operation may take, in seconds (Pulumi's `customTimeouts` never reach a dynamic provider). */
export interface Ipv6EipTimeoutsArgs {
  /** Seconds for create (the POST, or the adoption, plus waiting until bound). Default 300. */
  create?: pulumi.Input<number>;
  /** Seconds for update (unbind, wait, bind, wait). Default 300. */
  update?: pulumi.Input<number>;
  /** Seconds for delete (unbind if bound, wait, delete). Default 300. */
  delete?: pulumi.Input<number>;
}

/** The inputs of an {@link Ipv6Eip}. */
export interface Ipv6EipArgs {
  /**
   * The NIC port to bind the EIP to: an ECS NIC's port id (ECS console → the server → NICs → NIC ID)
   * or an ELB's VIP port. One NIC holds one EIP, IPv4 or IPv6: `check` refuses a NIC that already
   * has one, and a program that binds two `Ipv6Eip` to one NIC fails at preview. Changing it
   * rebinds in place (unbind, then bind). Default: none, an unbound EIP.
   */
  portId?: pulumi.Input<string>;
  /**
   * The external network the EIP comes from. Default: looked up (`admin_external_net`, else the
   * network with `router:external=True`). Changing a given value replaces the EIP (the old one is
   * deleted first); leaving it out later is no change.
   */
  floatingNetworkId?: pulumi.Input<string>;
  /**
   * The OTC region, e.g. `eu-de`. Default: the provider's (`otc:region`, `OS_REGION_NAME`). The
   * region is recorded in state, so changing `otc:region` later never moves or loses the EIP;
   * changing this input replaces the EIP (the old one is deleted first).
   */
  region?: pulumi.Input<string>;
  /**
   * The OTC project the EIP lives in: a project name (`eu-de_team-a`) or a 32-hex project id.
   * Password tokens are scoped to it, AK/SK calls carry its id. Default: the connection's project
   * (`otc:projectId` / `otc:projectName`). Recorded in state and used by every later call; another
   * project replaces the EIP (and must change `portId` with it: ports belong to a project).
   */
  project?: pulumi.Input<string>;
  /**
   * The stack-config namespace holding the connection to use (`otc-prod` for `otc-prod:region`,
   * `otc-prod:accessKey`, `otc-prod:secretKey`, … with the same keys and rules as `otc:*`), read
   * by the provider when it runs: no credential passes through the program. Default `otc`.
   * Recorded in state, so `refresh` and `destroy` use it; changing it is no replacement, but one
   * that would point the EIP at another account or project is refused.
   */
  connection?: pulumi.Input<string>;
  /**
   * An existing IPv6 EIP to manage instead of creating one (`pulumi import` does not work for
   * dynamic resources). Counts only at create, like Pulumi's `import` option: changing or removing
   * it later is no change. Deleting the resource deletes the adopted EIP unless the resource sets
   * `retainOnDelete: true`. Default: none, a new EIP is created.
   */
  adoptId?: pulumi.Input<string>;
  /** Per-operation timeouts in seconds (1 to 3600). Default: 300 each. */
  timeouts?: pulumi.Input<Ipv6EipTimeoutsArgs>;
  /**
   * Hide the IPv6 EIP warnings (security groups bypassed, no Anti-DDoS, no anti-spoofing, no
   * outbound traffic through the EIP, NAT64 hides the client's address). Default: false; the
   * warnings print once per program.
   */
  suppressWarnings?: pulumi.Input<boolean>;
}

/** Options of {@link Ipv6Eip.get}: resource options, and where the EIP lives. */
export interface Ipv6EipGetOptions extends pulumi.CustomResourceOptions {
  /** The EIP's project (name or id), when not the connection's. */
  project?: string;
  /** The stack-config namespace of the connection, when not `otc`. */
  connection?: string;
  /** The EIP's region, when not the connection's. */
  region?: string;
}

/**
 * An IPv6 EIP on Open Telekom Cloud. IPv6 clients reach the NIC through OTC's NAT64 gateway; the
 * EIP's last 32 bits are its IPv4 twin (`ipv4Address`).
 *
 * Token `pulumi-nodejs:dynamic/otc:Ipv6Eip`. Settings come from stack config `otc:*` (and the
 * environment), never from the program.
 */
export class Ipv6Eip extends pulumi.dynamic.Resource {
  /** The IPv6 EIP, in canonical (RFC 5952) form. */
  declare readonly floatingIpAddress: pulumi.Output<string>;
  /** The IPv4 EIP that NAT64 pairs with it (the IPv6 address's last 32 bits); `null` only if OTC sent an address that cannot be an EIP. */
  declare readonly ipv4Address: pulumi.Output<string | null>;
  /** The NIC port the EIP is bound to, or `null` when unbound. */
  declare readonly portId: pulumi.Output<string | null>;
  /**
   * What the port is: `ecs` (an ECS NIC) or `elb` (an ELB VIP port), from the port's
   * `device_owner`; `null` when unbound (or when the port could not be read).
   */
  declare readonly portKind: pulumi.Output<"ecs" | "elb" | null>;
  /** OTC's status: `ACTIVE` (bound), `DOWN` (unbound) or `ERROR`. */
  declare readonly status: pulumi.Output<string>;
  /** The NIC's private IPv4 address, or `null`. */
  declare readonly fixedIpAddress: pulumi.Output<string | null>;
  /** The external network of the EIP (given or looked up). */
  declare readonly floatingNetworkId: pulumi.Output<string>;
  /** The router, or `null`. */
  declare readonly routerId: pulumi.Output<string | null>;
  /** The project that owns the EIP. */
  declare readonly projectId: pulumi.Output<string | null>;
  /** That project's name, when the calls named it (`project` or `otc:projectName`), else `null`. */
  declare readonly projectName: pulumi.Output<string | null>;
  /** The VPC endpoint the EIP is reached through (later calls go there only). */
  declare readonly vpcEndpoint: pulumi.Output<string | null>;
  /** The region of the EIP. */
  declare readonly region: pulumi.Output<string>;
  /** Creation time as OTC reports it (`yyyy-MM-ddTHH:mm:ss`, UTC), or `null`. */
  declare readonly createdAt: pulumi.Output<string | null>;
  /** Last update time as OTC reports it, or `null`. */
  declare readonly updatedAt: pulumi.Output<string | null>;

  /**
   * @param name the resource's name
   * @param args the inputs (all optional: `new Ipv6Eip("x", {})` is an unbound EIP)
   * @param opts resource options (`retainOnDelete`, `protect`, `dependsOn`, …)
   */
  /**
   * Reads an existing IPv6 EIP into the program as a resource, read-only: Pulumi reads it (and
   * `pulumi refresh` keeps it current) but never changes or deletes it.
   *
   * @param name the resource's name in this program
   * @param id the EIP's id
   * @param opts resource options, plus where the EIP lives when not in the `otc:*` connection's
   *   project and region (`project`, `connection`, `region`)
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: Ipv6EipGetOptions): Ipv6Eip {
    const { project, connection, region, ...rest } = opts ?? {};
    return new Ipv6Eip(name, { project, connection, region }, { ...rest, id });
  }

  constructor(name: string, args: Ipv6EipArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const portId =
      opts?.id === undefined
        ? claimPortInput(name, args.portId, { project: args.project, region: args.region })
        : args.portId;
    if (opts?.id === undefined) warnOnce(args.suppressWarnings);
    const inputs = {
      portId,
      floatingNetworkId: args.floatingNetworkId,
      region: args.region,
      project: args.project,
      connection: args.connection,
      adoptId: args.adoptId,
      timeouts: args.timeouts,
      suppressWarnings: args.suppressWarnings,
    };
    super(
      ipv6EipProvider,
      name,
      {
        ...inputs,
        // The helper hides which inputs are secret from the provider; this tells it (names only).
        [SECRET_INPUTS_KEY]: secretInputNames(inputs),
        floatingIpAddress: undefined,
        ipv4Address: undefined,
        portKind: undefined,
        status: undefined,
        fixedIpAddress: undefined,
        routerId: undefined,
        projectId: undefined,
        projectName: undefined,
        vpcEndpoint: undefined,
        createdAt: undefined,
        updatedAt: undefined,
      },
      opts,
      "otc",
      "Ipv6Eip",
    );
  }
}
