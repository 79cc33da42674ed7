import {
  AuthError,
  ConfigurationError,
  NicAlreadyHasEipError,
  TransportError,
} from "../../provider/core/errors";
import { ExitCode } from "../../provider/cli/exit-codes";
import { NOW, run } from "./cli-harness";
import { createFakeClient, eip } from "./fake-client";

const PORT_A = "552389f5-8f4c-4bb7-9991-07233c315d60";
const PORT_B = "7a3f0e1c-2b4d-4e6f-8a9b-0c1d2e3f4a5b";
const DAY = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Two bound, two unbound (one old, one fresh), one unbound without a creation time. */
function sample() {
  return createFakeClient([
    eip(1, { portId: PORT_A, createdAt: iso(NOW - 30 * DAY) }),
    eip(2, { createdAt: iso(NOW - 10 * DAY) }),
    eip(3, { createdAt: iso(NOW - 1 * DAY) }),
    eip(4, { portId: PORT_B, status: "ACTIVE", createdAt: iso(NOW - 20 * DAY) }),
    eip(5, { createdAt: null }),
  ]);
}

const id = (n: number) => eip(n).id;

describe("list", () => {
  it("prints every EIP over several pages as a table, with a summary", async () => {
    const client = sample();
    const r = await run(["list", "--page-size", "2"], { client });
    expect(r.code).toBe(ExitCode.Ok);
    for (const n of [1, 2, 3, 4, 5]) expect(r.stdout).toContain(id(n));
    expect(r.stdout).toContain("2001:db8::c013:1");
    expect(r.stdout).toContain("192.19.0.1");
    expect(r.stdout).toMatch(/5 IPv6 EIPs, 3 unbound\.\n$/);
    expect(r.stderr).toBe("");
    expect(client.closed).toBe(true);
  });

  it("prints JSON with the NAT64 IPv4 for scripts", async () => {
    const r = await run(["list", "--json"], { client: sample() });
    const parsed = JSON.parse(r.stdout);
    expect(parsed).toHaveLength(5);
    expect(parsed[0]).toEqual({
      id: id(1),
      ipv6: "2001:db8::c013:1",
      ipv4: "192.19.0.1",
      status: "ACTIVE",
      portId: PORT_A,
      fixedIp: "192.168.0.10",
      floatingNetworkId: "0a2228f2-7f8a-45f1-8e09-9039e1d09975",
      projectId: "0123456789abcdef0123456789abcdef",
      createdAt: `${iso(NOW - 30 * DAY)}Z`,
      updatedAt: "2026-11-01T10:00:00Z",
      likelyOrphan: false,
    });
    // Unbound and 10 days old: no stack is likely to know it.
    expect(parsed.find((v: { id: string }) => v.id === id(2)).likelyOrphan).toBe(true);
    expect(parsed.find((v: { id: string }) => v.id === id(5)).likelyOrphan).toBe(false);
  });

  it("filters by port on the server, by status and --unbound here", async () => {
    const client = sample();
    const byPort = JSON.parse((await run(["list", "--json", "--port", PORT_B], { client })).stdout);
    expect(byPort.map((v: { id: string }) => v.id)).toEqual([id(4)]);
    expect(client.calls).toContain(`list ${JSON.stringify({ portId: PORT_B })}`);
    const down = JSON.parse((await run(["list", "--json", "--status", "down"], { client })).stdout);
    expect(down.map((v: { id: string }) => v.id)).toEqual([id(2), id(3), id(5)]);
    const unbound = JSON.parse((await run(["list", "--json", "--unbound"], { client })).stdout);
    expect(unbound.map((v: { id: string }) => v.id)).toEqual([id(2), id(3), id(5)]);
  });

  it("says so when nothing matches", async () => {
    const r = await run(["list"], { client: createFakeClient([]) });
    expect(r).toMatchObject({ code: 0, stdout: "No IPv6 EIPs match.\n" });
  });

  it("shows progress on stderr only on a terminal or with --progress", async () => {
    const quiet = await run(["list", "--page-size", "2"], { client: sample() });
    expect(quiet.stderr).toBe("");
    const forced = await run(["list", "--page-size", "2", "--progress"], { client: sample() });
    expect(forced.stderr).toBe(
      "Listing IPv6 EIPs: 2 so far…\nListing IPv6 EIPs: 4 so far…\nListing IPv6 EIPs: 5 so far…\n",
    );
    const tty = await run(["list", "--page-size", "2", "--json"], {
      client: sample(),
      stderrIsTty: true,
    });
    expect(tty.stderr).toContain("\r\x1b[2KListing IPv6 EIPs: 4 so far…");
    expect(tty.stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect(JSON.parse(tty.stdout)).toHaveLength(5);
  });
});

describe("show", () => {
  it("finds an EIP by id", async () => {
    const r = await run(["show", id(4).toUpperCase()], { client: sample() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+00000000-0000-4000-8000-000000000004$/m);
    expect(r.stdout).toMatch(/^IPv4 \(NAT64\)\s+192\.19\.0\.4$/m);
    expect(r.stdout).toMatch(/^Port\s+7a3f0e1c/m);
    expect(r.stdout).toMatch(/^Created\s+\S+Z \(20d ago\)$/m);
  });

  it("finds an EIP by IPv6 in any textual form", async () => {
    const r = await run(["show", "2001:DB8:0000::C013:0003", "--json"], { client: sample() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe(id(3));
  });

  it("falls back to comparing canonical forms when the server filter misses", async () => {
    const client = createFakeClient([eip(7, { floatingIpAddress: "2001:0DB8::C013:7" })]);
    const r = await run(["show", "2001:db8::c013:7", "--json"], { client });
    expect(JSON.parse(r.stdout).id).toBe(id(7));
    expect(client.calls).toEqual([
      `list ${JSON.stringify({ floatingIpAddress: "2001:db8::c013:7" })}`,
      "list {}",
    ]);
  });

  it("finds an EIP by the IPv4 it maps to (reverse NAT64)", async () => {
    const r = await run(["show", "192.19.0.2", "--json", "--page-size", "1"], { client: sample() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: id(2), ipv4: "192.19.0.2" });
  });

  it("lists every EIP that maps to one IPv4", async () => {
    const client = createFakeClient([
      eip(1, { floatingIpAddress: "2001:db8::c013:1" }),
      eip(2, { floatingIpAddress: "2001:db9::c013:1" }),
    ]);
    const text = await run(["show", "192.19.0.1"], { client });
    expect(text.stdout).toMatch(/^2 IPv6 EIPs map to 192\.19\.0\.1:/);
    const json = await run(["show", "192.19.0.1", "--json"], { client });
    expect(JSON.parse(json.stdout)).toHaveLength(2);
  });

  it.each([
    [id(9), /No IPv6 EIP has the id 00000000-0000-4000-8000-000000000009/],
    ["2001:db8::1:2", /No IPv6 EIP has the address 2001:db8::1:2/],
    ["10.9.8.7", /No IPv6 EIP maps to the IPv4 10\.9\.8\.7.*may be an IPv4 EIP/],
  ])("exits 4 when %s matches nothing", async (arg, message) => {
    const r = await run(["show", arg], { client: sample() });
    expect(r.code).toBe(ExitCode.NotFound);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ["eth0", /"eth0" is neither an EIP id/],
    ["::1", /loopback/],
    ["192.168.1", /neither an EIP id/],
  ])("exits 2 for %j", async (arg, message) => {
    const r = await run(["show", arg], { client: sample() });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(message);
  });
});

describe("nic", () => {
  const FREE = "11111111-2222-4333-8444-555555555555";

  it("exits 0 and says so when the NIC holds no EIP, naming its kind", async () => {
    const client = sample();
    client.ports.set(FREE, "compute:eu-de-02");
    const r = await run(["nic", FREE], { client });
    expect(r.code).toBe(ExitCode.Ok);
    expect(r.stdout).toBe(
      `ECS NIC ${FREE} holds no EIP: an IPv4 or an IPv6 EIP can be bound to it.\n`,
    );
  });

  it("exits 4 naming the port when OTC does not know it", async () => {
    const r = await run(["nic", FREE], { client: sample() });
    expect(r).toMatchObject({ code: ExitCode.NotFound, stdout: "" });
    expect(r.stderr).toMatch(
      new RegExp(`^otc-ipv6-eip: No port ${FREE} in this project and region`),
    );
  });

  it("names an ELB VIP as such, in text and in JSON", async () => {
    const client = sample();
    client.ports.set(FREE, "neutron:LOADBALANCERV2");
    const text = await run(["nic", FREE], { client });
    expect(text.stdout).toMatch(/^ELB VIP .* holds no EIP/);
    const json = await run(["nic", FREE, "--json"], { client });
    expect(JSON.parse(json.stdout)).toMatchObject({
      port: { kind: "ELB VIP", deviceOwner: "neutron:LOADBALANCERV2" },
      hasEip: false,
    });
  });

  it("exits 5 when the NIC holds an IPv6 EIP", async () => {
    const r = await run(["nic", PORT_A], { client: sample() });
    expect(r.code).toBe(ExitCode.NicHasEip);
    expect(r.stdout).toMatch(/already holds an EIP/);
    expect(r.stdout).toMatch(/IPv6 EIP\s+2001:db8::c013:1 → NAT64 192\.19\.0\.1/);
  });

  it("exits 5 when the NIC holds an IPv4 EIP, and reports it in JSON", async () => {
    const port = "11111111-2222-4333-8444-555555555555";
    const client = createFakeClient(
      [],
      [eip(1, { floatingIpAddress: "80.158.1.2", portId: port, status: "ACTIVE" })],
    );
    const r = await run(["nic", port, "--json"], { client });
    expect(r.code).toBe(ExitCode.NicHasEip);
    expect(JSON.parse(r.stdout)).toEqual({
      portId: port,
      port: {
        kind: "ECS NIC",
        deviceOwner: "compute:eu-de-01",
        networkId: "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f",
      },
      hasEip: true,
      ipv4: [{ id: id(1), address: "80.158.1.2", status: "ACTIVE", fixedIp: "192.168.0.10" }],
      ipv6: [],
    });
  });

  it("exits 2 for a port id that is not a UUID, before any call", async () => {
    const client = sample();
    const r = await run(["nic", "eth0"], { client });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/Invalid <port-id>: "eth0" is not a valid id/);
    expect(client.calls).toEqual([]);
  });
});

describe("orphans", () => {
  it("lists unbound EIPs only", async () => {
    const r = await run(["orphans"], { client: sample() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^3 unbound IPv6 EIPs:/);
    for (const n of [2, 3, 5]) expect(r.stdout).toContain(id(n));
    for (const n of [1, 4]) expect(r.stdout).not.toContain(id(n));
  });

  it("--older-than keeps EIPs at least that old and leaves out those of unknown age", async () => {
    const r = await run(["orphans", "--older-than", "7d", "--json"], { client: sample() });
    expect(JSON.parse(r.stdout).map((v: { id: string }) => v.id)).toEqual([id(2)]);
    const text = await run(["orphans", "--older-than", "1w2d12h"], { client: sample() });
    expect(text.stdout).toMatch(
      /^1 unbound IPv6 EIP created at least 9d12h ago \(1 younger one and 1 without a creation time were left out\):\n/,
    );
  });

  it("--older-than says how many it left out when none is old enough", async () => {
    const r = await run(["orphans", "--older-than", "60d"], { client: sample() });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(
      "No unbound IPv6 EIPs created at least 60d ago; 2 younger ones and 1 without a creation time were left out.\n",
    );
    const json = await run(["orphans", "--older-than", "60d", "--json"], { client: sample() });
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).toMatch(/2 younger ones and 1 without a creation time were left out/);
    const del = await run(["orphans", "--older-than", "60d", "--delete", "--yes"], {
      client: sample(),
    });
    expect(del.stdout).toMatch(
      /^No unbound IPv6 EIPs created at least 60d ago: nothing to release; 2 younger/,
    );
  });

  it("--delete --yes releases the orphans and never a bound EIP", async () => {
    const client = sample();
    const r = await run(["orphans", "--delete", "--yes"], { client });
    expect(r.code).toBe(0);
    expect(client.ipv6.map((e) => e.id)).toEqual([id(1), id(4)]);
    for (const n of [2, 3, 5]) expect(r.stdout).toMatch(new RegExp(`^Released ${id(n)}`, "m"));
    expect(r.stdout).toMatch(/Released 3, skipped 0, failed 0\.\n$/);
    expect(client.calls.filter((c) => c.startsWith("delete"))).toHaveLength(3);
  });

  it("skips an EIP bound between the listing and its release", async () => {
    const client = sample();
    client.beforeGet = (eipId) => {
      const target = client.ipv6.find((e) => e.id === eipId);
      if (eipId === id(3) && target) target.portId = PORT_A;
    };
    const r = await run(["orphans", "--delete", "--yes", "--json"], { client });
    expect(r.code).toBe(0);
    const outcome = JSON.parse(r.stdout);
    expect(outcome.released.map((v: { id: string }) => v.id)).toEqual([id(2), id(5)]);
    expect(outcome.skipped).toEqual([
      { id: id(3), ipv6: "2001:db8::c013:3", reason: `bound to port ${PORT_A} since the listing` },
    ]);
    expect(client.calls).not.toContain(`delete ${id(3)}`);
    expect(client.ipv6.some((e) => e.id === id(3))).toBe(true);
  });

  it("counts an EIP already gone as skipped, and a failed release as exit 1", async () => {
    const client = sample();
    client.beforeGet = (eipId) => {
      if (eipId === id(2)) client.ipv6 = client.ipv6.filter((e) => e.id !== eipId);
    };
    client.deleteFailures.set(
      id(3),
      new TransportError(
        { method: "DELETE", path: "/v2.0/eip/floatingips_v6/x" },
        "connection reset",
      ),
    );
    const r = await run(["orphans", "--delete", "--yes"], { client });
    expect(r.code).toBe(ExitCode.Failure);
    expect(r.stderr).toMatch(/Skipped .*000000000002.*already gone/);
    expect(r.stderr).toMatch(/Failed to release .*000000000003.*connection reset/);
    expect(r.stdout).toMatch(/Released 1, skipped 1, failed 1\./);
  });

  it("refuses to delete without --yes when stdin is not a terminal", async () => {
    const client = sample();
    const r = await run(["orphans", "--delete"], { client, stdinIsTty: false });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/Pass --yes/);
    expect(r.stdout).toBe("");
    expect(client.calls).toEqual([]);
  });

  it("asks on a terminal and releases on yes", async () => {
    const client = sample();
    const r = await run(["orphans", "--delete"], { client, stdinIsTty: true, answer: "yes" });
    expect(r.questions).toEqual([
      'Release these 3 unbound IPv6 EIPs? This cannot be undone. Type "yes" to confirm: ',
    ]);
    expect(r.code).toBe(0);
    expect(client.ipv6).toHaveLength(2);
  });

  it.each(["", "no", "n", "yess"])("releases nothing when the answer is %j", async (answer) => {
    const client = sample();
    const r = await run(["orphans", "--delete"], { client, stdinIsTty: true, answer });
    expect(r.code).toBe(ExitCode.Failure);
    expect(r.stderr).toMatch(/Cancelled: nothing was released/);
    expect(client.ipv6).toHaveLength(5);
  });

  it("has nothing to release when every EIP is bound", async () => {
    const client = createFakeClient([eip(1, { portId: PORT_A })]);
    const r = await run(["orphans", "--delete"], { client, stdinIsTty: true, answer: "yes" });
    expect(r).toMatchObject({ code: 0, stdout: "No unbound IPv6 EIPs: nothing to release.\n" });
    expect(r.questions).toEqual([]);
  });
});

describe("errors and exit codes", () => {
  const client = () => sample();

  it("exits 3 with the configuration error's message", async () => {
    const r = await run(["list"], {
      createClient: async () => {
        throw new ConfigurationError([
          { key: "otc:authUrl", env: ["OS_AUTH_URL"], reason: "missing" },
        ]);
      },
    });
    expect(r.code).toBe(ExitCode.Config);
    expect(r.stderr).toMatch(
      /^otc-ipv6-eip: the connection settings are incomplete or invalid:\n {2}- --auth-url or OS_AUTH_URL: missing\n/,
    );
    expect(r.stderr).toMatch(/reads no Pulumi stack config: it takes --region, --auth-url/);
    expect(r.stderr).not.toMatch(/otc:|pulumi config set/);
  });

  it("exits 3 on an auth error raised by a call", async () => {
    const c = client();
    c.listIpv6FloatingIps = async () => {
      throw new AuthError(
        { method: "GET", path: "/v2.0/eip/floatingips_v6", status: 401, retryable: false },
        "Check the credentials.",
      );
    };
    const r = await run(["list"], { client: c });
    expect(r.code).toBe(ExitCode.Config);
    expect(r.stderr).toMatch(/HTTP 401.*Check the credentials/);
    expect(c.closed).toBe(true);
  });

  it("exits 1 on an operational failure and prints no stack", async () => {
    const c = client();
    c.listIpv6FloatingIps = async () => {
      throw new TransportError({ method: "GET", path: "/v2.0/eip/floatingips_v6" }, "ECONNREFUSED");
    };
    const r = await run(["orphans"], { client: c });
    expect(r.code).toBe(ExitCode.Failure);
    expect(r.stderr).toBe("otc-ipv6-eip: OTC GET /v2.0/eip/floatingips_v6: ECONNREFUSED\n");
  });

  it("maps the client's NIC error to exit 5", async () => {
    const c = client();
    c.listIpv4FloatingIpsOnPort = async () => {
      throw new NicAlreadyHasEipError(
        {
          method: "GET",
          path: "/v2.0/floatingips",
          status: 409,
          otcCode: "VPC.0511",
          retryable: false,
        },
        "Unbind it first.",
        PORT_A,
      );
    };
    expect((await run(["nic", PORT_A], { client: c })).code).toBe(ExitCode.NicHasEip);
  });

  it("exits 2 without a command, printing the overview to stderr", async () => {
    const r = await run([], { client: client() });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/^otc-ipv6-eip — see and tidy/);
  });

  it.each([["list"], ["show"], ["nic"], ["orphans"]])(
    "%s --help prints its page and exit codes, and builds no client",
    async (command) => {
      let built = false;
      const r = await run([command, "--help"], {
        createClient: async () => {
          built = true;
          throw new Error("not expected");
        },
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: otc-ipv6-eip ${command}`));
      expect(r.stdout).toMatch(/5 {2}nic: the NIC already holds an EIP/);
      expect(built).toBe(false);
    },
  );

  it("prints the version", async () => {
    expect(await run(["--version"])).toMatchObject({ code: 0, stdout: "0.0.0-test\n" });
  });

  it("maps the connection flags and OTC_VPC_ENDPOINT onto stack config", async () => {
    const flags = await run(
      [
        "list",
        "--region",
        "eu-nl",
        "--auth-url",
        "https://iam/v3",
        "--cloud",
        "prod",
        "--vpc-endpoint",
        "http://127.0.0.1:1",
      ],
      { client: client(), env: { OTC_VPC_ENDPOINT: "http://127.0.0.1:2" } },
    );
    expect(flags.config).toEqual({
      "otc:region": "eu-nl",
      "otc:authUrl": "https://iam/v3",
      "otc:cloud": "prod",
      "otc:vpcEndpoint": "http://127.0.0.1:1",
    });
    const env = await run(["list"], {
      client: client(),
      env: { OTC_VPC_ENDPOINT: "http://127.0.0.1:2" },
    });
    expect(env.config).toEqual({ "otc:vpcEndpoint": "http://127.0.0.1:2" });
  });

  it("prints the resolver's warnings on stderr", async () => {
    const c = client();
    const r = await run(["list", "--json"], {
      createClient: async (_config, _env, warn) => {
        warn("eu-ch2 does not document IPv6 EIPs");
        return c;
      },
    });
    expect(r.stderr).toBe("otc-ipv6-eip: warning: eu-ch2 does not document IPv6 EIPs\n");
    expect(JSON.parse(r.stdout)).toHaveLength(5);
  });

  it("masks credential values from the environment in anything it prints", async () => {
    const password = "Pa55-word-UNIQUE-7731";
    const secretKey = "SK-UNIQUE-0099887766";
    const c = client();
    c.listIpv6FloatingIps = async () => {
      throw new Error(`boom ${password} ${secretKey}`);
    };
    const r = await run(["list"], {
      client: c,
      env: { OS_PASSWORD: password, OS_SECRET_KEY: secretKey },
    });
    expect(r.code).toBe(ExitCode.Failure);
    expect(r.stderr).toBe("otc-ipv6-eip: unexpected error: boom [redacted] [redacted]\n");
  });
});
