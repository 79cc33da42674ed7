/**
 * The acceptance run's own connection to OTC: the provider's settings resolution (`OS_*`,
 * clouds.yaml) and its client's transport, used to send raw calls whose answers the run observes
 * as they came. It also knows the secrets to keep out of the report and bounds the run's calls.
 */
import { createOtcClient, sendVpcCall } from "../../provider/client/otc-client";
import type { VpcCall } from "../../provider/client/otc-client";
import { loadSettings } from "../../provider/client/settings/load-settings";
import type { Credentials, ResolvedSettings } from "../../provider/client/settings/settings";
import type { OtcClient } from "../../provider/client/types";

/** An answer as it came, with its body parsed when it is JSON. */
export interface ProbeAnswer {
  status: number;
  text: string;
  /** The parsed body, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

/** Where the run points, without any credential. */
export interface ProbeTarget {
  region: string;
  authUrl: string | undefined;
  vpcEndpoint: string;
  authKind: "token" | "aksk" | "password";
  projectId: string;
}

function identitySecrets(c: Credentials): string[] {
  switch (c.kind) {
    case "token":
      return [c.token.reveal()];
    case "aksk":
      return [
        c.accessKey.reveal(),
        c.secretKey.reveal(),
        ...(c.securityToken ? [c.securityToken.reveal()] : []),
      ];
    case "password":
      return [c.password.reveal()];
  }
}

/** The run used up its request budget. */
export class CallBudgetExceededError extends Error {}

/** The run's raw connection. */
export class ProbeSession {
  private constructor(
    private readonly settings: ResolvedSettings,
    private readonly client: OtcClient,
    private readonly budget: { max: number; extra: () => number },
  ) {}

  private readonly interruption = new AbortController();

  /** Aborts the run's calls in flight and refuses new ones; the sweeper's (exempt) calls go on. */
  interrupt(): void {
    this.interruption.abort(new Error("the run was interrupted"));
  }

  /**
   * Resolves the settings from the environment (and clouds.yaml) as the provider does, and
   * opens a client. Contacts nothing yet.
   *
   * @param externalCalls requests made elsewhere (the provider's) that count against `maxCalls`
   */
  static async open(
    env: NodeJS.ProcessEnv,
    maxCalls: number,
    externalCalls: () => number = () => 0,
  ): Promise<ProbeSession> {
    const settings = await loadSettings({}, env);
    const client = createOtcClient(settings, { debug: false });
    return new ProbeSession(settings, client, { max: maxCalls, extra: externalCalls });
  }

  /** The secret values of the identity, to scrub from anything written. */
  secrets(): string[] {
    const { httpsProxy, httpProxy } = this.settings.proxy;
    const proxies = [httpsProxy, httpProxy].flatMap((p) => (p ? [p.reveal()] : []));
    return [...identitySecrets(this.settings.credentials), ...proxies];
  }

  /** Where the run points (resolving the project id may call IAM once). */
  async target(): Promise<ProbeTarget> {
    return {
      region: this.settings.region,
      authUrl: this.settings.authUrl,
      vpcEndpoint: this.settings.vpcEndpoint,
      authKind: this.settings.credentials.kind,
      projectId: await this.client.projectId(),
    };
  }

  /** HTTP requests this session has made so far (retries and IAM included). */
  requestCount(): number {
    return Object.values(this.client.requestCounts()).reduce((a, b) => a + b, 0);
  }

  /** This session's requests by `METHOD /path-template`. */
  requestCounts(): Record<string, number> {
    return this.client.requestCounts();
  }

  /**
   * Sends one call and returns its answer when its status is in `call.acceptStatuses`.
   *
   * @param exempt true for the sweeper, which must be able to release what the run made even
   *   after the budget ran out (its own loops are bounded)
   * @throws CallBudgetExceededError when the run has made `maxCalls` requests
   */
  async send(call: VpcCall, deadline: number, exempt = false): Promise<ProbeAnswer> {
    if (!exempt && this.interruption.signal.aborted) {
      throw new Error(`the run was interrupted; not sending ${call.method} ${call.path}.`);
    }
    const made = this.requestCount() + this.budget.extra();
    if (!exempt && made >= this.budget.max) {
      throw new CallBudgetExceededError(
        `the run has made ${made} requests, its bound (OTC_ACCEPTANCE_MAX_CALLS=${this.budget.max}); stopping before ${call.method} ${call.path}.`,
      );
    }
    const answer = await sendVpcCall(this.client, call, {
      deadline,
      ...(exempt ? {} : { signal: this.interruption.signal }),
    });
    let json: unknown;
    try {
      json = answer.body === "" ? undefined : (JSON.parse(answer.body) as unknown);
    } catch {
      json = undefined;
    }
    return { status: answer.status, text: answer.body, json };
  }

  /** Closes the connection pool. */
  close(): Promise<void> {
    return this.client.close();
  }
}
