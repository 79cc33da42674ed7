/**
 * Keeps one access key from being locked by its own client: OTC locks an AK/SK pair for five
 * minutes after five rejected signatures in a row, and the usual cause (a skewed clock) makes
 * every request fail the same way.
 *
 * Until a signature of this key has been accepted, only one signed request is out at a time (the
 * probe); the others wait for its verdict. A rejection whose answer's `Date` header shows this
 * machine's clock off by more than {@link SKEW_CORRECTION_THRESHOLD_MS} moves the signing time
 * by that offset (as the AWS SDKs correct clock skew) and lets one more probe go; any other
 * rejection, or a second one, refuses every waiting and later request without sending it, with
 * one message. After an acceptance, a later rejection refuses the requests not yet sent the same
 * way (those already on the wire cannot be called back).
 */
import { AuthError } from "../../core/errors";
import { headerValue, requestIdOf } from "../transport/answer-headers";
import { parseErrorBody } from "../transport/parse-error-body";
import type { HttpAnswer } from "../transport/send-once";

/** A skew smaller than this is not what made OTC reject the signature (its window is 15 min). */
export const SKEW_CORRECTION_THRESHOLD_MS = 60_000;

type GateState =
  | { kind: "unproven" }
  | { kind: "probing"; settled: Promise<void>; release: () => void }
  | { kind: "proven" }
  | { kind: "refused"; error: AuthError };

/** Waits for `promise` no longer than the caller allows (the caller's deadline). */
export type BoundedWait = <T>(promise: Promise<T>) => Promise<T>;

function describeSkew(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  return `${seconds} s ${ms > 0 ? "behind" : "ahead of"}`;
}

/** The gate of one access key. */
export class SigningGate {
  /** @param redact scrubs known secrets from OTC's message (a hostile answer may echo them) */
  constructor(private readonly redact: (text: string) => string = (text) => text) {}

  #state: GateState = { kind: "unproven" };
  #offsetMs = 0;
  #corrected = false;
  #retryGranted = false;

  /** Milliseconds to add to this machine's clock when signing (OTC's time minus ours). */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /**
   * Resolves when a request may be signed and sent now; throws the refusal when the key was
   * refused. `wait` bounds the wait for another request's verdict.
   */
  async admit(wait: BoundedWait): Promise<void> {
    for (;;) {
      const state = this.#state;
      switch (state.kind) {
        case "proven":
          return;
        case "refused":
          throw state.error;
        case "unproven": {
          let release = (): void => undefined;
          const settled = new Promise<void>((resolve) => {
            release = resolve;
          });
          this.#state = { kind: "probing", settled, release };
          return;
        }
        case "probing":
          await wait(state.settled);
      }
    }
  }

  /**
   * Learns from what a signed request brought back: an answer other than 401 proves the key; a
   * 401 is a rejection; no answer at all lets another request probe.
   *
   * @param target the call, for the refusal message
   * @param answer the answer, or `undefined` when none came
   * @param nowMs this machine's time when it arrived
   */
  observe(
    target: { method: string; path: string },
    answer: HttpAnswer | undefined,
    nowMs: number,
  ): void {
    if (answer === undefined) {
      if (this.#state.kind === "probing") this.settle({ kind: "unproven" });
      return;
    }
    if (answer.status !== 401) {
      if (this.#state.kind !== "refused") this.settle({ kind: "proven" });
      return;
    }
    if (this.#state.kind === "refused") return;
    const serverMs = Date.parse(headerValue(answer.headers, "date") ?? "");
    const skewMs = Number.isNaN(serverMs) ? undefined : serverMs - (nowMs + this.#offsetMs);
    if (
      !this.#corrected &&
      skewMs !== undefined &&
      Math.abs(skewMs) > SKEW_CORRECTION_THRESHOLD_MS
    ) {
      this.#corrected = true;
      this.#offsetMs += skewMs;
      this.#retryGranted = true;
      this.settle({ kind: "unproven" });
      return;
    }
    this.settle({ kind: "refused", error: this.refusal(target, answer, skewMs) });
  }

  /** The refusal every request of this key now fails with, or `undefined`. */
  refused(): AuthError | undefined {
    return this.#state.kind === "refused" ? this.#state.error : undefined;
  }

  /** True once after a skew correction: the rejected request may be sent again, once. */
  takeRetryGrant(): boolean {
    const granted = this.#retryGranted;
    this.#retryGranted = false;
    return granted;
  }

  private settle(next: GateState): void {
    const previous = this.#state;
    this.#state = next;
    if (previous.kind === "probing") previous.release();
  }

  private refusal(
    target: { method: string; path: string },
    answer: HttpAnswer,
    skewMs: number | undefined,
  ): AuthError {
    const body = parseErrorBody(answer.body);
    const requestId = body.requestId ?? requestIdOf(answer.headers);
    const clock = this.#corrected
      ? `The signing time was already corrected by OTC's clock (this machine's is ${describeSkew(this.#offsetMs)} OTC's), and the signature was still rejected, so the keys themselves are wrong.`
      : skewMs === undefined
        ? "OTC's answer had no Date header to check this machine's clock by: make sure it is in sync (a clock skew of more than 15 minutes invalidates every signature)."
        : `OTC's clock agrees with this machine's (within ${Math.round(Math.abs(skewMs) / 1000)} s), so the clock is not the cause.`;
    return new AuthError(
      {
        method: target.method,
        path: target.path,
        status: answer.status,
        retryable: false,
        ...(body.code !== undefined ? { otcCode: body.code } : {}),
        ...(body.message !== undefined ? { otcMessage: this.redact(body.message) } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
      },
      `OTC rejected the AK/SK signature. ${clock} Check otc:accessKey and otc:secretKey (and ` +
        "otc:securityToken for temporary keys, which expire). Every other request of this run " +
        "that would use the key is stopped unsent, so OTC counts one failure, not one per request " +
        "(five in a row lock the key for five minutes).",
    );
  }
}
