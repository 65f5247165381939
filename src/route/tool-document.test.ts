// What text of a tool routing matches against.
import { describe, expect, it } from "vitest";
import { embeddingExamplesPerTool, toolDocumentTerms, toolDocumentText } from "./tool-document.js";

const refund = {
  name: "issue_refund",
  description: "Refund part of what a customer paid.",
  inputSchema: {
    type: "object",
    properties: {
      customer_id: { type: "string", description: "The customer's id." },
      reason: { type: "string", enum: ["duplicate_charge", "cancelled"] },
      lines: { type: "array", items: { type: "object", properties: { invoiceNumber: { type: "string", description: "Invoice to credit" } } } },
    },
  },
};

describe("toolDocumentTerms", () => {
  it("weights the name, and takes the description, parameter names, descriptions, enum values and nested items", () => {
    const terms = toolDocumentTerms(refund);
    expect(terms.filter((term) => term === "issue")).toHaveLength(2);
    for (const term of ["paid", "customer", "id", "reason", "duplicate", "charge", "line", "invoice", "number", "credit"]) expect(terms).toContain(term);
  });

  it("adds example requests", () => {
    expect(toolDocumentTerms(refund, ["I was billed twice"])).toEqual(expect.arrayContaining(["bill", "twice"]));
  });
});

describe("toolDocumentText", () => {
  it("reads as prose for embedding models", () => {
    const text = toolDocumentText(refund, ["money back please"]);
    expect(text).toContain("issue refund (issue_refund): Refund part of what a customer paid.");
    expect(text).toContain("customer id The customer's id.");
    expect(text).toContain("Example requests: money back please");
  });

  it("keeps embedding text bounded: only the first examples", () => {
    const many = Array.from({ length: 50 }, (_, index) => `example ${index}`);
    const text = toolDocumentText(refund, many);
    expect(text).toContain(`example ${embeddingExamplesPerTool - 1}`);
    expect(text).not.toContain(`example ${embeddingExamplesPerTool} `);
    expect(text).not.toMatch(new RegExp(`example ${embeddingExamplesPerTool}($| )`));
  });
});
