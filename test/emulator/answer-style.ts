/**
 * The answer styles of the IPv6 EIP API: the shapes the VPC API reference documents in different
 * places, each of which a client must handle. A style only changes what the answers *say*; the
 * emulated cloud (what a later `show` reports) is the same under every style.
 *
 * - `classic`: the create example (`DOWN` with a `port_id`), a bind or unbind answering the status
 *   from before the change, every field in every answer, Neutron paging links when `limit` is given,
 *   `409 VPC.0511` for a bind onto a taken NIC.
 * - `documented`: the update page's examples — a bind answers `ACTIVE` at once (with
 *   `fixed_ip_address`), an unbind `ACTIVE` with `port_id: null`; create and update answers without
 *   `project_id`, `created_at`, `updated_at`; lists whose `floatingips_links` hold only a
 *   `previous` link to `/v2.0/floatingips_v6`; the appendix's `500 VPC.0509` for an update onto a
 *   taken port.
 * - `sparse`: create and update answers with only what the examples always show (no project, no
 *   times, no `fixed_ip_address`), binds answering `ACTIVE` at once, lists without any paging
 *   links, `500 VPC.0509` on a taken port.
 */

import type { FloatingIpWire } from "./types";

/** What the IPv6 API's answers look like. Every field can be set on its own. */
export interface AnswerStyle {
  /** What a bind (PUT with a port) answers: the status before the change, or `ACTIVE` at once. */
  bindStatus: "previous" | "active";
  /** What an unbind answers: the status before the change, or `ACTIVE` (the doc example). */
  unbindStatus: "previous" | "active";
  /** Whether create and update answers carry `project_id`, `created_at` and `updated_at`. */
  mutationTimesAndProject: boolean;
  /** Whether create and update answers carry the port's `fixed_ip_address`. */
  mutationFixedIp: boolean;
  /**
   * Paging links of the list: Neutron's `next`/`previous` when `limit` is given (`neutron`), only a
   * `previous` link as the v6 example shows (`previous-only`), or none (`none`). The last two
   * ignore `limit`, `marker` and `page_reverse`, which the v6 pages do not document.
   */
  listLinks: "neutron" | "previous-only" | "none";
  /** What an update onto a NIC that holds an EIP answers: `409 VPC.0511` or `500 VPC.0509`. */
  takenPortOnUpdate: "VPC.0511" | "VPC.0509";
}

/** The named styles. */
export type AnswerStyleName = "classic" | "documented" | "sparse";

/** Every named style, for matrices (`describe.each`). */
export const ANSWER_STYLE_NAMES: readonly AnswerStyleName[] = ["classic", "documented", "sparse"];

const STYLES: Record<AnswerStyleName, AnswerStyle> = {
  classic: {
    bindStatus: "previous",
    unbindStatus: "previous",
    mutationTimesAndProject: true,
    mutationFixedIp: true,
    listLinks: "neutron",
    takenPortOnUpdate: "VPC.0511",
  },
  documented: {
    bindStatus: "active",
    unbindStatus: "active",
    mutationTimesAndProject: false,
    mutationFixedIp: true,
    listLinks: "previous-only",
    takenPortOnUpdate: "VPC.0509",
  },
  sparse: {
    bindStatus: "active",
    unbindStatus: "active",
    mutationTimesAndProject: false,
    mutationFixedIp: false,
    listLinks: "none",
    takenPortOnUpdate: "VPC.0509",
  },
};

/** A style by name, or a named style with some fields changed. */
export type AnswerStyleChoice =
  AnswerStyleName | (Partial<AnswerStyle> & { base?: AnswerStyleName });

/** True for the name of a style. */
export function isAnswerStyleName(value: unknown): value is AnswerStyleName {
  return typeof value === "string" && (ANSWER_STYLE_NAMES as readonly string[]).includes(value);
}

/** The full style for a choice (default `classic`). */
export function resolveAnswerStyle(choice: AnswerStyleChoice | undefined): AnswerStyle {
  if (choice === undefined) return { ...STYLES.classic };
  if (typeof choice === "string") return { ...STYLES[choice] };
  const { base, ...fields } = choice;
  return { ...STYLES[base ?? "classic"], ...fields };
}

/** What a mutation was, for shaping its answer. */
export type MutationKind = "create" | "bind" | "unbind";

/** The answer body's floating IP for a create or update, in `style`. */
export function shapeMutationAnswer(
  style: AnswerStyle,
  kind: MutationKind,
  eip: Readonly<FloatingIpWire>,
): Record<string, unknown> {
  const shaped: Record<string, unknown> = { ...eip };
  if (kind === "bind" && style.bindStatus === "active") shaped["status"] = "ACTIVE";
  if (kind === "unbind" && style.unbindStatus === "active") shaped["status"] = "ACTIVE";
  if (!style.mutationTimesAndProject) {
    delete shaped["project_id"];
    delete shaped["created_at"];
    delete shaped["updated_at"];
  }
  if (!style.mutationFixedIp) delete shaped["fixed_ip_address"];
  return shaped;
}
