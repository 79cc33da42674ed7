/** A small HTTP client for the emulator's tests: token and AK/SK auth, raw answers. */
import { request } from "undici";
import type { Dispatcher } from "undici";
import type { Emulator } from "../types";
import { sdkDate, testAuthorization } from "./test-signer";

/** AK/SK settings of one call. */
export interface AkSkOptions {
  format: "access" | "credential";
  /** Signing moment (default: now). */
  date?: number;
  /** `X-Project-Id` to send and sign; `null` sends none (default: the emulator's project). */
  projectId?: string | null;
  accessKey?: string;
  secretKey?: string;
  /** Sent and signed as `X-Security-Token` (temporary keys). */
  securityToken?: string;
  /** Flip one character of the signature. */
  tamper?: boolean;
  /** Headers sent but not signed. */
  unsigned?: Record<string, string>;
  /** Signed headers to leave out of the signature (still sent). */
  leaveUnsigned?: string[];
}

/** One call. */
export interface CallOptions {
  method?: string;
  /** Path with query, e.g. `/v2.0/eip/floatingips_v6?limit=2`. */
  path: string;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  token?: string;
  aksk?: AkSkOptions;
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
}

/** The answer. */
export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON body, or `undefined`. Tests index protocol bodies freely, hence `any`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Sends one request to the emulator. */
export async function call(emulator: Emulator, options: CallOptions): Promise<CallResult> {
  const method = options.method ?? "GET";
  const url = `${emulator.url}${options.path}`;
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (options.token !== undefined) headers["x-auth-token"] = options.token;
  if (options.aksk) {
    const a = options.aksk;
    const signed: Record<string, string> = {
      host: new URL(emulator.url).host,
      "x-sdk-date": sdkDate(a.date ?? Date.now()),
    };
    if (body !== undefined) signed["content-type"] = "application/json";
    const projectId = a.projectId === undefined ? emulator.projectId : a.projectId;
    if (projectId !== null) signed["x-project-id"] = projectId;
    if (a.securityToken !== undefined) signed["x-security-token"] = a.securityToken;
    const toSign = Object.fromEntries(
      Object.entries(signed).filter(([k]) => !(a.leaveUnsigned ?? []).includes(k)),
    );
    let authorization = testAuthorization({
      method,
      url,
      headers: toSign,
      body,
      accessKey: a.accessKey ?? emulator.accessKey,
      secretKey: a.secretKey ?? emulator.secretKey,
      format: a.format,
      sdkDate: signed["x-sdk-date"],
    });
    if (a.tamper) {
      const last = authorization.slice(-1);
      authorization = authorization.slice(0, -1) + (last === "0" ? "1" : "0");
    }
    Object.assign(headers, signed, a.unsigned, { authorization });
    delete headers["host"];
  }
  const response = await request(url, {
    method,
    headers,
    body,
    dispatcher: options.dispatcher,
  });
  const text = await response.body.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

/** The password-token request body, scoped to the emulator's project by id (`null`: unscoped). */
export function passwordAuthBody(
  emulator: Emulator,
  scope: unknown = { project: { id: emulator.projectId } },
): unknown {
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: {
            name: emulator.userName,
            password: emulator.password,
            domain: { name: emulator.domainName },
          },
        },
      },
      ...(scope === null ? {} : { scope }),
    },
  };
}

/** Gets a project-scoped token. */
export async function getToken(emulator: Emulator): Promise<string> {
  const result = await call(emulator, {
    method: "POST",
    path: "/v3/auth/tokens",
    body: passwordAuthBody(emulator),
  });
  const token = result.headers["x-subject-token"];
  if (result.status !== 201 || typeof token !== "string") {
    throw new Error(`token request failed: ${result.status} ${result.text}`);
  }
  return token;
}

/** Fetches from the control endpoint. */
export async function control(
  emulator: Emulator,
  method: string,
  name: string,
  body?: unknown,
): Promise<CallResult> {
  return call(emulator, { method, path: `/__emulator/${name}`, body });
}
