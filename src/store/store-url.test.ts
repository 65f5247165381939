// Store URLs parse into a location, keep credentials out of what is printed, and fail with the accepted forms.
import { describe, expect, it } from "vitest";
import { StoreError } from "./errors.js";
import { parseStoreUrl, redactCredentials, sqliteUrlIn } from "./store-url.js";

describe("parseStoreUrl", () => {
  it("resolves sqlite paths against the given directory", () => {
    expect(parseStoreUrl("sqlite:.toolgate/audit.db", "/srv/app")).toEqual({ kind: "sqlite", path: "/srv/app/.toolgate/audit.db", memory: false, displayUrl: "sqlite:/srv/app/.toolgate/audit.db" });
    expect(parseStoreUrl("sqlite:///var/audit.db", "/srv/app")).toMatchObject({ path: "/var/audit.db" });
    expect(parseStoreUrl("sqlite:/var/audit.db", "/srv/app")).toMatchObject({ path: "/var/audit.db" });
    expect(parseStoreUrl("sqlite::memory:", "/srv/app")).toMatchObject({ memory: true, displayUrl: "sqlite::memory:" });
  });

  it("takes the schema from the query and removes credentials from the display URL", () => {
    const location = parseStoreUrl("postgres://audit:s3cret@db.internal:5432/toolgate?schema=audit_trail&sslmode=require", "/");
    expect(location).toEqual({
      kind: "postgres",
      connectionString: "postgres://audit:s3cret@db.internal:5432/toolgate?sslmode=require",
      schema: "audit_trail",
      displayUrl: "postgres://db.internal:5432/toolgate?sslmode=require&schema=audit_trail",
    });
    expect(parseStoreUrl("postgresql://localhost/test", "/")).toMatchObject({ schema: "public" });
  });

  it("rejects unknown schemes, empty paths and unsafe schema names, naming the accepted forms", () => {
    expect(() => parseStoreUrl("mysql://root:pw@host/db", "/")).toThrow(StoreError);
    expect(() => parseStoreUrl("mysql://root:pw@host/db", "/")).toThrow(/unknown store URL "mysql:\/\/host\/db" — use sqlite:<path>/);
    expect(() => parseStoreUrl("sqlite:", "/")).toThrow(/names no file/);
    expect(() => parseStoreUrl("postgres://h/db?schema=x;drop", "/")).toThrow(/not a plain SQL identifier/);
    expect(() => parseStoreUrl("", "/")).toThrow(/no store URL given/);
    expect(() => parseStoreUrl("redis://h", "/", "audit store")).toThrow(/^unknown audit store URL "redis:\/\/h"/);
  });

  it("names the default file of a room under a data directory", () => {
    expect(sqliteUrlIn("/home/me/.toolgate", "approvals.db")).toBe("sqlite:/home/me/.toolgate/approvals.db");
    expect(parseStoreUrl(sqliteUrlIn("data", "limits.db"), "/srv/app")).toMatchObject({ kind: "sqlite", path: "/srv/app/data/limits.db" });
  });

  it("redacts credentials in free text", () => {
    expect(redactCredentials("postgres://u:p@h/db")).toBe("postgres://h/db");
  });
});
