// BFCL's GorillaFileSystem: an in-memory directory tree with cd/ls/cat/echo/mv/cp/grep/… and the reference's exact outputs.
import { PyException, attributeError } from "../../../../python/runtime/exceptions.js";
import { formatFixed } from "../../../../python/runtime/float-format.js";
import { pyCompare, pyContains, pyLen, pyTrueDivide } from "../../../../python/runtime/operators.js";
import { pyRepr, pyStr } from "../../../../python/py-repr.js";
import { requireStr, rstrip, splitWhitespace, splitlines } from "../../../../python/runtime/str-methods.js";
import { PyDict, PyInstance, deepCopy, pyEquals, pyTruthy, pyTypeName, type PyValue } from "../../../../python/py-value.js";
import { FILE_CONTENT_EXTENSION, FILES_TAIL_USED, POPULATE_FILE_EXTENSION } from "./long-context-data.js";
import { SimulatedApi, optional, required, type ApiMethod } from "./simulated-api.js";

export class FsFile extends PyInstance {
  readonly pyTypeName = "File";
  constructor(
    readonly name: PyValue,
    public content: PyValue,
  ) {
    super();
  }
  repr(): string {
    return `<<File: ${pyStr(this.name)}, Content: ${pyStr(this.content)}>>`;
  }
  equals(other: PyValue): boolean {
    return other instanceof FsFile && pyEquals(this.name, other.name) && pyEquals(this.content, other.content);
  }
}

export class FsDirectory extends PyInstance {
  readonly pyTypeName = "Directory";
  contents = new PyDict();
  constructor(
    readonly name: PyValue,
    public parent: FsDirectory | null,
  ) {
    super();
  }
  /** `_add_file`: refuses an existing name with the ValueError the reference raises. */
  addFile(fileName: PyValue, content: PyValue = ""): void {
    if (this.contents.has(fileName)) {
      throw new PyException("ValueError", `File '${pyStr(fileName)}' already exists in directory '${pyStr(this.name)}'.`);
    }
    this.contents.set(fileName, new FsFile(fileName, content));
  }
  addDirectory(dirName: PyValue): void {
    if (this.contents.has(dirName)) {
      throw new PyException("ValueError", `Directory '${pyStr(dirName)}' already exists in directory '${pyStr(this.name)}'.`);
    }
    this.contents.set(dirName, new FsDirectory(dirName, this));
  }
  /** `_get_item`: "." is the directory itself. */
  getItem(itemName: PyValue): PyValue | undefined {
    if (itemName === ".") return this;
    return this.contents.get(itemName);
  }
  repr(): string {
    return `<Directory: ${pyStr(this.name)}, Parent: ${this.parent ? pyStr(this.parent.name) : "None"}, Contents: ${pyRepr(this.contents)}>`;
  }
  equals(other: PyValue): boolean {
    return other instanceof FsDirectory && pyEquals(this.name, other.name) && pyEquals(this.contents, other.contents);
  }
}

const INVALID_NAME_CHARACTERS = [..."|/\\?%*:\"><"];

function deepCopyContents(contents: PyDict, newParent: FsDirectory): PyDict {
  const copy = new PyDict();
  for (const [name, item] of contents.items()) {
    if (item instanceof FsDirectory) {
      const directory = new FsDirectory(item.name, newParent);
      directory.contents = deepCopyContents(item.contents, directory);
      copy.set(name, directory);
    } else if (item instanceof FsFile) {
      copy.set(name, new FsFile(item.name, item.content));
    } else {
      copy.set(name, item);
    }
  }
  return copy;
}

export class GorillaFileSystem extends SimulatedApi {
  readonly pyTypeName = "GorillaFileSystem";
  longContext = false;
  root = new FsDirectory("/", null);
  private currentDir = this.root;

  /** The tree is built from new directories and files; a file's content is copied if it is not a str. */
  override get readsScenarioOnly(): boolean {
    return true;
  }

  loadScenario(scenario: PyDict, longContext: boolean): void {
    this.longContext = longContext;
    this.root = new FsDirectory("/", null);
    const rootConfig = scenario.get("root");
    if (rootConfig instanceof PyDict) {
      const [rootName] = rootConfig.keys();
      const rootEntry = rootConfig.get(rootName as PyValue) as PyDict;
      this.root = this.loadDirectory(rootEntry.get("contents") as PyDict, new FsDirectory(rootName as PyValue, null));
    }
    this.currentDir = this.root;
  }

  private loadDirectory(current: PyDict, parent: FsDirectory): FsDirectory {
    let bottommost = true;
    for (const [name, entry] of current.items()) {
      const data = entry as PyDict;
      if (data.get("type") === "directory") {
        bottommost = false;
        parent.contents.set(name, this.loadDirectory(data.get("contents") as PyDict, new FsDirectory(name, parent)));
      } else if (data.get("type") === "file") {
        let content = deepCopy(data.get("content") as PyValue);
        if (this.longContext && !FILES_TAIL_USED.includes(name as string)) content = `${content as string}${FILE_CONTENT_EXTENSION}`;
        parent.contents.set(name, new FsFile(name, content));
      }
    }
    if (bottommost && this.longContext) for (const name of POPULATE_FILE_EXTENSION) parent.addFile(name);
    return parent;
  }

  publicState(): [string, PyValue][] {
    return [
      ["long_context", this.longContext],
      ["root", this.root],
    ];
  }

  private validName(name: PyValue): boolean {
    return !INVALID_NAME_CHARACTERS.some((char) => pyContains(name, char));
  }

  /** `_navigate_to_directory`: a Directory, or the `cd: '<path>': No such file or directory` error dict. */
  private navigate(path: PyValue): FsDirectory | PyDict {
    if (path === null || path === ".") return this.currentDir;
    if (path === "/") return this.root;
    const text = requireStr(path, "strip");
    const trimmed = text.replace(/^\/+|\/+$/g, "");
    let directory = text.startsWith("/") ? this.root : this.currentDir;
    for (const part of trimmed.split("/")) {
      const next = directory.getItem(part);
      if (!(next instanceof FsDirectory)) return PyDict.fromRecord({ error: `cd: '${text}': No such file or directory` });
      directory = next;
    }
    return directory;
  }

  private fileIn(name: PyValue): FsFile | undefined {
    if (!pyContains(this.currentDir.contents, name)) return undefined;
    const item = this.currentDir.getItem(name);
    return item instanceof FsFile ? item : undefined;
  }

  pwd(): PyValue {
    const path: string[] = [];
    // The reference compares a name with the root Directory object, which never matches: the root's name is included.
    for (let directory: FsDirectory | null = this.currentDir; directory !== null; directory = directory.parent) path.push(pyStr(directory.name));
    return PyDict.fromRecord({ current_working_directory: `/${path.reverse().join("/")}` });
  }

  ls(a: PyValue): PyValue {
    let contents = this.currentDir.contents.keys();
    if (!pyTruthy(a)) contents = contents.filter((item) => !requireStr(item, "startswith").startsWith("."));
    return PyDict.fromRecord({ current_directory_content: contents });
  }

  cd(folderArg: PyValue): PyValue {
    let folder = rstrip(requireStr(folderArg, "rstrip"), "/");
    if (folder === "") folder = "/";
    if (![".", "..", "/"].includes(folder) && folder.includes("/")) {
      return PyDict.fromRecord({ error: `cd: ${folder}: Unsupported path. Only one folder level at a time is supported.` });
    }
    if (folder === "..") {
      if (this.currentDir.parent) this.currentDir = this.currentDir.parent;
      else if (this.root.equals(this.currentDir)) return PyDict.fromRecord({ error: "Current directory is already the root. Cannot go back." });
      else return PyDict.fromRecord({ error: "cd: ..: No such directory" });
      return new PyDict();
    }
    const target = this.navigate(folder);
    if (target instanceof PyDict) return target;
    this.currentDir = target;
    return PyDict.fromRecord({ current_working_directory: target.name });
  }

  mkdir(dirName: PyValue): PyValue {
    if (!this.validName(dirName)) return PyDict.fromRecord({ error: `mkdir: cannot create directory '${pyStr(dirName)}': Invalid character` });
    if (pyContains(this.currentDir.contents, dirName)) {
      return PyDict.fromRecord({ error: `mkdir: cannot create directory '${pyStr(dirName)}': File exists` });
    }
    this.currentDir.addDirectory(dirName);
    return null;
  }

  touch(fileName: PyValue): PyValue {
    if (!this.validName(fileName)) return PyDict.fromRecord({ error: `touch: cannot touch '${pyStr(fileName)}': Invalid character` });
    if (pyContains(this.currentDir.contents, fileName)) return PyDict.fromRecord({ error: `touch: cannot touch '${pyStr(fileName)}': File exists` });
    this.currentDir.addFile(fileName);
    return null;
  }

  echo(content: PyValue, fileName: PyValue): PyValue {
    if (fileName === null) return PyDict.fromRecord({ terminal_output: content });
    if (!this.validName(fileName)) return PyDict.fromRecord({ error: `echo: cannot touch '${pyStr(fileName)}': Invalid character` });
    if (!pyTruthy(fileName)) return PyDict.fromRecord({ terminal_output: content });
    if (!pyContains(this.currentDir.contents, fileName)) {
      return PyDict.fromRecord({ error: `echo: cannot write to '${pyStr(fileName)}': No such file` });
    }
    const item = this.currentDir.getItem(fileName) as PyValue;
    if (!(item instanceof FsFile)) throw attributeError(pyTypeName(item), "_write");
    item.content = content;
    return null;
  }

  cat(fileName: PyValue): PyValue {
    if (!this.validName(fileName)) return PyDict.fromRecord({ error: `cat: '${pyStr(fileName)}': Invalid character` });
    if (!pyContains(this.currentDir.contents, fileName)) {
      return PyDict.fromRecord({ error: `cat: '${pyStr(fileName)}': No such file or directory` });
    }
    const item = this.currentDir.getItem(fileName);
    if (item instanceof FsFile) return PyDict.fromRecord({ file_content: item.content });
    return PyDict.fromRecord({ error: `cat: '${pyStr(fileName)}': Is a directory` });
  }

  find(path: PyValue, name: PyValue): PyValue {
    const matches: PyValue[] = [];
    const target = this.navigate(path);
    if (target instanceof PyDict) {
      const message = target.get("error");
      if (typeof message === "string" && message.startsWith("cd:")) return PyDict.fromRecord({ error: message.replace("cd:", "find:") });
      return target;
    }
    const search = (directory: FsDirectory, basePath: string): void => {
      for (const [itemName, item] of directory.contents.items()) {
        const itemPath = `${basePath}/${pyStr(itemName)}`;
        if (name === null || pyContains(itemName, name)) matches.push(itemPath);
        if (item instanceof FsDirectory) search(item, itemPath);
      }
    };
    search(target, rstrip(requireStr(path, "rstrip"), "/"));
    return PyDict.fromRecord({ matches });
  }

  wc(fileName: PyValue, mode: PyValue): PyValue {
    if (!pyContains(["l", "w", "c"], mode)) return PyDict.fromRecord({ error: `wc: invalid mode '${pyStr(mode)}'` });
    const file = this.fileIn(fileName);
    if (file) {
      const content = requireStr(file.content, "splitlines");
      if (mode === "l") return PyDict.fromRecord({ count: BigInt(splitlines(content).length), type: "lines" });
      if (mode === "w") return PyDict.fromRecord({ count: BigInt(splitWhitespace(content).length), type: "words" });
      return PyDict.fromRecord({ count: BigInt(pyLen(content)), type: "characters" });
    }
    return PyDict.fromRecord({ error: `wc: ${pyStr(fileName)}: No such file or directory` });
  }

  sort(fileName: PyValue): PyValue {
    const file = this.fileIn(fileName);
    if (file) {
      const lines = splitlines(requireStr(file.content, "splitlines"));
      lines.sort((a, b) => pyCompare(a, b, "<"));
      return PyDict.fromRecord({ sorted_content: lines.join("\n") });
    }
    return PyDict.fromRecord({ error: `sort: ${pyStr(fileName)}: No such file or directory` });
  }

  grep(fileName: PyValue, pattern: PyValue): PyValue {
    const file = this.fileIn(fileName);
    if (file) {
      const lines = splitlines(requireStr(file.content, "splitlines"));
      return PyDict.fromRecord({ matching_lines: lines.filter((line) => pyContains(line, pattern)) });
    }
    return PyDict.fromRecord({ error: `grep: ${pyStr(fileName)}: No such file or directory` });
  }

  du(humanReadable: PyValue): PyValue {
    const sizeOf = (item: PyValue): number => {
      if (item instanceof FsFile) return Buffer.byteLength(requireStr(item.content, "encode"), "utf8");
      if (item instanceof FsDirectory) return item.contents.values().reduce((total: number, child) => total + sizeOf(child), 0);
      return 0;
    };
    const target = this.navigate(null) as FsDirectory;
    let total: bigint | number = BigInt(sizeOf(target));
    let text: string | undefined;
    if (pyTruthy(humanReadable)) {
      for (const unit of ["B", "KB", "MB", "GB", "TB"]) {
        if (pyCompare(total, 1024n, "<") < 0) {
          text = `${formatFixed(Number(total), 2)} ${unit}`;
          break;
        }
        total = pyTrueDivide(total, 1024n);
      }
      text ??= `${formatFixed(Number(total), 2)} PB`;
    } else {
      text = `${total} bytes`;
    }
    return PyDict.fromRecord({ disk_usage: text });
  }

  tail(fileName: PyValue, lines: PyValue): PyValue {
    const file = this.fileIn(fileName);
    if (file) {
      const content = splitlines(requireStr(file.content, "splitlines"));
      let count = lines;
      if (pyCompare(count, BigInt(content.length), ">") > 0) count = BigInt(content.length);
      if (typeof count !== "bigint" && typeof count !== "boolean") {
        throw new PyException("TypeError", "slice indices must be integers or None or have an __index__ method");
      }
      // content[-lines:], with Python's slice clamping (lines == 0 keeps every line).
      const start = -Number(count);
      const from = start < 0 ? Math.max(content.length + start, 0) : Math.min(start, content.length);
      return PyDict.fromRecord({ last_lines: content.slice(from).join("\n") });
    }
    return PyDict.fromRecord({ error: `tail: ${pyStr(fileName)}: No such file or directory` });
  }

  diff(fileName1: PyValue, fileName2: PyValue): PyValue {
    if (pyContains(this.currentDir.contents, fileName1) && pyContains(this.currentDir.contents, fileName2)) {
      const file1 = this.currentDir.getItem(fileName1);
      const file2 = this.currentDir.getItem(fileName2);
      if (file1 instanceof FsFile && file2 instanceof FsFile) {
        const lines1 = splitlines(requireStr(file1.content, "splitlines"));
        const lines2 = splitlines(requireStr(file2.content, "splitlines"));
        const differing: string[] = [];
        for (let index = 0; index < Math.min(lines1.length, lines2.length); index += 1) {
          if (lines1[index] !== lines2[index]) differing.push(`- ${lines1[index]}\n+ ${lines2[index]}`);
        }
        return PyDict.fromRecord({ diff_lines: differing.join("\n") });
      }
    }
    return PyDict.fromRecord({ error: `diff: ${pyStr(fileName1)} or ${pyStr(fileName2)}: No such file or directory` });
  }

  /** mv and cp share their shape; `move` pops the source, and directories get their own deep copy of the contents. */
  private transfer(operation: "mv" | "cp", source: PyValue, destination: PyValue): PyValue {
    const verb = operation === "mv" ? "move" : "copy";
    const past = operation === "mv" ? "moved" : "copied";
    const contents = this.currentDir.contents;
    if (!pyContains(contents, source)) return PyDict.fromRecord({ error: `${operation}: cannot ${verb} '${pyStr(source)}': No such file or directory` });
    const item = this.currentDir.getItem(source) as FsFile | FsDirectory;
    if (pyContains(destination, "/")) {
      return PyDict.fromRecord({ error: `${operation}: path not allowed in destination. Provide only a file or directory name.` });
    }
    const place = (directory: FsDirectory, name: PyValue): void => {
      if (item instanceof FsFile) directory.addFile(name, item.content);
      else {
        directory.addDirectory(name);
        const created = directory.contents.get(name) as FsDirectory;
        created.contents = deepCopyContents(item.contents, created);
      }
    };
    if (pyContains(contents, destination)) {
      const target = this.currentDir.getItem(destination);
      if (!(target instanceof FsDirectory)) {
        return PyDict.fromRecord({ error: `${operation}: cannot ${verb} '${pyStr(source)}' to '${pyStr(destination)}': Not a directory` });
      }
      if (pyContains(target.contents, source)) {
        return PyDict.fromRecord({ error: `${operation}: cannot ${verb} '${pyStr(source)}' to '${pyStr(destination)}/${pyStr(source)}': File exists` });
      }
      if (operation === "mv") contents.delete(source);
      place(target, source);
      return PyDict.fromRecord({ result: `'${pyStr(source)}' ${past} to '${pyStr(destination)}/${pyStr(source)}'` });
    }
    if (operation === "mv") contents.delete(source);
    place(this.currentDir, destination);
    return PyDict.fromRecord({ result: `'${pyStr(source)}' ${past} to '${pyStr(destination)}'` });
  }

  rm(fileName: PyValue): PyValue {
    if (pyContains(this.currentDir.contents, fileName)) {
      this.currentDir.contents.delete(fileName);
      return PyDict.fromRecord({ result: `'${pyStr(fileName)}' removed` });
    }
    return PyDict.fromRecord({ error: `rm: cannot remove '${pyStr(fileName)}': No such file or directory` });
  }

  rmdir(dirName: PyValue): PyValue {
    if (pyContains(this.currentDir.contents, dirName)) {
      const item = this.currentDir.getItem(dirName);
      if (item instanceof FsDirectory) {
        if (item.contents.size > 0) return PyDict.fromRecord({ error: `rmdir: cannot remove '${pyStr(dirName)}': Directory not empty` });
        this.currentDir.contents.delete(dirName);
        return PyDict.fromRecord({ result: `'${pyStr(dirName)}' removed` });
      }
      return PyDict.fromRecord({ error: `rmdir: cannot remove '${pyStr(dirName)}': Not a directory` });
    }
    return PyDict.fromRecord({ error: `rmdir: cannot remove '${pyStr(dirName)}': No such file or directory` });
  }

  protected defineMethods(): Record<string, ApiMethod<GorillaFileSystem>> {
    const method = (parameters: ApiMethod<GorillaFileSystem>["parameters"], invoke: ApiMethod<GorillaFileSystem>["invoke"]): ApiMethod<GorillaFileSystem> => ({ parameters, invoke });
    return {
      pwd: method([], (self) => self.pwd()),
      ls: method([optional("a", false)], (self, [a]) => self.ls(a as PyValue)),
      cd: method([required("folder")], (self, [folder]) => self.cd(folder as PyValue)),
      mkdir: method([required("dir_name")], (self, [name]) => self.mkdir(name as PyValue)),
      touch: method([required("file_name")], (self, [name]) => self.touch(name as PyValue)),
      echo: method([required("content"), optional("file_name", null)], (self, [content, name]) => self.echo(content as PyValue, name as PyValue)),
      cat: method([required("file_name")], (self, [name]) => self.cat(name as PyValue)),
      find: method([optional("path", "."), optional("name", null)], (self, [path, name]) => self.find(path as PyValue, name as PyValue)),
      wc: method([required("file_name"), optional("mode", "l")], (self, [name, mode]) => self.wc(name as PyValue, mode as PyValue)),
      sort: method([required("file_name")], (self, [name]) => self.sort(name as PyValue)),
      grep: method([required("file_name"), required("pattern")], (self, [name, pattern]) => self.grep(name as PyValue, pattern as PyValue)),
      du: method([optional("human_readable", false)], (self, [human]) => self.du(human as PyValue)),
      tail: method([required("file_name"), optional("lines", 10n)], (self, [name, lines]) => self.tail(name as PyValue, lines as PyValue)),
      diff: method([required("file_name1"), required("file_name2")], (self, [a, b]) => self.diff(a as PyValue, b as PyValue)),
      mv: method([required("source"), required("destination")], (self, [source, destination]) => self.transfer("mv", source as PyValue, destination as PyValue)),
      rm: method([required("file_name")], (self, [name]) => self.rm(name as PyValue)),
      rmdir: method([required("dir_name")], (self, [name]) => self.rmdir(name as PyValue)),
      cp: method([required("source"), required("destination")], (self, [source, destination]) => self.transfer("cp", source as PyValue, destination as PyValue)),
    };
  }
}
