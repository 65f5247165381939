// Where an argument value came from, when it came from a tool result the application does not trust.

export interface ArgumentTaint {
  /** JSON pointer into the arguments. */
  path: string;
  sources: Array<{ callId: string; toolName: string; match: "exact" | "fuzzy" }>;
  /**
   * The user's own message holds this value too (the user typed the address that also sits in the inbox): kept in the
   * record for the audit trail, but policies do not see it as taint, because an attacker did not choose it.
   */
  endorsedByUser?: true;
}
