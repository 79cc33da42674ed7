/**
 * `otc-ipv6-eip adopt <id | IPv6 | IPv4> [--name NAME]`: from "found" to "managed" — prints the
 * `Ipv6Eip` to paste into a Pulumi program (`adoptId` and the EIP's current NIC as `portId`) and
 * the `pulumi` commands that follow. It changes nothing in OTC.
 */
import type { CommandContext } from "../cli-context";
import type { EipView } from "../eip-view";
import { toEipView } from "../eip-view";
import { ExitCode } from "../exit-codes";
import type { CliOptions } from "../parse-command-line";
import { lookUpEips } from "./show-command";

/** `web-ipv6` → `webIpv6`: a TypeScript identifier for the variable. */
function variableName(name: string): string {
  const camel = name.replace(/[-._]+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());
  const cleaned = camel.replace(/[^A-Za-z0-9]/g, "");
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `eip${cleaned}`;
}

/** The program text for one EIP. */
export function adoptionSnippet(view: EipView, name: string): string {
  const where = view.portId
    ? `bound to port ${view.portId}`
    : "unbound (add portId to bind it; leave it out to keep it unbound)";
  const lines = [
    `// IPv6 EIP ${view.id}: ${view.ipv6} (NAT64 IPv4 ${view.ipv4 ?? "?"}), ${where}.`,
    'import { Ipv6Eip } from "pulumi-otc-ipv6-eip";',
    "",
    `const ${variableName(name)} = new Ipv6Eip(`,
    `  ${JSON.stringify(name)},`,
    "  {",
    `    adoptId: ${JSON.stringify(view.id)},`,
    ...(view.portId
      ? [`    portId: ${JSON.stringify(view.portId)}, // its NIC today; another value rebinds it`]
      : []),
    "  },",
    "  // Without this, `pulumi destroy` releases the adopted EIP like one the stack created.",
    "  { retainOnDelete: true },",
    ");",
  ];
  return `${lines.join("\n")}\n`;
}

const NEXT_STEPS = `Then, in the project's folder:
  pulumi preview   # shows the resource to create: adopting reads the EIP, it creates none
  pulumi up        # records the EIP in the stack; later runs manage it like any other
`;

/** Prints the snippet (or `{id, name, snippet, commands}` with `--json`); exit 4 when not found. */
export async function runAdopt(
  ctx: CommandContext,
  arg: string,
  options: CliOptions,
): Promise<number> {
  const { eips, notFound } = await lookUpEips(ctx, arg, options);
  if (eips.length === 0) {
    ctx.stderr.write(`otc-ipv6-eip: ${notFound}\n`);
    return ExitCode.NotFound;
  }
  if (eips.length > 1) {
    ctx.stderr.write(
      `otc-ipv6-eip: ${eips.length} IPv6 EIPs match ${arg.trim()}; adopt one by its id: ` +
        `${eips.map((e) => e.id).join(", ")}.\n`,
    );
    return ExitCode.Usage;
  }
  const view = toEipView(eips[0] as (typeof eips)[number]);
  const name = options.name ?? `ipv6-eip-${view.id.slice(0, 8)}`;
  const snippet = adoptionSnippet(view, name);
  if (options.json) {
    const commands = ["pulumi preview", "pulumi up"];
    ctx.stdout.write(`${JSON.stringify({ eip: view, name, snippet, commands }, null, 2)}\n`);
  } else {
    ctx.stdout.write(`${snippet}\n${NEXT_STEPS}`);
  }
  return ExitCode.Ok;
}
