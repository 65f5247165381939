// The defences a run decides under (policy version, taint tracking, spotlighting), and whether another set is weaker.
import type { SpotlightingTemplate, Policy } from "../policy/index.js";

/** Recorded with a paused run; a resume under weaker settings would let a person's decision be bypassed. */
export interface DefenceSettings {
  /**
   * The policy's digest (a declarative policy's, including its profile); `allow-all` without a policy; `unversioned`
   * for a policy object that names no digest (then only its absence or presence can be compared).
   */
  policy: string;
  taint: boolean;
  /** The spotlighting template's id, or null when untrusted results reach the model unmarked. */
  spotlighting: string | null;
}

export function defenceSettingsOf(options: { policy?: Policy; taint?: object; spotlighting?: Pick<SpotlightingTemplate, "id"> }): DefenceSettings {
  return { policy: policyIdentity(options.policy), taint: options.taint !== undefined, spotlighting: options.spotlighting?.id ?? null };
}

/** A policy's version: its digest when it has one (declarative policies and wrappers that pass one through). */
export function policyIdentity(policy: Policy | undefined): string {
  if (policy === undefined) return "allow-all";
  const digest = (policy as { digest?: unknown }).digest;
  return typeof digest === "string" && digest !== "" ? digest : "unversioned";
}

/**
 * What `now` gives up against what the run paused under, one line each; empty when nothing is weaker. A changed
 * policy counts whatever it says (a resume cannot tell "stricter" from "looser" rule by rule), and so does another
 * spotlighting template: the model would read the rest of the run marked differently from its start.
 */
export function weakerDefences(paused: DefenceSettings, now: DefenceSettings): string[] {
  const weaker: string[] = [];
  if (paused.policy !== now.policy) weaker.push(`the policy changed (${short(paused.policy)} → ${short(now.policy)})`);
  if (paused.taint && !now.taint) weaker.push("taint tracking is off");
  if (paused.spotlighting !== null && now.spotlighting !== paused.spotlighting) {
    weaker.push(now.spotlighting === null ? `spotlighting is off (the run paused with ${paused.spotlighting})` : `spotlighting changed (${paused.spotlighting} → ${now.spotlighting})`);
  }
  return weaker;
}

export function describeDefences(settings: DefenceSettings): string {
  return `policy ${short(settings.policy)}, taint ${settings.taint ? "on" : "off"}, spotlighting ${settings.spotlighting ?? "off"}`;
}

function short(digest: string): string {
  return digest.replace(/^(sha256:)?([0-9a-f]{12})[0-9a-f]*$/, "$1$2…");
}
