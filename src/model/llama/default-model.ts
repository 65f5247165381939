// The `llama:default` model: which GGUF toolgate downloads when no model is given, where from, and how to verify it.

/** A downloadable GGUF, pinned by checksum: the URL may move to a mirror, the bytes may not change. */
export interface ModelDescriptor {
  /** Human-readable name used in messages. */
  name: string;
  /** File name inside the model cache directory. */
  fileName: string;
  url: string;
  /** SHA-256 of the whole file, lowercase hex. */
  sha256: string;
  sizeBytes: number;
  license: string;
}

/**
 * Qwen2.5-1.5B-Instruct (Apache-2.0), Q4_K_M: small enough for a laptop CPU, trained for tool calling, and its chat
 * template is recognised by node-llama-cpp (QwenChatWrapper), so `auto` tool choice uses the model's own call syntax.
 *
 * Checksum source: the Git LFS pointer published with the commit that uploaded this exact file,
 * https://huggingface.co/ThomasBaruzier/Qwen2.5-1.5B-Instruct-GGUF/commit/4726ad0ad99c0b090bff85a0a967b7294a3fa381
 * ("oid sha256:78912c35…ab9b1", "size 986048736"); the file page at a later commit (5a63176…) shows the same SHA-256.
 * The URL is pinned to that commit, so a later re-upload in the repository cannot change what is downloaded.
 */
export const defaultModel: ModelDescriptor = {
  name: "Qwen2.5-1.5B-Instruct Q4_K_M",
  fileName: "Qwen2.5-1.5B-Instruct-Q4_K_M.gguf",
  url: "https://huggingface.co/ThomasBaruzier/Qwen2.5-1.5B-Instruct-GGUF/resolve/4726ad0ad99c0b090bff85a0a967b7294a3fa381/Qwen2.5-1.5B-Instruct-Q4_K_M.gguf",
  sha256: "78912c35a285c921468fc48e9956b9a71f4f2e53e9b44905878cd94a2f3ab9b1",
  sizeBytes: 986_048_736,
  license: "Apache-2.0",
};
