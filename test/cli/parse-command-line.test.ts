import { parseCommandLine } from "../../provider/cli/parse-command-line";
import { UsageError } from "../../provider/core/errors";

const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";

describe("parseCommandLine", () => {
  it("reads a command with connection flags and its own options", () => {
    const line = parseCommandLine([
      "list",
      "--region",
      "eu-nl",
      "--auth-url=https://iam.example/v3",
      "--vpc-endpoint",
      "http://127.0.0.1:9",
      "--cloud",
      "prod",
      "--port",
      PORT.toUpperCase(),
      "--status",
      "active",
      "--json",
      "--page-size",
      "50",
    ]);
    expect(line).toEqual({
      kind: "run",
      command: "list",
      args: [],
      options: {
        region: "eu-nl",
        authUrl: "https://iam.example/v3",
        vpcEndpoint: "http://127.0.0.1:9",
        cloud: "prod",
        port: PORT,
        status: "ACTIVE",
        json: true,
        pageSize: 50,
        progress: false,
        unbound: false,
        delete: false,
        yes: false,
      },
    });
  });

  it("reads --timeout as milliseconds and refuses one out of 1s-1h", () => {
    expect(parseCommandLine(["nic", PORT, "--timeout", "90s"])).toMatchObject({
      options: { timeoutMs: 90_000 },
    });
    expect(() => parseCommandLine(["list", "--timeout", "500"])).toThrow(/Invalid --timeout "500"/);
    expect(() => parseCommandLine(["list", "--timeout", "2h"])).toThrow(/from 1s to 1h/);
  });

  it("accepts flags before the command", () => {
    const line = parseCommandLine(["--region", "eu-de", "show", "10.0.0.1"]);
    expect(line).toMatchObject({ kind: "run", command: "show", args: ["10.0.0.1"] });
  });

  it("reads orphans' age and delete switches", () => {
    const line = parseCommandLine(["orphans", "--older-than", "1d12h", "--delete", "-y"]);
    expect(line).toMatchObject({
      kind: "run",
      options: { olderThanMs: 36 * 3_600_000, delete: true, yes: true },
    });
  });

  it.each([
    [["--help"], undefined],
    [["-h"], undefined],
    [["help"], undefined],
    [["help", "orphans"], "orphans"],
    [["nic", "--help"], "nic"],
    // --help wins over a missing argument
    [["show", "-h"], "show"],
  ])("%j asks for help on %s", (argv, topic) => {
    expect(parseCommandLine(argv)).toEqual({ kind: "help", topic });
  });

  it("reads --version", () => {
    expect(parseCommandLine(["--version"])).toEqual({ kind: "version" });
  });

  it.each([
    [["frobnicate"], /Unknown command "frobnicate".*list, show, nic, orphans/],
    [["list", "--frob"], /Unknown option --frob of `list`.*list --help/],
    [["show", "x", "--unbound"], /Unknown option --unbound of `show`/],
    [["nic", PORT, "--delete"], /Unknown option --delete of `nic`/],
    [["list", "--region"], /--region needs a value/],
    [["list", "--json=yes"], /--json is a switch/],
    [["list", "--region", "a", "--region", "b"], /--region is given twice/],
    [["list", "--region", " "], /--region: it is empty/],
    [["list", "--port", "eth0"], /Invalid --port: "eth0" is not a valid id.*NIC's port id/],
    [["list", "--status", "bound"], /Invalid --status "bound".*ACTIVE, DOWN, ERROR/],
    [["list", "--page-size", "0"], /--page-size "0".*1 to 2000/],
    [["list", "--page-size", "2001"], /--page-size "2001"/],
    [["list", "--page-size", "1e3"], /--page-size "1e3"/],
    [["list", "--unbound", "--port", PORT], /--unbound and --port contradict/],
    [["list", "extra"], /`list` takes no argument, got "extra"/],
    [["show"], /`show` takes <id \| IPv6 \| IPv4>, got none/],
    [["show", "a", "b"], /got "a" "b"/],
    [["nic"], /`nic` takes <port-id>/],
    [["orphans", "--older-than", "7"], /Invalid --older-than "7"/],
    [["orphans", "--yes"], /--yes only confirms --delete/],
    [["--region", "eu-de"], /Missing command/],
    [["help", "nope"], /No help for "nope"/],
  ])("%j is a usage error", (argv, message) => {
    let caught: unknown;
    try {
      parseCommandLine(argv);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).code).toBe("USAGE");
    expect((caught as Error).message).toMatch(message);
  });
});
