/** The `--help` texts: one overview and one page per command. */
import type { CommandName } from "./parse-command-line";

const CONNECTION = `Connection (flags first, then the environment, then clouds.yaml):
  --region <name>        OTC region: eu-de, eu-nl, eu-ch2 (else OS_REGION_NAME, else the
                         project name's prefix)
  --auth-url <url>       IAM endpoint (else OS_AUTH_URL, else from the region)
  --vpc-endpoint <url>   VPC endpoint (else OTC_VPC_ENDPOINT, else from the region)
  --cloud <name>         clouds.yaml entry (else OS_CLOUD): one entry per project or account
                         makes a profile to pick
  --project <name | id>  OTC project: a name like eu-de_team-a or the 32-hex id (else
                         OS_PROJECT_ID / OS_PROJECT_NAME, else the clouds.yaml entry's); it
                         replaces the project of every other source, the credentials stay
  Credentials come from OS_* variables (OS_USERNAME/OS_PASSWORD/OS_USER_DOMAIN_NAME,
  OS_ACCESS_KEY/OS_SECRET_KEY, OS_TOKEN, OS_PROJECT_ID or OS_PROJECT_NAME) or clouds.yaml;
  there is deliberately no flag for a secret.
  --timeout <duration>   stop retrying one OTC call after this long, 1s-1h (default 2m): a
                         throttled or unreachable OTC then ends the command with exit 1
  --progress             show listing progress on stderr even when it is not a terminal
  -h, --help             this help`;

const NO_STACK = `The NO STACK? column says "likely" for an EIP no Pulumi stack is likely to know about:
unbound and created more than a day ago (likelyOrphan in --json). Bring one under a stack with
\`otc-ipv6-eip adopt <id>\`, or release it with \`orphans --delete\`.`;

const EXIT_CODES = `Exit codes:
  0  ok (nic: the port exists and holds no EIP; doctor: every check passed)
  1  operational failure (API or network error, also once --timeout is spent; a release
     failed; confirmation declined)
  2  usage error (unknown command or option, malformed value, --delete without a terminal or --yes)
  3  configuration or authentication error
  4  not found (show, adopt: no such EIP; nic: no such port)
  5  nic: the NIC already holds an EIP (IPv4 or IPv6)
  6  doctor: at least one check failed (each is printed with its fix)
  Any code but 0 (and 5 for nic) means no answer: never read it as "free" or "nothing found".`;

const OVERVIEW = `otc-ipv6-eip — see and tidy the IPv6 EIPs of an Open Telekom Cloud project
(the OTC console shows IPv4 EIPs only).

Usage: otc-ipv6-eip <command> [options]

Commands:
  list                    every IPv6 EIP with its NAT64 IPv4, status, port, fixed IP, age
  show <id | IPv6 | IPv4> one EIP, by id, IPv6 address, or the IPv4 it maps to
  nic <port-id>           whether a NIC already holds an EIP (exit 5 when it does)
  orphans                 unbound IPv6 EIPs; --delete releases them
  adopt <id | IPv6 | IPv4> the Ipv6Eip to paste into a Pulumi program to manage an EIP
  doctor                  whether pulumi up can work from here: settings, endpoints, credentials,
                          clock, the IPv6 API, the external network, the EIP quota
  emulator [options]      start the OTC API emulator shipped in the package (see emulator --help)
  help [command]          this text, or a command's

Run \`otc-ipv6-eip <command> --help\` for a command's options.

  -V, --version          print the version

${CONNECTION}

${EXIT_CODES}
`;

const PAGES: Record<Exclude<CommandName, "doctor" | "adopt">, string> = {
  list: `Usage: otc-ipv6-eip list [--port <port-id> | --unbound] [--status <status>] [--json]

Lists every IPv6 EIP of the project (all pages), with the IPv4 EIP that OTC's NAT64 gateway
pairs with it (the IPv6 address's last 32 bits), status, bound port, fixed IP and creation time.
${NO_STACK}

Options:
  --port <port-id>       only EIPs bound to this NIC port
  --unbound              only EIPs bound to no port
  --status <status>      only EIPs in this status: ACTIVE (bound), DOWN (unbound), ERROR
  --json                 a JSON array instead of the table (fields: id, ipv6, ipv4, status,
                         portId, fixedIp, floatingNetworkId, projectId, createdAt, updatedAt,
                         likelyOrphan)
  --page-size <n>        EIPs per request, 1-2000 (default: the client's)

${CONNECTION}

${EXIT_CODES}
`,
  show: `Usage: otc-ipv6-eip show <id | IPv6 | IPv4> [--json]

Shows one IPv6 EIP, found by its id, by its IPv6 address (any textual form), or by the IPv4
address it maps to through NAT64 (the reverse look-up: the EIP whose last 32 bits are that IPv4).

Options:
  --json                 the EIP as a JSON object (an array if several EIPs map to one IPv4)
  --page-size <n>        EIPs per request when searching by address, 1-2000

${CONNECTION}

${EXIT_CODES}
`,
  nic: `Usage: otc-ipv6-eip nic <port-id> [--json]

Shows what a NIC holds: its IPv4 EIPs and its IPv6 EIPs, and what the port is (ECS NIC, ELB
VIP, ...). OTC allows one EIP per NIC, IPv4 or IPv6, so this is the check to run in a script
before binding: exit 0 means the port exists and is free, exit 5 means it already holds an EIP
and binding another one will fail, exit 4 means OTC knows no such port in this project and
region. Any other code means no answer: do not bind.

Options:
  --json                 {portId, port: {kind, deviceOwner, networkId}, hasEip, ipv4: [...],
                         ipv6: [...]}

${CONNECTION}

${EXIT_CODES}
`,
  orphans: `Usage: otc-ipv6-eip orphans [--older-than <age>] [--delete [--yes]] [--json]

Lists the IPv6 EIPs bound to no port: forgotten ones still cost money. With --delete, releases
them after a confirmation, printing each one it released. Just before each release it reads the
EIP again and skips it if it has been bound meanwhile: a bound EIP is never released.
${NO_STACK}

Options:
  --older-than <age>     only EIPs created at least this long ago: 7d, 36h, 90m, 2w, 1d12h
                         (EIPs without a creation time are then left out)
  --delete               release them; asks for confirmation on a terminal
  -y, --yes              do not ask (for scripts); without a terminal --delete needs --yes
  --json                 a JSON array (fields as in list); with --delete {released, skipped,
                         failed}
  --page-size <n>        EIPs per request, 1-2000

${CONNECTION}

${EXIT_CODES}
`,
};

const DOCTOR = `Usage: otc-ipv6-eip doctor [--json]

Tells whether \`pulumi up\` can reach OTC from here, before you try, one check after the other:
  settings          resolved, and from which flag, variable or clouds.yaml entry each came (this
                    tool reads no stack config: in a stack, otc:* keys come before these)
  VPC/IAM endpoint  answer over TLS (certificate verified; plain HTTP only for loopback)
  clock             within the 15 min AK/SK window of OTC's clock (its Date header)
  credentials       accepted (the AK/SK signature, or the IAM token)
  IPv6 EIP API      published in the region (a gateway's 404 APIG.0101 is told apart from an
                    empty list)
  external network  found (admin_external_net, else router:external)
  EIP quota         used and left (IPv4 and IPv6 together)
Each failure comes with its fix; a check an earlier failure makes meaningless is skipped. No
credential is ever printed. Exit 0 when every check passes, 6 otherwise.

Options:
  --json                 {ok, settings: [{setting, value, from}], warnings, checks: [{name,
                         status: pass|fail|skip, detail, fix?}]}

${CONNECTION}

${EXIT_CODES}
`;

const ADOPT = `Usage: otc-ipv6-eip adopt <id | IPv6 | IPv4> [--name <name>] [--json]

Prints the Ipv6Eip to paste into a Pulumi program so that a stack manages an existing IPv6 EIP
(\`pulumi import\` does not work for dynamic resources): adoptId with the EIP's id and portId with
the NIC it is bound to today, and the pulumi commands that follow. It changes nothing in OTC.

Options:
  --name <name>          the resource name in the program (default ipv6-eip-<id prefix>)
  --json                 {eip, name, snippet, commands}
  --page-size <n>        EIPs per request when searching by address, 1-2000

${CONNECTION}

${EXIT_CODES}
`;

/** The help text for a command, or the overview. */
export function helpText(topic: CommandName | undefined): string {
  if (topic === "doctor") return DOCTOR;
  if (topic === "adopt") return ADOPT;
  return topic ? PAGES[topic] : OVERVIEW;
}
