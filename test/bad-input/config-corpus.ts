/**
 * Bad stack configuration: each must end in a configuration error naming the key, without any
 * request reaching the emulator. Cases are applied over a valid password configuration.
 */

/** One bad-configuration case. */
export interface ConfigCase {
  /** What the case is about. */
  name: string;
  /** Keys to set over the valid configuration (`null` removes the key). */
  set: Record<string, string | null>;
  /** A text the error must contain: the key it names. */
  key: string;
  /**
   * True when the preview (check) still passes, skipping the live guard: no credentials at all, as
   * in a pull request from a fork. Every other bad setting fails the preview already.
   */
  previewPasses?: boolean;
}

/** A file path that does not exist, for the CA bundle case. */
export const MISSING_FILE = "/nonexistent/otc-ipv6-eip/ca.pem";

/** The corpus; `{caFile}` in a value is replaced by a file holding no certificate. */
export const CONFIG_CASES: readonly ConfigCase[] = [
  { name: "region with a blank", set: { "otc:region": "eu de" }, key: "otc:region" },
  { name: "region in upper case", set: { "otc:region": "EU-DE" }, key: "otc:region" },
  { name: "region with a NUL", set: { "otc:region": "eu-de\u0000" }, key: "otc:region" },
  { name: "region with unicode", set: { "otc:region": "eu-dé" }, key: "otc:region" },
  {
    name: "legacy key opentelekomcloud:region invalid",
    set: { "otc:region": null, "opentelekomcloud:region": "eu/de" },
    key: "otc:region",
  },
  {
    name: "plain http to a host that is not loopback",
    set: { "otc:vpcEndpoint": "http://vpc.eu-de.otc.t-systems.com" },
    key: "otc:vpcEndpoint",
  },
  {
    name: "endpoint that is not a URL",
    set: { "otc:vpcEndpoint": "vpc endpoint" },
    key: "otc:vpcEndpoint",
  },
  {
    name: "endpoint carrying credentials",
    set: { "otc:vpcEndpoint": "https://user:pw@127.0.0.1:1" },
    key: "otc:vpcEndpoint",
  },
  {
    name: "endpoint with a query",
    set: { "otc:vpcEndpoint": "https://127.0.0.1:1/?a=b" },
    key: "otc:vpcEndpoint",
  },
  { name: "ftp endpoint", set: { "otc:vpcEndpoint": "ftp://127.0.0.1:1" }, key: "otc:vpcEndpoint" },
  {
    name: "huge http endpoint",
    set: { "otc:vpcEndpoint": `http://${"a".repeat(5000)}.example` },
    key: "otc:vpcEndpoint",
  },
  {
    name: "plain http auth URL to a host that is not loopback",
    set: { "otc:authUrl": "http://iam.eu-de.otc.t-systems.com/v3" },
    key: "otc:authUrl",
  },
  { name: "project id too short", set: { "otc:projectId": "abc" }, key: "otc:projectId" },
  { name: "project id not hex", set: { "otc:projectId": "g".repeat(32) }, key: "otc:projectId" },
  { name: "unknown signing format", set: { "otc:signingFormat": "v4" }, key: "otc:signingFormat" },
  { name: "CA bundle file missing", set: { "otc:caCert": MISSING_FILE }, key: "otc:caCert" },
  { name: "CA bundle file without PEM", set: { "otc:caCert": "{caFile}" }, key: "otc:caCert" },
  { name: "password without domain", set: { "otc:domainName": null }, key: "otc:domainName" },
  { name: "password without user", set: { "otc:userName": null }, key: "otc:userName" },
  {
    name: "access key without secret key",
    set: { "otc:userName": null, "otc:password": null, "otc:accessKey": "AK-ONLY-0000000001" },
    key: "otc:secretKey",
  },
  {
    name: "no project for password authentication",
    set: { "otc:projectName": null },
    key: "otc:projectName",
  },
  {
    name: "no credentials at all",
    set: { "otc:userName": null, "otc:password": null, "otc:domainName": null },
    key: "otc:token",
    previewPasses: true,
  },
];
