// The error a developer gets when a router is configured in a way that cannot work; the message names the fix.

export class RouterConfigError extends Error {
  override readonly name = "RouterConfigError";
}
