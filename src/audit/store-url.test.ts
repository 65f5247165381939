// Store URLs parse into a location, keep credentials out of what is printed, and fail with the accepted forms.
import { describe, expect, it } from "vitest";
import { AuditConfigError } from "./errors.js";
import { defaultAuditStoreUrl, parseAuditStoreUrl, redactCredentials } from "./store-url.js";

describe("parseAuditStoreUrl", () => {
  it("resolves sqlite paths against the given directory", () => {
    expect(parseAuditStoreUrl(defaultAuditStoreUrl, "/srv/app")).toEqual({ kind: "sqlite", path: "/srv/app/.toolgate/audit.db", memory: false, displayUrl: "sqlite:/srv/app/.toolgate/audit.db" });
    expect(parseAuditStoreUrl("sqlite:///var/audit.db", "/srv/app")).toMatchObject({ path: "/var/audit.db" });
    expect(parseAuditStoreUrl("sqlite:/var/audit.db", "/srv/app")).toMatchObject({ path: "/var/audit.db" });
    expect(parseAuditStoreUrl("sqlite::memory:", "/srv/app")).toMatchObject({ memory: true, displayUrl: "sqlite::memory:" });
  });

  it("takes the schema from the query and removes credentials from the display URL", () => {
    const location = parseAuditStoreUrl("postgres://audit:s3cret@db.internal:5432/toolgate?schema=audit_trail&sslmode=require", "/");
    expect(location).toEqual({
      kind: "postgres",
      connectionString: "postgres://audit:s3cret@db.internal:5432/toolgate?sslmode=require",
      schema: "audit_trail",
      displayUrl: "postgres://db.internal:5432/toolgate?sslmode=require&schema=audit_trail",
    });
    expect(parseAuditStoreUrl("postgresql://localhost/test", "/")).toMatchObject({ schema: "public" });
  });

  it("rejects unknown schemes, empty paths and unsafe schema names, naming the accepted forms", () => {
    expect(() => parseAuditStoreUrl("mysql://root:pw@host/db", "/")).toThrow(AuditConfigError);
    expect(() => parseAuditStoreUrl("mysql://root:pw@host/db", "/")).toThrow(/unknown audit store URL "mysql:\/\/host\/db" — use sqlite:<path>/);
    expect(() => parseAuditStoreUrl("sqlite:", "/")).toThrow(/names no file/);
    expect(() => parseAuditStoreUrl("postgres://h/db?schema=x;drop", "/")).toThrow(/not a plain SQL identifier/);
    expect(() => parseAuditStoreUrl("", "/")).toThrow(/no audit store URL/);
  });

  it("redacts credentials in free text", () => {
    expect(redactCredentials("postgres://u:p@h/db")).toBe("postgres://h/db");
  });
});
