/**
 * Who may call: IAM tokens (issued by the emulated IAM, checked as `X-Auth-Token`) and AK/SK
 * signatures (`SDK-HMAC-SHA256`, both `Authorization` formats), with the API gateway's rules: `host`
 * and `x-sdk-date` must be signed, the date must sit within the skew window, `X-Project-Id` must be
 * present on project APIs, extra unsigned headers are fine, and five failures in a row lock the key.
 */
import type { Clock } from "./clock";
import { sha256Hex } from "./canonical-request";
import { parseSdkDate } from "./format-time";
import type { Random } from "./random";
import { gatewayError } from "./reply";
import type { Reply } from "./reply";
import { computeSignature, parseAuthorization, signaturesMatch } from "./sdk-signature";

/** What the authenticator needs from a request. */
export interface RequestFacts {
  method: string;
  rawPath: string;
  rawQuery: string;
  /** Header values by lower-case name. */
  headers: Record<string, string>;
  body: Buffer;
  requestId: string;
}

/** An issued token. */
export interface IssuedToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
  /** The project the token is scoped to (`undefined`: unscoped). */
  projectId: string | undefined;
  /** The account (domain id) of the user it was issued to, when known. */
  domainId?: string;
}

/** Outcome of authenticating a request. */
export type AuthOutcome =
  | { kind: "token" | "aksk"; projectId: string | undefined; domainId?: string; token?: string }
  | { kind: "token" | "aksk" | "none"; reply: Reply };

/** An AK/SK pair the gateway accepts. */
export interface AccessKeyPair {
  accessKey: string;
  secretKey: string;
  /** Set for temporary keys: the request must send and sign it as `X-Security-Token`. */
  securityToken?: string;
  /** The account's domain id (default: the emulator's own account). */
  domainId?: string;
  /** The projects of its account (default: the emulator's own project). */
  projectIds?: readonly string[];
}

/** Settings of the authenticator. */
export interface AuthenticatorOptions {
  clock: Clock;
  random: Random;
  /** Accepted key pairs; one with a `securityToken` is temporary and needs `X-Security-Token`. */
  keys: readonly AccessKeyPair[];
  projectId: string;
  tokenLifetimeSeconds: number;
  skewWindowSeconds: number;
  lockoutThreshold: number;
  lockoutSeconds: number;
}

/** Checks tokens and signatures and keeps the lockout counters. */
export class Authenticator {
  private readonly tokens = new Map<string, IssuedToken>();
  /** Per access key: consecutive failures and the end of the current lock. */
  private readonly lockouts = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(private readonly options: AuthenticatorOptions) {}

  /** Issues a token scoped to `projectId` (or unscoped), for a user of account `domainId`. */
  issueToken(projectId: string | undefined, domainId?: string): IssuedToken {
    const issuedAt = this.options.clock.now();
    const issued: IssuedToken = {
      token: `MIIemulator${this.options.random.hex(96)}`,
      issuedAt,
      expiresAt: issuedAt + this.options.tokenLifetimeSeconds * 1000,
      projectId,
      ...(domainId !== undefined ? { domainId } : {}),
    };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  /** Revokes a token (an early expiry). */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  /**
   * Authenticates a request by `X-Auth-Token` or AK/SK. `projectScoped`: the API carries no project
   * in its path, so a token must be project-scoped and AK/SK must send `X-Project-Id`.
   */
  authenticate(facts: RequestFacts, projectScoped: boolean): AuthOutcome {
    const token = facts.headers["x-auth-token"];
    if (token !== undefined) return this.checkToken(token, facts.requestId, projectScoped);
    const authorization = facts.headers["authorization"];
    if (authorization !== undefined)
      return this.checkSignature(facts, authorization, projectScoped);
    return {
      kind: "none",
      reply: gatewayError(
        401,
        "APIG.0301",
        "Incorrect IAM authentication information: the request carries neither X-Auth-Token nor an SDK-HMAC-SHA256 Authorization header.",
        facts.requestId,
      ),
    };
  }

  private checkToken(token: string, requestId: string, projectScoped: boolean): AuthOutcome {
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= this.options.clock.now()) {
      return {
        kind: "token",
        reply: gatewayError(
          401,
          "APIG.0307",
          "The token must be updated: it is unknown, revoked or expired. Request a new token from IAM.",
          requestId,
        ),
      };
    }
    if (projectScoped && issued.projectId === undefined) {
      return {
        kind: "token",
        reply: gatewayError(
          401,
          "APIG.0307",
          "The token is not scoped to a project; request a project-scoped token.",
          requestId,
        ),
      };
    }
    return {
      kind: "token",
      projectId: issued.projectId,
      ...(issued.domainId !== undefined ? { domainId: issued.domainId } : {}),
      token,
    };
  }

  private checkSignature(
    facts: RequestFacts,
    authorization: string,
    projectScoped: boolean,
  ): AuthOutcome {
    const now = this.options.clock.now();
    const refuse = (message: string): AuthOutcome => ({
      kind: "aksk",
      reply: gatewayError(
        401,
        "APIG.0301",
        `Incorrect IAM authentication information: ${message}`,
        facts.requestId,
      ),
    });
    const parsed = parseAuthorization(authorization);
    if (typeof parsed === "string") return refuse(parsed);
    const key = this.options.keys.find((k) => k.accessKey === parsed.accessKey);
    if (!key) return refuse("the access key (AK) is unknown.");
    let lockout = this.lockouts.get(key.accessKey);
    if (!lockout) {
      lockout = { failures: 0, lockedUntil: 0 };
      this.lockouts.set(key.accessKey, lockout);
    }
    if (now < lockout.lockedUntil) {
      const seconds = Math.ceil((lockout.lockedUntil - now) / 1000);
      return refuse(
        `the access key is locked for ${seconds} s after ${this.options.lockoutThreshold} consecutive authentication failures. Fix the signing (often the clock) and wait; do not retry automatically.`,
      );
    }
    const failure = this.signatureFailure(facts, parsed, key, now);
    if (failure !== undefined) {
      lockout.failures++;
      if (lockout.failures >= this.options.lockoutThreshold) {
        lockout.lockedUntil = now + this.options.lockoutSeconds * 1000;
        lockout.failures = 0;
      }
      return refuse(failure);
    }
    lockout.failures = 0;
    if (projectScoped) {
      const projectId = facts.headers["x-project-id"];
      if (projectId === undefined || projectId === "") {
        return refuse(
          "X-Project-Id is required with AK/SK on this API (its path carries no project id); send and sign the project id.",
        );
      }
      if (!(key.projectIds ?? [this.options.projectId]).includes(projectId)) {
        return refuse(`X-Project-Id "${projectId}" is not a project of this account.`);
      }
    }
    return {
      kind: "aksk",
      projectId: facts.headers["x-project-id"],
      ...(key.domainId !== undefined ? { domainId: key.domainId } : {}),
    };
  }

  /** Why the signature is not acceptable, or `undefined` when it is. */
  private signatureFailure(
    facts: RequestFacts,
    parsed: Exclude<ReturnType<typeof parseAuthorization>, string>,
    key: AccessKeyPair,
    now: number,
  ): string | undefined {
    const names = parsed.signedHeaders;
    if (names.some((n) => n !== n.toLowerCase())) return "SignedHeaders must be lower case.";
    for (const required of ["host", "x-sdk-date"]) {
      if (!names.includes(required)) return `the "${required}" header must be signed.`;
    }
    for (const name of names) {
      if (facts.headers[name] === undefined) {
        return `the signed header "${name}" is missing from the request.`;
      }
    }
    if (key.securityToken !== undefined) {
      if (!names.includes("x-security-token")) {
        return "a temporary access key needs its security token sent and signed as X-Security-Token.";
      }
      if (facts.headers["x-security-token"] !== key.securityToken) {
        return "the X-Security-Token does not belong to this temporary access key.";
      }
    }
    const sdkDate = facts.headers["x-sdk-date"] ?? "";
    const signedAt = parseSdkDate(sdkDate);
    if (signedAt === undefined) {
      return `X-Sdk-Date "${sdkDate}" is not in the form YYYYMMDDTHHMMSSZ (UTC).`;
    }
    const skewSeconds = Math.round((signedAt - now) / 1000);
    if (Math.abs(skewSeconds) > this.options.skewWindowSeconds) {
      return `X-Sdk-Date ${sdkDate} is ${Math.abs(skewSeconds)} s ${skewSeconds < 0 ? "behind" : "ahead of"} the server clock (${new Date(now).toISOString()}); the accepted window is ±${this.options.skewWindowSeconds} s. Check the client's clock (clock skew is a common cause).`;
    }
    if (parsed.scope && parsed.scope.date !== sdkDate.slice(0, 8)) {
      return `the Credential scope date ${parsed.scope.date} does not match X-Sdk-Date ${sdkDate}.`;
    }
    const contentHash = facts.headers["x-sdk-content-sha256"];
    const bodyHash =
      contentHash !== undefined && names.includes("x-sdk-content-sha256")
        ? contentHash
        : sha256Hex(facts.body);
    let expected: string;
    try {
      expected = computeSignature(
        parsed.format,
        key.secretKey,
        sdkDate,
        {
          method: facts.method,
          rawPath: facts.rawPath,
          rawQuery: facts.rawQuery,
          headers: facts.headers,
          signedHeaders: names,
          bodyHash,
        },
        parsed.scope,
      );
    } catch {
      return "the request path or query has malformed percent-encoding.";
    }
    if (!signaturesMatch(expected, parsed.signature)) {
      return "the signature does not match. Check the secret key and that the canonical request (method, URI with trailing '/', sorted encoded query, signed headers exactly as sent, body hash) follows SDK-HMAC-SHA256.";
    }
    return undefined;
  }
}
