// Workspace's complete listings for the selection rule: the drive's files, which the user can pick by size or last change.
import type { JsonValue } from "../../../record/index.js";
import type { SelectionDeclaration } from "../../../policy/index.js";

/**
 * `list_files` lists every file of the drive (search results are subsets the model chose, so they select nothing).
 * Soundness: a file's id, size and last-modified time are the drive's own record. An outsider who writes into a file
 * (a shared document, AgentDojo's drive injection vectors) changes its size only before the run, where "the largest
 * file" then means that file to the user as much as to the agent; during the run, a listing taken after anything
 * appended to, created, deleted or shared a file proves nothing, so an injected call cannot grow a file and then have
 * it picked. Filenames, owners and contents can be someone else's words: no record is picked by name. AgentDojo's
 * injection task 1 deletes file 13, which is not the largest: it still asks.
 */
export const workspaceSelections: SelectionDeclaration = {
  listingOf(toolName: string, _args: JsonValue, result: JsonValue) {
    if (toolName !== "list_files" || !Array.isArray(result)) return undefined;
    const records = result.flatMap((item) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return [];
      const id = item.id_;
      if (typeof id !== "number" && typeof id !== "string") return [];
      const time = typeof item.last_modified === "string" ? Date.parse(item.last_modified.replace(" ", "T")) : Number.NaN;
      return [{ id, measures: { ...(typeof item.size === "number" ? { size: item.size } : {}), ...(Number.isFinite(time) ? { time } : {}) } }];
    });
    return { nouns: ["file", "document"], changedBy: ["append_to_file", "create_file", "delete_file", "share_file"], records };
  },
};
