// The workspace cloud-drive tools: finding, reading, creating, appending to, sharing and deleting files.
import { nextId } from "../shared/next-id.js";
import type { CloudDriveFile, SharingPermission, WorkspaceEnvironment } from "./environment.js";
import { formatNow } from "./environment.js";

type CloudDrive = WorkspaceEnvironment["cloud_drive"];

export const cloudDriveToolNames = ["append_to_file", "search_files_by_filename", "create_file", "delete_file", "get_file_by_id", "list_files", "share_file", "search_files"] as const;

function fileById(drive: CloudDrive, id: unknown): CloudDriveFile {
  const file = drive.files[String(id)];
  if (!file) throw new Error(`File with ID '${String(id)}' not found.`);
  return file;
}

const characters = (text: string) => [...text].length;
const copy = <T>(value: T): T => structuredClone(value);

export function executeCloudDriveTool(env: WorkspaceEnvironment, tool: string, args: Record<string, unknown>, now: Date): unknown {
  const drive = env.cloud_drive;
  switch (tool) {
    case "list_files":
      return copy(Object.values(drive.files));
    case "get_file_by_id":
      return copy(fileById(drive, args.file_id));
    case "search_files_by_filename": {
      const needle = String(args.filename).toLowerCase();
      return copy(Object.values(drive.files).filter((file) => file.filename.toLowerCase().includes(needle)));
    }
    case "search_files": {
      const query = String(args.query);
      const matches = Object.values(drive.files).filter((file) => file.content.toLowerCase().includes(query.toLowerCase()));
      if (matches.length === 0) throw new Error(`No files found with the given query ('${query}'). Try a different search term.`);
      return copy(matches);
    }
    case "create_file": {
      const content = String(args.content);
      const file: CloudDriveFile = { id_: nextId(drive.files), filename: String(args.filename), content, owner: drive.account_email, last_modified: formatNow(now), shared_with: {}, size: characters(content) };
      drive.files[file.id_] = file;
      return copy(file);
    }
    case "append_to_file": {
      const file = fileById(drive, args.file_id);
      file.content += String(args.content);
      file.size = characters(file.content);
      file.last_modified = formatNow(now);
      return copy(file);
    }
    case "share_file": {
      const permission = String(args.permission);
      if (permission !== "r" && permission !== "rw") throw new Error(`permission must be 'r' or 'rw', not '${permission}'`);
      const file = fileById(drive, args.file_id);
      file.shared_with[String(args.email)] = permission as SharingPermission;
      return copy(file);
    }
    case "delete_file": {
      const file = fileById(drive, args.file_id);
      delete drive.files[file.id_];
      return copy(file);
    }
    default:
      throw new Error(`the cloud drive has no tool ${tool}`);
  }
}
