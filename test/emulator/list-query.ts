/**
 * Listing with Neutron-style filters and paging (`limit`, `marker`, `page_reverse`), as the VPC
 * reference describes for both floating IP APIs. Items are ordered by id (Neutron's default sort), so
 * a marker keeps its place even when the item it names has been deleted meanwhile.
 */
import { isUuid } from "./cloud-state";

/** A refused query: the message names the parameter and the value. */
export interface QueryFailure {
  message: string;
}

/** The page and its links. */
export interface Page<T> {
  items: T[];
  /** `undefined` when no `limit` was given (no paging requested). */
  links: Array<{ href: string; rel: "next" | "previous" }> | undefined;
}

/** What `listPage` needs. */
export interface PageRequest<T> {
  /** All items, sorted by id. */
  items: readonly T[];
  query: URLSearchParams;
  /** Query keys usable as filters (exact match on the field of the same name; repeated keys OR). */
  filterKeys: readonly string[];
  /** Keys accepted and ignored. */
  ignoredKeys?: readonly string[];
  /** Absolute base of the links (`http://127.0.0.1:port/v2.0/floatingips_v6`). */
  linkBase: string;
  maxLimit: number;
}

/** Filters and pages `items`; fails on an unknown parameter, a bad `limit` or a bad `marker`. */
export function listPage<T extends { id: string }>(
  request: PageRequest<T>,
): Page<T> | QueryFailure {
  const { query } = request;
  const known = new Set([
    ...request.filterKeys,
    ...(request.ignoredKeys ?? []),
    "limit",
    "marker",
    "page_reverse",
  ]);
  for (const key of new Set(query.keys())) {
    if (!known.has(key)) {
      return {
        message: `Unknown query parameter "${key}"; supported: ${[...known].join(", ")}.`,
      };
    }
  }
  let items = request.items.filter((item) =>
    request.filterKeys.every((key) => {
      const wanted = query.getAll(key);
      const value = (item as unknown as Record<string, unknown>)[key];
      return wanted.length === 0 || wanted.some((w) => String(value) === w);
    }),
  );
  const limitText = query.get("limit");
  let limit: number | undefined;
  if (limitText !== null) {
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > request.maxLimit) {
      return {
        message: `Invalid limit "${limitText}": expected an integer from 1 to ${request.maxLimit}.`,
      };
    }
    limit = Number(limitText);
  }
  const marker = query.get("marker");
  if (marker !== null && !isUuid(marker)) {
    return {
      message: `Invalid marker ${JSON.stringify(marker)}: expected the id (UUID) of a listed item.`,
    };
  }
  const reverseText = query.get("page_reverse");
  if (reverseText !== null && !/^(true|false)$/i.test(reverseText)) {
    return { message: `Invalid page_reverse "${reverseText}": expected True or False.` };
  }
  const reverse = reverseText !== null && reverseText.toLowerCase() === "true";
  const m = marker?.toLowerCase();
  if (m !== undefined) {
    items = reverse ? items.filter((i) => i.id < m) : items.filter((i) => i.id > m);
  }
  if (limit === undefined) return { items, links: undefined };
  const page = reverse ? items.slice(Math.max(0, items.length - limit)) : items.slice(0, limit);
  const links: Array<{ href: string; rel: "next" | "previous" }> = [];
  const href = (markerId: string, pageReverse: boolean): string => {
    const params = new URLSearchParams();
    for (const key of request.filterKeys) for (const v of query.getAll(key)) params.append(key, v);
    params.set("limit", String(limit));
    params.set("marker", markerId);
    if (pageReverse) params.set("page_reverse", "True");
    return `${request.linkBase}?${params.toString()}`;
  };
  const first = page[0];
  const last = page[page.length - 1];
  // Neutron offers "next" whenever a page is full (the following page may be empty) and
  // "previous" whenever the request carried a marker.
  if (!reverse) {
    if (last && page.length === limit) links.push({ href: href(last.id, false), rel: "next" });
    if (first && marker !== null) links.push({ href: href(first.id, true), rel: "previous" });
  } else {
    if (last && marker !== null) links.push({ href: href(last.id, false), rel: "next" });
    if (first && page.length === limit) links.push({ href: href(first.id, true), rel: "previous" });
  }
  return { items: page, links };
}
