/**
 * The object Pulumi serializes into every `Ipv6Eip`'s `__provider` input: a thin shim that loads
 * the real lifecycle from the installed package when a call runs (Node caches the module).
 *
 * Why: the serialized text is stored in state and used later by `refresh` and `destroy` (pulumi
 * #6238). Keeping it free of module captures makes it small, free of secrets and identical across
 * package versions and machines (so an upgrade never shows every resource as changed, #12401),
 * and loading `pulumi-otc-ipv6-eip/lifecycle` at call time means an upgrade fixes old resources.
 *
 * Rules for this file: methods use only `this`, their arguments and `require` of Node builtins;
 * nothing from module scope (the serializer would capture it); never refer to `ipv6EipProvider`
 * by name (it is undefined after deserialization).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- builtins are required inside methods so the serializer captures no module */
import type * as nodeModule from "module";
import type * as nodePath from "path";
import type * as pulumi from "@pulumi/pulumi";

/** The lifecycle module's shape, as far as the shim uses it (context is opaque here). */
interface LoadedLifecycle {
  configure(request?: pulumi.dynamic.ConfigureRequest): Promise<unknown>;
  check(ctx: unknown, olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult>;
  diff(ctx: unknown, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult>;
  create(ctx: unknown, inputs: unknown): Promise<pulumi.dynamic.CreateResult>;
  read(ctx: unknown, id: string, props: unknown): Promise<pulumi.dynamic.ReadResult>;
  update(
    ctx: unknown,
    id: string,
    olds: unknown,
    news: unknown,
  ): Promise<pulumi.dynamic.UpdateResult>;
  delete(ctx: unknown, id: string, props: unknown): Promise<void>;
}

/** The shim's own members besides the provider methods. */
interface ShimState {
  /** The configured context; set synchronously by `configure` (the helper may call methods before it finishes). */
  ready: Promise<unknown> | undefined;
  /** Loads the lifecycle from the program's project. */
  lifecycle(): LoadedLifecycle;
  /** Runs one lifecycle operation once configuration finished (environment only when `configure` never ran). */
  run(operation: Exclude<keyof LoadedLifecycle, "configure">, args: unknown[]): Promise<never>;
}

/**
 * The dynamic provider of `Ipv6Eip`. Each method loads `pulumi-otc-ipv6-eip/lifecycle` (the entry
 * point the package declares in `exports`) resolved from the process's working directory, which
 * Pulumi sets to the program's project folder, and waits for `configure` to finish.
 */
export const ipv6EipProvider: pulumi.dynamic.ResourceProvider & ShimState = {
  ready: undefined,
  lifecycle() {
    const from = (require("path") as typeof nodePath).join(process.cwd(), "index.js");
    try {
      return (require("module") as typeof nodeModule).createRequire(from)(
        "pulumi-otc-ipv6-eip/lifecycle",
      ) as LoadedLifecycle;
    } catch (error) {
      throw new Error(
        `Ipv6Eip: cannot load pulumi-otc-ipv6-eip/lifecycle from ${from}: ${(error as Error).message}. Run npm install pulumi-otc-ipv6-eip in the program's folder.`,
      );
    }
  },
  async run(operation, args) {
    const lifecycle = this.lifecycle();
    if (this.ready === undefined) this.ready = lifecycle.configure(undefined);
    const ctx = await this.ready;
    return (lifecycle[operation] as (...a: unknown[]) => Promise<never>)(ctx, ...args);
  },
  configure(request) {
    this.ready = this.lifecycle().configure(request);
    return this.ready.then(() => undefined);
  },
  check(olds, news) {
    return this.run("check", [olds, news]);
  },
  diff(id, olds, news) {
    return this.run("diff", [id, olds, news]);
  },
  create(inputs) {
    return this.run("create", [inputs]);
  },
  read(id, props) {
    return this.run("read", [id, props]);
  },
  update(id, olds, news) {
    return this.run("update", [id, olds, news]);
  },
  delete(id, props) {
    return this.run("delete", [id, props]);
  },
};
