/**
 * Settings errors in the tool's own terms, through the built bin and the real resolver: the flag
 * or the variable the user gave, never a stack-config key or `pulumi config set` (the tool reads
 * no stack config). `npm test` builds first; run `npm run build` before running this file alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExitCode } from "../../provider/cli/exit-codes";
import { requireBuiltBin, runBin } from "./run-bin";

const PROJECT = "0123456789abcdef0123456789abcdef";
const AKSK = { OS_ACCESS_KEY: "AK", OS_SECRET_KEY: "SK", OS_PROJECT_ID: PROJECT };

let dir: string;
beforeAll(() => {
  requireBuiltBin();
  dir = mkdtempSync(join(tmpdir(), "otc-cli-terms-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fails(argv: string[], env: Record<string, string>): Promise<string> {
  const r = await runBin(argv, env, dir);
  expect(r.code).toBe(ExitCode.Config);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(/otc:[a-zA-Z]|pulumi config set/);
  return r.stderr;
}

it("a bad --region is reported as --region", async () => {
  const stderr = await fails(["list", "--region", "Germany"], AKSK);
  expect(stderr).toMatch(/^ {2}- --region \(as given\): "Germany" is not a region name/m);
  // The hint names no example that is already in the list of known regions.
  expect(stderr).toContain("one of eu-de, eu-nl, eu-ch2");
  expect(stderr).not.toMatch(/another OTC region such as "eu-de"/);
});

it("a port id that is not a UUID: exit 2, the example UUID before the explanation, no call", async () => {
  // Endpoints where nothing listens: a call would end in exit 1, never reach a real cloud.
  const closed = "http://127.0.0.1:9";
  const env = {
    ...AKSK,
    OS_REGION_NAME: "eu-de",
    OS_AUTH_URL: `${closed}/v3`,
    OTC_VPC_ENDPOINT: closed,
  };
  const r = await runBin(["nic", "552389f5-8f4c-4bb7-9991"], env, dir);
  expect(r).toMatchObject({ code: ExitCode.Usage, stdout: "" });
  expect(r.stderr).toContain(
    'is not a valid id; expected a UUID like "552389f5-8f4c-4bb7-9991-07233c315d60": the NIC\'s port id',
  );
});

it("a bad OS_REGION_NAME is reported as OS_REGION_NAME", async () => {
  const stderr = await fails(["list"], { ...AKSK, OS_REGION_NAME: "Germany" });
  expect(stderr).toMatch(/^ {2}- OS_REGION_NAME \(as given\): "Germany"/m);
});

it("a missing region offers the flag and the variables", async () => {
  const stderr = await fails(["list"], AKSK);
  expect(stderr).toMatch(/^ {2}- --region or OS_REGION_NAME or OS_REGION: missing/m);
});

it("a clear-text endpoint names --vpc-endpoint and OS_CACERT for the CA", async () => {
  const stderr = await fails(
    ["list", "--region", "eu-de", "--vpc-endpoint", "http://vpc.example"],
    AKSK,
  );
  expect(stderr).toMatch(/--vpc-endpoint \(as given\): "http:\/\/vpc.example" uses http:\/\//);
  expect(stderr).toMatch(/OS_CACERT/);
});

it("no credentials at all lists the variables and clouds.yaml", async () => {
  const stderr = await fails(["list", "--region", "eu-de"], {});
  expect(stderr).toMatch(/credentials: none found\. Export OS_ACCESS_KEY and OS_SECRET_KEY/);
});

it("an identity split across the environment and clouds.yaml names the unused value, not the variable", async () => {
  const file = join(dir, "clouds.yaml");
  writeFileSync(file, "clouds:\n  prod:\n    auth:\n      user_domain_name: OTC-EU-DE-1\n");
  const stderr = await fails(["list", "--region", "eu-de", "--cloud", "prod"], {
    OS_CLIENT_CONFIG_FILE: file,
    OS_USERNAME: "alice",
    OS_PASSWORD: "pw",
    OS_PROJECT_ID: PROJECT,
  });
  expect(stderr).toMatch(
    /missing for password authentication: the identity comes from environment/,
  );
  expect(stderr).toMatch(/auth\.user_domain_name \(clouds\.yaml entry "prod"/);
  expect(stderr).toMatch(/is set but not used for this identity/);
});

it("an identity split across the variables and clouds.yaml never offers a variable already set", async () => {
  const file = join(dir, "clouds-ak.yaml");
  writeFileSync(file, "clouds:\n  prod:\n    auth:\n      access_key: AK\n");
  const stderr = await fails(["list", "--region", "eu-de", "--cloud", "prod"], {
    OS_CLIENT_CONFIG_FILE: file,
    OS_SECRET_KEY: "SK",
    OS_PROJECT_ID: PROJECT,
  });
  expect(stderr).toMatch(/the secret key is set, so the access key must be set too/);
  expect(stderr).toMatch(/Set OS_ACCESS_KEY in environment \(OS_\*\) too/);
  expect(stderr).not.toMatch(/OS_SECRET_KEY:/);
});
