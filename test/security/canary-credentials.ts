/**
 * Distinctive credentials for leak tests: strings that occur nowhere unless a credential leaked,
 * and a search for them (and for their base64 and URL-encoded forms) in any text.
 */

/** The emulator's identity, with every secret a recognisable canary. */
export const CANARY = {
  domainName: "OTC-EU-DE-canarydomain",
  userName: "canary-user",
  password: "Pw-CANARY-7f3a9c2e-do-not-print",
  accessKey: "AKCANARY7F3A9C2E0001",
  secretKey: "SkCanary7f3a9c2eDoNotPrintThisSecret0000x",
} as const;

/** The secrets to look for, by name (the user and domain names are not secrets). */
export function canarySecrets(
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    password: CANARY.password,
    accessKey: CANARY.accessKey,
    secretKey: CANARY.secretKey,
    ...extra,
  };
}

/** Every form a secret might take in a leak: as is, base64, URL-encoded. */
function formsOf(secret: string): string[] {
  return [secret, Buffer.from(secret).toString("base64"), encodeURIComponent(secret)];
}

/** A place a secret was found: which text (by label) and which secret (by name, not value). */
export interface Leak {
  where: string;
  secret: string;
}

/** Searches every labelled text for every form of every secret. */
export function findLeaks(
  texts: ReadonlyMap<string, string>,
  secrets: Readonly<Record<string, string>>,
): Leak[] {
  const leaks: Leak[] = [];
  for (const [where, text] of texts) {
    for (const [name, secret] of Object.entries(secrets)) {
      if (formsOf(secret).some((form) => text.includes(form))) leaks.push({ where, secret: name });
    }
  }
  return leaks;
}
