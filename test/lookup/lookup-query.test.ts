import { InvalidInputError } from "../../provider/core/errors";
import { readLookupQuery } from "../../provider/core/lookup-query";

const ID = "2567f393-5c76-42db-a397-477723ce41f7";
const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const ADDRESS = "cdcd:910a:2222:5498:8475:1111:c013:8096";

function failure(args: unknown): InvalidInputError {
  try {
    readLookupQuery(args);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(args)}`);
}

describe("readLookupQuery", () => {
  it("reads each selector in its canonical form", () => {
    expect(readLookupQuery({ id: ID.toUpperCase() }).selector).toEqual({ by: "id", id: ID });
    expect(readLookupQuery({ portId: PORT.toUpperCase() }).selector).toEqual({
      by: "portId",
      portId: PORT,
    });
    expect(
      readLookupQuery({ address: "CDCD:910A:2222:5498:8475:1111:192.19.128.150" }).selector,
    ).toEqual({ by: "address", canonical: ADDRESS });
    expect(readLookupQuery({ ipv4Address: " 192.19.128.150 " }).selector).toEqual({
      by: "ipv4Address",
      ipv4: "192.19.128.150",
    });
  });

  it("defaults to the otc connection and the connection's project and region", () => {
    expect(readLookupQuery({ id: ID })).toEqual({
      selector: { by: "id", id: ID },
      project: undefined,
      connection: "otc",
      region: undefined,
    });
  });

  it("reads a project by name or by id, a connection and a region", () => {
    const byName = readLookupQuery({ id: ID, project: "eu-de_team-a", connection: "otc-prod" });
    expect(byName.project).toEqual({ kind: "name", name: "eu-de_team-a" });
    expect(byName.connection).toBe("otc-prod");
    const byId = readLookupQuery({ id: ID, project: "6FD9B5FDB997425F97BC5BA1F0846084" });
    expect(byId.project).toEqual({ kind: "id", id: "6fd9b5fdb997425f97bc5ba1f0846084" });
    expect(readLookupQuery({ id: ID, region: "eu-nl" }).region).toBe("eu-nl");
  });

  it("refuses no selector and several selectors, naming them", () => {
    expect(failure({}).message).toContain("none given; give exactly one");
    expect(failure({ project: "eu-de" }).property).toBe("id / address / ipv4Address / portId");
    const two = failure({ id: ID, portId: PORT });
    expect(two.message).toContain("id and portId are given; give exactly one");
  });

  it("checks each value's form, quoting it", () => {
    expect(failure({ id: "web" })).toMatchObject({ property: "id" });
    expect(failure({ id: "web" }).message).toContain('"web" is not a valid id');
    expect(failure({ portId: 42 })).toMatchObject({ property: "portId" });
    expect(failure({ address: "192.19.128.150" })).toMatchObject({ property: "address" });
    expect(failure({ ipv4Address: ADDRESS }).message).toContain("is not an IPv4 address");
    expect(failure({ id: ID, project: "team a" })).toMatchObject({ property: "project" });
    expect(failure({ id: ID, connection: "otc:prod" })).toMatchObject({ property: "connection" });
    expect(failure({ id: ID, region: "EU-DE" })).toMatchObject({ property: "region" });
  });

  it("refuses unknown arguments and non-objects", () => {
    expect(failure({ ipv6: ADDRESS }).message).toContain('"ipv6" is not an argument of getIpv6Eip');
    expect(failure(undefined)).toMatchObject({ property: "args" });
    expect(failure([ID])).toMatchObject({ property: "args" });
  });

  it("treats null like a missing argument", () => {
    expect(readLookupQuery({ id: ID, portId: null, project: null }).project).toBeUndefined();
  });
});
