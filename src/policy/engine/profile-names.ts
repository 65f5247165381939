// The names of the built-in policy profiles, apart from their rules so the document schema can name them without a cycle.
export const policyProfiles = ["strict", "data-flow"] as const;
export type PolicyProfile = (typeof policyProfiles)[number];
