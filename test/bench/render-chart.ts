/**
 * The README's chart: a self-contained SVG of horizontal bars (measured wall time against its
 * lower bound) made from the benchmark's result, with no dependency.
 */
import type { BenchResult, OperationName } from "./bench-types";

/** One bar: the measured value and, optionally, a reference drawn as a marker (the lower bound). */
interface Bar {
  label: string;
  value: number;
  reference?: number;
  /** A different colour for bars that are estimates, not measurements. */
  estimate?: boolean;
}

interface Panel {
  title: string;
  bars: Bar[];
}

/** Wait times of the incumbent Terraform-based provider, from its source: fixed, whatever OTC does. */
export const INCUMBENT_WAITS_MS = {
  /** A fixed 5 s before the first status poll of every create. */
  create: 5000,
  /** About 7 s per delete (fixed waits around the unbind and the delete). */
  delete: 7000,
  /** A flat 60 s sleep per 429 answer. */
  throttle: 60_000,
} as const;

const OPERATION_LABELS: Readonly<Record<OperationName, string>> = {
  checkNew: "check (new resource)",
  createBound: "create (bound)",
  diff: "diff",
  refresh: "refresh",
  rebind: "rebind",
  deleteBound: "delete (bound)",
};

const WIDTH = 760;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 110;
const BAR_HEIGHT = 18;
const ROW_GAP = 8;
const TITLE_HEIGHT = 34;
const PANEL_GAP = 18;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function renderPanel(panel: Panel, top: number): { svg: string; height: number } {
  const scaleWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20;
  const max = Math.max(1, ...panel.bars.map((b) => Math.max(b.value, b.reference ?? 0)));
  const parts = [`<text x="10" y="${top + 22}" class="title">${escapeXml(panel.title)}</text>`];
  panel.bars.forEach((bar, i) => {
    const y = top + TITLE_HEIGHT + i * (BAR_HEIGHT + ROW_GAP);
    const width = Math.max(1, (bar.value / max) * scaleWidth);
    const value = bar.reference
      ? `${formatMs(bar.value)} (≥ ${formatMs(bar.reference)})`
      : formatMs(bar.value);
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 13}" class="label" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" class="${bar.estimate ? "estimate" : "bar"}"/>`,
      `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 13}" class="value">${escapeXml(value)}</text>`,
    );
    if (bar.reference !== undefined) {
      const x = LABEL_WIDTH + (bar.reference / max) * scaleWidth;
      parts.push(
        `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y - 3}" y2="${y + BAR_HEIGHT + 3}" class="bound"/>`,
      );
    }
  });
  return {
    svg: parts.join("\n"),
    height: TITLE_HEIGHT + panel.bars.length * (BAR_HEIGHT + ROW_GAP) + PANEL_GAP,
  };
}

/** The chart for `result` as SVG text. */
export function renderChart(result: BenchResult): string {
  const ops = result.operations;
  const panels: Panel[] = [
    {
      title: `Each operation through Pulumi's provider helper (emulator latency ${result.latencyMs} ms; line = lower bound)`,
      bars: (Object.keys(OPERATION_LABELS) as OperationName[])
        .filter((name) => name !== "diff")
        .map((name) => ({
          label: OPERATION_LABELS[name],
          value: ops[name].wallMs,
          reference: ops[name].lowerBoundMs,
        })),
    },
    {
      title: `Bound creates, parallelism ${result.parallel.parallelism} (line = ceil(N/16) × 2 × latency)`,
      bars: result.scaling.map((s) => ({
        label: `${s.n} resource${s.n === 1 ? "" : "s"}`,
        value: s.wallMs,
        reference: s.lowerBoundMs,
      })),
    },
    {
      title:
        "One bound IPv6 EIP: this provider (measured) vs the Terraform-based provider's fixed waits",
      bars: [
        { label: "create: pulumi-otc-ipv6-eip", value: ops.createBound.wallMs },
        { label: "create: fixed 5 s wait", value: INCUMBENT_WAITS_MS.create, estimate: true },
        { label: "delete: pulumi-otc-ipv6-eip", value: ops.deleteBound.wallMs },
        { label: "delete: fixed waits ≈ 7 s", value: INCUMBENT_WAITS_MS.delete, estimate: true },
      ],
    },
  ];
  const t = result.throttled;
  if (t) {
    const bar = (label: string, f: typeof t.adaptive, estimate = false): Bar => ({
      label,
      value: f.wallMs,
      reference: f.floorMs,
      ...(estimate ? { estimate } : {}),
    });
    panels.push({
      title: `${t.n} new resources under a ${t.requestsPerSecond} requests/s limit (burst ${t.burst}), parallelism ${t.parallelism} (line = the limit's floor)`,
      bars: [
        bar(`this client: ${pct(t.adaptive.throttledShare)} 429s`, t.adaptive),
        bar(`limiter off: ${pct(t.limiterOff.throttledShare)} 429s`, t.limiterOff),
        bar(
          `60 s per 429 (computed): ${t.incumbentComputed.failures} fail`,
          t.incumbentComputed,
          true,
        ),
      ],
    });
  }
  let top = 0;
  const body: string[] = [];
  for (const panel of panels) {
    const rendered = renderPanel(panel, top);
    body.push(rendered.svg);
    top += rendered.height;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top}" viewBox="0 0 ${WIDTH} ${top}" role="img" aria-label="pulumi-otc-ipv6-eip benchmark">`,
    "<style>",
    "text { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; fill: #222; }",
    ".title { font-size: 13px; font-weight: 600; } .label, .value { font-size: 12px; }",
    ".bar { fill: #4c78a8; } .estimate { fill: #bbbbbb; } .bound { stroke: #d62728; stroke-width: 2; }",
    "</style>",
    `<rect width="${WIDTH}" height="${top}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}
