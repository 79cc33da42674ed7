/**
 * A throw-away CA and a server certificate for 127.0.0.1 and localhost, made with the `openssl`
 * command in a temporary directory, so HTTPS mode tests TLS verification and custom CA bundles for
 * real. The caller removes the directory when the emulator closes.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The PEM texts and the directory that holds them. */
export interface TlsMaterial {
  dir: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** Creates the CA and the server certificate (EC P-256, valid for two days). */
export async function createTlsMaterial(): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), "otc-emulator-tls-"));
  const file = (name: string): string => join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run("openssl", [
    "req",
    "-x509",
    ...ec,
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=OTC emulator test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  await run("openssl", [
    "req",
    ...ec,
    "-keyout",
    file("server.key"),
    "-out",
    file("server.csr"),
    "-subj",
    "/CN=127.0.0.1",
  ]);
  await writeFile(
    file("server.ext"),
    [
      "basicConstraints=CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "",
    ].join("\n"),
  );
  await run("openssl", [
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-out",
    file("server.pem"),
    "-days",
    "2",
    "-extfile",
    file("server.ext"),
  ]);
  const [caPem, certPem, keyPem] = await Promise.all(
    ["ca.pem", "server.pem", "server.key"].map((name) => readFile(file(name), "utf8")),
  );
  return { dir, caPem: caPem ?? "", certPem: certPem ?? "", keyPem: keyPem ?? "" };
}
