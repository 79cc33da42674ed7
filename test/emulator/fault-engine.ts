/**
 * Decides, per request, the latency and the fault (if any) to inject: first the targeted faults
 * ("the next N requests matching method/path"), then random faults by rate. Every random choice
 * comes from the seeded generator, so a run with the same seed and the same request order injects
 * the same faults.
 */
import type { Random } from "./random";
import { pathMatches } from "./route";
import type { FaultKind, FaultOptions, FaultRates, TargetedFault } from "./types";

/** What a request is, as far as faults care. */
export interface FaultSubject {
  method: string;
  path: string;
  /** The counts key's path template. */
  template: string;
  /** POST, PUT or DELETE on an EIP API. */
  mutation: boolean;
  /** A request that starts a bind (PUT with a port, POST with a port). */
  bind: boolean;
  /** The request carries an `X-Auth-Token`. */
  token: boolean;
}

/** An injected fault, resolved. */
export interface ChosenFault {
  kind: FaultKind;
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** For `assign-failed`: the OTC code. */
  code?: string;
}

const RANDOM_ORDER: ReadonlyArray<keyof FaultRates> = [
  "throttle",
  "throttleRetryAfter",
  "serverError",
  "busy",
  "resetBefore",
  "resetAfter",
  "eipError",
  "tokenExpireEarly",
  "latencySpike",
];

/** Holds the fault configuration and draws faults from it. */
export class FaultEngine {
  private options: FaultOptions = {};
  private targeted: Array<TargetedFault & { remaining: number }> = [];

  constructor(
    private readonly random: Random,
    initial: FaultOptions,
  ) {
    this.set(initial);
  }

  /** Replaces the configuration (targeted faults start afresh). */
  set(options: FaultOptions): void {
    this.options = structuredClone(options);
    this.targeted = (options.next ?? []).map((t) => ({ ...t, remaining: t.count ?? 1 }));
  }

  /** The configuration, with the targeted faults' remaining counts. */
  get(): FaultOptions {
    return {
      ...structuredClone(this.options),
      next: this.targeted
        .filter((t) => t.remaining > 0)
        .map(({ remaining, ...t }) => ({ ...t, count: remaining })),
    };
  }

  /** The latency for one request: the fixed part plus a seeded random part. */
  latency(): number {
    const fixed = this.options.latencyMs ?? 0;
    const jitter = this.options.latencyJitterMs ?? 0;
    return fixed + (jitter > 0 ? this.random.next() * jitter : 0);
  }

  /** The fault for one request, or `undefined`. */
  choose(subject: FaultSubject): ChosenFault | undefined {
    const target = this.targeted.find((t) => t.remaining > 0 && matches(t, subject));
    if (target) {
      target.remaining--;
      return {
        kind: target.kind,
        status: target.status,
        retryAfterSeconds: target.retryAfterSeconds,
        delayMs: target.delayMs,
        code: target.code,
      };
    }
    const rates = this.options.rates;
    if (!rates) return undefined;
    const draw = this.random.next();
    const pick = this.random.next();
    let cumulative = 0;
    for (const name of RANDOM_ORDER) {
      const rate = rates[name] ?? 0;
      if (rate <= 0 || !applies(name, subject)) continue;
      cumulative += rate;
      if (draw < cumulative) return this.resolve(name, pick);
    }
    return undefined;
  }

  private resolve(name: keyof FaultRates, pick: number): ChosenFault {
    switch (name) {
      case "throttle":
        return { kind: "throttle" };
      case "throttleRetryAfter":
        return { kind: "throttle", retryAfterSeconds: this.options.retryAfterSeconds ?? 1 };
      case "serverError": {
        const statuses = this.options.serverErrorStatuses ?? [500, 502, 503, 504];
        return {
          kind: "server-error",
          status: statuses[Math.floor(pick * statuses.length)] ?? 503,
        };
      }
      case "busy":
        return { kind: "busy" };
      case "resetBefore":
        return { kind: "reset-before" };
      case "resetAfter":
        return { kind: "reset-after" };
      case "eipError":
        return { kind: "eip-error" };
      case "tokenExpireEarly":
        return { kind: "expire-token" };
      case "latencySpike":
        return { kind: "delay", delayMs: this.options.spikeMs ?? 200 };
    }
  }
}

function applies(name: keyof FaultRates, subject: FaultSubject): boolean {
  switch (name) {
    case "busy":
    case "resetAfter":
      return subject.mutation;
    case "eipError":
      return subject.bind;
    case "tokenExpireEarly":
      return subject.token;
    case "throttle":
    case "throttleRetryAfter":
    case "serverError":
    case "resetBefore":
    case "latencySpike":
      return true;
  }
}

function matches(target: TargetedFault, subject: FaultSubject): boolean {
  if (target.method !== undefined && target.method.toUpperCase() !== subject.method) return false;
  return target.path === undefined || pathMatches(target.path, subject.path, subject.template);
}
