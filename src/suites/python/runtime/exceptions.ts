// A Python exception raised inside the simulated APIs: its class name and message, as `str(e)` would print it.

/**
 * Raised by the Python-semantics helpers and the simulated APIs. The checker turns it into
 * `Error during execution: <message>` exactly as the reference's `except Exception as e` does.
 */
export class PyException extends Error {
  constructor(
    readonly pyType: string,
    readonly pyMessage: string,
  ) {
    super(`${pyType}: ${pyMessage}`);
    this.name = "PyException";
  }
}

export function typeError(message: string): PyException {
  return new PyException("TypeError", message);
}

export function valueError(message: string): PyException {
  return new PyException("ValueError", message);
}

export function attributeError(typeName: string, attribute: string): PyException {
  return new PyException("AttributeError", `'${typeName}' object has no attribute '${attribute}'`);
}
