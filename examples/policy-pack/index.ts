/**
 * A CrossGuard policy pack: one EIP per NIC on Open Telekom Cloud.
 *
 * Run it with `pulumi preview --policy-pack <this directory>` (see README.md).
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("otc-one-eip-per-nic", { policies });
