/**
 * The emulated IAM (`/v3`): password tokens (`POST /v3/auth/tokens`, 201 with `X-Subject-Token`)
 * scoped to a project by id or by name and domain, and `GET /v3/projects?name=` for AK/SK clients
 * that know only the project name. Errors use IAM's `{"error": {"code", "title", "message"}}` shape.
 */
import type { Authenticator } from "../authenticator";
import { formatIamTime } from "../format-time";
import { iamError } from "../reply";
import type { Reply } from "../reply";
import { isObject, parseJson } from "../route";
import type { Route } from "../route";

/** The account the emulated IAM knows. */
export interface IamIdentity {
  domainId: string;
  domainName: string;
  userId: string;
  userName: string;
  password: string;
  projectId: string;
  projectName: string;
  /** The region's own project (`eu-de`), parent of `projectName`, as OTC lays them out. */
  regionProjectId: string;
  region: string;
  /** More projects of this account (children of the region's project). */
  extraProjects?: readonly { id: string; name: string }[];
}

/** The projects of an account: the region's own, the main one, then the extra ones. */
function projectsOf(identity: IamIdentity): { id: string; name: string; parent_id: string }[] {
  return [
    { id: identity.regionProjectId, name: identity.region, parent_id: identity.domainId },
    { id: identity.projectId, name: identity.projectName, parent_id: identity.regionProjectId },
    ...(identity.extraProjects ?? []).map((p) => ({ ...p, parent_id: identity.regionProjectId })),
  ];
}

/**
 * Routes of the emulated IAM.
 *
 * @param identities the accounts, the emulator's own first (it answers domain calls without one)
 */
export function iamRoutes(
  identities: readonly IamIdentity[],
  authenticator: Authenticator,
  baseUrl: () => string,
): Route[] {
  const primary = identities[0]!;
  const badRequest = (message: string): Reply => iamError(400, "Bad Request", message);
  const unauthorized = (message: string): Reply => iamError(401, "Unauthorized", message);
  const domainMatches = (identity: IamIdentity, domain: unknown): boolean =>
    isObject(domain) &&
    (domain["name"] === identity.domainName || domain["id"] === identity.domainId);
  const userOf = (user: Record<string, unknown>): IamIdentity | undefined =>
    identities.find(
      (identity) =>
        ((user["name"] === identity.userName && domainMatches(identity, user["domain"])) ||
          user["id"] === identity.userId) &&
        user["password"] === identity.password,
    );

  return [
    {
      method: "POST",
      template: "/v3/auth/tokens",
      family: "iam",
      auth: "password",
      mutation: false,
      handle(ctx) {
        const parsed = parseJson(ctx.body);
        const auth = isObject(parsed) ? parsed["auth"] : undefined;
        const identityPart = isObject(auth) ? auth["identity"] : undefined;
        if (!isObject(auth) || !isObject(identityPart)) {
          return badRequest(
            'The request body must be {"auth": {"identity": {...}, "scope": {...}}}.',
          );
        }
        const methods = identityPart["methods"];
        const password = identityPart["password"];
        const user = isObject(password) ? password["user"] : undefined;
        if (!Array.isArray(methods) || !methods.includes("password") || !isObject(user)) {
          return badRequest(
            'Only the "password" method is emulated: auth.identity.methods must contain "password" and auth.identity.password.user must be an object.',
          );
        }
        const identity = userOf(user);
        if (!identity) return unauthorized("The username or password is wrong.");
        const projects = () => projectsOf(identity);
        const scope = auth["scope"];
        let projectId: string | undefined;
        if (scope !== undefined) {
          const project = isObject(scope) ? scope["project"] : undefined;
          if (isObject(project)) {
            const byId = project["id"];
            const found = projects().find((p) =>
              byId !== undefined
                ? p.id === byId
                : p.name === project["name"] && domainMatches(identity, project["domain"]),
            );
            if (byId === undefined && !isObject(project["domain"])) {
              return badRequest(
                "auth.scope.project.name needs auth.scope.project.domain ({name} or {id}); a project id goes alone.",
              );
            }
            if (!found) {
              return unauthorized(
                `The user has no access to the project ${JSON.stringify(byId ?? project["name"])}; check the project id or name (and its domain).`,
              );
            }
            projectId = found.id;
          } else if (!isObject(scope) || !domainMatches(identity, scope["domain"])) {
            return badRequest(
              "auth.scope must be {project: {id}}, {project: {name, domain}} or {domain}.",
            );
          }
        }
        const issued = authenticator.issueToken(projectId, identity.domainId);
        const project = projects().find((p) => p.id === projectId);
        const withCatalog = ctx.query.get("nocatalog") !== "true";
        return {
          status: 201,
          headers: { "X-Subject-Token": issued.token },
          body: {
            token: {
              expires_at: formatIamTime(issued.expiresAt),
              issued_at: formatIamTime(issued.issuedAt),
              methods: ["password"],
              user: {
                id: identity.userId,
                name: identity.userName,
                domain: { id: identity.domainId, name: identity.domainName },
                password_expires_at: "",
              },
              ...(project
                ? {
                    project: {
                      id: project.id,
                      name: project.name,
                      domain: { id: identity.domainId, name: identity.domainName },
                    },
                    roles: [{ id: "0123456789abcdef0123456789abcdef", name: "te_admin" }],
                  }
                : {
                    domain: { id: identity.domainId, name: identity.domainName },
                    roles: [],
                  }),
              ...(withCatalog ? { catalog: catalog(identity, baseUrl()) } : {}),
            },
          },
        };
      },
    },
    {
      method: "GET",
      template: "/v3/projects",
      family: "iam",
      auth: "domain",
      mutation: false,
      handle(ctx) {
        const name = ctx.query.get("name");
        const domainId = ctx.query.get("domain_id");
        const identity = identities.find((i) => i.domainId === ctx.domainId) ?? primary;
        const list = projectsOf(identity)
          .filter((p) => name === null || p.name === name)
          .filter(() => domainId === null || domainId === identity.domainId)
          .map((p) => ({
            id: p.id,
            name: p.name,
            domain_id: identity.domainId,
            parent_id: p.parent_id,
            description: "",
            enabled: true,
            is_domain: false,
            links: { self: `${baseUrl()}/v3/projects/${p.id}` },
          }));
        const self = `${baseUrl()}/v3/projects${ctx.query.size > 0 ? `?${ctx.query.toString()}` : ""}`;
        return {
          status: 200,
          body: { projects: list, links: { self, previous: null, next: null } },
        };
      },
    },
  ];
}

function catalog(identity: IamIdentity, url: string): unknown[] {
  const endpoint = (id: string, target: string) => ({
    id,
    interface: "public",
    region: identity.region,
    region_id: identity.region,
    url: target,
  });
  return [
    {
      id: "c0000000000000000000000000000001",
      type: "identity",
      name: "iam",
      endpoints: [endpoint("e0000000000000000000000000000001", `${url}/v3`)],
    },
    {
      id: "c0000000000000000000000000000002",
      type: "vpc",
      name: "vpc",
      endpoints: [endpoint("e0000000000000000000000000000002", url)],
    },
    {
      id: "c0000000000000000000000000000003",
      type: "network",
      name: "neutron",
      endpoints: [endpoint("e0000000000000000000000000000003", url)],
    },
  ];
}
