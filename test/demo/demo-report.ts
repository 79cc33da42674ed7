/**
 * What the demo prints: numbered steps in the words of the Pulumi command a user would run, plan
 * lines like a preview's, outputs, refusals, and a check mark or a cross for every expectation.
 */
import type { Writable } from "node:stream";
import type { Emulator, Port } from "../emulator";

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) =>
  useColour ? `\u001b[${code}m${text}\u001b[0m` : text;
const bold = paint("1");
const dim = paint("2");
const green = paint("32");
const red = paint("31");
const yellow = paint("33");

/** Collects the demo's output and whether any expectation failed. */
export class DemoReport {
  private stepNumber = 0;
  /** True once any expectation failed. */
  failed = false;

  /** @param out where to print (stdout) */
  constructor(private readonly out: Writable) {}

  private line(text = ""): void {
    this.out.write(`${text}\n`);
  }

  /** The set-up: the emulator and its NICs. */
  intro(emulator: Emulator, project: string, nics: Port[]): void {
    this.line(bold(`pulumi-otc-ipv6-eip demo — project ${project}, stack dev`));
    this.line(
      dim(
        `OTC emulator on ${emulator.url} (region ${emulator.region}, project ${emulator.projectName})`,
      ),
    );
    nics.forEach((nic, i) =>
      this.line(dim(`  NIC ${"ABC"[i]}: ${nic.id}  fixed IP ${nic.fixedIp}`)),
    );
  }

  /** Starts a numbered step. */
  step(command: string, what: string): void {
    this.stepNumber += 1;
    this.line();
    this.line(bold(`${this.stepNumber}. $ ${command}`) + dim(`   # ${what}`));
  }

  /** A plan line: `+ create`, `~ update`, `- delete`. */
  planLine(op: "+" | "~" | "-", name: string, verb: string, detail: string): void {
    const colour = op === "+" ? green : op === "-" ? red : yellow;
    this.line(`   ${colour(`${op} otc:Ipv6Eip ${name} ${verb}`)} ${detail}`);
  }

  /** Output values, aligned. */
  outputs(values: Record<string, string>): void {
    const width = Math.max(...Object.keys(values).map((k) => k.length));
    this.line("   Outputs:");
    for (const [k, v] of Object.entries(values)) this.line(`     ${k.padEnd(width)}  ${v}`);
  }

  /** A refused plan, as the user would read it. */
  refusal(message: string): void {
    for (const l of message.split("\n")) this.line(`   ${red("error:")} ${l}`);
  }

  /** A note (e.g. the provider's warnings). */
  note(text: string): void {
    for (const l of text.split("\n")) this.line(dim(`   ${l}`));
  }

  /** Checks one expectation of the story; a failure is printed with what was seen instead. */
  expect(ok: boolean, what: string, seen: () => string): void {
    if (ok) {
      this.line(`   ${green("✓")} ${what}`);
    } else {
      this.failed = true;
      this.line(`   ${red("✗")} ${what}`);
      this.line(`     ${red("saw:")} ${seen()}`);
    }
  }

  /** The closing lines: API calls per endpoint and the verdict. */
  summary(counts: Record<string, number>): void {
    this.line();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    this.line(dim(`API calls the emulator served: ${total}`));
    for (const [k, v] of Object.entries(counts).sort())
      this.line(dim(`  ${String(v).padStart(3)}  ${k}`));
    this.line();
    this.line(
      this.failed
        ? red(bold("demo FAILED: a step did not behave as described"))
        : green(bold("demo passed: every step behaved as described")),
    );
  }
}
