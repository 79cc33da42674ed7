/**
 * Waiting for something shared (a token being issued, a project look-up, another request's
 * verdict) no longer than the waiting call's own deadline allows.
 */
import type { Clock } from "./clock";

/**
 * Resolves or rejects as `promise` does, unless `deadline` (epoch ms on `clock`) comes first: then
 * rejects with `onExpiry()`. The promise itself goes on (others may share it). The timer is a real
 * one of the time left by `clock`, cleared as soon as either side settles.
 */
export function waitWithin<T>(
  promise: Promise<T>,
  deadline: number | undefined,
  clock: Clock,
  onExpiry: () => Error,
): Promise<T> {
  if (deadline === undefined) return promise;
  const leftMs = deadline - clock.now();
  if (leftMs <= 0) return Promise.reject(onExpiry());
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onExpiry()), leftMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: Error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
