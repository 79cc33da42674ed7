/**
 * Settings re-scoped to a project given by name (`eu-de_team-a`): the client then finds the
 * project's id once (from the password token, or from IAM for AK/SK) and scopes every call to it.
 * A project given by id needs no new settings: the client takes it as its `projectId` option.
 */
import { ConfigurationError } from "../../core/errors";
import type { ResolvedSettings } from "./settings";

/**
 * The settings scoped to the project named `name` instead of the configured one.
 *
 * @param name an OTC project name, already checked
 * @param key the stack-config key that names the identity, for the message (`otc:token`)
 * @throws ConfigurationError for a pre-issued token, which is bound to its own project
 */
export function withProjectName(
  settings: ResolvedSettings,
  name: string,
  key = "otc:token",
): ResolvedSettings {
  if (settings.projectName === name && settings.projectId === undefined) return settings;
  if (settings.authKind === "token") {
    throw new ConfigurationError([
      {
        key,
        env: ["OS_TOKEN", "OS_AUTH_TOKEN"],
        reason: `a pre-issued token is scoped to one project and cannot be re-scoped to project ${JSON.stringify(name)}; give the project by its id (32 hex characters) or use an access key pair or a password for this connection.`,
      },
    ]);
  }
  const copy = { ...settings, projectId: undefined, projectName: name };
  Object.defineProperty(copy, "credentials", { value: settings.credentials, enumerable: false });
  Object.defineProperty(copy, "proxy", { value: settings.proxy, enumerable: false });
  return Object.freeze(copy);
}
