/**
 * The three ways the client authenticates (see `otc-auth-and-config.md`): an IAM token obtained
 * with a password (cached, single-flight, renewed ahead of expiry), a pre-issued token, or AK/SK
 * signing with `X-Project-Id`. It also finds the project id when only a name was configured.
 */
import { AuthError, ConfigurationError, OtcApiError, type RequestTarget } from "../../core/errors";
import type { ApiCall } from "../api/api-call";
import type { Clock } from "../transport/clock";
import type {
  Authenticator,
  OutgoingRequest,
  RequestExecutor,
} from "../transport/request-executor";
import type { Redactor } from "../transport/debug-log";
import type { Credentials, ResolvedSettings } from "../settings/settings";
import { signRequest } from "./sign-request";
import { TokenCache, type IssuedToken } from "./token-cache";
import { SharedFlight } from "./shared-flight";
import { SigningGate } from "./signing-gate";
import { waitWithin } from "../transport/wait-within";
import { waitExpiredError } from "../transport/executor-errors";
import type { SendResult } from "../transport/send-once";
import type { WireProjectList, WireToken } from "../api/wire-types";

/** What the authenticator needs. */
export interface AuthenticatorOptions {
  settings: ResolvedSettings;
  /** The project to scope to (an override, else the configured id). */
  projectId: string | undefined;
  /** The project name, when no id is known. */
  projectName: string | undefined;
  executor: RequestExecutor;
  clock: Clock;
  refreshAheadMs: number;
  /** Learns issued tokens, so that they are scrubbed from logs and errors too. */
  redact?: Redactor;
  /** Told the project id once a name-scoped identity learns it (from a token or from IAM). */
  onProjectKnown?: (projectId: string) => void;
}

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The authenticator for the configured identity. */
export class OtcAuthenticator implements Authenticator {
  readonly kind: Credentials["kind"];
  private readonly credentials: Credentials;
  private readonly tokens: TokenCache | undefined;
  private readonly projectLookup: SharedFlight<string>;
  private knownProjectId: string | undefined;
  private readonly gate: SigningGate | undefined;
  private tokenScopeCheck: Promise<void> | undefined;

  /** @param options settings, project scope, and the executor that carries IAM calls */
  constructor(private readonly options: AuthenticatorOptions) {
    this.credentials = options.settings.credentials;
    this.kind = this.credentials.kind;
    this.projectLookup = new SharedFlight(options.clock);
    if (this.credentials.kind === "password") {
      this.tokens = new TokenCache(
        (deadline) => this.issueToken(deadline),
        options.clock,
        options.refreshAheadMs,
      );
    }
    if (this.credentials.kind === "aksk") this.gate = new SigningGate(options.redact);
  }

  /**
   * The project id: configured, else from the password token, else looked up in IAM; waited for
   * no longer than `deadline`.
   */
  async projectId(deadline?: number): Promise<string> {
    if (this.options.projectId !== undefined) return this.options.projectId;
    if (this.knownProjectId !== undefined) return this.knownProjectId;
    const since = this.options.clock.now();
    const id = await this.projectLookup.run(
      deadline,
      (d) => this.lookUpProjectId(d),
      () => waitExpiredError(this.projectSource(), undefined, this.options.clock.now() - since),
    );
    this.knownProjectId = id;
    return id;
  }

  /** The IAM call that tells the project id, for the message of a wait for it that ran out. */
  private projectSource(): string {
    switch (this.credentials.kind) {
      case "password":
        return `POST ${this.iamPath("/auth/tokens")} (IAM token, which names the project)`;
      case "token":
        return `GET ${this.iamPath("/auth/tokens")} (the token's project)`;
      case "aksk":
        return `GET ${this.iamPath("/projects")} (project id look-up)`;
    }
  }

  async apply(call: ApiCall, request: OutgoingRequest): Promise<string | undefined> {
    const c = this.credentials;
    switch (c.kind) {
      case "token":
        if (call.auth === "project") await this.checkTokenScope(call);
        request.headers["x-auth-token"] = c.token.reveal();
        return c.token.reveal();
      case "password": {
        const since = this.options.clock.now();
        const t = await this.tokens!.get(call.deadline, () =>
          waitExpiredError(
            `POST ${this.iamPath("/auth/tokens")} (IAM token)`,
            call,
            this.options.clock.now() - since,
          ),
        );
        request.headers["x-auth-token"] = t.token;
        return t.token;
      }
      case "aksk": {
        const url = new URL(request.url);
        const signed: Record<string, string> = { host: url.host };
        if (request.body !== undefined)
          signed["content-type"] = request.headers["content-type"] ?? "application/json";
        if (call.auth === "project") signed["x-project-id"] = await this.projectId(call.deadline);
        if (c.securityToken) signed["x-security-token"] = c.securityToken.reveal();
        await this.admitSigned(call);
        const s = signRequest(
          { method: request.method, url: request.url, headers: signed, body: request.body ?? "" },
          { accessKey: c.accessKey.reveal(), secretKey: c.secretKey.reveal() },
          {
            format: this.options.settings.signingFormat,
            now: new Date(this.options.clock.now() + this.gate!.offsetMs),
          },
        );
        Object.assign(request.headers, signed, {
          "x-sdk-date": s.sdkDate,
          authorization: s.authorization,
        });
        return undefined;
      }
    }
  }

  /** Waits (within the call's deadline) until the signing gate lets this signed request go. */
  private admitSigned(call: ApiCall): Promise<void> {
    const since = this.options.clock.now();
    return this.gate!.admit((verdict) =>
      waitWithin(verdict, call.deadline, this.options.clock, () =>
        waitExpiredError(
          "the first signed request of this access key (its verdict decides whether the others may go)",
          call,
          this.options.clock.now() - since,
        ),
      ),
    );
  }

  observe(call: ApiCall, target: RequestTarget, result: SendResult): void {
    if (this.gate === undefined || call.auth === "none") return;
    this.gate.observe(target, result.ok ? result.answer : undefined, this.options.clock.now());
  }

  refusal(): Error | undefined {
    return this.gate?.refused();
  }

  renew(token: string | undefined): boolean {
    // AK/SK: resent only once after the signing time was corrected by OTC's clock (a rejection
    // for any other reason is never retried: five in a row lock the key).
    if (this.gate !== undefined) return this.gate.takeRetryGrant();
    return this.tokens !== undefined && this.tokens.invalidate(token);
  }

  /** The path of an IAM call (the auth URL's path plus `path`), for messages. */
  private iamPath(path: string): string {
    const base = this.options.settings.authUrl;
    return base === undefined ? path : `${new URL(base).pathname.replace(/\/$/, "")}${path}`;
  }

  private authUrl(what: string): string {
    const url = this.options.settings.authUrl;
    if (url === undefined) {
      throw new ConfigurationError([
        {
          key: "otc:authUrl",
          env: ["OS_AUTH_URL"],
          reason: `missing: needed to ${what}; set the IAM endpoint, e.g. "https://iam.eu-de.otc.t-systems.com/v3" (or set otc:projectId).`,
        },
      ]);
    }
    return url;
  }

  /** IAM's password token request for `scope`. */
  private tokenCall(
    base: string,
    c: Extract<Credentials, { kind: "password" }>,
    scope: Record<string, unknown>,
  ): ApiCall {
    return {
      method: "POST",
      baseUrl: base,
      path: "/auth/tokens",
      query: [["nocatalog", "true"]],
      body: {
        auth: {
          identity: {
            methods: ["password"],
            password: {
              user: {
                name: c.userName,
                password: c.password.reveal(),
                domain: { name: c.domainName },
              },
            },
          },
          scope,
        },
      },
      okStatuses: [200, 201],
      // Issuing a token changes nothing, so resending after an unknown outcome is harmless.
      idempotent: true,
      auth: "none",
      countKey: "token",
      tokenRequest: true,
      purpose: "IAM token",
    };
  }

  private async issueToken(deadline: number | undefined): Promise<IssuedToken> {
    const c = this.credentials;
    if (c.kind !== "password") throw new Error("issueToken needs a password identity");
    const { projectId, projectName } = this.options;
    const scope =
      projectId !== undefined
        ? { project: { id: projectId } }
        : { project: { name: projectName, domain: { name: c.domainName } } };
    const base = this.authUrl("obtain an IAM token");
    let answer;
    try {
      answer = await this.options.executor.execute({
        ...this.tokenCall(base, c, scope),
        ...(deadline !== undefined ? { deadline } : {}),
      });
    } catch (e) {
      throw this.explainScopeRefusal(e, projectId);
    }
    const token = header(answer.headers, "x-subject-token");
    const body = parseJson(answer.body) as { token?: WireToken } | undefined;
    const path = `${new URL(base).pathname}/auth/tokens`;
    if (!token) {
      throw new AuthError(
        { method: "POST", path, status: answer.status, retryable: false },
        "IAM answered without an X-Subject-Token header: check that otc:authUrl is OTC's IAM v3 endpoint.",
      );
    }
    this.options.redact?.add(token);
    const scopedTo = body?.token?.project?.id;
    if (scopedTo !== undefined) this.options.onProjectKnown?.(scopedTo);
    const expires = Date.parse(body?.token?.expires_at ?? "");
    return {
      token,
      // Without a readable expiry, assume one hour: renewing early is harmless.
      expiresAt: Number.isNaN(expires) ? this.options.clock.now() + 3_600_000 : expires,
      projectId: scopedTo,
    };
  }

  /**
   * IAM answers a token request for a project the user cannot use exactly as one with a wrong
   * password. When the scope is not the configured project but the resource's own (from its
   * state), that project is the likelier cause: say so, naming both.
   */
  private explainScopeRefusal(error: unknown, scopedTo: string | undefined): unknown {
    const configured = this.options.settings.projectId;
    if (
      !(error instanceof AuthError) ||
      error.status !== 401 ||
      scopedTo === undefined ||
      scopedTo === configured
    ) {
      return error;
    }
    return new AuthError(
      {
        method: error.method,
        path: error.path,
        status: error.status,
        retryable: false,
        ...(error.otcCode !== undefined ? { otcCode: error.otcCode } : {}),
        ...(error.otcMessage !== undefined ? { otcMessage: error.otcMessage } : {}),
        ...(error.requestId !== undefined ? { requestId: error.requestId } : {}),
      },
      `IAM refused a token scoped to project ${scopedTo}, the project this resource's state ` +
        `records (the configured project is ${configured ?? "not set; it is found by name"}). ` +
        "Most likely that project no longer exists or this user has no role in it: use " +
        `credentials that may act in project ${scopedTo}. Otherwise the password credentials are ` +
        "wrong: check otc:userName, otc:password and otc:domainName. Not retried automatically: " +
        "repeated failures can lock the user.",
    );
  }

  /** The project the pre-issued token is scoped to, asked of IAM (`GET /v3/auth/tokens`). */
  private async tokenProjectId(deadline: number | undefined): Promise<string | undefined> {
    const c = this.credentials;
    if (c.kind !== "token") return undefined;
    const answer = await this.options.executor.execute({
      method: "GET",
      baseUrl: this.authUrl("find the token's project"),
      path: "/auth/tokens",
      headers: { "x-subject-token": c.token.reveal() },
      okStatuses: [200],
      idempotent: true,
      auth: "signed",
      purpose: "the token's project",
      ...(deadline !== undefined ? { deadline } : {}),
    });
    return (parseJson(answer.body) as { token?: WireToken } | undefined)?.token?.project?.id;
  }

  /**
   * A pre-issued token cannot be re-scoped: when the client must act in another project than the
   * configured one (an existing resource's), make sure the token belongs to it, since answers from
   * the wrong project would make the resource look deleted.
   */
  private checkTokenScope(call: ApiCall): Promise<void> {
    const wanted = this.options.projectId;
    const configured = this.options.settings.projectId;
    if (wanted === undefined || wanted === configured) return Promise.resolve();
    this.tokenScopeCheck ??= (async () => {
      const actual = configured ?? (await this.tokenProjectId(call.deadline));
      if (actual !== undefined && actual !== wanted) {
        throw new ConfigurationError([
          {
            key: "otc:token",
            env: ["OS_TOKEN", "OS_AUTH_TOKEN"],
            reason: `the token is scoped to project ${actual}, but this resource belongs to project ${wanted}; configure a token (or other credentials) for project ${wanted}.`,
          },
        ]);
      }
    })();
    const check = this.tokenScopeCheck;
    // A transient failure of the check is not remembered; a mismatch is.
    check.catch((e: unknown) => {
      if (!(e instanceof ConfigurationError) && this.tokenScopeCheck === check) {
        this.tokenScopeCheck = undefined;
      }
    });
    const since = this.options.clock.now();
    return waitWithin(check, call.deadline, this.options.clock, () =>
      waitExpiredError(
        `GET ${this.iamPath("/auth/tokens")} (the token's project)`,
        call,
        this.options.clock.now() - since,
      ),
    );
  }

  private async lookUpProjectId(deadline: number | undefined): Promise<string> {
    const c = this.credentials;
    if (c.kind === "password") {
      const since = this.options.clock.now();
      const t = await this.tokens!.get(deadline, () =>
        waitExpiredError(
          `POST ${this.iamPath("/auth/tokens")} (IAM token)`,
          undefined,
          this.options.clock.now() - since,
        ),
      );
      if (t.projectId) return t.projectId;
    }
    const base = this.authUrl("find the project id");
    if (c.kind === "token") {
      const id = await this.tokenProjectId(deadline);
      if (id) return id;
      throw new ConfigurationError([
        {
          key: "otc:projectId",
          env: ["OS_PROJECT_ID"],
          reason:
            "missing: the configured token is not scoped to a project; set the project id or use a project-scoped token.",
        },
      ]);
    }
    const name = this.options.projectName;
    if (name === undefined) {
      throw new ConfigurationError([
        {
          key: "otc:projectId",
          env: ["OS_PROJECT_ID"],
          reason: "missing: set the project id or name.",
        },
      ]);
    }
    const answer = await this.options.executor.execute({
      method: "GET",
      baseUrl: base,
      path: "/projects",
      query: [["name", name]],
      okStatuses: [200],
      idempotent: true,
      auth: "signed",
      purpose: "project id look-up",
      ...(deadline !== undefined ? { deadline } : {}),
    });
    const list = parseJson(answer.body) as Partial<WireProjectList> | undefined;
    const found = list?.projects?.find((p) => p.name === name) ?? list?.projects?.[0];
    if (!found?.id) {
      if (list?.projects === undefined) {
        throw new OtcApiError(
          {
            method: "GET",
            path: `${new URL(base).pathname}/projects`,
            status: answer.status,
            retryable: false,
          },
          "IAM's answer had no project list: check that otc:authUrl is OTC's IAM v3 endpoint.",
        );
      }
      throw new ConfigurationError([
        {
          key: "otc:projectName",
          env: ["OS_PROJECT_NAME"],
          reason: `no project named ${JSON.stringify(name)} is visible to this access key; check the name (e.g. "eu-de_myproject") or set otc:projectId.`,
        },
      ]);
    }
    this.options.onProjectKnown?.(found.id);
    return found.id;
  }
}
