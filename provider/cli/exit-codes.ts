/**
 * The exit codes of `otc-ipv6-eip`, and the mapping from this package's typed errors onto them.
 * Scripts rely on these numbers: never renumber one.
 */
import {
  AuthError,
  ConfigurationError,
  InvalidInputError,
  NicAlreadyHasEipError,
  NotFoundError,
  SecondEipOnNicError,
  UsageError,
} from "../core/errors";

/** Every exit code the tool uses. */
export const ExitCode = {
  /** The command did what was asked (`nic`: the port exists and holds no EIP; `doctor`: every check passed). */
  Ok: 0,
  /** An operational failure: an API or network error (also once `--timeout` is spent), a release that failed, a declined confirmation. */
  Failure: 1,
  /** The command line is wrong: unknown command or option, a malformed value, `--delete` without confirmation. */
  Usage: 2,
  /** The settings are incomplete or invalid, or authentication was refused. */
  Config: 3,
  /** The EIP asked for does not exist. */
  NotFound: 4,
  /** `nic`: the NIC already holds an IPv4 or IPv6 EIP (one EIP per NIC). */
  NicHasEip: 5,
  /** `doctor`: at least one check failed (each failure is printed with its fix). */
  DoctorFailed: 6,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code that an error thrown by a command stands for. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError || error instanceof InvalidInputError) return ExitCode.Usage;
  if (error instanceof ConfigurationError || error instanceof AuthError) return ExitCode.Config;
  if (error instanceof NotFoundError) return ExitCode.NotFound;
  if (error instanceof NicAlreadyHasEipError || error instanceof SecondEipOnNicError) {
    return ExitCode.NicHasEip;
  }
  return ExitCode.Failure;
}
