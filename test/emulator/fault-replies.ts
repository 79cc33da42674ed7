/**
 * The answers of the faults that replace a response (throttling, 5xx, busy, forbidden, a failed
 * assign), each in the
 * shape of the service that would send it: the gateway for 429/503/504, an HTML page for 502, the
 * VPC or Neutron shape for 500, 409 and 403, IAM's code for IAM throttling.
 */
import type { ChosenFault } from "./fault-engine";
import { gatewayError, iamError, neutronError, vpcError } from "./reply";
import type { Reply } from "./reply";
import type { ApiFamily } from "./route";

/** The reply a fault sends instead of the route's, or `undefined` for faults that do not reply. */
export function replyForFault(
  fault: ChosenFault,
  family: ApiFamily,
  requestId: string,
): Reply | undefined {
  switch (fault.kind) {
    case "throttle": {
      const reply =
        family === "iam"
          ? gatewayError(
              429,
              "IAM.0012",
              "Request too frequent: the IAM request rate limit is reached.",
              requestId,
            )
          : gatewayError(
              429,
              "APIG.0308",
              "The throttling threshold has been reached: policy user over ratelimit, limit:100, time:1 minute.",
              requestId,
            );
      return fault.retryAfterSeconds === undefined
        ? reply
        : { ...reply, headers: { "Retry-After": String(fault.retryAfterSeconds) } };
    }
    case "server-error":
      return serverError(fault.status ?? 503, family, requestId);
    case "busy":
      return family === "neutron"
        ? neutronError("VPC.0512", "The resource is busy; try again later.")
        : vpcError("VPC.0512", "The system is busy; try again later.");
    case "forbidden":
      return family === "neutron"
        ? {
            status: 403,
            body: {
              NeutronError: {
                type: "Forbidden",
                message: "The account is frozen or its balance is insufficient (VPC.0502).",
                detail: "",
              },
            },
          }
        : {
            status: 403,
            body: {
              code: "VPC.0502",
              message:
                "You are not allowed to assign an EIP: the account is frozen or its balance is insufficient.",
            },
          };
    case "assign-failed":
      return assignFailed(fault.code);
    case "reset-before":
    case "reset-after":
    case "eip-error":
    case "expire-token":
    case "delay":
      return undefined;
  }
}

/** A create refused with a 500 the appendix lists for assign: nothing was created. */
function assignFailed(code: string | undefined): Reply {
  return code === "VPC.0504"
    ? { status: 500, body: { code: "VPC.0504", message: "FloatIp is null." } }
    : { status: 500, body: { code: "VPC.0503", message: "Failed to assign the EIP." } };
}

function serverError(status: number, family: ApiFamily, requestId: string): Reply {
  switch (status) {
    case 500:
      if (family === "iam")
        return iamError(
          500,
          "Internal Server Error",
          "An unexpected error prevented the server from fulfilling your request.",
        );
      return family === "vpc"
        ? vpcError("VPC.0514", "Backend (Neutron) error; try again later.")
        : {
            status: 500,
            body: {
              NeutronError: {
                type: "InternalServerError",
                message: "Request Failed: internal server error while processing your request.",
                detail: "",
              },
            },
          };
    case 502:
      return {
        status: 502,
        text: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
      };
    case 504:
      return gatewayError(504, "APIG.0202", "Backend timeout.", requestId);
    default:
      return gatewayError(status, "APIG.0201", "Backend unavailable.", requestId);
  }
}
